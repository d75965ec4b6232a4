import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { requireTool, TEMPORAL_CLI } from './paths';
import { stopChild } from './supervisor';

/** A Temporal dev server (the Temporal CLI's `server start-dev`), one process, SQLite persistence. */
export interface TemporalDevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(opts: {
  port: number;
  uiPort?: number;
  /** A file keeps workflows across restarts; without one the server is in memory. */
  dbFile?: string;
  logFile?: (chunk: Buffer) => void;
  /** In a process group of its own, so that a terminal's Ctrl-C reaches only us and we stop it in order. */
  detached?: boolean;
}): Promise<TemporalDevServer> {
  const bin = requireTool(TEMPORAL_CLI, 'the Temporal CLI');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', 'default', '--log-level', 'warn'];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    opts.logFile?.(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const address = `127.0.0.1:${opts.port}`;
  const stop = () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 15_000 });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`temporal server exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      await connection.close();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`temporal server did not become ready on ${address}: ${err}\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { address, uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined, process: child, stop };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
