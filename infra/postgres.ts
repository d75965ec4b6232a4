import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { stopChild } from './supervisor';

/**
 * A private PostgreSQL cluster run from the system's binaries: the embedded
 * default of `npm start` (persistent, under .data/) and the throwaway server of
 * the tests. The postmaster is our child process, so its death is noticed.
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the
 * `postgres` user; when that user cannot reach the data directory (a checkout
 * under /root, or in a `mktemp -d` directory, both mode 0700), the cluster
 * lives in the postgres user's home instead and the data directory is a
 * symbolic link to it.
 */
export interface PostgresCluster {
  url: string;
  port: number;
  /** Where the cluster's files are: the data directory asked for, or where it points. */
  dataDir: string;
  process: ChildProcess;
  /** A fast shutdown (SIGINT), SIGKILL after 20 s. */
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length) throw new Error('PostgreSQL server binaries not found (set PG_BIN, or run npm run setup to install Debian\'s postgresql)');
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0], 'bin');
}

/** The user the cluster runs as when we are root. */
interface Owner {
  uid: number;
  gid: number;
  home: string;
}

function postgresUser(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const [, , uid, gid, , home] = execFileSync('getent', ['passwd', 'postgres']).toString().trim().split(':');
  return { uid: Number(uid), gid: Number(gid), home };
}

/** Runs a PostgreSQL program as the cluster's owner, from `/` (initdb fails in a working directory it cannot enter). */
function runAsOwner(owner: Owner | undefined, bin: string, args: string[]): void {
  const r = spawnSync(bin, args, { encoding: 'utf8', cwd: '/', uid: owner?.uid, gid: owner?.gid });
  if (r.status !== 0) throw new Error(`${bin.split('/').pop()} ${args.join(' ')} failed: ${r.error?.message || r.stderr || r.stdout}`);
}

function reachable(owner: Owner, dir: string): boolean {
  return spawnSync('test', ['-x', dir], { cwd: '/', uid: owner.uid, gid: owner.gid }).status === 0;
}

function ownedDir(owner: Owner | undefined, dir: string, mode: number): void {
  mkdirSync(dir, { recursive: true, mode });
  if (owner) chownSync(dir, owner.uid, owner.gid);
}

/** Where clusters live whose data directory the postgres user cannot reach; one per absolute data directory. */
export function relocatedClusterDir(owner: { home: string }, dataDir: string): string {
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 12);
  return join(owner.home, 'major-decision-engine', key);
}

/**
 * The directory the cluster's files are in: `dataDir` itself, or (as root,
 * when the postgres user cannot reach it) the directory a symbolic link at
 * `dataDir` points to. A cluster left there by a data directory since
 * deleted is removed, so deleting the data directory still means starting
 * from nothing.
 */
export function placeCluster(dataDir: string, owner = postgresUser()): { dir: string; relocated: boolean } {
  mkdirSync(dirname(dataDir), { recursive: true });
  let existing = lstatSync(dataDir, { throwIfNoEntry: false });
  if (owner && existing?.isSymbolicLink()) {
    const dir = resolve(dirname(dataDir), readlinkSync(dataDir));
    ownedDir(owner, dir, 0o700);
    return { dir, relocated: true };
  }
  if (owner && existing && !reachable(owner, dataDir)) {
    if (readdirSync(dataDir).length) {
      throw new Error(`the postgres user cannot reach the cluster in ${dataDir}: move the checkout where it can, or move the cluster elsewhere and leave a symbolic link`);
    }
    rmdirSync(dataDir); // left empty by an initdb that could not reach it
    existing = undefined;
  }
  if (!owner || existing || reachable(owner, dirname(dataDir))) {
    ownedDir(owner, dataDir, 0o700);
    return { dir: dataDir, relocated: false };
  }
  const dir = relocatedClusterDir(owner, dataDir);
  if (existsSync(dir)) {
    const pidFile = join(dir, 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
    if (pid > 0 && isAlive(pid)) throw new Error(`a cluster left in ${dir} by a deleted ${dataDir} still runs (pid ${pid}): stop it first`);
    rmSync(dir, { recursive: true, force: true });
  }
  ownedDir(owner, dirname(dir), 0o755);
  ownedDir(owner, dir, 0o700);
  symlinkSync(dir, dataDir);
  return { dir, relocated: true };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves when the server answers a query (a `pg_isready` that also checks that it can serve). */
export async function pingPostgres(port: number, timeoutMs = 2_000): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  /** The server's log (default: server.log in the cluster). */
  logFile?: string;
  /** In a process group of its own, so that a terminal's Ctrl-C reaches only us and we stop it in order. */
  detached?: boolean;
}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const { port, database } = opts;
  const owner = postgresUser();
  const { dir } = placeCluster(opts.dataDir, owner);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    runAsOwner(owner, join(bin, 'initdb'), ['-D', dir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  }
  const logFile = opts.logFile ?? join(dir, 'server.log');
  const log = openSync(logFile, 'a');
  // TCP only: no Unix socket, whose path may not exceed 107 bytes wherever the checkout is.
  const args = ['-D', dir, '-p', String(port), '-k', '', '-c', 'listen_addresses=127.0.0.1', '-c', `fsync=${process.env.PG_FSYNC ?? 'on'}`];
  const child = spawn(join(bin, 'postgres'), args, { cwd: dir, uid: owner?.uid, gid: owner?.gid, stdio: ['ignore', log, log], detached: opts.detached });
  closeSync(log);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => undefined);
  const stop = () => stopChild(child, { signal: 'SIGINT', timeoutMs: 20_000 });

  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
      }
      try {
        await Promise.race([pingPostgres(port, 1_000), spawnError]);
        break;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`postgres did not answer on port ${port}: ${err}\n${tail(logFile)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/${database}`, port, dataDir: dir, process: child, stop };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
