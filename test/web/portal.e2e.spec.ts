import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { openApiDocument } from '../../apps/api/src/openapi';
import type { PublishedDecisionView } from '../../libs/domain';
import { PERSON, REGISTRAR } from '../support/auth';
import { screenshot } from '../support/browser';
import { ORGANISATIONS } from '../support/government';
import { actors, adoptedText, cmd, h, steps, UNIT } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { createTimeSkippingEnv } from '../support/temporal';
import { startWebSystem } from '../support/web';

/**
 * The public portal's published decisions, in Chromium against the real
 * system on the time-skipping Temporal server (the 30-day comment period and
 * the review's 7 working days really pass): a decision is taken from its
 * draft, through a consultation the public comments on and the adoption
 * report that answers the comment (Art. 18), to its publication (Art. 32).
 * Anyone, without signing in, then reads it with its published document's
 * hash and how the comments were answered; a decision not yet published is
 * not shown, and GET /published-decisions/:id answers 404 for it.
 */
jest.setTimeout(180_000);

describe('the public portal: published decisions and their adoption reports, in Chromium', () => {
  let env: TestWorkflowEnvironment;
  let web: Awaited<ReturnType<typeof startWebSystem>>;
  let system: Awaited<ReturnType<typeof startWebSystem>>['system'];
  let page: Page;
  let base: string;
  const keys: Partial<Record<keyof typeof actors, TestKey>> = {};
  const stamp = Date.now();
  const published = `PUB-${stamp}-1`;
  const pending = `PUB-${stamp}-2`;
  const UNIT_NAME = ORGANISATIONS.find((o) => o.id === UNIT)!.name;
  /** The public: no token. */
  const anyone = () => request(system.api.getHttpServer());
  let n = 0;
  const step = (id: string, c: ReturnType<typeof cmd>) => {
    const who = (Object.keys(actors) as (keyof typeof actors)[]).find((k) => actors[k].id === c.actor.id)!;
    return system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, keys[who]!, `${id}-${++n}`)).expect(201);
  };
  const register = (id: string, title: string) =>
    system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title, undertakingDepartment: UNIT, catalogRef: 'PUB-目录-01', legalBasis: ['《价格法》'] }, actors.unit, keys.unit!)).expect(201);

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    web = await startWebSystem({ temporalAddress: env.address });
    ({ system, base, page } = web);
    await system.as(PERSON).post('/catalog-items').send({ ref: 'PUB-目录-01', year: 2026, title: '城市公共交通票价调整', organ: '杭州市人民政府', partyConsentRef: '市委常委会同意' }).expect(201);
    for (const who of ['unit', 'adviser', 'reviewer', 'secretary', 'mayor'] as const) {
      const key = newKey('ed25519');
      keys[who] = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors[who].id, key)).expect(201)).body.keyId };
    }
    await register(published, '关于调整城市公共交通票价的决定');
    await register(pending, '关于优化公交线路的决定');
  }, 180_000);

  afterAll(async () => {
    await web?.close();
    await env?.teardown();
  });

  it('a decision published after its consultation is shown to anyone with its document hash and the adoption report; one not published is not', async () => {
    // Consultation: the draft out for comment, a comment from the public, the period run out, the report answering it.
    await step(published, steps.draft());
    await step(published, steps.applicability({ expert: false, risk: false }));
    await step(published, steps.openComment());
    const receipt = (await anyone().post(`/decisions/${published}/comments`).send({ text: '建议对老年人保留优惠票价。' }).expect(201)).body.receipt as string;
    await env.sleep('33 days');
    await step(published, steps.closeComment());
    const reportHash = h('公众意见采纳情况报告');
    await step(published, cmd('submitAdoptionReport', actors.unit, { reportHash, groups: [{ groupHash: h('老年人票价'), response: 'adopted', commentHashes: [receipt] }] }));

    // Before publication: nothing of it is public yet.
    await anyone().get(`/published-decisions/${published}`).expect(404);

    // Review, discussion, decision, report to the Party committee, publication.
    await step(published, steps.submitReview());
    await step(published, steps.legalOpinion());
    await env.sleep('14 days');
    await step(published, steps.legalityOpinion('lawful'));
    // The meeting sat on the decision's clock (the time-skipped workflow's), after the opinion: dated by its last step.
    const clock = ((await system.as(actors.unit.id).get(`/decisions/${published}/timeline`).expect(200)).body as { at: string }[]).at(-1)!.at;
    await step(published, steps.discussion({ draftHash: h('draft-1'), legalityOpinionHash: h('legality-lawful'), adoptionReportHash: reportHash }, undefined, clock));
    await step(published, steps.decide('adopt'));
    await step(published, steps.partyReport());
    await step(published, steps.publish());
    // Explained to the public at a press conference (宣传解读, Art. 32): shown with the decision, as is the explanation of
    // how opinions were adopted that its publication carried (statute tester: required, shown nowhere).
    await step(published, steps.interpret());
    // And in the city's newspaper after the gazette and the website (Art. 32): recorded as it came out, the same text.
    await step(published, cmd('recordFurtherPublication', actors.secretary, { channels: ['杭州日报'], documentHash: adoptedText(), reference: '2026年12月8日第3版' }));

    // The other decision stays in drafting: not published, not shown.
    await step(pending, steps.draft());

    // The public endpoint, without a token: the published facts and nothing else.
    let listed: PublishedDecisionView[] = [];
    for (let i = 0; i < 40 && !listed.some((d) => d.decisionId === published); i++) {
      listed = (await anyone().get('/published-decisions').expect(200)).body;
      if (!listed.some((d) => d.decisionId === published)) await new Promise((r) => setTimeout(r, 250));
    }
    const one = (await anyone().get(`/published-decisions/${published}`).expect(200)).body as PublishedDecisionView;
    expect(one).toEqual({
      decisionId: published,
      title: '关于调整城市公共交通票价的决定',
      undertakingDepartment: UNIT,
      undertakingDepartmentName: UNIT_NAME,
      publishedAt: expect.stringMatching(/\+08:00$/),
      channels: ['政府公报', '市政府网站'],
      furtherPublications: [{ channels: ['杭州日报'], reference: '2026年12月8日第3版', at: expect.stringMatching(/\+08:00$/) }],
      documentHash: adoptedText(), // the text adopted is the text published (Art. 32)
      adoptionReport: { reportHash, draftVersion: 1, submittedAt: expect.stringMatching(/\+08:00$/), groups: [{ groupHash: h('老年人票价'), response: 'adopted', reason: null, comments: 1 }] },
      adoptionExplanationHash: h('adoption-explanation'),
      interpretations: [{ form: 'press_conference', recordHash: h('press-conference-transcript'), at: expect.stringMatching(/\+08:00$/) }],
      standing: 'in_force',
    });
    // Both are the public's to read.
    await anyone().get(`/public-documents/${h('adoption-explanation')}`).expect(200);
    await anyone().get(`/public-documents/${h('press-conference-transcript')}`).expect(200);
    expect(listed.find((d) => d.decisionId === published)).toEqual(one);
    expect(listed.map((d) => d.decisionId)).not.toContain(pending);
    await anyone().get(`/published-decisions/${pending}`).expect(404);
    await anyone().get('/published-decisions/NO-SUCH-DECISION').expect(404);
    const bad = await anyone().get(`/published-decisions/${encodeURIComponent('不是编号')}`).expect(400);
    expect(String(bad.body.message)).toMatch(/[\u4e00-\u9fff]/);
    await anyone().get(`/published-decisions/${'x'.repeat(65)}`).expect(400);

    // Documented as the other public operations are: no token, rate-limited, 404 for an unknown id.
    const doc = openApiDocument(system.api);
    const op = doc.paths['/published-decisions/{id}'].get!;
    expect(op.security).toEqual([]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '429']));
    expect(doc.paths['/published-decisions'].get!.security).toEqual([]);

    // The portal, no one signed in.
    await page.goto(`${base}/app/`);
    const card = page.getByTestId(`published-${published}`);
    await card.waitFor();
    expect(await card.getByTestId('published-hash').textContent()).toBe(adoptedText());
    await card.getByText(UNIT_NAME, { exact: true }).waitFor();
    await card.getByText('政府公报、市政府网站').waitFor();
    expect(await card.getByTestId('further-publications').textContent()).toMatch(/^杭州日报（2026年12月8日第3版），\d{4}年\d{1,2}月\d{1,2}日$/);
    // Where it stands (Art. 37), in words.
    expect(await card.getByTestId('standing').textContent()).toBe('现行有效');
    const report = card.getByTestId('adoption-report');
    expect(await report.getByTestId('adoption-report-hash').textContent()).toBe(reportHash);
    await report.getByTestId('adoption-group').getByText('采纳', { exact: true }).waitFor();
    await report.getByText('针对决策草案第 1 稿').waitFor();
    expect(await card.getByTestId('adoption-explanation-hash').textContent()).toBe(h('adoption-explanation'));
    await card.getByTestId('interpretations').getByText('新闻发布会').waitFor();
    expect(await page.getByTestId(`published-${pending}`).count()).toBe(0);
    await screenshot(page, '15-portal-published');
    // An official's page opened by someone not signed in says to sign in, not "请求未完成（401）".
    await page.goto(`${base}/app/decisions/${published}`);
    await page.getByTestId('sign-in-needed').getByText('请先登录').waitFor();
    expect(await page.getByText('请求未完成（401）').count()).toBe(0);

    // An adjustment takes the decision through the procedure again (Art. 37): meanwhile the decision in force is the one
    // published, and stays the public's, with its adoption report (fresh-eyes tester: it vanished, 404). A new draft and
    // a new consultation's report change nothing of it until the adjusted decision is published.
    await step(published, steps.archive());
    await step(published, steps.adjust('adjust', '票价调整后客流变化较大，需调整优惠范围'));
    // The same, said to be under adjustment (Art. 37).
    const adjusting = { ...one, standing: 'adjusting' };
    await anyone().get(`/published-decisions/${published}`).expect(200, adjusting);
    expect((await anyone().get('/published-decisions').expect(200)).body.find((d: PublishedDecisionView) => d.decisionId === published)).toEqual(adjusting);
    await step(published, steps.draft(2));
    await anyone().get(`/published-decisions/${published}`).expect(200, adjusting);
    // Nor does the adjustment's own declaration that the new matter is withheld (Art. 14) take down the text in force
    // (the second tester of the sixteenth session: it went 404 while the portal still linked to it).
    await step(published, steps.applicability({ pp: false }));
    await anyone().get(`/public-documents/${one.documentHash}`).expect(200);
    await page.goto(`${base}/app/`);
    expect(await page.getByTestId(`published-${published}`).getByTestId('published-hash').textContent()).toBe(adoptedText());
    expect(await page.getByTestId(`published-${published}`).getByTestId('standing').textContent()).toBe('正在依法调整，调整决定公布前继续执行');
  });
});
