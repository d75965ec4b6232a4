import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { loadConfig, temporalConnectionOptions, type AppConfig } from '../libs/config/config';
import { PROJECT_ROOT, TOOLS_DIR } from './paths';
import { stopChild } from './supervisor';
import { createServer } from 'node:net';
import { freePort, type TemporalDevServer } from './temporal';

/**
 * The full Temporal server, built from Go (infra/temporal-server.sh), on
 * PostgreSQL: the program a production cluster runs, here as one process with
 * its four services. Used by the test tier `npm run test:temporal-server`
 * (TEMPORAL_SERVER=full) and by `node dist/infra/temporal-server.js start`.
 *
 *  1. build: infra/temporal-server.sh, once (cached under .tools/temporal-server/<version>);
 *  2. schema: temporal-sql-tool creates the databases `temporal` and
 *     `temporal_visibility` (names can be changed) on the given PostgreSQL,
 *     sets up the versioning tables and applies every versioned schema step;
 *     safe to run again (it applies only what is missing);
 *  3. config: written from the module's config/development-postgres12.yaml,
 *     with the addresses, ports, user and password changed, and its
 *     dynamic config beside it;
 *  4. start, wait for the frontend, register the namespace (with its retention).
 */
export const TEMPORAL_SERVER_VERSION = process.env.TEMPORAL_SERVER_VERSION ?? 'v1.32.2';
export const TEMPORAL_SERVER_DIR = process.env.TEMPORAL_SERVER_DIR ?? join(TOOLS_DIR, 'temporal-server', TEMPORAL_SERVER_VERSION);

export interface TemporalDatabase {
  host: string;
  port: number;
  user: string;
  password?: string;
  /** Default `temporal`. */
  database?: string;
  /** Default `temporal_visibility`. */
  visibilityDatabase?: string;
}

export interface TemporalServer extends TemporalDevServer {
  namespace: string;
  /** The run directory: config.yaml, dynamicconfig/, server.log. */
  dir: string;
}

const binary = (name: 'server' | 'sql') => join(TEMPORAL_SERVER_DIR, 'bin', name);

/** Builds the server and its schema tool when they are not in the cache yet (minutes the first time; progress printed). */
export function buildTemporalServer(): void {
  if (existsSync(binary('server')) && existsSync(binary('sql')) && existsSync(join(TEMPORAL_SERVER_DIR, 'schema', 'postgresql', 'v12'))) return;
  const r = spawnSync('bash', [join(PROJECT_ROOT, 'infra', 'temporal-server.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TEMPORAL_SERVER_DIR, TEMPORAL_SERVER_VERSION },
  });
  if (r.status !== 0) throw new Error(`building the Temporal server ${TEMPORAL_SERVER_VERSION} failed (infra/temporal-server.sh exited with ${r.status ?? r.signal}); see ${join(TEMPORAL_SERVER_DIR, 'build.log')}`);
}

/** Parses a postgresql:// URL into what the schema tool and the server's config take. */
export function temporalDatabaseFromUrl(url: string): TemporalDatabase {
  const u = new URL(url);
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`TEMPORAL_DB_URL must be a postgresql:// URL, got ${u.protocol}`);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username || 'postgres'), password: u.password ? decodeURIComponent(u.password) : undefined };
}

function sqlTool(db: TemporalDatabase, database: string, args: string[]): string {
  const all = ['--plugin', 'postgres12', '--endpoint', db.host, '--port', String(db.port), '--user', db.user, '--database', database, ...args];
  // The password goes by environment, not on the command line where `ps` shows it.
  const r = spawnSync(binary('sql'), all, { encoding: 'utf8', env: { ...process.env, SQL_PASSWORD: db.password ?? '' } });
  if (r.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} (${database}) failed: ${r.error?.message ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout + r.stderr;
}

/**
 * Creates the two databases (unless there) and brings their schemas to the
 * newest version the server knows. The user must be allowed to create
 * databases, or the databases must exist and belong to it.
 */
export function setupTemporalSchema(db: TemporalDatabase): void {
  const schemaRoot = join(TEMPORAL_SERVER_DIR, 'schema', 'postgresql', 'v12');
  for (const [database, schema] of [
    [db.database ?? 'temporal', 'temporal'],
    [db.visibilityDatabase ?? 'temporal_visibility', 'visibility'],
  ] as const) {
    try {
      sqlTool(db, database, ['create-database']);
    } catch (err) {
      if (!/already exists/.test(String(err))) throw err;
    }
    // Version 0.0 sets up only the versioning tables (skipped when there); update-schema applies the steps not yet applied.
    sqlTool(db, database, ['setup-schema', '-v', '0.0']);
    sqlTool(db, database, ['update-schema', '-d', join(schemaRoot, schema, 'versioned')]);
  }
}

export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  /** Prometheus metrics at /metrics; 0: none. */
  metrics: number;
}

