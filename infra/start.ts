import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, setAppRolePassword } from '../libs/db/migrate';
import { addRegistrarKey } from './registrar';
import { ensureSealKeyFile } from '../libs/record/seal';
import { DATA_DIR, PROJECT_ROOT, WORKFLOW_BUNDLE } from './paths';
import { startPostgres, type PostgresCluster } from './postgres';
import { startTemporalDevServer, type TemporalDevServer } from './temporal';

/**
 * `npm start`: the whole system on one machine. A private PostgreSQL cluster
 * and a Temporal dev server keep their data under .data/, so a restart finds
 * every decision again. Set DATABASE_URL or TEMPORAL_ADDRESS to use servers of
 * your own instead. Ctrl-C stops everything.
 */
const env = process.env;
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);

async function main(): Promise<void> {
  mkdirSync(join(DATA_DIR, 'logs'), { recursive: true });
  const log = (name: string) => createWriteStream(join(DATA_DIR, 'logs', `${name}.log`), { flags: 'a' });
  const cleanups: (() => Promise<void> | void)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    for (const cleanup of cleanups.reverse()) await cleanup();
    console.log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    // Your own server: DATABASE_URL for the applications, MIGRATION_DATABASE_URL (default: the same) for migrations.
    let databaseUrl = env.DATABASE_URL;
    let migrationUrl = env.MIGRATION_DATABASE_URL ?? databaseUrl;
    if (!databaseUrl) {
      const pg: PostgresCluster = await startPostgres({ dataDir: join(DATA_DIR, 'postgres'), port: port('PG_PORT', 54329), database: 'decisions' });
      cleanups.push(() => pg.stop());
      // The owner migrates; the applications run as decision_app, which may append to the record but not alter it.
      migrationUrl = pg.url;
      databaseUrl = pg.url.replace('//postgres@', '//decision_app@');
      console.log(`PostgreSQL   ${databaseUrl} (data in ${pg.dataDir})`);
    }
    const { applied } = await applyMigrations(migrationUrl!, { log: (l) => console.log(l) });
    console.log(`migrations   ${applied.length} applied, database up to date`);
    if (env.DECISION_APP_PASSWORD) await setAppRolePassword(migrationUrl!, env.DECISION_APP_PASSWORD);

    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUi = env.TEMPORAL_UI_URL;
    if (!temporalAddress) {
      const temporalLog = log('temporal');
      const t: TemporalDevServer = await startTemporalDevServer({
        port: port('TEMPORAL_PORT', 7233),
        uiPort: port('TEMPORAL_UI_PORT', 8233),
        dbFile: join(DATA_DIR, 'temporal.sqlite'),
        logFile: (chunk) => temporalLog.write(chunk),
      });
      cleanups.push(() => t.stop());
      temporalAddress = t.address;
      temporalUi = t.uiUrl;
    }
    console.log(`Temporal     ${temporalAddress}`);

    const sealKeyFile = env.SEAL_KEY_FILE ?? join(DATA_DIR, 'keys', 'seal.json');
    const sealKey = ensureSealKeyFile(sealKeyFile);
    console.log(`seal key     ${sealKey.keyId} (${sealKeyFile})`);
    // The embedded default's registrar, so keys can be registered at once; with your own server, add registrars yourself.
    if (!env.DATABASE_URL) {
      const registrarFile = join(DATA_DIR, 'keys', 'registrar.json');
      const registrar = ensureSealKeyFile(registrarFile, 'sm2-sm3');
      await addRegistrarKey(migrationUrl!, '本机登记员 (the embedded default registrar)', registrar);
      console.log(`registrar    ${registrar.keyId} (${registrarFile}: endorses actors' keys, see README)`);
    }

    const childEnv = {
      ...env,
      SEAL_KEY_FILE: sealKeyFile,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      API_PORT: String(port('API_PORT', 3000)),
      WORKFLOW_BUNDLE_PATH: existsSync(WORKFLOW_BUNDLE) ? WORKFLOW_BUNDLE : '',
    };
    const launch = (name: string, script: string): ChildProcess => {
      const child = spawn(process.execPath, ['--enable-source-maps', join(PROJECT_ROOT, script)], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      const file = log(name);
      child.stdout!.pipe(file);
      child.stderr!.pipe(file);
      child.stderr!.on('data', (c: Buffer) => process.stderr.write(`[${name}] ${c}`));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.once('exit', (code) => {
        if (!stopping) {
          console.error(`${name} exited with code ${code}; see ${join(DATA_DIR, 'logs', name + '.log')}`);
          void stopAll(1);
        }
      });
      cleanups.push(async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      });
      return child;
    };
    launch('worker', 'dist/apps/worker/src/main.js');
    const api = launch('api', 'dist/apps/api/src/main.js');
    await new Promise<void>((resolve, reject) => {
      api.stdout!.on('data', (c: Buffer) => c.toString().includes('API listening') && resolve());
      api.once('exit', () => reject(new Error('the API did not start')));
    });
    const apiUrl = `http://127.0.0.1:${childEnv.API_PORT}`;
    console.log(`
The system is up.
  API            ${apiUrl}/decisions
  OpenAPI docs   ${apiUrl}/docs
  Temporal UI    ${temporalUi ?? '(external Temporal: see your cluster)'}
  logs           ${join(DATA_DIR, 'logs')}
Press Ctrl-C to stop.`);
  } catch (err) {
    console.error(`start failed: ${err instanceof Error ? err.message : err}`);
    await stopAll(1);
  }
}

void main();
