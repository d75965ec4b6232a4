import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths';

/**
 * Builds the web application (apps/web, Vite) into dist/web, unless the build
 * there is newer than every source it is made from: the app itself, the
 * domain library and the record library it imports, and the lock file.
 * `--force` builds anyway. Fails loudly: a failed build exits non-zero.
 */
const OUT = join(PROJECT_ROOT, 'dist', 'web');
const STAMP = join(OUT, '.built');
const SOURCES = ['apps/web', 'libs/domain', 'libs/record', 'package-lock.json'].map((p) => join(PROJECT_ROOT, p));

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), st.mtimeMs);
}

function main(): number {
  const force = process.argv.includes('--force');
  const built = existsSync(STAMP) && existsSync(join(OUT, 'index.html')) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newest));
  if (!force && built > sources) {
    console.log('web application: dist/web is up to date');
    return 0;
  }
  const started = Date.now();
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', join(PROJECT_ROOT, 'apps', 'web', 'vite.config.mts')], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`web application: the build failed (${run.status ?? run.signal})`);
    return 1;
  }
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  console.log(`web application: built into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = main();
