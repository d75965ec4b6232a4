import { Client } from 'pg';
import { ARCHIVE_PENDING } from '../../activities/archive';
import { ApplicationFailure } from '@temporalio/common';
import { createRecordActivities, LastWritten } from '../../activities/record.activities';
import type { Actor, StepEntry } from '../../libs/domain';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { sealEntry, verifyChain, type RecordEntry } from '../../libs/record/chain';
import { LOG_APPEND_LOCK } from '../../libs/record/log-store';
import type { SealKey } from '../../libs/record/seal';
import { generateSigningKey, keyIdOf } from '../../libs/record/signatures';
import { createTestDatabase } from '../support/db';

/**
 * The record activity's append (`append_record_entry`, one or two round trips): entries of many decisions from several
 * workers at once make one gapless log in commit order and chains that verify; two attempts of the same step racing
 * (a retried activity whose first attempt still runs) store it once and both answer it; another step racing for the
 * same idempotency key is answered as a duplicate; an entry of a decision not registered stores nothing.
 */
let db: { url: string; appUrl: string; drop(): Promise<void> };
const workers: PrismaClient[] = [];
let owner: PrismaClient;
let lockHolder: Client;
const sealKey: SealKey = (() => {
  const k = generateSigningKey('ed25519');
  return { ...k, algorithm: 'ed25519' as const, keyId: keyIdOf('ed25519', k.publicKey) };
})();
const actor = { id: 'u-zhang', name: '张承办', role: 'undertaking_unit', organisation: 'sz-jtj' } as Actor;

