import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CpuJobAnswer, CpuJobKind, CpuJobMessage, CpuJobs } from './cpu-jobs';

/**
 * A few worker threads that run the API's long computations (cpu-jobs.ts: an
 * inspector's verification of a long record, the grouping of a campaign's
 * comments), so that seconds of CPU do not stop the API answering. Threads
 * start when first needed and are reused; one that fails, exits or takes too
 * long is dropped and replaced by a fresh one on the next job. More than
 * `size` jobs at a time wait for a thread.
 */
export class ThreadPool {
  private readonly idle: Worker[] = [];
  private readonly threads = new Set<Worker>();
  private readonly waiting: ((w: Worker) => void)[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly timeoutMs = 120_000,
  ) {}

  /** `transfer`: buffers of the input moved to the thread, not copied (the caller no longer reads them). */
  async run<K extends CpuJobKind>(kind: K, input: CpuJobs[K]['input'], transfer: ArrayBuffer[] = []): Promise<CpuJobs[K]['output']> {
    const worker = await this.take();
    return new Promise<CpuJobs[K]['output']>((resolve, reject) => {
      const done = (fault?: Error) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (fault) {
          this.drop(worker);
          reject(fault);
        } else this.give(worker);
      };
      const onMessage = (m: CpuJobAnswer) => {
        done();
        if ('output' in m) resolve(m.output as CpuJobs[K]['output']);
        else reject(new Error(`${kind} failed: ${m.error}`));
      };
      const onError = (err: Error) => done(err);
      const onExit = (code: number) => done(new Error(`the thread running ${kind} exited (code ${code})`));
      const timer = setTimeout(() => done(new Error(`${kind} took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ kind, input } as CpuJobMessage, transfer);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.threads];
    this.threads.clear();
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private take(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error('the thread pool is closed'));
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.threads.size < this.size) {
      const w = spawn();
      this.threads.add(w);
      return Promise.resolve(w);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(w: Worker): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private drop(w: Worker): void {
    this.threads.delete(w);
    void w.terminate();
    const next = this.waiting.shift();
    if (next && !this.closed) {
      const fresh = spawn();
      this.threads.add(fresh);
      next(fresh);
    }
  }
}

/**
 * The compiled worker beside this file (dist/, production); run from the
 * TypeScript sources (tests), the worker compiles them as it loads them, with
 * the swc compiler Jest uses.
 */
function spawn(): Worker {
  const compiled = join(__dirname, 'cpu.worker.js');
  const worker = existsSync(compiled)
    ? new Worker(compiled)
    : new Worker(
        `const { readFileSync } = require('node:fs');
         const { transformSync } = require(${JSON.stringify(require.resolve('@swc/core'))});
         require.extensions['.ts'] = (module, filename) => {
           const { code } = transformSync(readFileSync(filename, 'utf8'), { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
           module._compile(code, filename);
         };
         require(${JSON.stringify(join(__dirname, 'cpu.worker.ts'))});`,
        { eval: true },
      );
  worker.unref(); // an idle thread never keeps the process alive
  return worker;
}
