/**
 * The arithmetic and the printing of `npm run bench:api` (infra/bench-api.ts),
 * apart from the servers, so a spec can hold them.
 */

/** The p-th percentile (0 < p ≤ 100) of the samples, by nearest rank: always one of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p}: must be in (0, 100]`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface Latencies {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function latencies(samples: readonly number[]): Latencies {
  return { n: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples.length ? Math.max(...samples) : NaN };
}

/**
 * A goal on the ratio ours / baseline (`ratio`), or on our figure alone
 * (`value`): at most (`le`), at least (`ge`) or exactly (`eq`) `limit`.
 */
export interface Goal {
  on: 'ratio' | 'value';
  op: 'le' | 'ge' | 'eq';
  limit: number;
  /** How the limit is printed, e.g. "≤ 1 GiB" (default: the operator and the number, "x" after a ratio's). */
  text?: string;
}

/** One line of the table: a figure, ours next to its baseline measured in the same run. */
export interface Row {
  figure: string;
  ours: number;
  /** No baseline: a figure judged on its own (the worker's memory). */
  baseline?: number;
  unit: string;
  goal?: Goal;
}

export const ratioOf = (r: Row): number | undefined => (r.baseline === undefined || r.baseline === 0 ? undefined : r.ours / r.baseline);

/** Whether the row meets its goal; undefined without a goal, or without the ratio the goal is on. */
export function met(r: Row): boolean | undefined {
  if (!r.goal) return undefined;
  const x = r.goal.on === 'ratio' ? ratioOf(r) : r.ours;
  if (x === undefined || Number.isNaN(x)) return undefined;
  return r.goal.op === 'le' ? x <= r.goal.limit : r.goal.op === 'ge' ? x >= r.goal.limit : x === r.goal.limit;
}

export function goalText(g?: Goal): string {
  if (!g) return '';
  if (g.text) return g.text;
  return `${{ le: '≤', ge: '≥', eq: '=' }[g.op]} ${g.limit}${g.on === 'ratio' ? 'x' : ''}`;
}

/** A number as the table prints it: three significant digits, thousands grouped. */
export function num(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  return Number(x.toPrecision(3)).toString();
}

/** Display width: CJK characters take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, w: number, right = false) => (right ? ' '.repeat(Math.max(0, w - width(s))) + s : s + ' '.repeat(Math.max(0, w - width(s))));

/** The table: figure, ours, baseline, ratio, goal, met? (numbers right-aligned). */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => {
    const ok = met(r);
    const ratio = ratioOf(r);
    return [r.figure, `${num(r.ours)} ${r.unit}`, r.baseline === undefined ? '–' : `${num(r.baseline)} ${r.unit}`, ratio === undefined ? '–' : `${ratio.toFixed(2)}x`, goalText(r.goal), ok === undefined ? '–' : ok ? 'yes' : 'NO'];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]))));
  const line = (c: string[]) => c.map((x, i) => pad(x, widths[i], i > 0 && i < 4)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The machine-readable line: every row with its ratio and verdict, and what the run was. */
export function jsonLine(rows: readonly Row[], run: Record<string, unknown>): string {
  return JSON.stringify({
    ...run,
    figures: rows.map((r) => ({ figure: r.figure, unit: r.unit, ours: r.ours, baseline: r.baseline ?? null, ratio: ratioOf(r) ?? null, goal: r.goal ? goalText(r.goal) : null, met: met(r) ?? null })),
  });
}

/** An event of a workflow history as the legs need it: its type's name (EVENT_TYPE_…) and its time on the server's clock, ms. */
export interface TimedEvent {
  type: string;
  at: number;
}

/** An RFC 3339 instant (proto3 JSON's, to the nanosecond) in ms since the epoch, keeping the fraction below the ms. */
export function instantMs(text: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
  if (!m) throw new Error(`not an RFC 3339 UTC instant: ${text}`);
  return Date.parse(`${m[1]}Z`) + Number(`0.${m[2] ?? '0'}`) * 1000;
}

/** Where an Update that runs one activity spent its time on the Temporal server's clock, each leg in ms. */
export interface UpdateLegs {
  /** The workflow task that accepts the Update and schedules the activity: scheduled to completed. */
  firstTask: number[];
  /** The activity: scheduled to completed (dispatch, run, report). */
  activity: number[];
  /** From the activity's completion to the next workflow task's start: its dispatch to the worker. */
  secondDispatch: number[];
  /** That workflow task, which completes the Update: started to completed. */
  secondTask: number[];
}

/**
 * The legs of every Update in a history that ran as a sign-off does: a workflow task that accepts it and schedules
 * one activity, the activity, a workflow task that completes it. Others (a registration, a step with timers) are
 * left out. From the server's timestamps, so the worker, the activity and Temporal's dispatch are told apart.
 */
export function updateLegs(events: readonly TimedEvent[]): UpdateLegs {
  const legs: UpdateLegs = { firstTask: [], activity: [], secondDispatch: [], secondTask: [] };
  const shape = ['WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED', 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 'ACTIVITY_TASK_SCHEDULED', 'ACTIVITY_TASK_STARTED', 'ACTIVITY_TASK_COMPLETED', 'WORKFLOW_TASK_SCHEDULED', 'WORKFLOW_TASK_STARTED', 'WORKFLOW_TASK_COMPLETED', 'WORKFLOW_EXECUTION_UPDATE_COMPLETED'].map((t) => `EVENT_TYPE_${t}`);
  for (let i = 0; i + shape.length <= events.length; i++) {
    if (!shape.every((t, k) => events[i + k].type === t)) continue;
    const at = (k: number) => events[i + k].at;
    legs.firstTask.push(at(2) - at(0));
    legs.activity.push(at(6) - at(4));
    legs.secondDispatch.push(at(8) - at(6));
    legs.secondTask.push(at(9) - at(8));
  }
  return legs;
}
