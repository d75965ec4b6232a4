import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PROJECT_ROOT, WORKFLOW_BUNDLE } from './paths';

// `npm run build` makes the production workflow bundle; a failure exits non-zero.
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: join(PROJECT_ROOT, 'workflows', 'index.ts') });
  writeFileSync(WORKFLOW_BUNDLE, code);
  console.log(`workflow bundle written to ${WORKFLOW_BUNDLE} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err) => {
  console.error(`workflow bundle failed: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
