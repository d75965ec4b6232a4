import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * A private PostgreSQL cluster run from the system's binaries: the embedded
 * default of `npm start` (persistent, under .data/) and the throwaway server of
 * the tests. PostgreSQL refuses to run as root, so as root the cluster belongs
 * to the `postgres` user.
 */
export interface PostgresCluster {
  url: string;
  port: number;
  dataDir: string;
  stop(): void;
}

export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length) throw new Error('PostgreSQL server binaries not found (set PG_BIN, or run npm run setup to install Debian\'s postgresql)');
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0], 'bin');
}

const asRoot = process.getuid?.() === 0;

function runAsOwner(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin.split('/').pop()} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

export async function startPostgres(opts: { dataDir: string; port: number; database: string }): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const { dataDir, port, database } = opts;
  // The parent stays traversable for the postgres user; the cluster itself is private.
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dataDir, uid, gid);
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    runAsOwner(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  }
  const pgCtl = join(bin, 'pg_ctl');
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=${process.env.PG_FSYNC ?? 'on'}`;
  runAsOwner(pgCtl, ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  const stop = () => {
    try {
      runAsOwner(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already stopped
    }
  };
  try {
    const admin = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    await admin.end();
  } catch (err) {
    stop();
    throw err;
  }
  return { url: `postgresql://postgres@127.0.0.1:${port}/${database}`, port, dataDir, stop };
}
