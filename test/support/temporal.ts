import { TestWorkflowEnvironment } from '@temporalio/testing';
import { requireTool, TEMPORAL_TEST_SERVER } from '../../infra/paths';

/** The time-skipping test server, from the binary setup installed: never a download. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: requireTool(TEMPORAL_TEST_SERVER, 'the Temporal test server') } },
  });
}

/** The address of the real Temporal dev server the global setup started. */
export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run the tests through jest (global setup starts Temporal)');
  return address;
}

let counter = 0;
/** A task queue no other test polls. */
export function uniqueTaskQueue(name: string): string {
  return `${name}-${process.pid}-${++counter}-${Date.now()}`;
}
