import { randomUUID } from 'node:crypto';
import type { Actor, Command } from '../../libs/domain';
import { PERSON } from '../support/auth';
import { actors, cmd, h, steps } from '../support/procedure';
import { signedRegistration, signedStep } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * A step's own work is new (libs/domain/procedure/authored.ts): an expert does not file another's opinion as his own
 * (Art. 19), a revision is not the draft it revises (Art. 12), the review body's opinion document is not recorded once as
 * "unlawful" and again as "lawful" (Art. 28), an earlier round's legal opinion does not stand for this round's; each
 * refused naming the field, where the document is on record, and the article (statute tester: all were 201).
 */
describe("a step's own work is a document the record does not hold yet", () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-OWN', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  const decision = async (name: string) => {
    const id = `OWN-${name}-${run}`;
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-OWN', legalBasis: ['《价格法》'] }, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
    return { id, send: async (c: Command) => system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, await system.keyOf(c.actor.id), `${id}-${randomUUID()}`)) };
  };
  const opinionOf = (expert: Actor, opinionHash: string) => cmd('submitExpertOpinion', expert, { opinionHash, signed: true });

  it("an expert's opinion filed by another expert, here or in another decision, is refused naming where it is on record (Art. 19)", async () => {
    const first = await decision('EXPERTS');
    for (const c of [steps.draft(), steps.applicability({ pp: false, risk: false }), steps.panel(), steps.expertOpinion(actors.expert1)]) expect((await first.send(c)).status).toBe(201);
    const mine = h(`opinion-${actors.expert1.id}`);
    const copied = await first.send(opinionOf(actors.expert2, mine));
    expect(copied.status).toBe(422);
    expect(copied.body).toMatchObject({ code: 'INVALID_PAYLOAD', articles: [expect.stringContaining('第十九条')] });
    expect(copied.body.message).toMatch(/^opinionHash：文件 sha256:[0-9a-f]{64} 已经载入本决策第4项记录（提交专家论证意见，专家甲），不是本步骤新形成的专家论证意见/);
    expect((await first.send(steps.expertOpinion(actors.expert2))).status).toBe(201);

    const second = await decision('EXPERTS-2');
    for (const c of [steps.draft(), steps.applicability({ pp: false, risk: false }), steps.panel()]) expect((await second.send(c)).status).toBe(201);
    const elsewhere = await second.send(opinionOf(actors.expert2, mine));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.message).toMatch(new RegExp(`^opinionHash：文件 .* 已经载入决策 ${first.id} 第4项记录（提交专家论证意见，专家甲）`));
  });

  it("an expert named as of the unit that drafts the decision, or of an office of it, by its registered name or id, is refused (Art. 20: 中立性; statute testers: 201)", async () => {
    const d = await decision('NEUTRAL');
    for (const c of [steps.draft(), steps.applicability({ pp: false, risk: false })]) expect((await d.send(c)).status).toBe(201);
    const panel = steps.panel() as Extract<Command, { action: 'appointExpertPanel' }>;
    const naming = (organisation: string) => cmd('appointExpertPanel', actors.unit, { ...panel.payload, experts: [panel.payload.experts[0], { ...panel.payload.experts[1], organisation }] });
    // The bureau itself: by name, id, the name within a longer text, and as the city's officials say it.
    for (const organisation of ['杭州市交通运输局', ' hz-jtj ', '杭州市交通运输局（综合规划处）', '市交通运输局', '交通运输局', '杭州交通运输局']) {
      const refused = await d.send(naming(organisation));
      expect([organisation, refused.status]).toEqual([organisation, 422]);
      expect(refused.body.message).toMatch(new RegExp(`^experts\\.1\\.organisation：专家所在单位“${organisation.replace(/[()（）]/g, '.')}”是本决策的承办单位杭州市交通运输局，`));
      expect(refused.body.articles).toEqual([expect.stringContaining('第二十条')]);
    }
    // An office registered under the bureau, by its name or id (second tester: 深圳市交通运输局政策法规处 taken).
    for (const organisation of ['杭州市交通运输局政策法规处', 'hz-jtj-fgc', 'ＨＺ－ＪＴＪ－ＦＧＣ', '市交通运输局（政策法规处）', '交通运输局政策法规处']) {
      const refused = await d.send(naming(organisation));
      expect([organisation, refused.status]).toEqual([organisation, 422]);
      expect(refused.body.message).toMatch(/是本决策的承办单位杭州市交通运输局政策法规处（杭州市交通运输局所属）/);
    }
    // Another bureau, or another city's transport bureau named in full, is not the unit.
    for (const organisation of ['杭州市财政局', '宁波市交通运输局']) expect([organisation, (await d.send(naming(organisation))).status]).toEqual([organisation, 201]);
  });

  it('a revision that is the draft it revises, and one opinion document recorded as unlawful then lawful, are refused (Arts. 12, 28)', async () => {
    const d = await decision('REVIEW');
    for (const c of [steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview()]) expect((await d.send(c)).status).toBe(201);
    // 我的待办 offers the reviewer the opinion, saying what it waits for (fresh-eyes tester: offered, then refused).
    const offered = ((await system.as(actors.reviewer.id).get('/tasks').expect(200)).body.items as { decisionId: string; action: string; waitingFor?: { zh: string } }[]).find((t) => t.decisionId === d.id && t.action === 'issueLegalityOpinion');
    expect(offered?.waitingFor?.zh).toMatch(/^须先组织法律顾问、公职律师提出法律意见/);
    expect((await d.send(steps.legalOpinion())).status).toBe(201);
    const unlawful = steps.legalityOpinion('unlawful');
    expect((await d.send(unlawful)).status).toBe(201);
    // The draft found unlawful, sent back as its own "revision".
    const same = await d.send(cmd('submitDraft', actors.unit, { documentHash: h('draft-1'), explanationHash: h('explanation-2'), material: true, reason: '已按意见修改' }));
    expect(same.status).toBe(422);
    expect(same.body.message).toMatch(/^documentHash：文件 .* 已经载入本决策第1项记录（提交决策草案，.*），不是本步骤新形成的修改后的决策草案/);
    expect(same.body.articles).toEqual([expect.stringContaining('第十二条')]);
    for (const c of [steps.draft(2), steps.submitReview(2)]) expect((await d.send(c)).status).toBe(201);
    // The first round's legal opinion for the second round's, and the "unlawful" opinion document as the "lawful" one.
    const again = await d.send(steps.legalOpinion());
    expect([again.status, again.body.articles]).toEqual([422, [expect.stringContaining('第二十八条')]]);
    expect((await d.send(steps.legalOpinion(actors.adviser, 2))).status).toBe(201);
    const turned = await d.send(cmd('issueLegalityOpinion', actors.reviewer, { ...steps.legalityOpinion('lawful').payload, opinionHash: (unlawful.payload as { opinionHash: string }).opinionHash } as never));
    expect(turned.status).toBe(422);
    expect(turned.body.message).toMatch(/^opinionHash：文件 .* 已经载入本决策第\d+项记录（出具合法性审查意见/);
    expect((await d.send(steps.legalityOpinion('lawful'))).status).toBe(201);
  });
});
