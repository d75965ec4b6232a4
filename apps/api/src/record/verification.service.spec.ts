import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { BUNDLE_FORMAT, type DecisionBundle } from '../../../../libs/record/bundle';
import { VerificationBusyException, VerificationService } from './verification.service';

/**
 * The verification's cache and its bound, with a fake database and bundles
 * that fail fast (an empty record) but really go through the worker thread.
 */
function setUp(limit: number, queue: number) {
  const state = { seq: 3, hash: 'sha256:aa', treeSize: 10 };
  const prisma = {
    decisionStep: { findFirst: async () => ({ seq: state.seq, entryHash: state.hash }) },
    logCheckpoint: { findFirst: async () => ({ treeSize: BigInt(state.treeSize) }) },
  } as unknown as PrismaClient;
  const service = new VerificationService(prisma, { verifyConcurrency: limit, verifyQueue: queue } as AppConfig);
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
