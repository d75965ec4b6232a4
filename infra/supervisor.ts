import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/**
 * Keeps the embedded default's processes running: a process that exits, or
 * stops answering its liveness probe, is started again after a delay that
 * doubles with each failure in a row (1 s, 2 s, 4 s … up to 30 s) and falls
 * back to the first once the process has run stably. Stopping is in the
 * reverse order of starting, each process asked politely and then killed.
 * Every event is logged in Chinese, then English.
 */
export interface ServiceSpec {
  /** English name, e.g. 'worker'. */
  name: string;
  /** Chinese name, e.g. '工作进程'. */
  zh: string;
  /** Starts the process and resolves once it is ready. */
  start(): Promise<ChildProcess>;
  /** Rejects when the running process does not answer (a TCP connect, a query). */
  probe?(): Promise<void>;
  /** The signal that asks it to stop (PostgreSQL: SIGINT, a fast shutdown). */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

export interface SupervisorOptions {
  log?: (line: string) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A process that ran this long before it exited starts again after the first delay. */
  stableAfterMs?: number;
  probeIntervalMs?: number;
  /** Probes failed in a row before the process is taken for dead. */
  probeFailures?: number;
  stopTimeoutMs?: number;
}

const DEFAULTS = {
  log: (line: string) => console.log(line),
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  probeIntervalMs: 5_000,
  probeFailures: 3,
  stopTimeoutMs: 10_000,
};

type Options = typeof DEFAULTS;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))}`;
/** A pause that does not by itself keep the process alive. */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Whether `promise` settled within `ms` (its rejection counts as settled); the timer does not outlive it. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

function exited(child: ChildProcess): Promise<void> {
  return running(child) ? new Promise((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
}

/** Asks the process to stop with `signal`; after `timeoutMs` kills it. Resolves once it has exited (or SIGKILL had 5 s). */
export async function stopChild(
  child: ChildProcess,
  opts: { signal?: NodeJS.Signals; timeoutMs?: number; onKill?: () => void } = {},
): Promise<void> {
  if (!running(child)) return;
  const done = exited(child);
  child.kill(opts.signal ?? 'SIGTERM');
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.stopTimeoutMs;
  if (await within(done, timeoutMs)) return;
  opts.onKill?.();
  child.kill('SIGKILL');
  await within(done, 5_000);
}

/** Resolves when something accepts a TCP connection on host:port within timeoutMs. */
export function tcpProbe(port: number, host = '127.0.0.1', timeoutMs = 2_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer on ${host}:${port} within ${timeoutMs} ms`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}

class Service {
  private child?: ChildProcess;
  private startedAt = 0;
  private failures = 0;
  private timer?: NodeJS.Timeout;
  private starting?: Promise<unknown>;
  private stopping = false;
  /** Set when the probe gave up on the process, so its exit is explained as that. */
  private unresponsive?: string;

  constructor(
    readonly spec: ServiceSpec,
    private readonly opts: Options,
  ) {}

  /** The first start: a failure here is the caller's to report. */
  async start(): Promise<void> {
    const child = await this.launch();
    if (!this.stopping) this.run(child);
  }

  get pid(): number | undefined {
    return this.child && running(this.child) ? this.child.pid : undefined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    if (this.starting) await within(this.starting, this.stopTimeout);
    this.starting = undefined;
    const child = this.child;
    if (!child || !running(child)) return;
    const { name, zh } = this.spec;
    this.log(`正在停止${zh}`, `stopping ${name}`);
    await this.stopNow(child);
    this.log(`${zh}已停止`, `${name} stopped`);
  }

  private stopNow(child: ChildProcess): Promise<void> {
    const { name, zh } = this.spec;
    return stopChild(child, {
      signal: this.spec.stopSignal,
      timeoutMs: this.stopTimeout,
      onKill: () => this.log(`${zh}在 ${seconds(this.stopTimeout)} 秒内未停止，强制结束（SIGKILL）`, `${name} did not stop within ${seconds(this.stopTimeout)} s; killing it (SIGKILL)`),
    });
  }

  private get stopTimeout(): number {
    return this.spec.stopTimeoutMs ?? this.opts.stopTimeoutMs;
  }

