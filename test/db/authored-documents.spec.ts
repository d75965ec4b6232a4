import { createHash } from 'node:crypto';
import { reusedWork } from '../../apps/api/src/documents/authored-documents';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { createTestDatabase } from '../support/db';

/**
 * A step's own work (apps/api/src/documents/authored-documents.ts) against real PostgreSQL, its steps written as the
 * record holds them: whose work a document already is, in this decision or another, under either algorithm's name.
 */
describe("a step's own work is a document the record does not hold yet", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;
  const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
  const sm3 = (s: string) => `sm3:${createHash('sm3').update(s).digest('hex')}`;
  const seqs = new Map<string, { seq: number; prev: string | null }>();

  /** An entry of the decision's record, chained as the record's trigger wants it. */
  const entry = async (decisionId: string, action: string, actor: { id: string; organisation: string }, payload: object) => {
    const at = seqs.get(decisionId) ?? { seq: 0, prev: null };
    const text = JSON.stringify({ decisionId, seq: at.seq, action, payload, prevHash: at.prev });
    const hash = sha(text);
    await prisma.$executeRaw`
      INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, articles, at, phase_after, hold_after, workflow_id, run_id, entry, entry_hash, prev_hash)
      VALUES (${decisionId}, ${at.seq}, ${action}, ${actor.id}, ${actor.id}, 'role', ${actor.organisation}, ${JSON.stringify(payload)}::jsonb, '{}', now(), 'x', 'none', ${decisionId}, 'r', ${text}, ${hash}, ${at.prev})`;
    seqs.set(decisionId, { seq: at.seq + 1, prev: hash });
  };

  const mayor = { id: 'mayor', organisation: 'hz' };
  const secretary = { id: 'secretary', organisation: 'hz-bgt' };
  const expert = (id: string) => ({ id, organisation: '交通大学' });

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    for (const [id, government] of [['A', 'hz'], ['B', 'hz'], ['C', 'js']]) {
      await prisma.$executeRaw`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id, government_id) VALUES (${id}, 't', 'hz-jtj', 'c', '{}', 'national', ${id}, 'r', ${government})`;
    }
    await prisma.$executeRaw`INSERT INTO documents (hash, size, media_type, content) VALUES (${sha('意见')}, 6, 'text/plain', ${Buffer.from('意见')})`;
    await entry('A', 'submitDraft', { id: 'unit', organisation: 'hz-jtj' }, { documentHash: sha('草案'), explanationHash: sha('说明'), alternatives: [{ title: '方案二', documentHash: sha('方案二') }] });
    await entry('A', 'submitExpertOpinion', expert('e-1'), { opinionHash: sha('意见'), signed: true });
    await entry('A', 'superviseExecution', mayor, { findingsHash: sha('督查') });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  const refusedFor = async (decisionId: string, action: string, actor: { id: string; organisation: string }, payload: object) => (await reusedWork(prisma, decisionId, { action, actor, payload }))?.zh;

  it("an expert's opinion is his: another expert's filing of it is refused, here or in another decision, under either algorithm's name", async () => {
    expect(await refusedFor('A', 'submitExpertOpinion', expert('e-2'), { opinionHash: sha('意见') })).toMatch(/^opinionHash：文件 sha256:\S+ 已经载入本决策第1项记录（提交专家论证意见，e-1）/);
    expect(await refusedFor('B', 'submitExpertOpinion', expert('e-2'), { opinionHash: sha('意见') })).toMatch(/已经载入决策 A 第1项记录/);
    // The same bytes uploaded again as SM3 (retest: 201).
    await prisma.$executeRaw`INSERT INTO documents (hash, size, media_type, content) VALUES (${sm3('意见')}, 6, 'text/plain', ${Buffer.from('意见')})`;
    expect(await refusedFor('B', 'submitExpertOpinion', expert('e-2'), { opinionHash: sm3('意见') })).toMatch(new RegExp(`^opinionHash：文件 ${sm3('意见')}（即 ${sha('意见')}，同一文件以另一种摘要算法命名） 已经载入决策 A`));
    // His own, in a related decision: his.
    expect(await refusedFor('B', 'submitExpertOpinion', expert('e-1'), { opinionHash: sha('意见') })).toBeUndefined();
  });

  it("the other algorithm's name of a document stored before it was kept is computed once from its bytes and kept; one kept is read, not the bytes", async () => {
    await prisma.$executeRaw`INSERT INTO documents (hash, size, media_type, content) VALUES (${sha('旧意见')}, 9, 'text/plain', ${Buffer.from('旧意见')})`;
    await entry('A', 'submitExpertOpinion', expert('e-3'), { opinionHash: sha('旧意见'), signed: true });
    const twins = async (hash: string) => (await prisma.$queryRaw<{ twin: string }[]>`SELECT twin FROM document_twins WHERE hash = ${hash}`).map((r) => r.twin);
    expect(await twins(sha('旧意见'))).toEqual([]);
    expect(await refusedFor('B', 'submitExpertOpinion', expert('e-4'), { opinionHash: sha('旧意见') })).toMatch(/已经载入决策 A/);
    expect(await twins(sha('旧意见'))).toEqual([sm3('旧意见')]);
    // Kept with the document: the bytes are not read again. Here a twin the bytes do not have, so only the kept one can name it.
    await prisma.$executeRaw`INSERT INTO documents (hash, size, media_type, content) VALUES (${sm3('别的字节')}, 12, 'text/plain', ${Buffer.from('别的字节')})`;
    await prisma.$executeRaw`INSERT INTO document_twins (hash, twin) VALUES (${sm3('别的字节')}, ${sha('旧意见')})`;
    expect(await refusedFor('B', 'submitExpertOpinion', expert('e-4'), { opinionHash: sm3('别的字节') })).toMatch(new RegExp(`即 ${sha('旧意见')}`));
  });

  it("an organisation's findings are its government's to record in each decision they cover, by any of its officials; not another government's", async () => {
    expect(await refusedFor('B', 'superviseExecution', secretary, { findingsHash: sha('督查') })).toBeUndefined();
    expect(await refusedFor('C', 'superviseExecution', { id: 'js-secretary', organisation: 'js-bgt' }, { findingsHash: sha('督查') })).toMatch(/^findingsHash：.*已经载入决策 A 第2项记录/);
    // In the same decision, recorded again: refused, whoever sends it.
    expect(await refusedFor('A', 'superviseExecution', mayor, { findingsHash: sha('督查') })).toMatch(/已经载入本决策第2项记录/);
  });

  it('a revision is not an earlier draft of the decision, but may be an alternative put beside one (Art. 12), or another decision\'s text', async () => {
    expect(await refusedFor('A', 'submitDraft', { id: 'unit', organisation: 'hz-jtj' }, { documentHash: sha('草案') })).toMatch(/^documentHash：.*已经载入本决策第0项记录（提交决策草案/);
    expect(await refusedFor('A', 'submitDraft', { id: 'unit', organisation: 'hz-jtj' }, { documentHash: sha('方案二') })).toBeUndefined();
    expect(await refusedFor('C', 'submitDraft', { id: 'other', organisation: 'js-jtj' }, { documentHash: sha('草案') })).toBeUndefined();
  });
});
