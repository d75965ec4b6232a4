import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { orLeftOut, toHttp, workflowStuck } from './errors';

/** A gRPC error as the Temporal client's connection raises it. */
const grpc = (code: number, details: string) => Object.assign(new Error(`${code}: ${details}`), { code, details, metadata: { getMap: () => ({}) } });
/** gRPC's status codes the tests use. */
const FAILED_PRECONDITION = 9;
const UNAVAILABLE = 14;
/** What the Temporal client raises when a query reaches a workflow whose task keeps failing (payloads too large, say). */
const stuck = () => new ServiceError('Failed to query workflow', { cause: grpc(FAILED_PRECONDITION, 'Unable to query workflow due to Workflow Task in failed state.') });

describe('one decision that cannot answer', () => {
  it('is answered 503 saying its workflow task fails and nothing recorded is lost, not 500', () => {
    expect(workflowStuck(stuck())).toBe(true);
    const answer = toHttp(stuck());
    expect(answer.status).toBe(503);
    expect(answer.headers).toEqual({ 'retry-after': '5' });
    expect(answer.body.message).toMatch(/^本决策的流程当前无法应答：其工作流任务执行失败，须由运维人员在流程引擎（Temporal）中处理；已经记录的内容没有丢失/);
  });

  it('is left out of a list of many, as one Temporal does not have; Temporal down still fails the list, and so does anything else', async () => {
    expect(await orLeftOut('D-1', () => Promise.reject(stuck()), [])).toEqual([]);
    expect(await orLeftOut('D-1', () => Promise.reject(new WorkflowNotFoundError('gone', 'D-1', undefined)), null)).toBeNull();
    expect(await orLeftOut('D-1', () => Promise.resolve(['decide']), [])).toEqual(['decide']);
    const down = new ServiceError('Failed to query workflow', { cause: grpc(UNAVAILABLE, 'connection refused') });
    await expect(orLeftOut('D-1', () => Promise.reject(down), [])).rejects.toBe(down);
    const bug = new TypeError('x is undefined');
    await expect(orLeftOut('D-1', () => Promise.reject(bug), [])).rejects.toBe(bug);
  });
});