  private log(zh: string, en: string): void {
    this.opts.log(`${zh} / ${en}`);
  }

  /** spec.start(), remembered so that stop() can wait for it and stop what it started. */
  private launch(): Promise<ChildProcess> {
    const started = this.spec.start().then((child) => {
      this.child = child;
      if (this.stopping && this.starting !== started) void this.stopNow(child); // stop() gave up waiting for this start
      return child;
    });
    this.starting = started;
    return started.finally(() => {
      if (this.starting === started) this.starting = undefined;
    });
  }

  private run(child: ChildProcess): void {
    this.child = child;
    this.startedAt = Date.now();
    this.unresponsive = undefined;
    child.once('exit', (code, signal) => this.exited(child, code, signal));
    if (this.spec.probe) void this.probeLoop(child);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    if (Date.now() - this.startedAt >= this.opts.stableAfterMs) this.failures = 0;
    const how = code !== null ? `code ${code}` : `signal ${signal}`;
    const { name, zh } = this.spec;
    const delay = this.nextDelay();
    if (this.unresponsive) {
      this.log(`${zh}无响应（${this.unresponsive}），已结束，${seconds(delay)} 秒后重启`, `${name} stopped answering (${this.unresponsive}) and was killed; restarting in ${seconds(delay)} s`);
    } else {
      this.log(`${zh}意外退出（${how}），${seconds(delay)} 秒后重启`, `${name} exited unexpectedly (${how}); restarting in ${seconds(delay)} s`);
    }
    this.timer = setTimeout(() => void this.restart(), delay);
  }

  private nextDelay(): number {
    const delay = Math.min(this.opts.maxDelayMs, this.opts.initialDelayMs * 2 ** this.failures);
    this.failures += 1;
    return delay;
  }

  private async restart(): Promise<void> {
    const { name, zh } = this.spec;
    let child: ChildProcess;
    try {
      child = await this.launch();
    } catch (err) {
      if (this.stopping) return;
      const delay = this.nextDelay();
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      this.log(`${zh}启动失败（${reason}），${seconds(delay)} 秒后重试`, `${name} failed to start (${reason}); retrying in ${seconds(delay)} s`);
      this.timer = setTimeout(() => void this.restart(), delay);
      return;
    }
    if (this.stopping) return; // stop() stops it
    this.log(`${zh}已重启（pid ${child.pid}）`, `${name} restarted (pid ${child.pid})`);
    this.run(child);
  }

  private async probeLoop(child: ChildProcess): Promise<void> {
    const { probeIntervalMs, probeFailures } = this.opts;
    let failed = 0;
    for (;;) {
      await sleep(probeIntervalMs);
      if (this.stopping || child !== this.child || !running(child)) return;
      try {
        const probe = this.spec.probe!();
        if (!(await within(probe, probeIntervalMs))) throw new Error(`no answer within ${probeIntervalMs} ms`);
        await probe;
        failed = 0;
      } catch (err) {
        failed += 1;
        if (failed < probeFailures || this.stopping || child !== this.child) continue;
        this.unresponsive = `${failed} probes failed: ${err instanceof Error ? err.message : err}`;
        child.kill('SIGKILL');
        return;
      }
    }
  }
}

export class Supervisor {
  private readonly services: Service[] = [];
  private readonly opts: Options;
  private stopping = false;

  constructor(opts: SupervisorOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** Starts the process (rejecting if that fails) and supervises it from then on. */
  async add(spec: ServiceSpec): Promise<void> {
    if (this.stopping) throw new Error(`not starting ${spec.name}: stopping`);
    const service = new Service(spec, this.opts);
    this.services.push(service); // so that stop() during this start stops what it starts
    try {
      await service.start();
    } catch (err) {
      this.services.splice(this.services.indexOf(service), 1);
      throw err;
    }
  }

  /** The pid of each running process, by name. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries(this.services.map((s) => [s.spec.name, s.pid]));
  }

  /** Stops every process, the last started first; each within its stop timeout (then SIGKILL). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const service of [...this.services].reverse()) await service.stop();
  }
}