beforeAll(async () => {
  db = await createTestDatabase();
  owner = createPrismaClient(db.url);
  for (let i = 0; i < 3; i++) workers.push(createPrismaClient(db.appUrl));
  lockHolder = new Client({ connectionString: db.url });
  await lockHolder.connect();
  // The key the entries are signed with, valid over their times (the append checks it at each entry's time).
  await owner.actorKey.create({ data: { keyId: 'k-1', actorId: actor.id, algorithm: 'ed25519', publicKey: 'pk', validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2028-01-01T00:00:00Z') } });
}, 60_000);
afterAll(async () => {
  await lockHolder?.end();
  for (const c of [...workers, owner]) await c?.$disconnect();
  await db?.drop();
});

const register = (id: string) =>
  owner.decision.create({ data: { id, title: id, undertakingDepartment: 'sz-jtj', catalogRef: 'C-1', legalBasis: [], profile: 'national', workflowId: id, runId: 'run-1' } });

const entry = (decisionId: string, seq: number, key = `${decisionId}-${seq}`): StepEntry => ({
  decisionId,
  seq,
  action: seq === 0 ? 'register' : 'submitDraft',
  actor,
  payload: seq === 0 ? {} : { documentHash: `sha256:${String(seq).padStart(64, '0')}` },
  articles: ['art. 12'],
  at: Date.parse('2026-12-05T08:00:00Z') + seq * 1000,
  phaseAfter: 'drafting',
  holdAfter: 'none',
  overdue: false,
  workflowId: decisionId,
  runId: 'run-1',
  signature: seq === 0 ? undefined : { keyId: 'k-1', algorithm: 'ed25519', value: 'sig', idempotencyKey: key },
});

const rows = (decisionId: string) => owner.decisionStep.findMany({ where: { decisionId }, orderBy: { seq: 'asc' } });
const chainOf = async (decisionId: string) => verifyChain(decisionId, (await rows(decisionId)).map((r) => ({ seq: r.seq, canonical: r.entry!, hash: r.entryHash! })));
const waitersForTheLock = async () => (await lockHolder.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [LOG_APPEND_LOCK])).rowCount;

async function until(check: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 20_000; !(await check()); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('entries of several decisions from three workers at once: one gapless log in commit order, every chain whole', async () => {
  const ids = ['APPEND-A', 'APPEND-B', 'APPEND-C'];
  for (const id of ids) await register(id);
  // Each decision's steps in order (as its workflow sends them), the decisions at once, each from its own worker.
  await Promise.all(ids.map(async (id, w) => {
    const record = createRecordActivities({ prisma: workers[w], sealKey });
    for (let seq = 0; seq < 8; seq++) expect(await record.recordStep(entry(id, seq))).toEqual({ seq });
  }));
  const leaves = await owner.logLeaf.findMany({ orderBy: { idx: 'asc' } });
  expect(leaves.map((l) => Number(l.idx))).toEqual(Array.from({ length: 24 }, (_, i) => i));
  for (const id of ids) {
    expect(await chainOf(id)).toMatchObject({ ok: true, entries: 8 });
    // A decision's leaves in its own order; its row follows its last entry.
    expect(leaves.filter((l) => l.decisionId === id).map((l) => l.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await owner.stepIdempotencyKey.count({ where: { decisionId: id } })).toBe(7);
    expect((await owner.decision.findUniqueOrThrow({ where: { id } })).updatedAt.toISOString()).toBe('2026-12-05T08:00:07.000Z');
  }
});

it('two attempts of the same step racing store it once, and both answer it; another step racing into its place is refused for good, and a later one under its key is a duplicate', async () => {
  await register('APPEND-RACE');
  const [one, two, three] = workers.map((prisma) => createRecordActivities({ prisma, sealKey }));
  await one.recordStep(entry('APPEND-RACE', 0));
  // Both read that nothing is there yet, then wait at the log's lock: the second to get it finds the entry taken.
  await lockHolder.query('SELECT pg_advisory_lock($1)', [LOG_APPEND_LOCK]);
  const racing = [one.recordStep(entry('APPEND-RACE', 1)), two.recordStep(entry('APPEND-RACE', 1))];
  await until(async () => (await waitersForTheLock()) === 2);
  await lockHolder.query('SELECT pg_advisory_unlock($1)', [LOG_APPEND_LOCK]);
  expect(await Promise.all(racing)).toEqual([{ seq: 1 }, { seq: 1 }]);

  // Step 2 and another step 2 under the same key (the same signed step sent twice into two slots): one is recorded.
  await lockHolder.query('SELECT pg_advisory_lock($1)', [LOG_APPEND_LOCK]);
  const keyed = [two.recordStep(entry('APPEND-RACE', 2, 'same-key')), three.recordStep({ ...entry('APPEND-RACE', 2, 'same-key'), at: Date.parse('2026-12-05T09:00:00Z') })];
  await until(async () => (await waitersForTheLock()) === 2);
  await lockHolder.query('SELECT pg_advisory_unlock($1)', [LOG_APPEND_LOCK]);
  const answers = await Promise.allSettled(keyed);
  // The first to the lock is recorded; the other finds entry 2 there with other content: refused, for good.
  expect(answers.filter((a) => a.status === 'fulfilled').map((a) => (a as PromiseFulfilledResult<unknown>).value)).toEqual([{ seq: 2 }]);
  expect(String((answers.find((a) => a.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/entry 2 is already recorded with other content/);
  // Step 3 under the key step 2 holds: not recorded again, the answer names step 2.
  expect(await one.recordStep(entry('APPEND-RACE', 3, 'same-key'))).toEqual({ seq: 2, duplicateOf: 2 });
  expect((await rows('APPEND-RACE')).map((r) => r.seq)).toEqual([0, 1, 2]);
  expect(await chainOf('APPEND-RACE')).toMatchObject({ ok: true, entries: 3 });
  expect(await owner.logLeaf.count({ where: { decisionId: 'APPEND-RACE' } })).toBe(3);
});

it('an entry of a decision that is not registered stores nothing, not even its leaf', async () => {
  const record = createRecordActivities({ prisma: workers[0], sealKey });
  const leavesBefore = await owner.logLeaf.count();
  await expect(record.recordStep(entry('APPEND-NOBODY', 0))).rejects.toThrow(/APPEND-NOBODY/);
  expect(await owner.decisionStep.count({ where: { decisionId: 'APPEND-NOBODY' } })).toBe(0);
  expect(await owner.logLeaf.count()).toBe(leavesBefore);
});

it('the database refuses an entry that does not follow the one recorded before it, or whose text is not what it is stored as, by any statement; a worker that remembers a wrong one reads and links right', async () => {
  await register('APPEND-LINK');
  const record = createRecordActivities({ prisma: workers[0], sealKey });
  await record.recordStep(entry('APPEND-LINK', 0));
  await record.recordStep(entry('APPEND-LINK', 1));
  const [last] = await rows('APPEND-LINK').then((r) => r.slice(-1));
  const app = new Client({ connectionString: db.appUrl });
  await app.connect();
  try {
    // Entry 2 sealed over `prev` (its text then says so), written as the application's role: through the append
    // function, or by a plain INSERT (the role may insert; fresh-eyes tester).
    const text = (prev: string | null, edit: Record<string, unknown> = {}) => sealEntry({ ...(JSON.parse(last.entry!) as RecordEntry), seq: 2, prevHash: prev, ...edit });
    const viaFunction = (e: { canonical: string; hash: string }, prevColumn: string | null) =>
      app.query(
        `SELECT append_record_entry($1, 'APPEND-LINK', 2, 'submitDraft', 'u-zhang', '张承办', 'undertaking_unit', 'sz-jtj', '{}'::jsonb, ARRAY['art. 12'], now(),
          'drafting', 'none', false, 'APPEND-LINK', 'run-1', $2, $3, $4, 'seal', $5, NULL, $6)`,
        [LOG_APPEND_LOCK, e.canonical, e.hash, prevColumn, sealKey.keyId, 'e'.repeat(64)],
      );
    const viaInsert = (e: { canonical: string; hash: string }, prevColumn: string | null) =>
      app.query(
        `INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, articles, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash, prev_hash, seal, seal_key_id)
         VALUES ('APPEND-LINK', 2, 'submitDraft', 'u-zhang', '张承办', 'undertaking_unit', 'sz-jtj', '{}', ARRAY['art. 12'], now(), 'drafting', 'none', 'APPEND-LINK', 'run-1', $1, $2, $3, 'seal', $4)`,
        [e.canonical, e.hash, prevColumn, sealKey.keyId],
      );
    const made = 'sha256:' + '0'.repeat(64);
    for (const write of [viaFunction, viaInsert]) {
      // Linked to a made-up predecessor, or to none.
      await expect(write(text(made), made)).rejects.toMatchObject({ code: '23000', message: expect.stringContaining('does not follow the entry recorded before it') });
      await expect(write(text(null), null)).rejects.toMatchObject({ code: '23000' });
      // The right link in the column, another in the text; the text of another place; a hash that is not the text's.
      await expect(write(text(made), last.entryHash)).rejects.toMatchObject({ code: '23000', message: expect.stringContaining('names another decision, place or predecessor') });
      await expect(write(text(last.entryHash, { seq: 3 }), last.entryHash)).rejects.toMatchObject({ code: '23000' });
      await expect(write({ ...text(last.entryHash), hash: made }, last.entryHash)).rejects.toMatchObject({ code: '23000', message: expect.stringContaining('hash of its text') });
    }
    expect(await owner.decisionStep.count({ where: { decisionId: 'APPEND-LINK' } })).toBe(2);
    // Linked to the entry that is there, as its text says: taken.
    await viaInsert(text(last.entryHash), last.entryHash);
    expect(await owner.decisionStep.count({ where: { decisionId: 'APPEND-LINK' } })).toBe(3);
  } finally {
    await app.end();
  }

  // A worker whose memory of entry 2 is wrong (a database restored under it, say): its first write is refused, it reads
  // the entry it follows, and the chain is whole.
  const remembered = new LastWritten();
  remembered.set('APPEND-LINK', 2, 'sha256:' + '0'.repeat(64));
  const misremembering = createRecordActivities({ prisma: workers[1], sealKey, lastWritten: remembered });
  expect(await misremembering.recordStep(entry('APPEND-LINK', 3))).toEqual({ seq: 3 });
  // And remembers the entry it wrote: the next is written over it.
  expect(remembered.get('APPEND-LINK')).toEqual({ seq: 3, hash: (await rows('APPEND-LINK'))[3].entryHash });
  expect(await misremembering.recordStep(entry('APPEND-LINK', 4))).toEqual({ seq: 4 });
  expect(await chainOf('APPEND-LINK')).toMatchObject({ ok: true, entries: 5 });
});

it("keeps the action of a decision's last entry on the decision, and the archive pass finds a closed decision waiting for its archive by index", async () => {
  await register('APPEND-LAST');
  const record = createRecordActivities({ prisma: workers[0], sealKey });
  await record.recordStep(entry('APPEND-LAST', 0));
  await record.recordStep({ ...entry('APPEND-LAST', 1), phaseAfter: 'closed' });
  const waiting = async () => (await owner.$queryRaw<{ id: string }[]>(ARCHIVE_PENDING)).map((r) => r.id);
  expect((await owner.decision.findUniqueOrThrow({ where: { id: 'APPEND-LAST' } })).lastAction).toBe('submitDraft');
  expect(await waiting()).toContain('APPEND-LAST');
  await record.recordStep({ ...entry('APPEND-LAST', 2), action: 'archiveHistory', payload: {}, signature: undefined, phaseAfter: 'closed' });
  expect((await owner.decision.findUniqueOrThrow({ where: { id: 'APPEND-LAST' } })).lastAction).toBe('archiveHistory');
  expect(await waiting()).not.toContain('APPEND-LAST');
  await owner.$executeRawUnsafe('ANALYZE decisions');
  const plan = await owner.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${ARCHIVE_PENDING.text}`);
  });
  expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('decisions_unarchived_idx');
});

it('the memory of last entries is bounded: the decision least recently written is forgotten first', () => {
  const m = new LastWritten(2);
  m.set('A', 0, 'a');
  m.set('B', 0, 'b');
  m.set('A', 1, 'a1');
  m.set('C', 0, 'c');
  expect([m.get('A'), m.get('B'), m.get('C')]).toEqual([{ seq: 1, hash: 'a1' }, undefined, { seq: 0, hash: 'c' }]);
});

it("a step is recorded only while its signer's key and the office it relies on hold at the entry's time: revoked, expired or ended since the API's check, it is refused as such and nothing is stored; recorded already, a retry is answered (attacker: a record that never verified again)", async () => {
  const record = createRecordActivities({ prisma: workers[0], sealKey });
  await owner.organisation.create({ data: { id: 'sz-jtj', name: '深圳市交通运输局', kind: 'department', endorsedBy: 'r', endorsement: 'e' } });
  await owner.appointment.create({ data: { id: 'ap-1', personId: actor.id, personName: actor.name, role: actor.role, organisationId: 'sz-jtj', validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2028-01-01T00:00:00Z'), endorsedBy: 'r', endorsement: 'e' } });
  const refusedAs = async (step: StepEntry) => {
    const err = await record.recordStep(step).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
    return (err as ApplicationFailure).details?.[0] as { code: string; zh: string; citations: string[] };
  };
  const signedWith = (keyId: string, seq: number, extra: Partial<StepEntry> = {}): StepEntry => ({ ...entry('LAPSED-A', seq), signature: { keyId, algorithm: 'ed25519', value: `sig-${keyId}-${seq}`, idempotencyKey: `LAPSED-A-${keyId}-${seq}` }, ...extra });
  await register('LAPSED-A');
  expect(await record.recordStep(entry('LAPSED-A', 0))).toEqual({ seq: 0 });
  // A key revoked a second before the entry's time; one that expired; one never registered.
  const at = entry('LAPSED-A', 1).at;
  await owner.actorKey.create({ data: { keyId: 'k-revoked', actorId: actor.id, algorithm: 'ed25519', publicKey: 'pk', validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2028-01-01T00:00:00Z'), revokedAt: new Date(at - 1000) } });
  await owner.actorKey.create({ data: { keyId: 'k-expired', actorId: actor.id, algorithm: 'ed25519', publicKey: 'pk', validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date(at) } });
  const revoked = await refusedAs(signedWith('k-revoked', 1));
  expect(revoked).toMatchObject({ code: 'BAD_SIGNATURE', zh: expect.stringMatching(/^签名不予认可：此步骤记入决策记录时（2026-12-05T16:00:01\.000\+08:00），密钥 k-revoked 已于 2026-12-05T16:00:00\.000\+08:00 撤销/) });
  expect((await refusedAs(signedWith('k-expired', 1))).zh).toMatch(/密钥 k-expired 的有效期为 .* 至 2026-12-05T16:00:01\.000\+08:00/);
  expect((await refusedAs(signedWith('k-none', 1))).zh).toMatch(/密钥 k-none 未登记/);
  // An office ended before the entry's time.
  await owner.appointment.update({ where: { id: 'ap-1' }, data: { endedAt: new Date(at - 1) } });
  const office = { appointmentId: 'ap-1', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2028-01-01T00:00:00.000Z', path: [] };
  const ended = await refusedAs(signedWith('k-1', 1, { office } as Partial<StepEntry>));
  expect(ended).toMatchObject({ code: 'NO_OFFICE', zh: expect.stringContaining('所依据的任职 ap-1 已于 2026-12-05T16:00:00.999+08:00 终止') });
  expect(await rows('LAPSED-A')).toHaveLength(1);
  // Holding at its time, it is recorded; revoked after, a retry of it is answered from the record, not refused.
  expect(await record.recordStep(signedWith('k-1', 1))).toEqual({ seq: 1 });
  await owner.actorKey.update({ where: { keyId: 'k-1' }, data: { revokedAt: new Date(at) } });
  expect(await createRecordActivities({ prisma: workers[1], sealKey }).recordStep(signedWith('k-1', 1))).toEqual({ seq: 1 });
  await owner.actorKey.update({ where: { keyId: 'k-1' }, data: { revokedAt: null } });
  expect(await chainOf('LAPSED-A')).toMatchObject({ ok: true });
});

it("the registration's own entry is checked so too: its key revoked before it came to be recorded (a worker down meanwhile), it is refused as such and nothing is stored (retest: the decision never verified)", async () => {
  const record = createRecordActivities({ prisma: workers[0], sealKey });
  await register('LAPSED-REG');
  const first = entry('LAPSED-REG', 0);
  await owner.actorKey.create({ data: { keyId: 'k-reg', actorId: actor.id, algorithm: 'ed25519', publicKey: 'pk', validFrom: new Date('2026-01-01T00:00:00Z'), validTo: new Date('2028-01-01T00:00:00Z'), revokedAt: new Date(first.at - 1000) } });
  const err = await record.recordStep({ ...first, signature: { keyId: 'k-reg', algorithm: 'ed25519', value: 'sig', idempotencyKey: 'LAPSED-REG' } }).then(() => undefined, (e: unknown) => e);
  expect((err as ApplicationFailure).details?.[0]).toMatchObject({ code: 'BAD_SIGNATURE', zh: expect.stringMatching(/^签名不予认可：此登记记入决策记录时（[^）]+），密钥 k-reg 已于 \S+ 撤销/) });
  expect(await rows('LAPSED-REG')).toHaveLength(0);
});

it('a panel is recorded only if none of its experts was disqualified by its entry’s time (Art. 41): entered meanwhile, the panel is refused with the rule’s own words', async () => {
  const record = createRecordActivities({ prisma: workers[0], sealKey });
  await register('LAPSED-P');
  expect(await record.recordStep(entry('LAPSED-P', 0))).toEqual({ seq: 0 });
  const panel = (seq: number): StepEntry => ({ ...entry('LAPSED-P', seq), action: 'appointExpertPanel', payload: { form: 'meeting', experts: [{ id: 'e-liu', name: '刘专家' }, { id: 'e-chen', name: '陈专家' }] } });
  const at = panel(1).at;
  // Entered after the panel's time: it stands.
  await owner.expertDisqualification.create({ data: { id: 'dq-later', expertId: 'e-chen', expertName: '陈专家', governmentId: 'sz', reason: '弄虚作假', validFrom: new Date(at - 60_000), endorsedBy: 'r', endorsement: 'e', registeredAt: new Date(at + 1) } });
  await owner.expertDisqualification.create({ data: { id: 'dq-before', expertId: 'e-liu', expertName: '刘专家', governmentId: 'sz', reason: '出具虚假论证意见', validFrom: new Date(at - 60_000), endorsedBy: 'r', endorsement: 'e', registeredAt: new Date(at - 1) } });
  const err = (await record.recordStep(panel(1)).then(() => undefined, (e: unknown) => e)) as ApplicationFailure;
  expect(err.details?.[0]).toMatchObject({ code: 'EXPERT_DISQUALIFIED', zh: expect.stringMatching(/^experts\.0\.id：专家刘专家（e-liu）已被sz取消评估资格（出具虚假论证意见，记录 dq-before）/) });
  expect(await rows('LAPSED-P')).toHaveLength(1);
  // Without that expert: the other's disqualification came after the panel's time.
  expect(await record.recordStep({ ...panel(1), payload: { form: 'meeting', experts: [{ id: 'e-chen', name: '陈专家' }] } })).toEqual({ seq: 1 });
  // Nor an opinion of an expert disqualified by its entry's time (retest: recorded 27 s after the disqualification).
  const opinion = (seq: number, id: string, name: string): StepEntry => ({ ...entry('LAPSED-P', seq), action: 'submitExpertOpinion', actor: { id, name, role: 'expert', organisation: '某院' } as Actor, payload: { opinionHash: `sha256:${'e'.repeat(64)}`, signed: true } });
  const refused = (await record.recordStep(opinion(2, 'e-liu', '刘专家')).then(() => undefined, (e: unknown) => e)) as ApplicationFailure;
  expect(refused.details?.[0]).toMatchObject({ code: 'EXPERT_DISQUALIFIED', zh: expect.stringContaining('刘专家（e-liu）') });
  expect(await rows('LAPSED-P')).toHaveLength(2);
});
