import type { INestApplication } from '@nestjs/common';
import type { PrismaClient } from '../../libs/db/prisma';
import { PRISMA } from '../../libs/nest/prisma.module';
import { VerificationService } from '../../apps/api/src/record/verification.service';
import { verifyBundle, type DecisionBundle } from '../../libs/record/bundle';
import { actors, steps } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * GET /decisions/:id/verify over HTTP, with one verification at a time and
 * one more waiting: it tells the truth right after a step (entries not yet
 * under a checkpoint are pending), a repeated call is served from the cache,
 * and a flood is answered 503 with Retry-After while the rest of the API
 * keeps answering.
 */
describe('verification through the API: truthful, cached, bounded', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  let verification: VerificationService;
  const id = `VER-${Date.now()}`;
  let n = 0;
  const http = () => system.as(PERSON);
  const step = async (c: ReturnType<typeof steps.draft>) => system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-${++n}`)).expect(201);

  beforeAll(async () => {
    Object.assign(process.env, { VERIFY_CONCURRENCY: '1', VERIFY_QUEUE: '1' });
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    verification = api.get(VerificationService);
    await http().post('/catalog-items').send({ ref: 'C-1', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-1', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it('right after a step, the record verifies, with the entries no checkpoint covers yet counted as pending', async () => {
    await step(steps.draft());
    const v = (await http().get(`/decisions/${id}/verify`).expect(200)).body;
    expect(v).toEqual({ ok: true, entries: 2, treeSize: expect.any(Number), pending: expect.any(Number) });
    // The bundle exports too, whatever the checkpoint covers.
    const b = (await http().get(`/decisions/${id}/bundle`).expect(200)).body;
    expect(b.inclusion.map((p: { seq: number }) => p.seq)).toEqual([0, 1]);
    // Once the worker's next checkpoint covers them, nothing is pending.
    for (let i = 0; i < 100; i++) {
      if ((await http().get(`/decisions/${id}/verify`)).body.pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await http().get(`/decisions/${id}/verify`).expect(200)).body).toEqual({ ok: true, entries: 2, treeSize: expect.any(Number), pending: 0 });
  });

  it("the open run's history, which no archive hashes yet, must tell the record's steps as they are: a step rewritten in it, an event left out or another run is named (fresh-eyes tester: it matched by seq and action alone)", async () => {
    const bundle = (await http().get(`/decisions/${id}/bundle`).expect(200)).body as DecisionBundle;
    const trusted = { systemKeys: bundle.systemKeys, actorKeys: bundle.actorKeys, registrarKeys: bundle.registrarKeys };
    expect(verifyBundle(bundle, trusted)).toMatchObject({ ok: true });
    type Ev = { eventId?: string; activityTaskScheduledEventAttributes?: { activityType?: { name?: string }; input?: { payloads?: { data?: string }[] } } };
    const open = bundle.histories.length - 1;
    /** The recordStep input of the draft (seq 1) in the open run, rewritten by `change`, encoded back. */
    const rewritten = (change: (step: Record<string, unknown>) => void) => {
      const b = structuredClone(bundle);
      const events = b.histories[open].history.events as Ev[];
      const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordStep' && JSON.parse(Buffer.from(e.activityTaskScheduledEventAttributes!.input!.payloads![0].data!, 'base64').toString()).seq === 1)!;
      const payload = scheduled.activityTaskScheduledEventAttributes!.input!.payloads![0];
      const step = JSON.parse(Buffer.from(payload.data!, 'base64').toString());
      change(step);
      payload.data = Buffer.from(JSON.stringify(step)).toString('base64');
      return verifyBundle(b, trusted);
    };
    expect(rewritten((s) => ((s.payload as Record<string, unknown>).summary = '另一份说明'))).toEqual({ ok: false, check: 'history-match', seq: 1, failure: expect.stringMatching(/^entry 1: its payload is not what the workflow gave its recordStep activity to record/) });
    expect(rewritten((s) => (s.at = (s.at as number) - 86_400_000))).toMatchObject({ ok: false, check: 'history-match', failure: expect.stringMatching(/^entry 1: its time \(.*; the history gave .*\) is not what the workflow gave/) });
    expect(rewritten((s) => ((s.actor as Record<string, unknown>).name = '他人'))).toMatchObject({ ok: false, check: 'history-match', failure: expect.stringContaining('its actor is not') });
    // An event taken out of the history, wherever it was: the numbering says so.
    const cut = structuredClone(bundle);
    (cut.histories[open].history.events as Ev[]).splice(3, 1);
    expect(verifyBundle(cut, trusted)).toMatchObject({ ok: false, check: 'history-match', failure: expect.stringMatching(/^the history of run \S+ has event 5 where event 4 belongs: events were left out or moved/) });
    // The history passed off as another run's.
    const other = structuredClone(bundle);
    other.histories[open].runId = '00000000-0000-0000-0000-000000000000';
    expect(verifyBundle(other, trusted)).toMatchObject({ ok: false, check: 'history-match' });
  });

  it('a run whose history is past 4 MB is exported and verified (fresh-eyes tester: gRPC refused it, the bundle and the verdict were 503 for good)', async () => {
    const big = `${id}-BIG`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id: big, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-1', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const on = (c: ReturnType<typeof steps.draft>) => system.as(c.actor.id).post(`/decisions/${big}/steps`).send(signedStep(big, c, unit, `${big}-${++n}`)).expect(201);
    await on(steps.draft());
    // The declaration made again, each time with 550 special groups of 194 characters (about 320 KB): the state holds
    // one, the history all fifteen.
    const declared = steps.applicability({ expert: false, risk: false });
    for (let k = 0; k < 15; k++) {
      const specialGroups = Array.from({ length: 550 }, (_, i) => `${k}-${String(i).padStart(3, '0')}${'群'.repeat(190)}`);
      await on({ ...declared, payload: { ...declared.payload, specialGroups } } as typeof declared);
    }
    // Temporal suggested a new run past some size: the first run's history, archived, is the one past 4 MB.
    // The closed run's archive comes with the worker's next pass: until then the export says so (503, Retry-After).
    let exported = await http().get(`/decisions/${big}/bundle`);
    for (let i = 0; i < 50 && exported.status === 503; i++) {
      expect(exported.body.message).toMatch(/正在归入决策记录/);
      await new Promise((r) => setTimeout(r, 200));
      exported = await http().get(`/decisions/${big}/bundle`);
    }
    const bundle = (exported.status === 200 ? exported.body : expect(exported.status).toBe(200)) as { histories: unknown[] };
    expect(Math.max(...bundle.histories.map((x) => Buffer.byteLength(JSON.stringify(x))))).toBeGreaterThan(4 * 1024 * 1024);
    expect((await http().get(`/decisions/${big}/verify`).expect(200)).body).toMatchObject({ ok: true });
  }, 180_000);

  it('a repeated call is served from the cache: no second verification', async () => {
    // The last test's archive entry may be under no checkpoint yet: the worker's next one (each second) would change
    // the tree the verdict was cached for (CI: one verification more). Wait until the checkpoint covers the whole log.
    const prisma = api.get<PrismaClient>(PRISMA);
    for (let i = 0; i < 100; i++) {
      const [{ stored }] = await prisma.$queryRaw<{ stored: bigint }[]>`SELECT COALESCE(MAX(idx) + 1, 0)::bigint AS stored FROM log_leaves`;
      const signed = await prisma.logCheckpoint.findFirst({ orderBy: { treeSize: 'desc' }, select: { treeSize: true } });
      if (signed && signed.treeSize === stored) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await http().get(`/decisions/${id}/verify`).expect(200); // the record and the checkpoint stand still now
    const before = { ...verification.stats };
    for (let i = 0; i < 5; i++) expect((await http().get(`/decisions/${id}/verify`).expect(200)).body).toMatchObject({ ok: true, pending: 0 });
    expect(verification.stats.verifications).toBe(before.verifications);
    expect(verification.stats.cacheHits).toBe(before.cacheHits + 5);
  });

  it('a flood of verifications: some answered 503 with Retry-After, none 500, and other endpoints keep answering', async () => {
    await step(steps.applicability({ pp: false, expert: false })); // a new entry: the cached verdict no longer holds
    const before = { ...verification.stats };
    const flood = Array.from({ length: 16 }, () => http().get(`/decisions/${id}/verify`).then((r) => r));
    const others = [http().get('/system-keys'), http().get(`/decisions/${id}/timeline`), http().get('/log/checkpoint'), http().get(`/decisions/${id}/tasks`)].map((r) => r.then((x) => x));
    const [answers, otherAnswers] = await Promise.all([Promise.all(flood), Promise.all(others)]);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    const busy = answers.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const r of busy) {
      // The wait the verifier estimates, in the header as in the body (the header said 5 whatever the body said).
      expect(r.body).toMatchObject({ statusCode: 503, message: expect.stringMatching(/^核验任务繁忙，请在 \d+ 秒后重试（verification busy: try again after \d+ s）$/) });
      expect(r.body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(r.headers['retry-after']).toBe(String(r.body.retryAfterSeconds));
    }
    for (const r of answers.filter((x) => x.status === 200)) expect(r.body).toMatchObject({ ok: true, entries: 3 });
    expect(otherAnswers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(verification.stats.rejected - before.rejected).toBe(busy.length);
    // The bound held: the accepted calls shared a verification or two, not one each.
    expect(verification.stats.verifications - before.verifications).toBeLessThanOrEqual(2);
  });
});
