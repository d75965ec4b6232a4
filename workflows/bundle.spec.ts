import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

// The production worker runs a prebuilt bundle (npm run build): prove it builds
// and carries nothing the sandbox cannot run.
describe('production workflow bundle', () => {
  it('builds from workflows/index.ts and holds only sandbox-safe code', async () => {
    const noop = () => undefined;
    const { code } = await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'index.ts'),
      logger: { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop },
    });
    expect(code).toContain('majorDecision');
    for (const forbidden of ['@nestjs/', '@prisma/', 'node_modules/pg/', '@temporalio/client/', '@temporalio/worker/']) {
      expect(`${forbidden} bundled: ${code.includes(forbidden)}`).toBe(`${forbidden} bundled: false`);
    }
  });
});
