import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the worker gets its workflow code: the prebuilt bundle in production
 * (made by `npm run build`), the sources otherwise.
 */
export function workflowSource(bundlePath?: string): { workflowBundle: { code: string } } | { workflowsPath: string } {
  if (bundlePath) {
    if (!existsSync(bundlePath)) throw new Error(`WORKFLOW_BUNDLE_PATH=${bundlePath}: no such file; run npm run build`);
    return { workflowBundle: { code: readFileSync(bundlePath, 'utf8') } };
  }
  return { workflowsPath: require.resolve(join(__dirname, '..', '..', '..', 'workflows')) };
}
