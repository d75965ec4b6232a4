import { createHash } from 'node:crypto';
import { Client as Pg } from 'pg';
import { Role, type Actor } from '../../libs/domain';
import { PERSON, REGISTRAR } from '../support/auth';
import { appoint } from '../support/government';
import { actors, cmd, h, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import type { DecisionBundle } from '../../libs/record/bundle';

/**
 * The documents a step names are in the system (Art. 33: the records and materials of the procedure are archived
 * complete): a step citing a hash nobody uploaded is refused, and kept as a refusal; uploaded, the same step goes in.
 * The same for the document that answers a group of the public's comments. The documents here are made with their
 * own bytes, not with h(), so the test systems' helpers do not upload them: the test does, when it means to.
 */
describe('the documents a step cites are uploaded (Art. 33)', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let pg: Pg;
  let unit: TestKey;
  const stamp = Date.now();
  const text = (what: string) => Buffer.from(`${what} ${stamp}`, 'utf8');
  const explanationOf = (id: string) => text(`${id} 意见采纳情况报告`);
  const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  const upload = async (b: Buffer) => (await system.as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(b).expect(201)).body.hash as string;
  const entries = async (id: string) => (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM decision_steps WHERE decision_id = $1', [id])).rows[0].n;
  const register = async (id: string) =>
    system
      .as(actors.unit.id)
      .post('/decisions')
      .send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-DOCS', legalBasis: ['《价格法》'] }, actors.unit, unit))
      .expect(201);

  /** A decision registered, its draft out for comment, and one comment of the public on it: the comment's receipt. */
  const commentedOn = async (id: string, comment: string): Promise<string> => {
    await register(id);
    let n = 0;
    for (const c of [steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()]) {
      await system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-${++n}`)).expect(201);
    }
    return (await system.as(PERSON).post(`/decisions/${id}/comments`).send({ text: comment }).expect(201)).body.receipt as string;
  };

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-DOCS', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
  }, 120_000);

  afterAll(async () => {
    await pg?.end();
    await system?.close();
  });

  it('a draft citing a document nobody uploaded: 422 MISSING_DOCUMENT naming the field and Art. 33, nothing recorded, the refusal kept; uploaded, the same step is accepted', async () => {
    const id = `DOCS-STEP-${stamp}`;
    await register(id);
    const draft = text('草案'), explanation = text('起草说明');
    const [draftHash, explanationHash] = [sha(draft), sha(explanation)];
    await upload(explanation); // one of the two is there
    const body = signedStep(id, cmd('submitDraft', actors.unit, { documentHash: draftHash, explanationHash }), unit, `${id}-draft`);

    // Signed by another key than the one named: the bad signature is what it is told, not what it cites.
    const forged = { ...body, signature: { ...body.signature, value: signedStep(id, cmd('submitDraft', actors.unit, { documentHash: draftHash, explanationHash: draftHash }), unit, `${id}-draft`).signature.value } };
    expect((await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(forged).expect(422)).body).toMatchObject({ code: 'BAD_SIGNATURE' });

    const refused = (await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(body).expect(422)).body;
    expect(refused).toMatchObject({
      code: 'MISSING_DOCUMENT',
      message: expect.stringMatching(new RegExp(`^documentHash：文件 ${draftHash} 尚未上传，或者既不是您上传的、也不是本决策事项已有步骤所引的文件；请先通过 POST /documents 上传该文件.*（documentHash: document ${draftHash} has not been uploaded`)),
      articles: [expect.stringContaining('第三十三条')],
    });
    expect(await entries(id)).toBe(1); // the registration only
    expect((await system.as(PERSON).get(`/decisions/${id}/refusals`).expect(200)).body).toEqual([
      expect.objectContaining({ action: 'submitDraft', actorId: actors.unit.id, code: 'MISSING_DOCUMENT', articles: [expect.stringContaining('第三十三条')], payload: body.payload }),
    ]);

    expect(await upload(draft)).toBe(draftHash);
    expect((await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(body).expect(201)).body).toMatchObject({ seq: 1 });
    // Sent again: answered from the record, as the first time.
    expect((await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(body).expect(201)).body).toMatchObject({ seq: 1 });
    expect(await entries(id)).toBe(2);
    const recorded = (await pg.query<{ entry: string }>('SELECT entry FROM decision_steps WHERE decision_id = $1 AND seq = 1', [id])).rows[0];
    expect(JSON.parse(recorded.entry).documents).toEqual([draftHash, explanationHash].sort());
  }, 60_000);

  it('a step not its signer’s to take now, citing a document nobody uploaded: told of the role or the stage, as the rules would, not of the document (fresh-eyes tester)', async () => {
    const id = `DOCS-ORDER-${stamp}`;
    await register(id);
    const missing = sha(text('无人上传的文件'));
    const send = (c: ReturnType<typeof cmd>, key: string) => system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, key));

    // The unit's official, giving the review opinion: the role is what is wrong.
    const byRole = (await send(cmd('issueLegalityOpinion', actors.unit, { form: 'review', outcome: 'lawful', opinionHash: missing } as never), `${id}-role`).expect(422)).body;
    expect(byRole).toMatchObject({ code: 'WRONG_ROLE', message: expect.stringContaining('不能由') });
    // The unit's own step, before its draft: the stage is what is wrong.
    const byStage = (await send(cmd('submitAdoptionReport', actors.unit, { reportHash: missing, groups: [] } as never), `${id}-stage`).expect(422)).body;
    expect(byStage.code).toBe('WRONG_STAGE');
    // Its own step, now: the document is what is wrong.
    const byDocument = (await send(cmd('submitDraft', actors.unit, { documentHash: missing, explanationHash: missing }), `${id}-draft`).expect(422)).body;
    expect(byDocument.code).toBe('MISSING_DOCUMENT');
    expect((await system.as(PERSON).get(`/decisions/${id}/refusals`).expect(200)).body.map((r: { code: string }) => r.code)).toEqual(['WRONG_ROLE', 'WRONG_STAGE', 'MISSING_DOCUMENT']);
    expect(await entries(id)).toBe(1);
    // The inspector's bundle lists them, as kept, beside the record they did not change (statute tester: it had none).
    const bundle = (await system.as(PERSON).get(`/decisions/${id}/bundle`).expect(200)).body as DecisionBundle;
    expect(bundle.refusals).toEqual([
      expect.objectContaining({ action: 'issueLegalityOpinion', actor: expect.objectContaining({ id: actors.unit.id, name: actors.unit.name }), code: 'WRONG_ROLE', articles: [expect.stringContaining('第二十五条'), expect.stringContaining('第二十八条')], attemptedAt: expect.any(String) }),
      expect.objectContaining({ action: 'submitAdoptionReport', code: 'WRONG_STAGE' }),
      expect.objectContaining({ action: 'submitDraft', code: 'MISSING_DOCUMENT', payload: { documentHash: missing, explanationHash: missing } }),
    ]);
    expect(bundle.entries).toHaveLength(1);
  }, 60_000);

  it('an answer to the public’s comments by a group whose response nobody uploaded: 422 MISSING_DOCUMENT; uploaded, it is taken', async () => {
    const id = `DOCS-ANSWER-${stamp}`;
    const receipt = await commentedOn(id, '建议对老年人保留优惠票价。');
    const response = text('关于老年人票价的答复');
    const groupHash = sha(response);
    const answer = () => system.as(actors.unit.id).put(`/decisions/${id}/comment-answers`).send({ groupHash, receipts: [receipt] });

    expect((await answer().expect(422)).body).toMatchObject({
      code: 'MISSING_DOCUMENT',
      message: expect.stringMatching(new RegExp(`^groupHash：文件 ${groupHash} 尚未上传`)),
      articles: [expect.stringContaining('第三十三条')],
    });
    expect((await system.as(actors.unit.id).get(`/decisions/${id}/comment-answers`).expect(200)).body).toMatchObject({ answered: 0, unanswered: 1 });

    await upload(response);
    expect((await answer().expect(200)).body).toEqual({ assigned: 1, unanswered: 0 });
  }, 60_000);

  it("the adoption report cites the groups a colleague of the unit answered: not refused for their documents, which its signer reads (fresh-eyes tester)", async () => {
    const id = `DOCS-COLLEAGUE-${stamp}`;
    const receipt = await commentedOn(id, '建议延长优惠时段。');
    // A second official of the same department answers the comment with a response only they uploaded.
    const colleague = { id: 'u-colleague', name: 'u-colleague', role: Role.UndertakingUnit, organisation: actors.unit.organisation } as Actor;
    await appoint(system.api, system.registrar, colleague);
    const response = text('同事起草的答复');
    await system.as(colleague.id).post('/documents').set('content-type', 'text/plain').send(response).expect(201);
    await system.as(colleague.id).put(`/decisions/${id}/comment-answers`).send({ groupHash: sha(response), receipts: [receipt] }).expect(200);
    await system.as(actors.unit.id).get(`/documents/${sha(response)}`).expect(200);

    // The report, as the unit's official signs it: refused only because the period is still running, not for a document.
    const summary = (await system.as(actors.unit.id).get(`/decisions/${id}/comment-answers`).expect(200)).body as { commentsAnswered: unknown; groups: { groupHash: string; commentCount: number }[] };
    const groups = summary.groups.map((g) => ({ groupHash: g.groupHash, response: 'adopted', commentCount: g.commentCount }));
    const report = cmd('submitAdoptionReport', actors.unit, { reportHash: sha(explanationOf(id)), groups, commentsAnswered: summary.commentsAnswered } as never);
    await upload(explanationOf(id));
    const refused = (await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, report, unit, `${id}-report`)).expect(422)).body;
    expect(refused.code).not.toBe('MISSING_DOCUMENT');
    expect(refused.message).not.toMatch(/groups\.0\.groupHash/);
  }, 60_000);

  it("another's document, cited by its hash alone: refused as one nobody uploaded, so the refusal tells nothing of whether it exists, and it stays 404 to them; uploading the same bytes makes it theirs to cite and read (fresh-eyes tester)", async () => {
    // The unit's draft, in its own decision: not published, so not the public's.
    const ours = `DOCS-OURS-${stamp}`;
    await register(ours);
    const draft = text('本局未公开的草案'), explanation = text('本局起草说明');
    await upload(draft);
    await upload(explanation);
    await system.as(actors.unit.id).post(`/decisions/${ours}/steps`).send(signedStep(ours, cmd('submitDraft', actors.unit, { documentHash: sha(draft), explanationHash: sha(explanation) }), unit, `${ours}-draft`)).expect(201);

    // An official of another department (the finance bureau), with a key and a decision of their own.
    const finance = { id: 'u-finance', name: 'u-finance', role: Role.UndertakingUnit, organisation: 'hz-czj' } as Actor;
    await appoint(system.api, system.registrar, finance);
    const key = newKey('ed25519');
    const financeKey = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, finance.id, key)).expect(201)).body.keyId };
    const theirs = `DOCS-THEIRS-${stamp}`;
    await system.as(finance.id).post('/decisions').send(signedRegistration({ id: theirs, title: '关于调整收费的决定', undertakingDepartment: 'hz-czj', catalogRef: 'C-DOCS', legalBasis: ['《价格法》'] }, finance, financeKey)).expect(201);
    await system.as(finance.id).get(`/documents/${sha(draft)}`).expect(404);
    const ownExplanation = text('财政局起草说明');
    await system.as(finance.id).post('/documents').set('content-type', 'text/plain').send(ownExplanation).expect(201);

    // The unit's draft cited by its hash, and a hash nobody uploaded: the same refusal, word for word but the hash.
    const draftOf = (documentHash: string, n: string) => signedStep(theirs, cmd('submitDraft', finance, { documentHash, explanationHash: sha(ownExplanation) }), financeKey, `${theirs}-draft-${n}`);
    const nobodys = sha(text('无人上传的文件'));
    const citingTheirs = (await system.as(finance.id).post(`/decisions/${theirs}/steps`).send(draftOf(sha(draft), 'a')).expect(422)).body;
    const citingNone = (await system.as(finance.id).post(`/decisions/${theirs}/steps`).send(draftOf(nobodys, 'b')).expect(422)).body;
    expect(citingTheirs).toMatchObject({ code: 'MISSING_DOCUMENT', articles: [expect.stringContaining('第三十三条')] });
    expect({ ...citingTheirs, message: citingTheirs.message.replaceAll(sha(draft), 'H') }).toEqual({ ...citingNone, message: citingNone.message.replaceAll(nobodys, 'H') });
    await system.as(finance.id).get(`/documents/${sha(draft)}`).expect(404);

    // Whoever has the bytes holds the document: uploaded again by them (not the first), it is theirs to cite and read.
    await system.as(finance.id).post('/documents').set('content-type', 'text/plain').send(draft).expect(201);
    await system.as(finance.id).post(`/decisions/${theirs}/steps`).send(draftOf(sha(draft), 'a')).expect(201);
    await system.as(finance.id).get(`/documents/${sha(draft)}`).expect(200);
    await system.as(actors.unit.id).get(`/documents/${sha(draft)}`).expect(200);
  }, 60_000);

  it("a document the decision's steps named already is the decision's to cite: the meeting's secretary cites the draft the unit uploaded, not another document of the unit's", async () => {
    const id = `DOCS-HELD-${stamp}`;
    await register(id);
    const draft = text('提交讨论的草案'), explanation = text('提交讨论的起草说明'), unrelated = text('承办单位的另一份文件');
    for (const b of [draft, explanation, unrelated]) await upload(b);
    const { ok } = system.stepsOn(id);
    await ok(
      cmd('submitDraft', actors.unit, { documentHash: sha(draft), explanationHash: sha(explanation) }),
      steps.applicability({ pp: false, expert: false, risk: false }),
      steps.submitReview(),
      steps.legalOpinion(),
      steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查' }),
    );
    const key = await system.keyOf(actors.secretary.id);
    const discussion = (draftHash: string) =>
      system.as(actors.secretary.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.discussion({ draftHash, legalityOpinionHash: h('legality-lawful') }), key, `${id}-discussion-${draftHash.slice(-6)}`));
    // The secretary uploaded neither: the unit's other file, which no step of the decision names, is not theirs to cite.
    expect((await discussion(sha(unrelated)).expect(422)).body).toMatchObject({ code: 'MISSING_DOCUMENT', message: expect.stringContaining(`materials.draftHash：文件 ${sha(unrelated)} 尚未上传`) });
    // The draft the unit submitted is the decision's: the minutes name it.
    await discussion(sha(draft)).expect(201);
  }, 60_000);
});
