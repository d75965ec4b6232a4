import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, setAppRolePassword } from '../libs/db/migrate';
import { addRegistrarKey } from './registrar';
import { DEMO_APPOINTMENTS, seedDemoGovernment } from './demo-government';
import { ensureSealKeyFile } from '../libs/record/seal';
import { ensureSecretKeyFile } from '../libs/notify/secrets';
import { DATA_DIR, PROJECT_ROOT, WORKFLOW_BUNDLE } from './paths';
import { pingPostgres, startPostgres, type PostgresCluster } from './postgres';
import { claimRun, recordRun, releaseRun } from './leftovers';
import { Supervisor, tcpProbe } from './supervisor';
import { startTemporalDevServer } from './temporal';
import { DEMO_ACCOUNTS } from './oidc/demo-accounts';
import { DEFAULT_AUDIENCE, DEFAULT_OIDC_PORT, DEFAULT_REDIRECT_URIS, ensureAccountsFile, startOidcProvider } from './oidc/provider';

/**
 * `npm start`: the whole system on one machine. A private PostgreSQL cluster
 * and a Temporal dev server keep their data under .data/, so a restart finds
 * every decision again. An OpenID Connect provider signs people in (accounts in
 * .data/oidc/accounts.json, demo persons when there is none). Set DATABASE_URL,
 * TEMPORAL_ADDRESS or OIDC_ISSUER to use servers of your own instead. Every process is supervised: one that dies (or, for the
 * servers, stops answering) is started again, with backoff, and this log says
 * so. Ctrl-C stops everything: the API, the worker, Temporal, PostgreSQL.
 */
const env = process.env;
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
const LOGS = join(DATA_DIR, 'logs');
const say = (line: string) => console.log(`${new Date().toTimeString().slice(0, 8)}  ${line}`);

const logs = new Map<string, WriteStream>();
/** One append-only log file per process, shared by its restarts. */
const logFile = (name: string): WriteStream => {
  if (!logs.has(name)) logs.set(name, createWriteStream(join(LOGS, `${name}.log`), { flags: 'a' }));
  return logs.get(name)!;
};

