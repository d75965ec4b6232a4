import { ACCUMULATING_STEPS_LIMIT_BYTES, CARRIED_STATE_LIMIT_BYTES, carriedBytesOf, carriedRefusal, jsonBytes, ORDINARY_STEPS_LIMIT_BYTES, tasksWithRoom, utf8Bytes } from './carried';
import { initialState } from './state';

describe('what a decision’s workflow carries from run to run', () => {
  it('counts UTF-8 bytes as Temporal does: ASCII 1, Greek 2, CJK 3, a supplementary character 4', () => {
    expect([utf8Bytes('a'), utf8Bytes('é'), utf8Bytes('群'), utf8Bytes('𠀀'), utf8Bytes('')]).toEqual([1, 2, 3, 4, 0]);
    expect(utf8Bytes('群'.repeat(1000))).toBe(Buffer.byteLength('群'.repeat(1000)));
    expect(jsonBytes({ a: '𠀀群' })).toBe(Buffer.byteLength(JSON.stringify({ a: '𠀀群' })));
  });

  it('refuses a step that would take the state past the limit, saying how large and what to do; takes one that would not', () => {
    expect(carriedRefusal(10_000, 'submitDraft', { reason: '修改' })).toBeUndefined();
    const r = carriedRefusal(ORDINARY_STEPS_LIMIT_BYTES - 10_000, 'submitDraft', { names: ['群'.repeat(5000)] })!;
    expect(r.code).toBe('TOO_LARGE');
    expect(r.zh).toMatch(/^本决策的办理状态已有 759 KB，此步骤还要写入约 19 KB，将超过工作流可以携带的上限（768 KB；撤回、暂缓、中止执行和归档另留有余地），故不予接受：请将长篇文字作为文件上传/);
    expect(r.citations).toEqual(['《重大行政决策程序暂行条例》第三十三条 (Decree No. 713, Art. 33)']);
  });

  it('keeps room above the ordinary limit for the steps that end or hold the matter: a full state can still be withdrawn (fresh-eyes tester: stuck at 1,021 KB)', () => {
    const full = ORDINARY_STEPS_LIMIT_BYTES - 1024;
    expect(carriedRefusal(full, 'submitDraft', { reason: '修改' })!.zh).toMatch(/办理状态已满，本决策只能撤回、暂缓、中止执行或者归档$/);
    for (const ending of ['withdraw', 'postpone', 'suspendExecution', 'archive']) expect(carriedRefusal(full, ending, { reason: '撤回' })).toBeUndefined();
    // 我的待办 offers only what the state has room for: the withdrawal, not another draft (fresh-eyes tester).
    expect(tasksWithRoom([{ action: 'submitDraft' }, { action: 'withdraw' }], full).map((t) => t.action)).toEqual(['withdraw']);
    expect(tasksWithRoom([{ action: 'submitDraft' }, { action: 'withdraw' }], 10_000).map((t) => t.action)).toEqual(['submitDraft', 'withdraw']);
    // Up to the limit itself, which no state passes.
    expect(carriedRefusal(CARRIED_STATE_LIMIT_BYTES - 1024, 'withdraw', { reason: '撤回' })!.zh).toMatch(/上限（1024 KB）/);
  });

  it('stops the records that accumulate while a decision is in force below the ordinary limit, so that its adjustment or termination can go through (statute tester: ten years of supervisions left a termination stuck); the rules before did not', () => {
    const rules = { executionRecordsLeaveRoom: true };
    const supervised = ACCUMULATING_STEPS_LIMIT_BYTES - 1024;
    const supervision = { findingsHash: 'sha256:00', correction: { required: '整'.repeat(2000) } };
    const r = carriedRefusal(supervised, 'superviseExecution', supervision, rules)!;
    expect(r.code).toBe('TOO_LARGE');
    expect(r.zh).toMatch(/将超过执行期间督查、意见处理、执行情况报告等记录的上限（512 KB），其余空间留给调整、停止执行等程序.*请将长篇文字（例如整改要求）作为文件上传/);
    expect(r.citations.join(' ')).toMatch(/第三十三条.*第三十七条/);
    for (const action of ['recordPublicFeedback', 'submitExecutionReport']) expect(carriedRefusal(supervised, action, supervision, rules)?.code).toBe('TOO_LARGE');
    // The adjustment's own steps go on above it, to the ordinary limit.
    for (const action of ['startAdjustment', 'submitDraft', 'submitLegalOpinion', 'issueLegalityOpinion', 'recordDiscussion', 'decide']) expect(carriedRefusal(supervised, action, { reason: '停止执行' }, rules)).toBeUndefined();
    // Decisions under the rules before: to the ordinary limit, as before.
    expect(carriedRefusal(supervised, 'superviseExecution', supervision)).toBeUndefined();
    expect(carriedRefusal(supervised, 'superviseExecution', supervision, {})).toBeUndefined();
  });

  it('measures a state once, however often it is asked, and again once it changes', () => {
    const sized = carriedBytesOf();
    const s = initialState({ decisionId: 'D-1', profileId: 'national', undertakingUnit: 'hz-jtj' });
    const bytes = sized(s);
    expect(bytes).toBe(jsonBytes(s));
    // The same object answers from memory (a state is never changed in place: a step makes a new one).
    (s as { decisionId: string }).decisionId = 'D-2-longer';
    expect(sized(s)).toBe(bytes);
    expect(sized({ ...s })).toBe(jsonBytes(s));
  });
});
