import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../apps/worker/src/workflow-source';

// The production worker runs a prebuilt bundle (npm run build): prove it builds
// and carries nothing the sandbox cannot run.
describe('production workflow bundle', () => {
  it('builds from workflows/index.ts, with its sandbox prelude, and holds only sandbox-safe code', async () => {
    const noop = () => undefined;
    const { code } = await bundleWorkflowCode({
      ...WORKFLOW_BUNDLE_OPTIONS,
      logger: { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop },
    });
    expect(code).toContain('majorDecision');
    for (const forbidden of ['@nestjs/', '@prisma/', 'node_modules/pg/', '@temporalio/client/', '@temporalio/worker/']) {
      expect(`${forbidden} bundled: ${code.includes(forbidden)}`).toBe(`${forbidden} bundled: false`);
    }
  });
});
