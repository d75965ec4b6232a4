import { spawn, type ChildProcess } from 'node:child_process';
import { Supervisor, type ServiceSpec, type SupervisorOptions } from './supervisor';

/** A real child process: a small node script that prints 'ready' once its signal handlers are in place. */
function node(script: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', `${script}; console.log('ready')`], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.once('data', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`exited with code ${code} before it was ready`)));
  });
}

const FOREVER = 'setInterval(() => {}, 1000)';
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A supervisor with fast delays, its log, and the processes each service started. */
function harness(opts: SupervisorOptions = {}) {
  const lines: string[] = [];
  const supervisor = new Supervisor({ initialDelayMs: 100, maxDelayMs: 800, stableAfterMs: 10_000, log: (l) => lines.push(l), ...opts });
  const started: Record<string, { child: ChildProcess; at: number }[]> = {};
  const service = (name: string, script: string, extra: Partial<ServiceSpec> = {}): ServiceSpec => ({
    name,
    zh: `进程${name}`,
    start: async () => {
      const child = await node(script);
      (started[name] ??= []).push({ child, at: Date.now() });
      return child;
    },
    ...extra,
  });
  const delays = () => lines.map((l) => / restarting in ([\d.]+) s$| retrying in ([\d.]+) s$/.exec(l)).filter((m) => m).map((m) => Number(m![1] ?? m![2]));
  return { supervisor, lines, started, service, delays };
}

describe('Supervisor', () => {
  let stop: () => Promise<void> = async () => undefined;
  afterEach(() => stop());

  it('restarts a process that was killed, after the first delay, and says so in Chinese and English', async () => {
    const h = harness();
    stop = () => h.supervisor.stop();
    await h.supervisor.add(h.service('worker', FOREVER));
    const first = h.started.worker[0];
    const killedAt = Date.now();
    first.child.kill('SIGKILL');

    await waitFor('the restart', () => h.started.worker.length === 2);
    const second = h.started.worker[1];
    expect(second.at - killedAt).toBeGreaterThanOrEqual(100);
    expect(alive(second.child)).toBe(true);
    expect(h.supervisor.pids()).toEqual({ worker: second.child.pid });
    expect(h.lines).toEqual([
      '进程worker意外退出（signal SIGKILL），0.1 秒后重启 / worker exited unexpectedly (signal SIGKILL); restarting in 0.1 s',
      `进程worker已重启（pid ${second.child.pid}） / worker restarted (pid ${second.child.pid})`,
    ]);
  });

  it('backs off a process that keeps crashing: the delay doubles up to the maximum, no tight loop', async () => {
    const h = harness({ initialDelayMs: 50, maxDelayMs: 400 });
    stop = () => h.supervisor.stop();
    await h.supervisor.add(h.service('api', 'setTimeout(() => process.exit(3), 10)'));
    await waitFor('six starts', () => h.started.api.length >= 6, 45_000);

    const delays = h.delays();
    expect(delays.slice(0, 5)).toEqual([0.05, 0.1, 0.2, 0.4, 0.4]);
    const starts = h.started.api.map((s) => s.at);
    for (let i = 1; i < 6; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(delays[i - 1] * 1000);
    expect(h.lines[0]).toBe('进程api意外退出（code 3），0.05 秒后重启 / api exited unexpectedly (code 3); restarting in 0.05 s');
  });

  it('goes back to the first delay once the process has run stably', async () => {
    const h = harness({ initialDelayMs: 50, stableAfterMs: 200 });
    stop = () => h.supervisor.stop();
    await h.supervisor.add(h.service('worker', 'setTimeout(() => process.exit(1), 300)'));
    await waitFor('three restarts', () => h.started.worker.length >= 4);
    expect(h.delays().slice(0, 3)).toEqual([0.05, 0.05, 0.05]);
  });

  it('retries a start that fails, with backoff', async () => {
    const h = harness({ initialDelayMs: 50 });
    stop = () => h.supervisor.stop();
    let refusals = 2;
    const spec = h.service('temporal', FOREVER);
    await h.supervisor.add({ ...spec, start: () => (h.started.temporal && refusals-- > 0 ? Promise.reject(new Error('port in use\nmore detail')) : spec.start()) });
    h.started.temporal[0].child.kill('SIGKILL');

    await waitFor('the restart', () => h.started.temporal.length === 2);
    expect(h.lines.slice(0, 3)).toEqual([
      '进程temporal意外退出（signal SIGKILL），0.05 秒后重启 / temporal exited unexpectedly (signal SIGKILL); restarting in 0.05 s',
      '进程temporal启动失败（port in use），0.1 秒后重试 / temporal failed to start (port in use); retrying in 0.1 s',
      '进程temporal启动失败（port in use），0.2 秒后重试 / temporal failed to start (port in use); retrying in 0.2 s',
    ]);
  });

  it('kills and restarts a process that stops answering its liveness probe', async () => {
    const h = harness({ probeIntervalMs: 100, probeFailures: 2 });
    stop = () => h.supervisor.stop();
    let answering = true;
    await h.supervisor.add(h.service('postgres', FOREVER, { probe: async () => { if (!answering) throw new Error('connection refused'); } }));
    await new Promise((r) => setTimeout(r, 350));
    expect(h.started.postgres).toHaveLength(1); // answering: left alone

    answering = false;
    const first = h.started.postgres[0].child;
    await waitFor('the restart', () => h.started.postgres.length === 2);
    answering = true;
    expect(first.signalCode).toBe('SIGKILL');
    expect(h.lines[0]).toBe(
      '进程postgres无响应（2 probes failed: connection refused），已结束，0.1 秒后重启 / postgres stopped answering (2 probes failed: connection refused) and was killed; restarting in 0.1 s',
    );
    await new Promise((r) => setTimeout(r, 350));
    expect(h.started.postgres).toHaveLength(2);
  });

  it('stops the last started first, and kills within the timeout what ignores SIGTERM', async () => {
    const h = harness({ stopTimeoutMs: 300 });
    await h.supervisor.add(h.service('postgres', FOREVER, { stopSignal: 'SIGINT' }));
    await h.supervisor.add(h.service('api', `process.on('SIGTERM', () => console.error('api ignores SIGTERM')); ${FOREVER}`));
    const [pg, api] = [h.started.postgres[0].child, h.started.api[0].child];

    const t0 = Date.now();
    await h.supervisor.stop();
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect([alive(pg), alive(api)]).toEqual([false, false]);
    expect(api.signalCode).toBe('SIGKILL');
    expect(pg.signalCode).toBe('SIGINT');
    expect(h.lines).toEqual([
      '正在停止进程api / stopping api',
      '进程api在 0.3 秒内未停止，强制结束（SIGKILL） / api did not stop within 0.3 s; killing it (SIGKILL)',
      '进程api已停止 / api stopped',
      '正在停止进程postgres / stopping postgres',
      '进程postgres已停止 / postgres stopped',
    ]);
  });

  it('does not restart what exits while stopping, nor after, and refuses to start more', async () => {
    const h = harness();
    await h.supervisor.add(h.service('worker', FOREVER));
    h.started.worker[0].child.kill('SIGKILL'); // a restart is due in 100 ms
    await new Promise((r) => setTimeout(r, 20));
    await h.supervisor.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(h.started.worker).toHaveLength(1);
    await expect(h.supervisor.add(h.service('api', FOREVER))).rejects.toThrow('stopping');
  });
});