/** Starts a Node program of ours; ready once it has spawned, or once it prints `readyLine`. */
function nodeProgram(name: string, script: string, childEnv: NodeJS.ProcessEnv, readyLine?: string): () => Promise<ChildProcess> {
  return () =>
    new Promise((resolve, reject) => {
      // A process group of its own: a terminal's Ctrl-C reaches only us, and we stop the children in order.
      const child = spawn(process.execPath, ['--enable-source-maps', join(PROJECT_ROOT, script)], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      child.stdout!.pipe(logFile(name), { end: false });
      child.stderr!.pipe(logFile(name), { end: false });
      child.stderr!.on('data', (c: Buffer) => process.stderr.write(c.toString().replace(/^(?=.)/gm, `[${name}] `)));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`not ready within 120 s; see ${join(LOGS, name + '.log')}`));
      }, 120_000);
      const ready = () => {
        clearTimeout(timer);
        resolve(child);
      };
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code ?? signal}) before it was ready; see ${join(LOGS, name + '.log')}`));
      });
      if (!readyLine) child.once('spawn', ready);
      else {
        // The line may arrive split across two chunks: looked for in the last chunk's tail and this one.
        let tail = '';
        child.stdout!.on('data', (c: Buffer) => {
          const text = tail + c.toString();
          tail = text.slice(-readyLine.length);
          if (text.includes(readyLine)) ready();
        });
      }
    });
}

async function main(): Promise<void> {
  mkdirSync(LOGS, { recursive: true });
  // One npm start per data directory; what a killed one left running is stopped first (leftovers.ts).
  const runFile = join(DATA_DIR, 'run.json');
  try {
    await claimRun(runFile, say);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  const supervisor = new Supervisor({ log: say });
  const remember = () => recordRun(runFile, Object.entries(supervisor.pids()).map(([name, pid]) => ({ name, pid })));
  setInterval(remember, 2000).unref();
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止 / stopping…');
    // Each process has its own stop timeout (then SIGKILL); this is the bound on the whole.
    setTimeout(() => {
      console.error('停止超时，直接退出 / stopping took too long; exiting');
      process.exit(code || 1);
    }, 90_000).unref();
    await supervisor.stop();
    releaseRun(runFile);
    console.log('已全部停止 / stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  // `kill <npm's pid>`: npm passes SIGTERM to its shell, which dies without passing it on, and we are orphaned with
  // every service still running. Whoever started us gone is a stop too.
  const launcher = process.ppid;
  setInterval(() => {
    if (process.ppid === launcher) return;
    console.log('启动 npm start 的进程已退出，正在停止全部服务 / the process that started npm start is gone; stopping');
    void stopAll(0);
  }, 1000).unref();
  // Our children have process groups of their own: never leave them running behind a crash of ours.
  process.on('uncaughtException', (err) => {
    console.error('npm start failed:', err);
    void stopAll(1);
  });

  try {
    // Your own server: DATABASE_URL for the applications, MIGRATION_DATABASE_URL (default: the same) for migrations.
    let databaseUrl = env.DATABASE_URL;
    let migrationUrl = env.MIGRATION_DATABASE_URL ?? databaseUrl;
    if (!databaseUrl) {
      const pgPort = port('PG_PORT', 54329);
      const dataDir = join(DATA_DIR, 'postgres');
      let pg: PostgresCluster | undefined;
      await supervisor.add({
        name: 'PostgreSQL',
        zh: 'PostgreSQL 数据库',
        stopSignal: 'SIGINT', // a fast shutdown
        stopTimeoutMs: 20_000,
        start: async () => (pg = await startPostgres({ dataDir, port: pgPort, database: 'decisions', logFile: join(LOGS, 'postgres.log'), detached: true })).process,
        probe: () => pingPostgres(pgPort),
      });
      // The owner migrates; the applications run as decision_app, which may append to the record but not alter it.
      migrationUrl = pg!.url;
      databaseUrl = pg!.url.replace('//postgres@', '//decision_app@');
      console.log(`PostgreSQL   ${databaseUrl} (data in ${pg!.dataDir})`);
      // The owner's address: what the registrar tool (MIGRATION_DATABASE_URL) and migrations need.
      console.log(`             owner (MIGRATION_DATABASE_URL): ${pg!.url}`);
      if (pg!.dataDir !== dataDir) {
        console.log(`             postgres 用户进不了本检出目录，数据库集群放在 ${pg!.dataDir}，${dataDir} 指向它`);
        console.log(`             the postgres user cannot enter this checkout, so the cluster lives in ${pg!.dataDir}; ${dataDir} points there`);
      }
    }
    const { applied } = await applyMigrations(migrationUrl!, { log: (l) => console.log(l) });
    console.log(`migrations   ${applied.length} applied, database up to date`);
    if (env.DECISION_APP_PASSWORD) await setAppRolePassword(migrationUrl!, env.DECISION_APP_PASSWORD);

    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUi = env.TEMPORAL_UI_URL;
    if (!temporalAddress) {
      const [temporalPort, uiPort] = [port('TEMPORAL_PORT', 7233), port('TEMPORAL_UI_PORT', 8233)];
      await supervisor.add({
        name: 'Temporal',
        zh: 'Temporal 开发服务器',
        stopTimeoutMs: 15_000,
        start: async () => {
          const t = await startTemporalDevServer({
            port: temporalPort,
            uiPort,
            dbFile: join(DATA_DIR, 'temporal.sqlite'),
            logFile: (chunk) => logFile('temporal').write(chunk),
            detached: true,
          });
          return t.process;
        },
        probe: () => tcpProbe(temporalPort),
      });
      temporalAddress = `127.0.0.1:${temporalPort}`;
      temporalUi = `http://127.0.0.1:${uiPort}`;
    }
    console.log(`Temporal     ${temporalAddress}`);

    // Signing in: the embedded OpenID Connect provider, unless OIDC_ISSUER names an identity platform of your own.
    let oidcIssuer = env.OIDC_ISSUER;
    const oidcAudience = env.OIDC_AUDIENCE ?? DEFAULT_AUDIENCE;
    let accountsNote = '';
    if (!oidcIssuer) {
      const oidcPort = port('OIDC_PORT', DEFAULT_OIDC_PORT);
      const accountsFile = env.OIDC_ACCOUNTS_FILE ?? join(DATA_DIR, 'oidc', 'accounts.json');
      if (ensureAccountsFile(accountsFile, DEMO_ACCOUNTS)) {
        console.log(`accounts     wrote the demo persons to ${accountsFile}`);
        accountsNote = DEMO_ACCOUNTS.map((a) => `                 ${a.sub.padEnd(10)} ${a.name}  password ${a.password}`).join('\n');
      }
      await supervisor.add({
        name: 'OIDC',
        zh: '登录服务（OpenID Connect）',
        start: async () =>
          (
            await startOidcProvider({
              port: oidcPort,
              accountsFile,
              keysFile: join(DATA_DIR, 'oidc', 'signing-key.json'),
              audience: oidcAudience,
              // The web application's own callback (served by the API under /app), besides the tools' defaults.
              redirectUris: env.OIDC_REDIRECT_URIS?.split(',').map((u) => u.trim()).filter(Boolean) ?? [
                ...DEFAULT_REDIRECT_URIS,
                `http://127.0.0.1:${port('API_PORT', 3000)}/app/auth/callback`,
                `http://localhost:${port('API_PORT', 3000)}/app/auth/callback`,
              ],
              accessTokenTtlSeconds: env.OIDC_ACCESS_TOKEN_TTL_SECONDS ? Number(env.OIDC_ACCESS_TOKEN_TTL_SECONDS) : undefined,
              logFile: (chunk) => logFile('oidc').write(chunk),
              detached: true,
            })
          ).process,
        probe: () => tcpProbe(oidcPort),
      });
      oidcIssuer = `http://127.0.0.1:${oidcPort}`;
      console.log(`OIDC         ${oidcIssuer} (accounts in ${accountsFile})`);
    }

    const sealKeyFile = env.SEAL_KEY_FILE ?? join(DATA_DIR, 'keys', 'seal.json');
    const sealKey = ensureSealKeyFile(sealKeyFile);
    console.log(`seal key     ${sealKey.keyId} (${sealKeyFile})`);
    // The embedded default's registrars (Shenzhen's, and Guangdong's above it) and its demo government, so keys
    // can be registered and officials act at once; with your own server, add registrars and offices yourself.
    if (!env.DATABASE_URL) {
      const registrarFile = join(DATA_DIR, 'keys', 'registrar.json');
      const registrar = ensureSealKeyFile(registrarFile, 'sm2-sm3');
      await addRegistrarKey(migrationUrl!, '深圳市人事登记员 (the embedded default registrar)', registrar, 'sz');
      const provinceRegistrar = ensureSealKeyFile(join(DATA_DIR, 'keys', 'registrar-gd.json'), 'sm2-sm3');
      await addRegistrarKey(migrationUrl!, '广东省人事登记员 (the province registrar)', provinceRegistrar, 'gd');
      await seedDemoGovernment(migrationUrl!, { sz: registrar, gd: provinceRegistrar });
      console.log(`registrar    ${registrar.keyId} (${registrarFile}: endorses keys and Shenzhen's appointments, see README)`);
      console.log(`demo government 深圳市 (sz): ${DEMO_APPOINTMENTS.length} officials appointed, e.g. u-zhang 张承办 in sz-jtj`);
    }

    // Officials' webhook secrets are kept encrypted under this key (the API writes them, the worker signs with them).
    const notifySecretKeyFile = env.NOTIFY_SECRET_KEY_FILE ?? join(DATA_DIR, 'keys', 'notify-secret.key');
    ensureSecretKeyFile(notifySecretKeyFile);
    // The key public comments' fold keys are made under, outside the database (the commenters' addresses stay unguessable from it).
    const commentFoldKeyFile = env.COMMENT_FOLD_KEY_FILE ?? join(DATA_DIR, 'keys', 'comment-fold.key');
    ensureSecretKeyFile(commentFoldKeyFile);
    const childEnv = {
      ...env,
      SEAL_KEY_FILE: sealKeyFile,
      NOTIFY_SECRET_KEY_FILE: notifySecretKeyFile,
      COMMENT_FOLD_KEY_FILE: commentFoldKeyFile,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      API_PORT: String(port('API_PORT', 3000)),
      WORKFLOW_BUNDLE_PATH: existsSync(WORKFLOW_BUNDLE) ? WORKFLOW_BUNDLE : '',
      OIDC_ISSUER: oidcIssuer,
      OIDC_AUDIENCE: oidcAudience,
    };
    await supervisor.add({ name: 'worker', zh: '工作进程', start: nodeProgram('worker', 'dist/apps/worker/src/main.js', childEnv) });
    // The API bounds its own shutdown (requests in flight, each within the dependency deadline, then 5 s: main.ts); the
    // supervisor waits longer, so that bound is what holds and the API ends as it says (it was killed at 10 s, first).
    const apiShutdownMs = ((Number(env.DEPENDENCY_TIMEOUT_SECONDS) || 10) + 10) * 1000;
    await supervisor.add({ name: 'API', zh: 'API 服务', stopTimeoutMs: apiShutdownMs, start: nodeProgram('api', 'dist/apps/api/src/main.js', childEnv, 'API listening') });
    remember();
    const apiUrl = `http://127.0.0.1:${childEnv.API_PORT}`;
    console.log(`
The system is up.
  Web app        ${apiUrl}/app/   (网页：公众参与 · 决策事项 · 核查 · 签署)
  API            ${apiUrl}/decisions
  OpenAPI docs   ${apiUrl}/docs
  Temporal UI    ${temporalUi ?? '(external Temporal: see your cluster)'}
  sign-in        ${oidcIssuer}
  logs           ${LOGS}
  notifications  ${notifyLine(childEnv)}
Every endpoint but the public ones needs an access token; to get one (as a browser would: code flow with PKCE):
  TOKEN=$(${oidcIssuer === `http://127.0.0.1:${DEFAULT_OIDC_PORT}` ? '' : `OIDC_ISSUER=${oidcIssuer} `}node dist/infra/oidc/token.js u-zhang zhang-2026)
  curl -H "authorization: Bearer $TOKEN" ${apiUrl}/decisions${accountsNote ? `\n  demo persons (sub = the actor id each signs steps as):\n${accountsNote}` : ''}
A process that dies is restarted (with backoff); the lines here say so.
Press Ctrl-C to stop.`);
  } catch (err) {
    console.error(`start failed: ${err instanceof Error ? err.message : err}`);
    await stopAll(1);
  }
}

/** What the worker's notifier will do, as npm start prints it (the SMTP URL without its password). */
function notifyLine(env: NodeJS.ProcessEnv): string {
  if (env.NOTIFY_ENABLED === 'false') return 'off (NOTIFY_ENABLED=false)';
  const smtp = env.SMTP_URL?.trim();
  if (!smtp) return '消息提醒：网络回调（未设置 SMTP_URL，不发送电子邮件） / webhooks only (set SMTP_URL for e-mail)';
  const shown = smtp.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  return `消息提醒：电子邮件经 ${shown}，以及网络回调 / e-mail through ${shown}, and webhooks`;
}

void main();
