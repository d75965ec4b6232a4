import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root, found from here whether run from source or from dist/. */
export const PROJECT_ROOT = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return dir;
  }
  throw new Error(`cannot find the project root above ${__dirname}`);
})();

/** Project-local tools installed by infra/setup.sh (Temporal CLI and test server from PyPI). */
export const TOOLS_DIR = process.env.TOOLS_DIR ?? join(PROJECT_ROOT, '.tools');
export const TEMPORAL_CLI = process.env.TEMPORAL_CLI ?? join(TOOLS_DIR, 'temporal', 'bin', 'temporal');
export const TEMPORAL_TEST_SERVER = process.env.TEMPORAL_TEST_SERVER ?? join(TOOLS_DIR, 'temporal', 'bin', 'temporal-test-server');
/** Where `npm start` keeps its data between runs. */
export const DATA_DIR = process.env.DATA_DIR ?? join(PROJECT_ROOT, '.data');
export const WORKFLOW_BUNDLE = join(PROJECT_ROOT, 'dist', 'workflow-bundle.js');

export function requireTool(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} not found at ${path}: run npm run setup`);
  return path;
}
