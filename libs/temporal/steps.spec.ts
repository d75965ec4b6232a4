import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainErrorType, type Command } from '../domain';
import { stepUpdate, type majorDecision } from '../../workflows';
import { isRunContinuing, sendStep } from './steps';

const continuing = () => new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type: DomainErrorType.RunContinuing, message: 'moving to a new run', nonRetryable: true }));
const violation = () => new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type: DomainErrorType.ProcedureViolation, message: 'refused', nonRetryable: true }));
const handleWith = (executeUpdate: jest.Mock) => ({ executeUpdate }) as unknown as WorkflowHandle<typeof majorDecision>;
const command = { action: 'withdraw', actor: { id: 'u', name: 'u', role: 'undertaking_unit', organisation: 'o' }, payload: { reason: 'r' } } as Command;
const fast = { withinMs: 50, delayMs: 1 };

describe('sendStep', () => {
  it('sends a step the closing run refused again, with the same update id, until a run takes it', async () => {
    const executeUpdate = jest.fn().mockRejectedValueOnce(continuing()).mockRejectedValueOnce(continuing()).mockResolvedValue({ seq: 4 });
    // A window no loaded machine's timers miss (CI, with a tester's system beside it: 50 ms ran out before the third try).
    await expect(sendStep(handleWith(executeUpdate), command, 'key-1', { withinMs: 10_000, delayMs: 1 })).resolves.toEqual({ seq: 4 });
    expect(executeUpdate.mock.calls).toEqual(Array(3).fill([stepUpdate, { args: [command], updateId: 'key-1' }]));
  });

  it('leaves every other failure to the caller at once, and gives up once its time is up', async () => {
    const refused = jest.fn().mockRejectedValue(violation());
    await expect(sendStep(handleWith(refused), command, 'key-2', fast)).rejects.toThrow('update failed');
    expect(refused).toHaveBeenCalledTimes(1);
    const busy = jest.fn().mockRejectedValue(continuing());
    const started = Date.now();
    // A window a loaded machine's timers still fit several tries in (50 ms fit two, with the full suite beside it).
    const err = await sendStep(handleWith(busy), command, 'key-3', { withinMs: 300, delayMs: 1 }).catch((e: unknown) => e);
    expect(isRunContinuing(err)).toBe(true);
    expect(busy.mock.calls.length).toBeGreaterThan(3);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(isRunContinuing(violation())).toBe(false);
  });
});
