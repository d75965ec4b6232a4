import { existsSync, lstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { pingPostgres, relocatedClusterDir, startPostgres, type PostgresCluster } from './postgres';
import { Supervisor } from './supervisor';
import { freePort } from './temporal';

jest.setTimeout(120_000);

async function query(pg: PostgresCluster, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: pg.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** As `npm start` from a clone in a private directory (mode 0700, like /root or `mktemp -d`): cwd there too. */
async function startFrom(home: string, port: number): Promise<PostgresCluster> {
  const cwd = process.cwd();
  process.chdir(home);
  try {
    return await startPostgres({ dataDir: join(home, '.data', 'postgres'), port, database: 'decisions' });
  } finally {
    process.chdir(cwd);
  }
}

describe('the embedded PostgreSQL cluster from a checkout the postgres user cannot enter', () => {
  const home = mkdtempSync(join(tmpdir(), 'private-clone-')); // mode 0700
  const clusters = new Set<string>();
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    for (const dir of clusters) rmSync(dir, { recursive: true, force: true });
  });

  it('runs, keeps its data across restarts, and starts from nothing once the data directory is deleted', async () => {
    const port = await freePort();
    let pg = await startFrom(home, port);
    clusters.add(pg.dataDir);
    if (process.getuid?.() === 0) {
      // The postgres user cannot enter `home`: the cluster is in its own home, .data/postgres points there.
      expect(pg.dataDir).toBe(relocatedClusterDir({ home: '/var/lib/postgresql' }, join(home, '.data', 'postgres')));
      expect(lstatSync(join(home, '.data', 'postgres')).isSymbolicLink()).toBe(true);
      expect(statSync(home).mode & 0o777).toBe(0o700); // left as it was
    }
    await query(pg, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'before\')');
    await pg.stop();

    pg = await startFrom(home, port);
    clusters.add(pg.dataDir);
    expect(await query(pg, 'SELECT v FROM kept')).toEqual([{ v: 'before' }]);
    await pg.stop();

    rmSync(join(home, '.data'), { recursive: true, force: true });
    pg = await startFrom(home, port);
    clusters.add(pg.dataDir);
    expect(await query(pg, "SELECT to_regclass('kept') AS t")).toEqual([{ t: null }]);
    await pg.stop();
    expect(existsSync(join(home, '.data', 'postgres'))).toBe(true);
  });
});

describe('the embedded PostgreSQL cluster under the supervisor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'supervised-pg-'));
  let cluster: string | undefined;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (cluster) rmSync(cluster, { recursive: true, force: true });
  });

  it('is restarted when its postmaster is SIGKILLed, and answers again with its data', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const supervisor = new Supervisor({ log: (l) => lines.push(l), initialDelayMs: 500, probeIntervalMs: 1_000 });
    let pg: PostgresCluster | undefined;
    try {
      await supervisor.add({
        name: 'PostgreSQL',
        zh: 'PostgreSQL 数据库',
        stopSignal: 'SIGINT',
        start: async () => {
          pg = await startPostgres({ dataDir: join(dir, 'postgres'), port, database: 'decisions' });
          cluster = pg.dataDir;
          return pg.process;
        },
        probe: () => pingPostgres(port),
      });
      const first = pg!;
      await query(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('written before the crash')");

      first.process.kill('SIGKILL');
      const deadline = Date.now() + 90_000;
      while (pg === first || !lines.some((l) => l.includes('PostgreSQL restarted'))) {
        if (Date.now() > deadline) throw new Error(`not restarted:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(lines[0]).toBe('PostgreSQL 数据库意外退出（signal SIGKILL），0.5 秒后重启 / PostgreSQL exited unexpectedly (signal SIGKILL); restarting in 0.5 s');
      expect(pg!.process.pid).not.toBe(first.process.pid);
      expect(await query(pg!, 'SELECT v FROM kept')).toEqual([{ v: 'written before the crash' }]);
    } finally {
      await supervisor.stop();
    }
    expect(pg!.process.exitCode).toBe(0); // a fast shutdown, not a kill
    expect(lines.slice(-2)).toEqual(['正在停止PostgreSQL 数据库 / stopping PostgreSQL', 'PostgreSQL 数据库已停止 / PostgreSQL stopped']);
  });
});
