import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKFLOWS = join(__dirname, '..', '..', '..', 'workflows');

/**
 * How every bundle of the decision workflows is made, prebuilt (`npm run build`) or at a worker's start: the
 * workflows, and the prelude that sets up the sandbox before its globals are frozen (why: workflows/sandbox-prelude.ts).
 */
export const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: require.resolve(WORKFLOWS),
  preloadModules: [require.resolve(join(WORKFLOWS, 'sandbox-prelude'))],
};

/**
 * Where the worker gets its workflow code: the prebuilt bundle in production
 * (made by `npm run build`), the sources otherwise.
 */
export function workflowSource(bundlePath?: string): { workflowBundle: { code: string } } | { workflowsPath: string; bundlerOptions: { preloadModules: string[] } } {
  if (bundlePath) {
    if (!existsSync(bundlePath)) throw new Error(`WORKFLOW_BUNDLE_PATH=${bundlePath}: no such file; run npm run build`);
    return { workflowBundle: { code: readFileSync(bundlePath, 'utf8') } };
  }
  return { workflowsPath: WORKFLOW_BUNDLE_OPTIONS.workflowsPath, bundlerOptions: { preloadModules: WORKFLOW_BUNDLE_OPTIONS.preloadModules } };
}
