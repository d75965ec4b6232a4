import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { majorDecision, registeredUpdate } from '../../../../workflows';
import { NATIONAL_BASELINE } from '../../../../libs/domain';
import type { CommentsService } from '../comments/comments.service';
import type { KeysService } from '../keys/keys.service';
import { DecisionsService } from './decisions.service';

describe('DecisionsService.register', () => {
  it('starts majorDecision with the business id as workflow id and refuses duplicates', async () => {
    const executeUpdateWithStart = jest.fn().mockResolvedValue({ id: 'A-1' });
    const temporal = { workflow: { executeUpdateWithStart } } as unknown as Client;
    const config = { taskQueue: 'q-test' } as AppConfig;
    const prisma = { catalogItem: { findUnique: jest.fn().mockResolvedValue({ ref: 'c' }) } } as unknown as PrismaClient;
    const service = new DecisionsService(temporal, prisma, config, {} as KeysService, {} as CommentsService);
    const dto = { id: 'A-1', title: 't', undertakingDepartment: 'd', catalogRef: 'c', legalBasis: ['b'] };

    await service.register(dto);

    const [update, { startWorkflowOperation }] = executeUpdateWithStart.mock.calls[0];
    expect(update).toBe(registeredUpdate);
    expect(startWorkflowOperation).toBeInstanceOf(WithStartWorkflowOperation);
    expect(startWorkflowOperation.workflowTypeOrFunc).toBe(majorDecision);
    expect(startWorkflowOperation.options).toEqual({
      workflowId: 'A-1',
      taskQueue: 'q-test',
      args: [{ registration: { ...dto, profile: 'national' }, profile: NATIONAL_BASELINE }],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  });
});
