import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Locator, Page, Request } from 'playwright-core';
import { addRegistrarKey } from '../../infra/registrar';
import { createPrismaClient } from '../../libs/db/prisma';
import { PHASE_LABELS, Role, type Actor, type Phase } from '../../libs/domain';
import { appointmentEndorsementMessage, expertDisqualificationMessage, keyEndorsementMessage } from '../../libs/record/endorsement';
import { generateSigningKey, signOffMessage, verifySignature } from '../../libs/record/signatures';
import { actors, steps, UNIT } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { expectAccessible } from '../support/axe';
import { screenshot } from '../support/browser';
import { PERSON, REGISTRAR } from '../support/auth';
import { ORGANISATIONS } from '../support/government';
import { choose as chooseIn, enrolInBrowser, signInAs, startWebSystem } from '../support/web';

/**
 * The second slice of the web application in Chromium against the real
 * system: a registrar whose key was made in the browser endorses an
 * official's key and appoints them, each time showing exactly what is signed;
 * the official's 我的待办 lists the step their new office lets them take, one
 * click opens its form, a step the procedure refuses keeps the form with the
 * article beside it, and the same form, corrected, signs the legality opinion.
 */
jest.setTimeout(180_000);

describe('registrar, my tasks and step forms, in Chromium, against the real system', () => {
  let system: Awaited<ReturnType<typeof startWebSystem>>['system'];
  let web: Awaited<ReturnType<typeof startWebSystem>>;
  let page: Page;
  let base: string;
  const keys: Record<'unit' | 'adviser', TestKey> = {} as never;
  const stamp = Date.now();
  const reviewed = `WEB2-${stamp}-1`;
  const official: Actor = { id: 'j-web', name: '王审查', role: Role.LegalityReviewer, organisation: 'hz-sfj' };
  /** The API from Node, as the person `sub` (a test person who reads, by default). */
  const http = (sub = PERSON) => system.as(sub);
  let n = 0;
  const nodeStep = (c: ReturnType<typeof steps.draft>, key: TestKey) => http(c.actor.id).post(`/decisions/${reviewed}/steps`).send(signedStep(reviewed, c, key, `${reviewed}-node-${++n}`)).expect(201);
  const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
  const choose = (scope: Locator, label: string, option: string) => chooseIn(page, scope, label, option);

  beforeAll(async () => {
    web = await startWebSystem();
    ({ system, base, page } = web);
    for (const [name, actor] of [['unit', actors.unit], ['adviser', actors.adviser]] as const) {
      const key = newKey('ed25519');
      keys[name] = { ...key, keyId: (await http(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actor.id, key)).expect(201)).body.keyId };
    }
    await http().post('/catalog-items').send({ ref: 'WEB2-目录-01', year: 2026, title: '城市停车收费调整', organ: '杭州市人民政府', partyConsentRef: '市委常委会同意' }).expect(201);
    await http(actors.unit.id).post('/decisions').send(signedRegistration({ id: reviewed, title: '关于调整停车收费的决定', undertakingDepartment: UNIT, catalogRef: 'WEB2-目录-01', legalBasis: ['《价格法》'] }, actors.unit, keys.unit)).expect(201);
    // To the legality review, with the legal adviser's opinion in (Art. 28), as the unit's and adviser's own clients would.
    await nodeStep(steps.draft(), keys.unit);
    await nodeStep(steps.applicability({ pp: false, expert: false, risk: false }), keys.unit);
    await nodeStep(steps.submitReview(), keys.unit);
    await nodeStep(steps.legalOpinion(), keys.adviser);
  }, 180_000);

  afterAll(() => web?.close());

  it("the registrar page endorses an official's key and appoints them, showing exactly the bytes signed; the tree shows the office", async () => {
    // The official makes their key in this browser (签署).
    await signInAs(page, base, official.id);
    await page.goto(`${base}/app/sign`);
    const publicKey = await enrolInBrowser(page, official);
    await page.getByTestId('key-status').getByText('待登记员背书').waitFor();

    // The registrar makes theirs here too; the database owner enters it as Hangzhou's registrar.
    await signInAs(page, base, REGISTRAR);
    await page.goto(`${base}/app/registrar`);
    const keyForm = page.getByTestId('registrar-key-form');
    await keyForm.getByLabel('登记员名称').fill('杭州网页登记员');
    await keyForm.getByLabel('所属政府编号').fill('hz');
    await page.getByTestId('registrar-generate').click();
    const registrarPublic = (await page.getByTestId('registrar-public-key').textContent())!.trim();
    const registrarKeyId = await addRegistrarKey(system.db.url, '杭州网页登记员', { algorithm: 'ed25519', publicKey: registrarPublic }, 'hz');
    expect((await page.getByTestId('registrar-key-id').textContent())!.trim()).toBe(registrarKeyId);

    // Endorse the official's key.
    const endorse = page.getByTestId('act-endorse');
    await endorse.getByLabel('工号').fill(official.id);
    await endorse.getByLabel(/^公钥/).fill(publicKey);
    await endorse.getByTestId('prepare').click();
    const endorsed = (await endorse.getByTestId('signoff-text').textContent())!;
    const endorsedFields = JSON.parse(endorsed);
    expect(endorsedFields).toMatchObject({ purpose: 'register-actor-key', actorId: official.id, algorithm: 'ed25519', publicKey });
    expect(endorsed).toBe(keyEndorsementMessage(endorsedFields).toString('utf8'));
    const sentKey = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/actor-keys'));
    await endorse.getByTestId('confirm-sign').click();
    await endorse.getByTestId('act-done').waitFor();
    const keyBody = (await sentKey).postDataJSON();
    expect(keyBody.endorsement.keyId).toBe(registrarKeyId);
    expect(verifySignature('ed25519', registrarPublic, keyEndorsementMessage(keyBody), keyBody.endorsement.value)).toBe(true);
    await screenshot(page, '7-registrar-endorsed');

    // Appoint them to the legality review body.
    await page.getByRole('tab', { name: '任职' }).click();
    const appoint = page.getByTestId('act-appoint');
    await appoint.getByLabel('任职编号').fill(`ap-${official.id}`);
    await appoint.getByLabel('工号').fill(official.id);
    await appoint.getByLabel('姓名').fill(official.name);
    await choose(appoint, '角色', '合法性审查部门');
    await appoint.getByLabel('机构编号').fill(official.organisation);
    await appoint.getByTestId('prepare').click();
    const appointed = (await appoint.getByTestId('signoff-text').textContent())!;
    expect(JSON.parse(appointed)).toMatchObject({ purpose: 'appoint', personId: official.id, role: 'legality_reviewer', organisationId: 'hz-sfj' });
    expect(appointed).toBe(appointmentEndorsementMessage(JSON.parse(appointed)).toString('utf8'));
    await appoint.getByTestId('confirm-sign').click();
    await appoint.getByTestId('act-done').waitFor();
    await page.getByTestId('organisation-tree').getByTestId(`appointment-ap-${official.id}`).getByText(`${official.name}（${official.id}）`).waitFor();
    await page.getByTestId('organisation-tree').getByTestId('org-hz-sfj').waitFor();
    await screenshot(page, '8-registrar-appointed');
    expect((await http().get(`/appointments?personId=${official.id}`).expect(200)).body).toEqual([expect.objectContaining({ id: `ap-${official.id}`, role: 'legality_reviewer', organisationId: 'hz-sfj' })]);
  });

  it('names are asked by id and the tree opens a level at a time: no page reads every organisation (the country has some hundreds of thousands)', async () => {
    const asked: string[] = [];
    const seen = (r: Request) => {
      const u = new URL(r.url());
      if (r.method() === 'GET' && u.pathname === '/organisations') asked.push(decodeURIComponent(u.search));
    };
    page.on('request', seen);
    try {
      // The decisions list names each undertaking unit.
      await signInAs(page, base, actors.unit.id);
      await page.goto(`${base}/app/decisions`);
      await page.getByText('杭州市交通运输局').first().waitFor();
      // The registrar's tree, opened down to Hangzhou (the registrar's government): a unit's offices are read when it is opened.
      await signInAs(page, base, REGISTRAR);
      await page.goto(`${base}/app/registrar`);
      const tree = page.getByTestId('organisation-tree');
      await tree.getByTestId('org-hz-jtj').waitFor();
      expect(await tree.getByTestId('org-hz-jtj-fgc').count()).toBe(0);
      await tree.locator('.ant-tree-treenode', { has: page.getByTestId('org-hz-jtj') }).locator('.ant-tree-switcher').click();
      await tree.getByTestId('org-hz-jtj-fgc').waitFor();
      // Jiangsu, another root, stays closed: none of its units is read.
      await tree.getByTestId('org-js').waitFor();
      expect(await tree.getByTestId('org-js-sft').count()).toBe(0);
    } finally {
      page.off('request', seen);
    }
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) expect(q).toMatch(/^\?(ids=|roots=true|parentId=)/);
    expect(asked).toContainEqual(expect.stringMatching(/^\?ids=.*\bhz-jtj\b/));
    expect(asked).toContain('?parentId=hz-jtj');
    expect(asked.filter((q) => q === '?parentId=js')).toEqual([]);

    // The API not answering names: the ids are shown, and the names come by themselves once it answers again (the
    // tester: they came only when something else drew the page again, and a request that never answered stopped them).
    const names = (url: URL) => url.pathname === '/organisations' && url.searchParams.has('ids');
    await page.route(names, (route) => route.abort());
    await signInAs(page, base, actors.unit.id);
    await page.goto(`${base}/app/decisions`);
    const unit = page.getByRole('cell', { name: UNIT, exact: true }).first();
    await unit.waitFor();
    await page.unroute(names);
    await page.getByRole('cell', { name: '杭州市交通运输局', exact: true }).first().waitFor({ timeout: 45_000 });
  }, 120_000);

  it('a page the server did not answer says so in the reader\'s language, and comes back with 重试 once it answers (the tester: it stayed on its error)', async () => {
    await signInAs(page, base, actors.unit.id);
    const away = (url: URL) => url.pathname === `/decisions/${reviewed}`;
    await page.route(away, (route) => route.abort());
    await page.goto(`${base}/app/decisions/${encodeURIComponent(reviewed)}`);
    const alert = page.getByTestId('unreachable');
    await alert.getByText('无法连接服务器').waitFor({ timeout: 30_000 });
    await alert.getByText('请检查网络连接').waitFor();
    await page.unroute(away);
    await alert.getByTestId('retry').click();
    await page.getByText('关于调整停车收费的决定').first().waitFor();
    expect(await page.getByTestId('unreachable').count()).toBe(0);
  });

  it("the registrar records an expert's disqualification (Art. 41): field errors in Chinese under their fields, the API's too, one request however fast the clicks, and the list shows it", async () => {
    await signInAs(page, base, REGISTRAR);
    await page.goto(`${base}/app/registrar`);
    await page.getByTestId('registrar-key-id').waitFor();
    await page.getByRole('tab', { name: '取消专家资格' }).click();
    const act = page.getByTestId('act-disqualify');
    const id = `dq-${stamp}`;

    // Nothing filled in: each required field says so, in Chinese, under itself; nothing to sign yet.
    await act.getByTestId('prepare').click();
    await act.getByText('请填写记录编号').waitFor();
    await act.getByText('请填写专家或专业机构名称').waitFor();
    await act.getByText('请填写专家库所属政府编号').waitFor();
    expect(await act.getByTestId('signoff').count()).toBe(0);
    await expectAccessible(page, '登记员（字段错误）');
    await act.getByTestId('id').fill('!');
    await act.getByText('记录编号只能由字母、数字、汉字及 . _ : - 组成，2至64个字符').waitFor();
    await act.getByTestId('id').fill(id);
    await act.getByTestId('expertId').fill('e-web-1');
    await act.getByTestId('expertName').fill('专家网甲');
    await act.getByTestId('reason').fill('论证中弄虚作假，造成严重后果');

    // A government not registered: the API refuses, and says so under the field it names.
    await act.getByTestId('governmentId').fill('no-such-gov');
    await act.getByTestId('prepare').click();
    await act.getByTestId('confirm-sign').click();
    await act.getByText('no-such-gov 不是已登记的人民政府').first().waitFor();
    expect(await act.locator('.ant-form-item-has-error').filter({ hasText: '专家库所属政府编号' }).count()).toBe(1);

    // Corrected: what is shown is exactly what the API checks; a double-click sends it once.
    await act.getByTestId('governmentId').fill('hz');
    await act.getByTestId('prepare').click();
    const text = (await act.getByTestId('signoff-text').textContent())!;
    const fields = JSON.parse(text);
    expect(fields).toMatchObject({ purpose: 'disqualify-expert', id, expertId: 'e-web-1', expertName: '专家网甲', governmentId: 'hz', basisHash: null, validTo: null });
    expect(text).toBe(expertDisqualificationMessage(fields).toString('utf8'));
    const posts: string[] = [];
    const count = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && r.url().endsWith('/expert-disqualifications')) posts.push(r.url());
    };
    page.on('request', count);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/expert-disqualifications'));
    await act.getByTestId('confirm-sign').dblclick();
    const body = (await sent).postDataJSON();
    await act.getByTestId('act-done').getByText('已记录取消评估资格').waitFor();
    await page.waitForTimeout(500);
    page.off('request', count);
    expect(posts).toHaveLength(1);
    expect(verifySignature('ed25519', (await page.getByTestId('registrar-public-key').textContent())!.trim(), expertDisqualificationMessage(body), body.endorsement.value)).toBe(true);

    // The list shows it, by the pool's government's name.
    const row = page.getByTestId('expert-disqualifications').getByTestId(`disqualification-${id}`);
    await row.getByText('专家网甲（e-web-1）').waitFor();
    await row.getByText('论证中弄虚作假，造成严重后果').waitFor();
    await row.getByText(ORGANISATIONS.find((o) => o.id === 'hz')!.name, { exact: true }).waitFor();
    await screenshot(page, '8b-registrar-disqualified');
    expect((await http().get('/expert-disqualifications?expertId=e-web-1').expect(200)).body).toEqual([expect.objectContaining({ id, governmentId: 'hz', reason: '论证中弄虚作假，造成严重后果' })]);
  });

  it("my tasks lists the review for the newly appointed reviewer; one click opens its form; a refused step keeps the form and its article; corrected, it is signed and recorded", async () => {
    await signInAs(page, base, official.id);
    await page.goto(`${base}/app/tasks`);
    await page.getByTestId('my-offices').getByText('合法性审查部门 · 杭州市司法局').waitFor();
    const row = page.getByTestId(`task-${reviewed}-issueLegalityOpinion`);
    await row.getByText('出具合法性审查意见').waitFor();
    await row.getByText('关于调整停车收费的决定').waitFor();
    // Offices and people by name: the review body's, and the name the registrar appointed the official under.
    await row.getByText('合法性审查部门 · 杭州市司法局').waitFor();
    await page.getByTestId('my-offices').getByText(`${official.name}（${official.id}）的任职`).waitFor();
    await page.getByTestId('my-name').getByText(official.name).waitFor();
    await screenshot(page, '9-my-tasks');
    await row.getByTestId('open-step').click();
    await page.waitForURL(/\/app\/sign\?/);
    expect(new URL(page.url()).searchParams.get('action')).toBe('issueLegalityOpinion');
    await page.getByTestId('key-status').getByText('已登记').waitFor();

    const step = page.getByTestId('step');
    await step.getByTestId('step-actor').getByText(`${official.name}（${official.id}，合法性审查部门，杭州市司法局）`).waitFor();
    await step.getByTestId('step-basis').getByText('《重大行政决策程序暂行条例》第二十五条').waitFor();
    const form = step.getByTestId('form-issueLegalityOpinion');
    const opinion = Buffer.from('合法性审查意见书：草案合法');
    await choose(form, '审查方式', '会签');
    await choose(form, '审查结论', '合法');
    await form.getByTestId('opinionHash').locator('input[type=file]').setInputFiles({ name: '审查意见.txt', mimeType: 'text/plain', buffer: opinion });
    await form.getByTestId('opinionHash-hash').getByText(sha(opinion)).waitFor();

    // Countersignature cannot replace the review (Art. 25): refused, the form kept, the article beside it.
    await step.getByTestId('prepare').click();
    const shown = (await step.getByTestId('signoff-text').textContent())!;
    expect(JSON.parse(shown)).toMatchObject({ decisionId: reviewed, action: 'issueLegalityOpinion', actor: official, payload: { form: 'countersignature', outcome: 'lawful', opinionHash: sha(opinion) } });
    expect(shown).toBe(signOffMessage(JSON.parse(shown)).toString('utf8'));
    await step.getByTestId('confirm-sign').click();
    const refusal = step.getByTestId('refusal');
    await refusal.getByText('不得以会签等方式代替合法性审查').waitFor();
    await refusal.getByTestId('refusal-articles').getByText('《重大行政决策程序暂行条例》第二十五条').waitFor();
    await form.getByTestId('opinionHash-hash').getByText(sha(opinion)).waitFor();
    await form.getByText('合法', { exact: true }).waitFor();
    await screenshot(page, '10-refused-form');
    await expectAccessible(page, '签署（会签被拒绝）');

    // The review, in writing: accepted, and the record keeps the browser's signature.
    await choose(form, '审查方式', '书面审查');
    await step.getByTestId('prepare').click();
    expect(JSON.parse((await step.getByTestId('signoff-text').textContent())!).payload).toEqual({ form: 'review', outcome: 'lawful', opinionHash: sha(opinion) });
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/decisions/${reviewed}/steps`));
    await step.getByTestId('confirm-sign').click();
    const body = (await sent).postDataJSON();
    await step.getByTestId('step-accepted').getByText(/出具合法性审查意见：已签署并记录/).waitFor();
    expect(verifySignature('ed25519', (await page.getByTestId('public-key').textContent())!.trim(), signOffMessage({ decisionId: reviewed, ...body }), body.signature.value)).toBe(true);
    await screenshot(page, '11-opinion-signed');
    const timeline = (await http().get(`/decisions/${reviewed}/timeline`).expect(200)).body as { action: string; actor: { id: string } }[];
    expect(timeline.find((t) => t.action === 'issueLegalityOpinion')).toMatchObject({ actor: { id: official.id } });
    const after = (await http(official.id).get(`/tasks?personId=${official.id}`).expect(200)).body;
    expect(after.items.filter((t: { decisionId: string; action: string }) => t.decisionId === reviewed && t.action === 'issueLegalityOpinion')).toEqual([]);
  });

  it('my tasks names a decision whose workflow does not answer, its steps not listed, and what to do (tester: said only in the log)', async () => {
    const ghost = `WEB-GHOST-${Date.now()}`;
    const owner = createPrismaClient(system.db.url);
    try {
      await owner.$executeRaw`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id) VALUES (${ghost}, '关于失联流程的决定', 'hz-jtj', 'C', '{}', 'national', ${ghost}, 'r')`;
      await signInAs(page, base, official.id);
      await page.goto(`${base}/app/tasks`);
      const alert = page.getByTestId('unanswering');
      await alert.getByText('以下决策的流程暂时无法应答，其待办未能列出').waitFor();
      await alert.getByRole('link', { name: '关于失联流程的决定' }).waitFor();
      await alert.getByText(/已经记录的内容没有丢失/).waitFor();
      await page.getByTestId('my-offices').getByText('合法性审查部门 · 杭州市司法局').waitFor();
    } finally {
      await owner.$executeRaw`DELETE FROM decisions WHERE id = ${ghost}`;
      await owner.$disconnect();
    }
  });

  it('the catalog shows the year’s items and publishes one through its form, offered only to who may publish (retest)', async () => {
    // An official of the legality review body publishes no catalog: told why, and no form to fill in for a 403.
    await signInAs(page, base, official.id);
    await page.goto(`${base}/app/catalog`);
    await page.getByTestId('catalog-not-publisher').getByText(/决策事项目录由决策机关公布.*第三条/).waitFor();
    expect(await page.getByTestId('catalog-submit').count()).toBe(0);
    await signInAs(page, base, PERSON);
    await page.goto(`${base}/app/catalog`);
    const year = page.getByTestId('catalog-year');
    await year.getByLabel('年度').fill('2026');
    await year.getByText('城市停车收费调整').waitFor();
    const publish = page.getByTestId('catalog-publish');
    // The deciding organ as registered is offered as the item's 决策机关.
    const organ = (await http().get('/catalog-items/publisher').expect(200)).body as { name: string };
    await publish.getByTestId('catalog-publisher').getByText(organ.name).waitFor();
    expect(await publish.getByLabel('决策机关').inputValue()).toBe(organ.name);
    await publish.getByLabel('年度', { exact: true }).fill('2026');
    // A refusal naming a field is shown under it, by its label (fresh-eyes tester: 'ref：…' in the alert above the form).
    await publish.getByLabel('目录编号').fill(`WEB2-${stamp}\u202e`);
    await publish.getByLabel('决策事项').fill('城市道路限行调整');
    await publish.getByLabel('决策机关').fill('杭州市人民政府');
    await publish.getByLabel('同级党委同意的文号或会议').fill('市委常委会2026年第9次会议同意');
    await publish.getByTestId('catalog-submit').click();
    const refItem = publish.locator('.ant-form-item').filter({ has: page.getByLabel('目录编号') });
    await refItem.locator('.ant-form-item-explain-error').getByText(/改变文字显示方向/).waitFor();
    expect(await publish.getByText(/^ref：/).count()).toBe(0);
    await publish.getByLabel('目录编号').fill(`WEB2-${stamp}`);
    await publish.getByLabel('决策机关').fill('杭州市人民政府');
    await publish.getByLabel('同级党委同意的文号或会议').fill('市委常委会2026年第9次会议同意');
    await publish.getByTestId('catalog-submit').click();
    await publish.getByTestId('catalog-published').waitFor();
    await year.getByText('城市道路限行调整').waitFor();
    await screenshot(page, '12-catalog');
    expect((await http().get('/catalog-items?year=2026').expect(200)).body.map((i: { ref: string }) => i.ref)).toContain(`WEB2-${stamp}`);
  });

  it('the statistics view charts decisions by phase (ECharts), the overdue counted apart, as GET /statistics counts them', async () => {
    const stats = (await http().get('/statistics').expect(200)).body as { byPhase: { phase: Phase; total: number; overdue: number }[]; total: number };
    // The decision reviewed above has gone on to the collective discussion.
    const phase = (await http().get(`/decisions/${reviewed}`).expect(200)).body.record.phase as Phase;
    const counted = stats.byPhase.find((p) => p.phase === phase)!;
    expect(counted.total).toBeGreaterThanOrEqual(1);
    await page.goto(`${base}/app/statistics`);
    await page.getByTestId('phase-chart').locator('canvas').first().waitFor();
    const row = page.getByTestId('phase-table').getByRole('row').filter({ hasText: PHASE_LABELS[phase].split(' (')[0] });
    await row.getByRole('cell', { name: String(counted.total), exact: true }).first().waitFor();
    // The year's figures, as the API counts them, and their export for the annual report (CSV that Excel reads).
    const year = (await http().get('/statistics').expect(200)).body.year as { registered: number };
    await page.getByTestId('year-table').getByRole('row').filter({ hasText: '新登记的重大行政决策事项' }).getByRole('cell', { name: String(year.registered), exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeff项目,数量')).toBe(true);
    expect(csv).toContain(`"新登记的重大行政决策事项","${year.registered}"`);
    await screenshot(page, '13-statistics');
  });

  it('switches to English and back: the menu, my tasks and the domain’s names follow, and Chinese stays the default', async () => {
    await signInAs(page, base, official.id);
    await page.goto(`${base}/app/tasks`);
    await page.getByRole('link', { name: '我的待办' }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: 'My tasks' }).waitFor();
    await page.getByRole('heading', { name: 'My tasks' }).waitFor();
    await page.getByTestId('my-offices').getByText('legality-review department').waitFor();
    await screenshot(page, '14-english');
    await expectAccessible(page, 'My tasks (English)');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('link', { name: '我的待办' }).waitFor();
  });
  it('the registrar imports an SM2 key file, as `npm start` makes the default registrar’s, and endorses an official’s SM2 key with it', async () => {
    await signInAs(page, base, REGISTRAR);
    await page.goto(`${base}/app/registrar`);
    const file = generateSigningKey('sm2-sm3');
    const keyForm = page.getByTestId('registrar-key-form');
    await keyForm.getByLabel('登记员名称').fill('杭州国密登记员');
    await keyForm.getByLabel('所属政府编号').fill('hz');
    await keyForm.locator('input[type=file]').setInputFiles({ name: 'registrar.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ algorithm: 'sm2-sm3', ...file })) });
    await page.getByTestId('registrar-public-key').getByText(file.publicKey).waitFor();
    const registrarKeyId = await addRegistrarKey(system.db.url, '杭州国密登记员', { algorithm: 'sm2-sm3', publicKey: file.publicKey }, 'hz');
    await page.getByTestId('registrar-key-id').getByText(registrarKeyId).waitFor();
    // A file whose public key is not its private key's is refused, saying so.
    await keyForm.locator('input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ algorithm: 'sm2-sm3', privateKey: file.privateKey, publicKey: generateSigningKey('sm2-sm3').publicKey })) });
    await page.getByText('密钥文件的公钥与私钥不相配', { exact: false }).waitFor();

    const official = generateSigningKey('sm2-sm3');
    const endorse = page.getByTestId('act-endorse');
    await endorse.getByLabel('工号').fill('u-sm2-reg');
    await choose(endorse, '算法', 'SM2（国密）');
    await endorse.getByLabel(/^公钥/).fill(official.publicKey);
    await endorse.getByTestId('prepare').click();
    expect(JSON.parse((await endorse.getByTestId('signoff-text').textContent())!)).toMatchObject({ purpose: 'register-actor-key', actorId: 'u-sm2-reg', algorithm: 'sm2-sm3', publicKey: official.publicKey });
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/actor-keys'));
    await endorse.getByTestId('confirm-sign').click();
    await endorse.getByTestId('act-done').waitFor();
    const body = (await sent).postDataJSON();
    expect(body.endorsement.keyId).toBe(registrarKeyId);
    expect(verifySignature('sm2-sm3', file.publicKey, keyEndorsementMessage(body), body.endorsement.value)).toBe(true);
  });
});