const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

/**
 * The server's configuration: the module's config/development-postgres12.yaml
 * with the addresses, ports, user, password and database names changed,
 * archival off (nothing under /tmp), pprof off, the log at `logLevel`; its
 * dynamic config (the module's dynamicconfig/development-sql.yaml, the Nexus
 * callback address changed) beside it. Returns the config file's path.
 */
export function writeTemporalServerConfig(dir: string, opts: { db: TemporalDatabase; ports: TemporalServerPorts; numHistoryShards?: number; logLevel?: string; host?: string }): string {
  const { db, ports } = opts;
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(join(dir, 'dynamicconfig'), { recursive: true });
  const dynamicConfig = join(dir, 'dynamicconfig', 'development-sql.yaml');
  const reference = readFileSync(join(TEMPORAL_SERVER_DIR, 'config', 'dynamicconfig', 'development-sql.yaml'), 'utf8');
  writeFileSync(dynamicConfig, reference.replace('http://localhost:7243/', `http://${host}:${ports.frontendHttp}/`));
  const datastore = (database: string, maxConns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: ${yamlString(database)}
        connectAddr: ${yamlString(`${db.host}:${db.port}`)}
        connectProtocol: "tcp"
        user: ${yamlString(db.user)}
        password: ${yamlString(db.password ?? '')}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnIP: ${yamlString(host)}${http ? `\n      httpPort: ${http}` : ''}`;
  const config = `# Written by infra/temporal-server.ts from go.temporal.io/server@${TEMPORAL_SERVER_VERSION} config/development-postgres12.yaml:
# addresses, ports, user, password and database names changed; archival and pprof off.
log:
  stdout: true
  level: ${opts.logLevel ?? 'warn'}

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${opts.numHistoryShards ?? 4}
  datastores:
    postgres-default:${datastore(db.database ?? 'temporal', 20)}
    postgres-visibility:${datastore(db.visibilityDatabase ?? 'temporal_visibility', 4)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: ${yamlString(host)}
  pprof:
    port: 0
${
  ports.metrics
    ? `  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: ${yamlString(`${host}:${ports.metrics}`)}
`
    : ''
}
services:
  frontend:${service(ports.frontend, ports.frontendMembership, ports.frontendHttp)}
  matching:${service(ports.matching, ports.matchingMembership)}
  history:${service(ports.history, ports.historyMembership)}
  worker:${service(ports.worker, ports.workerMembership)}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: ${yamlString(`${host}:${ports.frontend}`)}

dcRedirectionPolicy:
  policy: "noop"

archival:
  history:
    state: "disabled"
  visibility:
    state: "disabled"

namespaceDefaults:
  archival:
    history:
      state: "disabled"
    visibility:
      state: "disabled"

dynamicConfigClient:
  filepath: ${yamlString(dynamicConfig)}
  pollInterval: "10s"
`;
  const file = join(dir, 'config.yaml');
  writeFileSync(file, config);
  return file;
}

const taken = new Set<number>();

/**
 * A free port below 32768 on the loopback interface, not handed out before
 * by this process: the server keeps its members' ports in a smallint column
 * (cluster_membership.rpc_port), so the kernel's ephemeral ports (32768 and
 * up, what port 0 gives) make it fail at start ("out of range for type
 * smallint").
 */
export async function freeServerPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.unref();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000 on 127.0.0.1');
}

/** The server's log (JSON lines) as level, message and error, the last few. */
function logSummary(file: string): string {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const lines = text.trim().split('\n').slice(-400).map((line) => {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; error?: string };
      return entry.level === 'error' || entry.level === 'fatal' ? `${entry.level}: ${entry.msg}${entry.error ? ` (${entry.error})` : ''}` : '';
    } catch {
      return line.slice(0, 300);
    }
  });
  return [...new Set(lines.filter(Boolean))].slice(-8).join('\n') + `\n(the whole log: ${file})`;
}

/**
 * Registers the namespace with its retention (days), or, when it exists,
 * sets its retention to that (a deployment's namespace job is declarative);
 * waits until the frontend serves it. Says which it did.
 */
export async function registerNamespace(
  server: string | ReturnType<typeof temporalConnectionOptions>,
  namespace: string,
  retentionDays: number,
  timeoutMs = 60_000,
): Promise<'registered' | 'retention changed' | 'unchanged'> {
  const options = typeof server === 'string' ? { address: server } : server;
  const address = options.address;
  const connection = await Connection.connect({ ...options, connectTimeout: 5_000 });
  const retention = msToTs(`${retentionDays} days`);
  let outcome: 'registered' | 'retention changed' | 'unchanged' = 'registered';
  try {
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: retention });
    } catch (err) {
      if ((err as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw err;
      const { config } = await connection.workflowService.describeNamespace({ namespace });
      if (Number(config?.workflowExecutionRetentionTtl?.seconds ?? 0) === Number(retention.seconds)) outcome = 'unchanged';
      else {
        await connection.workflowService.updateNamespace({ namespace, config: { workflowExecutionRetentionTtl: retention } });
        outcome = 'retention changed';
      }
    }
    // A new namespace reaches the frontend's namespace cache within its refresh interval (a few seconds).
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await connection.workflowService.describeNamespace({ namespace });
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return outcome;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`namespace ${namespace} was registered but is not served on ${address}: ${err}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await connection.close();
  }
}

/**
 * Builds (if needed), sets up the schema, writes the config into `dir`,
 * starts the server (all four services in one process), waits for the
 * frontend and registers the namespace.
 */
export async function startTemporalServer(opts: {
  dir: string;
  db: TemporalDatabase;
  port?: number;
  namespace?: string;
  retentionDays?: number;
  logLevel?: string;
  metricsPort?: number;
  /** In a process group of its own (npm start's convention). */
  detached?: boolean;
}): Promise<TemporalServer> {
  buildTemporalServer();
  const namespace = opts.namespace ?? 'default';
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  setupTemporalSchema(opts.db);
  const port = opts.port ?? (await freeServerPort());
  const ports: TemporalServerPorts = {
    frontend: port,
    frontendHttp: await freeServerPort(),
    frontendMembership: await freeServerPort(),
    history: await freeServerPort(),
    historyMembership: await freeServerPort(),
    matching: await freeServerPort(),
    matchingMembership: await freeServerPort(),
    worker: await freeServerPort(),
    workerMembership: await freeServerPort(),
    metrics: opts.metricsPort ?? 0,
  };
  const configFile = writeTemporalServerConfig(dir, { db: opts.db, ports, logLevel: opts.logLevel });
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  const child = spawn(binary('server'), ['--config-file', configFile, '--allow-no-auth', 'start'], { cwd: dir, stdio: ['ignore', log, log], detached: opts.detached });
  closeSync(log);
  const stop = () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 20_000 });
  const address = `127.0.0.1:${port}`;
  const tail = () => logSummary(logFile);
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the Temporal server exited with ${child.exitCode ?? child.signalCode}:\n${tail()}`);
      try {
        const connection = await Connection.connect({ address, connectTimeout: 1000 });
        try {
          await connection.workflowService.getSystemInfo({});
        } finally {
          await connection.close();
        }
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the Temporal server did not answer on ${address}: ${err}\n${tail()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await registerNamespace(address, namespace, opts.retentionDays ?? 3);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, namespace, dir, process: child, stop };
}

/**
 * node dist/infra/temporal-server.js [build|start|namespace]
 *   build: build the server into the cache (infra/temporal-server.sh);
 *   namespace: register TEMPORAL_NAMESPACE (default `default`) with TEMPORAL_RETENTION_DAYS (30) on the
 *          Temporal of TEMPORAL_ADDRESS, connecting as the API and the worker do (TEMPORAL_TLS_*,
 *          TEMPORAL_API_KEY); waits up to TEMPORAL_WAIT_SECONDS (120) for the frontend; nothing to build
 *          (the deployments' namespace job: infra/deploy);
 *   start: on the PostgreSQL of TEMPORAL_DB_URL (postgresql://user:password@host:port; the databases
 *          temporal and temporal_visibility are created there), or else on a private cluster under
 *          .data/temporal-server/pg (infra/postgres.ts); TEMPORAL_PORT (default 7233), TEMPORAL_NAMESPACE
 *          (default), TEMPORAL_RETENTION_DAYS (30). Ctrl-C stops it.
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'start';
  if (command === 'namespace') {
    const address = process.env.TEMPORAL_ADDRESS;
    if (!address) throw new Error('TEMPORAL_ADDRESS is required but not set: host:port of the Temporal frontend');
    const config = { temporalAddress: address, ...temporalTlsFromEnv() };
    const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
    const days = Number(process.env.TEMPORAL_RETENTION_DAYS || 30);
    if (!Number.isInteger(days) || days < 1) throw new Error(`TEMPORAL_RETENTION_DAYS=${process.env.TEMPORAL_RETENTION_DAYS}: a whole number of days, at least 1`);
    const deadline = Date.now() + Number(process.env.TEMPORAL_WAIT_SECONDS || 120) * 1000;
    let outcome: Awaited<ReturnType<typeof registerNamespace>>;
    for (;;) {
      try {
        outcome = await registerNamespace(temporalConnectionOptions(config), namespace, days);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        console.log(`waiting for Temporal at ${address}: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
    const said = { registered: 'registered', 'retention changed': 'there already; its retention changed', unchanged: 'there already, as configured' }[outcome];
    console.log(`namespace ${namespace} on ${address}: ${said}, retention ${days} days`);
    return;
  }
  buildTemporalServer();
  if (command === 'build') return;
  if (command !== 'start') throw new Error(`usage: temporal-server.js [build|start], not ${command}`);
  const { DATA_DIR } = await import('./paths');
  const stops: (() => Promise<void>)[] = [];
  let db: TemporalDatabase;
  if (process.env.TEMPORAL_DB_URL) db = temporalDatabaseFromUrl(process.env.TEMPORAL_DB_URL);
  else {
    const { startPostgres } = await import('./postgres');
    const pgPort = Number(process.env.TEMPORAL_PG_PORT ?? (await freePort()));
    const pg = await startPostgres({ dataDir: join(DATA_DIR, 'temporal-server', 'pg'), port: pgPort, database: 'postgres', detached: true });
    stops.unshift(pg.stop);
    db = { host: '127.0.0.1', port: pgPort, user: 'postgres' };
    console.log(`PostgreSQL (private cluster) on ${pgPort}`);
  }
  const server = await startTemporalServer({
    dir: join(DATA_DIR, 'temporal-server', 'run'),
    db,
    port: Number(process.env.TEMPORAL_PORT ?? 7233),
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    retentionDays: Number(process.env.TEMPORAL_RETENTION_DAYS ?? 30),
    logLevel: process.env.TEMPORAL_LOG_LEVEL ?? 'info',
    detached: true,
  });
  stops.unshift(server.stop);
  console.log(`Temporal server ${TEMPORAL_SERVER_VERSION} on ${server.address}, namespace ${server.namespace}; config and log in ${server.dir}. Ctrl-C stops it.`);
  const shutdown = async () => {
    for (const stop of stops) await stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** The TLS settings of the Temporal connection, as the API and the worker read them (libs/config/config.ts). */
function temporalTlsFromEnv(): Pick<AppConfig, 'temporalTls' | 'temporalApiKey'> {
  const { temporalTls, temporalApiKey } = loadConfig({ ...process.env, DATABASE_URL: 'postgresql://unused', TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS });
  return { temporalTls, temporalApiKey };
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
