import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Command, PublishedDecisionView } from '../../libs/domain';
import { PERSON } from '../support/auth';
import { actors, cmd, h, steps } from '../support/procedure';
import { signedRegistration } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * After the decision, over HTTP (fresh-eyes tester, 2026-12-06). Art. 36 para. 2: the evaluator did not argue the
 * decision before, by whatever name the record gives it. Art. 37: a decision in force is stopped only by the procedure, and the decision to stop it is issued as any
 * decision is (Arts. 31–33): reported to the Party committee, published and archived; the portal says at each point
 * where the published decision stands (fresh-eyes tester: a terminated decision skipped all three, and the portal went
 * on listing it, unmarked, as published).
 */
describe('after the decision: its evaluation (Art. 36) and its termination (Art. 37)', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const anyone = () => request(system.api.getHttpServer());

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-TERM', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);
  afterAll(() => system?.close());

  /** A withheld matter's publication after all, on its basis for disclosure (Arts. 14, 32), of the text adopted. */
  const publish = (documentHash: string): Command => ({ ...steps.publish(), payload: { channels: ['市政府网站'], documentHash, disclosureBasis: '经定密机关审查，已解密' } }) as Command;
  /** A pass through the procedure, from the draft to the report to the Party committee, as quickly as the rules allow; `argued`, the expert argumentation's steps. */
  const pass = async (d: ReturnType<typeof system.stepsOn>, v: number, argued: Command[] = []) => {
    // Each pass's opinions are its own (Art. 37): the draft's version tells them apart.
    const opinionHash = v === 1 ? h('legality-lawful') : h(`legality-lawful-${v}`);
    await d.ok(steps.draft(v), steps.applicability({ pp: false, expert: argued.length > 0, risk: false }), ...argued, steps.submitReview(v), steps.legalOpinion(undefined, v), steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查', opinionHash }));
    // The minutes are dated when they are made: after the opinion (Arts. 25, 30).
    const materials = { draftHash: h(`draft-${v}`), legalityOpinionHash: opinionHash, ...(argued.length ? { expertReportHash: h('expert-adoption') } : {}) };
    await d.ok(steps.discussion(materials), steps.decide(), steps.partyReport(v));
  };
  const register = async (id: string) => {
    const fields = { id, title: '关于调整公交票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-TERM', legalBasis: ['《价格法》'] };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
    return system.stepsOn(id);
  };

  it('refuses to commission the evaluation from a body that argued the decision, named by its registered name in any width or spacing (Art. 36 para. 2)', async () => {
    const d = await register(`EVAL-${randomUUID().slice(0, 8)}`);
    // 杭州某第三方评估公司 is hz-dsfpg's registered name; the panel gives it as typed, with an ideographic space.
    const panel = cmd('appointExpertPanel', actors.unit, {
      form: 'meeting',
      experts: [
        { id: actors.expert1.id, name: actors.expert1.name, organisation: actors.expert1.organisation, field: '交通工程', directInterest: false },
        { id: actors.expert2.id, name: actors.expert2.name, organisation: '杭州某第三方\u3000评估公司', field: '公共政策评估', directInterest: false },
      ],
    });
    await pass(d, 1, [panel, steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts()]);
    await d.ok(publish(h('draft-1')), steps.archive(), steps.designate());
    const refused = await d.send(steps.commission('hz-dsfpg'));
    expect([refused.status, refused.body.code, refused.body.message]).toEqual([422, 'CONFLICT_OF_INTEREST', expect.stringMatching(/^organisation：杭州某第三方评估公司（hz-dsfpg）在决策作出前承担了主要论证评估工作（第\d+条记录：杭州某第三方\u3000评估公司）/)]);
    expect(refused.body.articles).toEqual(['《重大行政决策程序暂行条例》第三十六条第二款 (Decree No. 713, Art. 36 para. 2)']);
    // Nor by its name with an invisible character, or with its legal form after it (second tester: both passed).
    for (const [i, typed] of ['杭州某第三方评估\u200b公司', '杭州某第三方评估公司有限责任公司'].entries()) {
      const e = await register(`EVAL-${i}-${randomUUID().slice(0, 8)}`);
      const named = cmd('appointExpertPanel', actors.unit, { form: 'meeting', experts: [{ id: actors.expert1.id, name: actors.expert1.name, organisation: typed, field: '公共政策评估', directInterest: false }] });
      await pass(e, 1, [named, steps.expertOpinion(actors.expert1), steps.completeExperts()]);
      await e.ok(publish(h('draft-1')), steps.archive(), steps.designate());
      const again = await e.send(steps.commission('hz-dsfpg'));
      expect([typed, again.status, again.body.code]).toEqual([typed, 422, 'CONFLICT_OF_INTEREST']);
    }
    // Nor the undertaking bureau, nor an office of it, which the rules alone cannot tell (retest: 评估处 was commissioned).
    const own = await d.send(steps.commission(actors.unit.organisation));
    expect([own.status, own.body.code]).toEqual([422, 'CONFLICT_OF_INTEREST']);
    const office = await d.send(steps.commission('hz-jtj-fgc'));
    expect([office.status, office.body.code, office.body.message]).toEqual([422, 'CONFLICT_OF_INTEREST', expect.stringMatching(/^organisation：杭州市交通运输局政策法规处（hz-jtj-fgc）是杭州市交通运输局（hz-jtj）的内设机构；hz-jtj是本决策的决策承办单位，/)]);
    expect(office.body.articles).toEqual(['《重大行政决策程序暂行条例》第三十六条第二款 (Decree No. 713, Art. 36 para. 2)']);
    // A body that argued nothing may evaluate.
    await d.ok(steps.commission('hz-wdpg'));
  }, 120_000);

  it('an adjustment not adopted leaves the decision in force, and the portal says so (second tester: it stayed “adjusting”)', async () => {
    const id = `KEEP-${randomUUID().slice(0, 8)}`;
    const d = await register(id);
    await pass(d, 1);
    await d.ok(publish(h('draft-1')), steps.archive(), steps.adjust('adjust', '票价再作调整'));
    expect((await anyone().get(`/published-decisions/${id}`).expect(200)).body).toMatchObject({ standing: 'adjusting' });
    await d.ok(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2), steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查', opinionHash: h('legality-lawful-2') }));
    await d.ok(steps.discussion({ draftHash: h('draft-2'), legalityOpinionHash: h('legality-lawful-2') }, ['disagree', 'disagree', 'agree']), steps.decide('not_adopt', { reasons: '调整方案不成熟' }));
    expect((await anyone().get(`/published-decisions/${id}`).expect(200)).body).toMatchObject({ standing: 'in_force', documentHash: h('draft-1') });
  }, 120_000);

  it('a change published under a law that keeps it from the public leaves the decision it changed on the portal, said to be changed (statute tester: it vanished, Arts. 32, 37)', async () => {
    const withheld = (documentHash: string): Command => ({ ...steps.publish(), payload: { channels: [], documentHash } }) as Command;
    for (const [kind, standing] of [['adjust', 'changed_withheld'], ['terminate', 'terminated']] as const) {
      const id = `HELD-${kind}-${randomUUID().slice(0, 8)}`;
      const d = await register(id);
      await pass(d, 1);
      await d.ok(publish(h('draft-1')), steps.archive(), steps.adjust(kind, '上位法修改'));
      await pass(d, 2);
      await d.ok(withheld(h('draft-2')));
      expect([kind, (await anyone().get(`/published-decisions/${id}`).expect(200)).body]).toEqual([kind, expect.objectContaining({ standing, documentHash: h('draft-1') })]);
      if (kind !== 'adjust') continue;
      // Another change begun since: the state now carries the withheld one as in force; the portal still shows what the
      // public saw, and that it was changed (statute tester: it vanished again for the second adjustment).
      await d.ok(steps.archive(), steps.adjust('adjust', '再次调整'));
      const again = (await anyone().get(`/published-decisions/${id}`).expect(200)).body as PublishedDecisionView;
      expect(again).toMatchObject({ standing: 'changed_withheld', documentHash: h('draft-1'), channels: ['市政府网站'] });
      const list = (await anyone().get('/published-decisions').expect(200)).body as PublishedDecisionView[];
      expect(list.find((p) => p.decisionId === id)).toMatchObject({ standing: 'changed_withheld', documentHash: h('draft-1') });
    }
  }, 120_000);

  it('a decision published withheld, disclosed later: on the portal from then, dated by its disclosure (retest: dated by the withheld publication)', async () => {
    const id = `LATER-${randomUUID().slice(0, 8)}`;
    const d = await register(id);
    await pass(d, 1);
    await d.ok({ ...steps.publish(), payload: { channels: [], documentHash: h('draft-1') } } as Command, steps.archive());
    await anyone().get(`/published-decisions/${id}`).expect(404);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the two publications a second apart at least
    const before = Math.floor(Date.now() / 1000) * 1000;
    await d.ok(publish(h('draft-1')));
    const shown = (await anyone().get(`/published-decisions/${id}`).expect(200)).body as PublishedDecisionView;
    expect(shown).toMatchObject({ standing: 'in_force', documentHash: h('draft-1'), channels: ['市政府网站'] });
    expect(Date.parse(shown.publishedAt)).toBeGreaterThanOrEqual(before);
  }, 120_000);

  it('the decision in force published withheld, disclosed while its adjustment goes through the procedure: on the portal from then, being adjusted (retest: refused as not yet made)', async () => {
    const id = `LATER-ADJ-${randomUUID().slice(0, 8)}`;
    const d = await register(id);
    await pass(d, 1);
    await d.ok({ ...steps.publish(), payload: { channels: [], documentHash: h('draft-1') } } as Command, steps.archive(), steps.adjust('adjust', '票价再作调整'), steps.draft(2));
    await anyone().get(`/published-decisions/${id}`).expect(404);
    // Not the change's text: the decision in force, as it was published withheld.
    expect(await d.refused(publish(h('draft-2')), 'TEXT_MISMATCH', '第三十二条')).toContain(h('draft-1'));
    await d.ok(publish(h('draft-1')));
    expect((await anyone().get(`/published-decisions/${id}`).expect(200)).body).toMatchObject({ standing: 'adjusting', documentHash: h('draft-1'), channels: ['市政府网站'] });
    // The adjustment goes on.
    await d.ok(steps.applicability({ pp: false, expert: false, risk: false }));
  }, 120_000);

  it('the explanation published with the decision is a document made for it: another document of the record named so is refused and stays unseen (attacker: the report to the Party committee was served to anyone)', async () => {
    const id = `EXPLAINED-${randomUUID().slice(0, 8)}`;
    const d = await register(id);
    await pass(d, 1);
    const explained = (adoptionExplanationHash: string): Command => ({ ...steps.publish(), payload: { channels: ['市政府网站'], documentHash: h('draft-1'), adoptionExplanationHash, disclosureBasis: '经定密机关审查，已解密' } }) as Command;
    for (const internal of [h('party-report'), h('legality-lawful')]) {
      const message = await d.refused(explained(internal), 'INVALID_PAYLOAD', '第三十二条');
      expect(message).toMatch(new RegExp(`^adoptionExplanationHash：文件 ${internal} 已经作为本决策第\\d+项记录（.+）的材料载入，尚未公开`));
      await anyone().get(`/public-documents/${internal}`).expect(404);
    }
    // One made for it: published, and public.
    const own = (await system.as(actors.secretary.id).post('/documents').set('content-type', 'text/plain').send(Buffer.from(`意见采纳情况说明 ${randomUUID()}`)).expect(201)).body.hash as string;
    await d.ok(explained(own));
    await anyone().get(`/public-documents/${own}`).expect(200);
    await anyone().get(`/public-documents/${h('party-report')}`).expect(404);
  }, 120_000);

  it('its execution suspended, the portal says so and since when, until it is resumed (statute tester: shown as in force)', async () => {
    const id = `SUSPENDED-${randomUUID().slice(0, 8)}`;
    const d = await register(id);
    await pass(d, 1);
    await d.ok(publish(h('draft-1')), steps.archive());
    const portal = async () => (await anyone().get(`/published-decisions/${id}`).expect(200)).body as PublishedDecisionView;
    expect(await portal()).toMatchObject({ standing: 'in_force' });
    expect((await portal()).suspendedSince).toBeUndefined();
    const before = Math.floor(Date.now() / 1000) * 1000;
    await d.ok(steps.suspend());
    const suspended = await portal();
    expect(suspended).toMatchObject({ standing: 'suspended', suspendedSince: expect.stringMatching(/\+08:00$/) });
    expect(Date.parse(suspended.suspendedSince!)).toBeGreaterThanOrEqual(before);
    const listed = ((await anyone().get('/published-decisions').expect(200)).body as PublishedDecisionView[]).find((p) => p.decisionId === id);
    expect(listed).toMatchObject({ standing: 'suspended' });
    await d.ok(cmd('resumeExecution', actors.mayor, { reason: '问题已经处理' }));
    expect(await portal()).toMatchObject({ standing: 'in_force' });
  }, 120_000);

  it('in force, being adjusted, then stopped; the termination’s own text is what the portal shows; the procedure ends at its archiving', async () => {
    const id = `TERM-${randomUUID().slice(0, 8)}`;
    const d = await register(id);
    const portal = async () => (await anyone().get(`/published-decisions/${id}`).expect(200)).body as PublishedDecisionView;

    await pass(d, 1);
    await d.ok(publish(h('draft-1')), steps.archive());
    expect(await portal()).toMatchObject({ standing: 'in_force', documentHash: h('draft-1') });

    await d.ok(steps.adjust('terminate', '上位法修改，本决策停止执行'));
    expect(await portal()).toMatchObject({ standing: 'adjusting', documentHash: h('draft-1') });

    await pass(d, 2);
    const state = async () => (await system.as(PERSON).get(`/decisions/${id}`).expect(200)).body.state as { phase: string; closedReason?: string };
    expect(await state()).toMatchObject({ phase: 'decided' });
    // The decision stopped is no longer executed, and the refusal says so.
    const report = await d.send(steps.commission());
    expect([report.status, report.body.code, report.body.message]).toEqual([422, 'WRONG_STAGE', expect.stringMatching(/^决策机关已决定停止执行本决策/)]);

    await d.ok(publish(h('draft-2')));
    expect(await portal()).toMatchObject({ standing: 'terminated', documentHash: h('draft-2') });
    await d.ok(steps.archive());
    expect(await state()).toMatchObject({ phase: 'closed', closedReason: 'terminated' });
    const list = (await anyone().get('/published-decisions').expect(200)).body as PublishedDecisionView[];
    expect(list.find((p) => p.decisionId === id)).toMatchObject({ standing: 'terminated' });
    // Just closed: the last run's history is archived by the workers' pass; until then the verification says it is
    // pending (503, Retry-After), never that the record failed.
    for (const started = Date.now(); ; ) {
      const v = await system.as(PERSON).get(`/decisions/${id}/verify`);
      if (v.status === 200) {
        expect(v.body).toMatchObject({ ok: true });
        break;
      }
      expect([v.status, v.body.pending, v.headers['retry-after']]).toEqual([503, 'archive', expect.stringMatching(/^\d+$/)]);
      expect(Date.now() - started).toBeLessThan(30_000);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);
});
