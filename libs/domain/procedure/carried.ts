import { art } from './articles';
import { refusal, RefusalCode, type Refusal } from './refusal';
import type { ProcedureProfile } from './profiles';
import type { ProcedureState } from './state';

/**
 * What a decision's workflow carries from run to run: its procedure state, passed whole to the next run when the history
 * grows long (continue-as-new), where Temporal refuses any payload over 2 MB for good. A decision whose state passed that
 * could never continue: its workflow task failed for ever, every step and read of it answered 500 (fresh-eyes tester:
 * 1,000 special groups of 200 characters, or 432 feedback records of 2,000, all within the request limits). So a step is
 * taken only while the state stays under this, with room to spare for the registration and profile that travel with it.
 */
export const CARRIED_STATE_LIMIT_BYTES = 1024 * 1024;

/**
 * Where ordinary steps stop, below the limit: the room above is kept for the steps that end or hold the matter, so a
 * decision whose state is full can still be withdrawn, postponed, its execution suspended, or archived (fresh-eyes
 * tester: at 1,021 KB nothing, the withdrawal included, was taken again).
 */
export const ORDINARY_STEPS_LIMIT_BYTES = 768 * 1024;

/** The steps the room above the ordinary limit is kept for. */
const ENDING_STEPS: readonly string[] = ['withdraw', 'postpone', 'suspendExecution', 'archive'];

/**
 * Where the records that accumulate over a decision's years in force stop (decisions under `executionRecordsLeaveRoom`):
 * below the ordinary limit, so that an adjustment or termination can still go through its procedure (Art. 37; statute
 * tester: ten years of monthly supervisions, each with a correction of 2,000 characters, left a termination stuck at
 * its legal opinion).
 */
export const ACCUMULATING_STEPS_LIMIT_BYTES = 512 * 1024;

/** The records that accumulate while a decision is in force. */
const ACCUMULATING_STEPS: readonly string[] = ['superviseExecution', 'recordPublicFeedback', 'submitExecutionReport', 'interpretDecision'];

/** What a step adds to the state beside its payload, at most: its timeline entry, periods and deadlines. */
const STEP_OVERHEAD_BYTES = 4 * 1024;

/** The UTF-8 length of a string, as Temporal's payloads count it (no Buffer in the workflow's sandbox). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair: one character of four bytes
      i++;
    } else n += 3;
  }
  return n;
}

/** The bytes of a value as JSON. */
export const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value) ?? '');

/**
 * The refusal of a step that would take the state past the limit, if it would: `stateBytes` the state's size now, the
 * payload the step's. The clerk can act on it: long texts go into a document cited by its hash, lists are shortened.
 */
export function carriedRefusal(stateBytes: number, action: string, payload: unknown, profile?: Pick<ProcedureProfile, 'executionRecordsLeaveRoom'>): Refusal | undefined {
  const adds = jsonBytes(payload) + STEP_OVERHEAD_BYTES;
  const ending = ENDING_STEPS.includes(action);
  const accumulating = !!profile?.executionRecordsLeaveRoom && ACCUMULATING_STEPS.includes(action);
  const limit = ending ? CARRIED_STATE_LIMIT_BYTES : accumulating ? ACCUMULATING_STEPS_LIMIT_BYTES : ORDINARY_STEPS_LIMIT_BYTES;
  if (stateBytes + adds <= limit) return undefined;
  const kb = (n: number) => Math.ceil(n / 1024);
  const full = stateBytes + STEP_OVERHEAD_BYTES > limit;
  if (accumulating) {
    return refusal(
      RefusalCode.TooLarge,
      {
        zh: `本决策的办理状态已有 ${kb(stateBytes)} KB，此步骤还要写入约 ${kb(adds)} KB，将超过执行期间督查、意见处理、执行情况报告等记录的上限（${kb(limit)} KB），其余空间留给调整、停止执行等程序，故不予接受：请将长篇文字（例如整改要求）作为文件上传，以文件摘要（hash）引用后再提交`,
        en: `this decision's state holds ${kb(stateBytes)} KB and the step would add about ${kb(adds)} KB, past the room for the records made while it is in force (supervision, feedback, execution reports: ${kb(limit)} KB), the rest being kept for its adjustment or termination; upload long texts (a correction ordered, say) as documents cited by their hash, and send it again`,
      },
      art(33),
      art(37),
    );
  }
  return refusal(
    RefusalCode.TooLarge,
    {
      zh: `本决策的办理状态已有 ${kb(stateBytes)} KB，此步骤还要写入约 ${kb(adds)} KB，将超过工作流可以携带的上限（${kb(limit)} KB${ending ? '' : '；撤回、暂缓、中止执行和归档另留有余地'}），故不予接受：${full ? '办理状态已满，本决策只能撤回、暂缓、中止执行或者归档' : '请将长篇文字作为文件上传，以文件摘要（hash）引用，或者精简所列的项目后再提交'}`,
      en: `this decision's state holds ${kb(stateBytes)} KB and the step would add about ${kb(adds)} KB, past what its workflow can carry (${kb(limit)} KB${ending ? '' : '; withdrawal, postponement, suspension and archiving keep room above it'}), so it is not taken: ${full ? 'the state is full, and the decision can only be withdrawn, postponed, suspended or archived' : 'upload long texts as documents cited by their hash, or list fewer items, and send it again'}`,
    },
    art(33),
  );
}

/**
 * Of the tasks open by the rules, those the state still has room for (an empty step's worth): a full state offered
 * 提交决策草案 in 我的待办, then refused it TOO_LARGE (fresh-eyes tester, after some 930 revisions).
 */
export function tasksWithRoom<T extends { action: string }>(tasks: readonly T[], stateBytes: number, profile?: Pick<ProcedureProfile, 'executionRecordsLeaveRoom'>): T[] {
  return tasks.filter((t) => !carriedRefusal(stateBytes, t.action, {}, profile));
}

/** The state's size, measured once per state (a step makes a new one): the validator asks it of every step. */
export function carriedBytesOf(): (s: ProcedureState) => number {
  let last: { of: ProcedureState; bytes: number } | undefined;
  return (s) => {
    if (last?.of !== s) last = { of: s, bytes: jsonBytes(s) };
    return last.bytes;
  };
}
