import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * What one `npm start` leaves for the next: its own pid and its children's, with
 * their command lines, in DATA_DIR/run.json. The children run in process groups
 * of their own (so a terminal's Ctrl-C reaches only npm start), so when npm
 * start itself is SIGKILLed they live on, holding the ports. The next npm start
 * finds them here and stops them first; a second npm start while the first is
 * alive is refused.
 */
export interface RunFile {
  pid: number;
  cmdline: string;
  children: { name: string; pid: number; cmdline: string }[];
}

/** A process's command line, or undefined when it is gone. */
export function cmdlineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return undefined;
  }
}

/** The same process as recorded: alive, and with the command line it had (a reused pid is someone else). */
const stillThere = (p: { pid: number; cmdline: string }) => cmdlineOf(p.pid) === p.cmdline;

export class AnotherStartRunning extends Error {
  constructor(readonly pid: number) {
    super(`另一个 npm start 正在运行（pid ${pid}），请先停止它 / another npm start is running (pid ${pid}); stop it first`);
    this.name = 'AnotherStartRunning';
  }
}

/**
 * Claims DATA_DIR for this process: refuses when the npm start recorded there
 * is alive, stops the children a killed one left behind (each process group:
 * SIGTERM, then SIGKILL after `graceMs`), and records this process.
 */
export async function claimRun(file: string, say: (line: string) => void, graceMs = 10_000): Promise<void> {
  if (existsSync(file)) {
    let previous: RunFile | undefined;
    try {
      previous = JSON.parse(readFileSync(file, 'utf8')) as RunFile;
    } catch {
      previous = undefined; // unreadable: nothing to trust in it
    }
    if (previous && previous.pid !== process.pid && stillThere(previous)) throw new AnotherStartRunning(previous.pid);
    const left = (previous?.children ?? []).filter(stillThere);
    for (const c of left) {
      say(`清理上次被强行终止的 npm start 留下的进程：${c.name}（pid ${c.pid}） / stopping ${c.name} (pid ${c.pid}), left running by an npm start that was killed`);
      signalGroup(c.pid, 'SIGTERM');
    }
    const until = Date.now() + graceMs;
    while (left.some(stillThere) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    for (const c of left.filter(stillThere)) signalGroup(c.pid, 'SIGKILL');
  }
  recordRun(file, []);
}

/** Records this process and its children as they are now. */
export function recordRun(file: string, children: { name: string; pid: number | undefined }[]): void {
  const run: RunFile = {
    pid: process.pid,
    cmdline: cmdlineOf(process.pid) ?? '',
    children: children.flatMap((c) => {
      const cmdline = c.pid ? cmdlineOf(c.pid) : undefined;
      return c.pid && cmdline ? [{ name: c.name, pid: c.pid, cmdline }] : [];
    }),
  };
  writeFileSync(`${file}.tmp`, JSON.stringify(run, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function releaseRun(file: string): void {
  rmSync(file, { force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return;
    } catch {
      // not a group leader, or gone: try the process itself, then give up
    }
  }
}
