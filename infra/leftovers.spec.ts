import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnotherStartRunning, claimRun, cmdlineOf, recordRun, releaseRun, type RunFile } from './leftovers';

/** What a killed npm start leaves running is stopped by the next; a live one is not shared. */
describe('leftovers of a killed npm start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leftovers-'));
  const file = join(dir, 'run.json');
  const spawned: ChildProcess[] = [];
  /** A long-lived process in its own process group, as npm start runs its services. */
  const service = (...args: string[]) => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { detached: true, stdio: 'ignore' });
    spawned.push(child);
    return child;
  };
  const alive = (pid: number) => cmdlineOf(pid) !== undefined;
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  };
  afterAll(() => {
    for (const c of spawned) if (c.pid && alive(c.pid)) process.kill(c.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the services a killed npm start left running, and records itself', async () => {
    const api = service('api'), pg = service('postgres');
    await until(() => !!cmdlineOf(api.pid!) && !!cmdlineOf(pg.pid!));
    const dead: RunFile = {
      pid: 999_999_999,
      cmdline: 'node dist/infra/start.js',
      children: [
        { name: 'API', pid: api.pid!, cmdline: cmdlineOf(api.pid!)! },
        { name: 'PostgreSQL', pid: pg.pid!, cmdline: cmdlineOf(pg.pid!)! },
      ],
    };
    writeFileSync(file, JSON.stringify(dead));
    const said: string[] = [];
    await claimRun(file, (l) => said.push(l));
    await until(() => !alive(api.pid!) && !alive(pg.pid!));
    expect([alive(api.pid!), alive(pg.pid!)]).toEqual([false, false]);
    expect(said).toEqual([expect.stringContaining('API（pid'), expect.stringContaining('PostgreSQL（pid')]);
    expect((JSON.parse(readFileSync(file, 'utf8')) as RunFile).pid).toBe(process.pid);
  });

  it('leaves alone a process that merely reuses a recorded pid', async () => {
    const other = service('someone-else');
    await until(() => !!cmdlineOf(other.pid!));
    writeFileSync(file, JSON.stringify({ pid: 999_999_999, cmdline: 'x', children: [{ name: 'API', pid: other.pid!, cmdline: 'node dist/apps/api/src/main.js' }] }));
    await claimRun(file, () => undefined);
    expect(alive(other.pid!)).toBe(true);
  });

  it('refuses to start beside an npm start that is alive', async () => {
    const running = service('dist/infra/start.js');
    await until(() => !!cmdlineOf(running.pid!));
    writeFileSync(file, JSON.stringify({ pid: running.pid!, cmdline: cmdlineOf(running.pid!)!, children: [] }));
    await expect(claimRun(file, () => undefined)).rejects.toThrow(AnotherStartRunning);
  });

  it('records its children with their command lines, and releases the data directory on stop', () => {
    const api = service('api');
    recordRun(file, [{ name: 'API', pid: api.pid }, { name: 'worker', pid: undefined }]);
    expect((JSON.parse(readFileSync(file, 'utf8')) as RunFile).children).toEqual([{ name: 'API', pid: api.pid, cmdline: cmdlineOf(api.pid!) }]);
    releaseRun(file);
    expect(existsSync(file)).toBe(false);
  });
});
