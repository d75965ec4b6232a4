import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { NATIONAL_PROFILE, profileById, type DecisionRegistration } from '../../../../libs/domain';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { majorDecision, registeredUpdate, stateQuery, type DecisionState } from '../../../../workflows';
import { DecisionNotFoundError } from '../errors';
import { TEMPORAL_CLIENT } from '../temporal.module';
import type { RegisterDecisionDto } from './dto/register-decision.dto';

@Injectable()
export class DecisionsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts the decision's workflow and waits until its registration is stored,
   * so the 201 means the record exists. The workflow id is the business id and
   * a second start with the same id fails: nothing is started twice.
   */
  async register(dto: RegisterDecisionDto) {
    const registration: DecisionRegistration = { ...dto, profile: NATIONAL_PROFILE };
    const start = new WithStartWorkflowOperation(majorDecision, {
      workflowId: dto.id,
      taskQueue: this.config.taskQueue,
      args: [{ registration, profile: profileById(registration.profile) }],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return this.temporal.workflow.executeUpdateWithStart(registeredUpdate, { startWorkflowOperation: start });
  }

  async get(id: string): Promise<{ id: string; state: DecisionState; record: unknown }> {
    const record = await this.prisma.decision.findUnique({ where: { id } });
    if (!record) throw new DecisionNotFoundError(id);
    const state = await this.temporal.workflow.getHandle(id).query(stateQuery);
    return { id, state, record };
  }
}
