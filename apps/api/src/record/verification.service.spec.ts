import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { BUNDLE_FORMAT, MISSING_ARCHIVE, type BundleVerdict, type DecisionBundle } from '../../../../libs/record/bundle';
import { ArchivePendingException, VerificationBusyException, VerificationService } from './verification.service';

/**
 * The verification's cache and its bound, with a fake database and bundles
 * that fail fast (an empty record) but really go through the worker thread.
 */
function setUp(limit: number, queue: number) {
  const state = { seq: 3, hash: 'sha256:aa', treeSize: 10, at: new Date() };
  const prisma = {
    decisionStep: { findFirst: async () => ({ seq: state.seq, entryHash: state.hash, at: state.at }) },
    logCheckpoint: { findFirst: async () => ({ treeSize: BigInt(state.treeSize) }) },
  } as unknown as PrismaClient;
  const service = new VerificationService(prisma, { verifyConcurrency: limit, verifyQueue: queue, checkpointIntervalSeconds: 60 } as AppConfig);
  const bundle = (): DecisionBundle => ({
    format: BUNDLE_FORMAT,
    decisionId: 'D-1',
    exportedAt: new Date().toISOString(),
    entries: [{ seq: state.seq, canonical: '{}', hash: state.hash, seal: '', sealKeyId: '' }],
    checkpoint: { treeSize: state.treeSize, rootHash: '', signedAt: '', keyId: 'untrusted', signature: '' },
    inclusion: [],
    actorKeys: [],
    systemKeys: [],
    histories: [],
  });
  return { state, service, bundle };
}

describe('VerificationService', () => {
  const services: VerificationService[] = [];
  afterAll(() => Promise.all(services.map((s) => s.onModuleDestroy())));

  it('reuses a verdict until the decision or the checkpoint changes', async () => {
    const { state, service, bundle } = setUp(1, 1);
    services.push(service);
    let exports = 0;
    const load = async () => (exports++, bundle());
    const first = await service.verify('D-1', load);
    expect(first).toMatchObject({ ok: false, failure: expect.stringMatching(/not signed by a trusted system key/) }); // verified on the thread
    expect(await service.verify('D-1', load)).toEqual(first);
    expect([service.stats.verifications, service.stats.cacheHits, exports]).toEqual([1, 1, 1]);
    state.treeSize = 11; // a new checkpoint
    await service.verify('D-1', load);
    state.seq = 4; // a new entry
    state.hash = 'sha256:bb';
    await service.verify('D-1', load);
    await service.verify('D-1', load);
    expect([service.stats.verifications, service.stats.cacheHits, exports]).toEqual([3, 2, 3]);
  }, 30_000);

  it('a closed run not yet archived is pending for the archive pass while the closure is recent, a failure after (fresh-eyes tester: "missing" for a minute)', async () => {
    const { state, service, bundle } = setUp(1, 1);
    services.push(service);
    const missing: BundleVerdict = { ok: false, check: 'histories', seq: 4, failure: `entry 4: ${MISSING_ARCHIVE} run-1` };
    jest.spyOn((service as unknown as { pool: { run: () => Promise<BundleVerdict> } }).pool, 'run').mockResolvedValue(missing);
    state.at = new Date(Date.now() - 30_000);
    const pending = await service.verify('D-1', async () => bundle()).catch((err: unknown) => err);
    expect(pending).toBeInstanceOf(ArchivePendingException);
    expect((pending as ArchivePendingException).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((pending as ArchivePendingException).retryAfterSeconds).toBeLessThanOrEqual(80);
    expect((pending as ArchivePendingException).getResponse()).toMatchObject({ statusCode: 503, pending: 'archive', message: expect.stringMatching(/^本决策的一段流程刚刚结束（程序终止，或者流程转入新的一段），其历史正在归入决策记录/) });
    // Long past the pass (3 intervals and a minute): the record is cut short, and the verdict says so.
    state.at = new Date(Date.now() - 5 * 60_000);
    expect(await service.verify('D-1', async () => bundle())).toEqual(missing);
  });

  it('a step recorded while the record was read is read again, not reported as left out (retest: one genuine record failed history-match)', async () => {
    const { state, service, bundle } = setUp(1, 1);
    services.push(service);
    const raced: BundleVerdict = { ok: false, check: 'history-match', seq: 4, failure: 'entry 4: the workflow recorded recordPublicFeedback here, and the record lacks it' };
    const whole: BundleVerdict = { ok: true, entries: 5, treeSize: 10, pending: 0 };
    jest.spyOn((service as unknown as { pool: { run: () => Promise<BundleVerdict> } }).pool, 'run').mockResolvedValueOnce(raced).mockResolvedValueOnce(whole);
    let exports = 0;
    // The entries are read, then a step lands before the history is: the next read has it.
    const load = async () => {
      const b = bundle();
      if (exports++ === 0) Object.assign(state, { seq: 4, hash: 'sha256:dd' });
      return b;
    };
    expect(await service.verify('D-1', load)).toEqual(whole);
    expect(exports).toBe(2);
  });

  it('a bundle is not given while a closed run of it waits for its archive: 503 pending; an archived one, or one closed long ago, is given (second tester: exported as the workflow continued as new, it read as cut short)', async () => {
    const { state, service, bundle } = setUp(1, 1);
    services.push(service);
    const continued = { events: [{ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW' }] };
    const open = { events: [{ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' }] };
    const withRuns = (archived: boolean): DecisionBundle => ({
      ...bundle(),
      entries: archived ? [{ seq: 4, canonical: JSON.stringify({ action: 'archiveHistory', payload: { runId: 'run-1' } }), hash: 'sha256:cc', seal: '', sealKeyId: '' }] : bundle().entries,
      histories: [{ runId: 'run-1', history: continued }, { runId: 'run-2', history: open }],
    });
    state.at = new Date(Date.now() - 1_000);
    expect(await service.unlessArchivePending(withRuns(false)).catch((err: unknown) => err)).toBeInstanceOf(ArchivePendingException);
    expect(await service.unlessArchivePending(withRuns(true))).toMatchObject({ histories: expect.any(Array) });
    state.at = new Date(Date.now() - 5 * 60_000);
    expect(await service.unlessArchivePending(withRuns(false))).toMatchObject({ decisionId: 'D-1' });
  });

  it('runs at most the configured number at a time; a few wait, the rest are told to retry later', async () => {
    const { service, bundle } = setUp(1, 1);
    services.push(service);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const load = async () => {
      await gate;
      return bundle();
    };
    const calls = [1, 2, 3, 4].map((n) => service.verify(`D-${n}`, load).then((v) => v, (e: unknown) => e));
    await new Promise((r) => setTimeout(r, 50));
    open();
    const results = await Promise.all(calls);
    const busy = results.filter((r) => r instanceof VerificationBusyException) as VerificationBusyException[];
    expect(busy).toHaveLength(2); // one running, one waiting, two refused
    expect(busy[0].getStatus()).toBe(503);
    expect(busy[0].retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(busy[0].getResponse()).toMatchObject({ message: `核验任务繁忙，请在 ${busy[0].retryAfterSeconds} 秒后重试（verification busy: try again after ${busy[0].retryAfterSeconds} s）`, retryAfterSeconds: busy[0].retryAfterSeconds });
    expect(results.filter((r) => !(r instanceof Error))).toHaveLength(2);
    expect(service.stats).toMatchObject({ verifications: 2, rejected: 2 });
  }, 30_000);
});
