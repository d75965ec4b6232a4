import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT, WORKFLOW_BUNDLE } from '../../infra/paths';

/**
 * One of our production programs (as `npm run build` makes them) in its own
 * process, so a test can kill it for real: the worker (WorkerProcess) or the
 * API (ApiProcess).
 */
export class ServiceProcess {
  private output = '';
  protected constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  protected static spawnProgram(script: string, env: Record<string, string | undefined>): ChildProcess {
    const main = join(PROJECT_ROOT, 'dist', 'apps', script);
    if (!existsSync(main) || !existsSync(WORKFLOW_BUNDLE)) throw new Error(`${main} or ${WORKFLOW_BUNDLE} is missing: run npm run build first (npm test does)`);
    return spawn(process.execPath, [main], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  get log(): string {
    return this.output;
  }

  /** Waits until the process has printed a line matching `pattern`. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (this.child.exitCode !== null) throw new Error(`worker exited (${this.child.exitCode}) before printing ${pattern}:\n${this.output}`);
      if (Date.now() > until) throw new Error(`worker did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** SIGKILL: no shutdown hook, no last report to Temporal, the database connection simply drops. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** An orderly stop (SIGTERM runs the shutdown hooks). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** The production worker (`dist/apps/worker/src/main.js`). */
export class WorkerProcess extends ServiceProcess {
  static async start(env: { databaseUrl: string; temporalAddress: string; taskQueue: string; sealKeyFile: string; extra?: Record<string, string> }): Promise<WorkerProcess> {
    const worker = new WorkerProcess(
      ServiceProcess.spawnProgram(join('worker', 'src', 'main.js'), {
        DATABASE_URL: env.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress,
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        SEAL_KEY_FILE: env.sealKeyFile,
        WORKFLOW_BUNDLE_PATH: WORKFLOW_BUNDLE,
        CHECKPOINT_INTERVAL_SECONDS: '3600',
        ...env.extra,
      }),
    );
    await worker.waitFor(/polling task queue/, 60_000);
    return worker;
  }
}

/** The production API (`dist/apps/api/src/main.js`) on its own port, trusting the run's OpenID Connect provider. */
export class ApiProcess extends ServiceProcess {
  port = 0;
  static async start(env: { databaseUrl: string; temporalAddress: string; taskQueue: string; port: number; extra?: Record<string, string> }): Promise<ApiProcess> {
    const api = new ApiProcess(
      ServiceProcess.spawnProgram(join('api', 'src', 'main.js'), {
        DATABASE_URL: env.databaseUrl,
        TEMPORAL_ADDRESS: env.temporalAddress,
        TEMPORAL_TASK_QUEUE: env.taskQueue,
        API_PORT: String(env.port),
        OIDC_ISSUER: process.env.OIDC_ISSUER,
        OIDC_AUDIENCE: process.env.OIDC_AUDIENCE,
        ...env.extra,
      }),
    );
    api.port = env.port;
    await api.waitFor(/API listening/, 60_000);
    return api;
  }
}

/**
 * A TCP relay between a worker and Temporal that the test can freeze: once
 * frozen, nothing more from the worker reaches the server, so a worker killed
 * afterwards cannot have reported anything it did after the freeze.
 */
export class FreezableRelay {
  private frozen = false;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  address = '';

  private constructor(target: string) {
    const [host, port] = target.split(':');
    this.server = createServer((inbound) => {
      const outbound = connect(Number(port), host);
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          inbound.destroy();
          outbound.destroy();
        });
      }
      inbound.on('data', (d) => this.frozen || outbound.write(d));
      outbound.on('data', (d) => inbound.write(d));
    });
  }

  static async open(target: string): Promise<FreezableRelay> {
    const relay = new FreezableRelay(target);
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    relay.address = `127.0.0.1:${(relay.server.address() as { port: number }).port}`;
    return relay;
  }

  freeze(): void {
    this.frozen = true;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}
