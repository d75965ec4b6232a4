import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../apps/worker/src/workflow-source';
import { WORKFLOW_BUNDLE } from './paths';

// `npm run build` makes the production workflow bundle; a failure exits non-zero.
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode(WORKFLOW_BUNDLE_OPTIONS);
  writeFileSync(WORKFLOW_BUNDLE, code);
  console.log(`workflow bundle written to ${WORKFLOW_BUNDLE} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err) => {
  console.error(`workflow bundle failed: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
