import { formatTable, goalText, jsonLine, instantMs, latencies, met, percentile, ratioOf, updateLegs, width, type Row } from './stats';
import { packageOf } from './profile';

describe('bench:api arithmetic', () => {
  it('takes percentiles by nearest rank, always one of the samples', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(latencies([5, 1, 9, 3])).toEqual({ n: 4, p50: 3, p99: 9, max: 9 });
  });

  it('judges a goal on the ratio, or on the figure alone', () => {
    const latency: Row = { figure: 'p50', ours: 76, baseline: 51, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 1.3 } };
    expect(ratioOf(latency)).toBeCloseTo(1.49, 2);
    expect(met(latency)).toBe(false);
    expect(met({ ...latency, ours: 60 })).toBe(true);
    expect(met({ figure: 'rate', ours: 40, baseline: 50, unit: '/s', goal: { on: 'ratio', op: 'ge', limit: 0.8 } })).toBe(true);
    expect(met({ figure: 'RSS', ours: 900, unit: 'MiB', goal: { on: 'value', op: 'le', limit: 1024 } })).toBe(true);
    expect(met({ figure: 'history', ours: 14, baseline: 14, unit: 'events', goal: { on: 'ratio', op: 'eq', limit: 1 } })).toBe(true);
    expect(met({ figure: 'history', ours: 15, baseline: 14, unit: 'events', goal: { on: 'ratio', op: 'eq', limit: 1 } })).toBe(false);
    expect(goalText({ on: 'ratio', op: 'eq', limit: 1 })).toBe('= 1x');
    expect(met({ figure: 'no goal', ours: 1, baseline: 1, unit: 'ms' })).toBeUndefined();
    expect(met({ figure: 'no baseline', ours: 1, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 2 } })).toBeUndefined();
  });

  it('prints a table with its columns aligned, Chinese text counted two columns wide', () => {
    expect(width('签署abc')).toBe(7);
    const table = formatTable([
      { figure: 'sign-off round trip p50', ours: 76.04, baseline: 51, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 1.3 } },
      { figure: '签署吞吐量', ours: 1234.5, baseline: 2000, unit: '/s', goal: { on: 'ratio', op: 'ge', limit: 0.5 } },
      { figure: 'worker RSS', ours: 512, unit: 'MiB', goal: { on: 'value', op: 'le', limit: 1024, text: '≤ 1 GiB' } },
    ]).split('\n');
    expect(table[0]).toMatch(/^figure\s+ours\s+baseline\s+ratio\s+goal\s+met\?$/);
    expect(table[2]).toMatch(/^sign-off round trip p50\s+76 ms\s+51 ms\s+1\.49x\s+≤ 1\.3x\s+NO$/);
    expect(table[3]).toMatch(/^签署吞吐量\s+1,235 \/s\s+2,000 \/s\s+0\.62x\s+≥ 0\.5x\s+yes$/);
    expect(table[4]).toMatch(/^worker RSS\s+512 MiB\s+–\s+–\s+≤ 1 GiB\s+yes$/);
    // Right-aligned numbers: the ratios end in the same column, the Chinese figure's row too.
    const ratioEnd = (line: string) => {
      const m = /\d\.\d\dx/.exec(line)!;
      return width(line.slice(0, m.index + m[0].length));
    };
    expect(ratioEnd(table[2])).toBe(ratioEnd(table[3]));
  });

  it('ends with one JSON line for machines', () => {
    const line = jsonLine([{ figure: 'p99', ours: 100, baseline: 50, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 2 } }], { bench: 'api' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ bench: 'api', figures: [{ figure: 'p99', unit: 'ms', ours: 100, baseline: 50, ratio: 2, goal: '≤ 2x', met: true }] });
  });

  it('charges a profile frame to its package, our file, or Node', () => {
    expect(packageOf({ functionName: 'f', url: 'file:///w/node_modules/@prisma/client/runtime/x.js', lineNumber: 1 })).toBe('@prisma/client');
    expect(packageOf({ functionName: 'f', url: 'file:///w/node_modules/pg/lib/client.js', lineNumber: 1 })).toBe('pg');
    expect(packageOf({ functionName: 'f', url: 'file:///w/dist/libs/record/sm2.js', lineNumber: 1 })).toBe('ours: libs/record/sm2.js');
    expect(packageOf({ functionName: 'f', url: 'node:internal/streams/readable', lineNumber: 1 })).toBe('node (internals)');
    expect(packageOf({ functionName: '(garbage collector)', url: '', lineNumber: -1 })).toBe('(garbage collector)');
  });
});

describe('the Temporal legs of an Update', () => {
  const e = (type: string, at: number) => ({ type: `EVENT_TYPE_${type}`, at });
  /** One Update as a sign-off runs: task, accepted, activity, task, completed; times from `t`. */
  const update = (t: number, [task1, activity, dispatch, task2]: number[]) => [
    e('WORKFLOW_TASK_SCHEDULED', t), e('WORKFLOW_TASK_STARTED', t + 1), e('WORKFLOW_TASK_COMPLETED', t + task1), e('WORKFLOW_EXECUTION_UPDATE_ACCEPTED', t + task1),
    e('ACTIVITY_TASK_SCHEDULED', t + task1), e('ACTIVITY_TASK_STARTED', t + task1), e('ACTIVITY_TASK_COMPLETED', t + task1 + activity),
    e('WORKFLOW_TASK_SCHEDULED', t + task1 + activity), e('WORKFLOW_TASK_STARTED', t + task1 + activity + dispatch), e('WORKFLOW_TASK_COMPLETED', t + task1 + activity + dispatch + task2),
    e('WORKFLOW_EXECUTION_UPDATE_COMPLETED', t + task1 + activity + dispatch + task2),
  ];

  it('measures each Update that ran one activity, and only those', () => {
    const history = [
      e('WORKFLOW_EXECUTION_STARTED', 0),
      ...update(10, [6, 12, 4, 8]),
      // A step that also starts a timer between its task and the Update's completion: another shape, left out.
      e('WORKFLOW_TASK_SCHEDULED', 100), e('WORKFLOW_TASK_STARTED', 101), e('WORKFLOW_TASK_COMPLETED', 105), e('TIMER_STARTED', 105),
      ...update(200, [5, 6, 10, 7]),
    ];
    expect(updateLegs(history)).toEqual({ firstTask: [6, 5], activity: [12, 6], secondDispatch: [4, 10], secondTask: [8, 7] });
    expect(updateLegs([])).toEqual({ firstTask: [], activity: [], secondDispatch: [], secondTask: [] });
  });

  it("reads the server's instants below the millisecond (to the microsecond: a double holds no more at this size)", () => {
    expect(instantMs('2026-12-05T06:19:10.894123456Z') - instantMs('2026-12-05T06:19:10.893Z')).toBeCloseTo(1.1235, 3);
    expect(instantMs('2026-12-05T06:19:10Z')).toBe(Date.parse('2026-12-05T06:19:10Z'));
    expect(() => instantMs('yesterday')).toThrow(/RFC 3339/);
  });
});
