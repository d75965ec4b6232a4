import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { Role, type Actor } from '../../libs/domain';
import { signOffMessage, verifySignature } from '../../libs/record/signatures';
import { actors, cmd, h, steps, UNIT } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { expectAccessible } from '../support/axe';
import { screenshot } from '../support/browser';
import { appoint } from '../support/government';
import { PERSON, REGISTRAR } from '../support/auth';
import { ORGANISATIONS } from '../support/government';
import { choose, signInAs, startWebSystem } from '../support/web';

/**
 * The web application in a real browser (Debian's Chromium through
 * playwright-core) against the real system: the API serving the built app at
 * /app and the worker, on the test PostgreSQL and Temporal dev server. The
 * public comments and gets a receipt; the decision page shows where the
 * procedure stands and its signed record; an official enrols a key made in
 * the browser, signs a step there (refused first, with the article, the form
 * kept; then accepted), and the signature is the server's to verify; the
 * inspector's one button verifies the record.
 */
// A browser on a shared two-core machine, beside the other test files: generous bounds per test.
jest.setTimeout(180_000);

describe('the web application, in Chromium, against the real system', () => {
  let system: Awaited<ReturnType<typeof startWebSystem>>['system'];
  let web: Awaited<ReturnType<typeof startWebSystem>>;
  let page: Page;
  let base: string;
  let unit: TestKey;
  const stamp = Date.now();
  const consulted = `WEB-${stamp}-1`;
  const signedHere = `WEB-${stamp}-2`;
  /** The undertaking unit as people read it: its registered Chinese name, never its id. */
  const UNIT_NAME = ORGANISATIONS.find((o) => o.id === UNIT)!.name;
  /** The API from Node, as the person `sub` (a test person who reads, by default). */
  const http = (sub = PERSON) => system.as(sub);
  let n = 0;
  const nodeStep = (id: string, c: ReturnType<typeof steps.draft>) => http(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-node-${++n}`)).expect(201);
  const register = (id: string, title: string) =>
    http(actors.unit.id).post('/decisions').send(signedRegistration({ id, title, undertakingDepartment: UNIT, catalogRef: 'WEB-目录-01', legalBasis: ['《重大行政决策程序暂行条例》第三条'] }, actors.unit, unit)).expect(201);

  beforeAll(async () => {
    web = await startWebSystem();
    ({ system, base, page } = web);
    await http().post('/catalog-items').send({ ref: 'WEB-目录-01', year: 2026, title: '城市公共交通票价调整', organ: '某市人民政府', partyConsentRef: '市委常委会2026年第3次会议同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await http(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await register(consulted, '关于调整城市公共交通票价的决定');
    await register(signedHere, '关于优化公交线路的决定');
  }, 180_000);

  afterAll(() => web?.close());

  it('serves the application under /app, with / leading there, and leaves the API routes where they were', async () => {
    await http().get('/').expect(302).expect('location', '/app/');
    const index = await http().get('/app/decisions/whatever').expect(200);
    expect(index.text).toContain('<div id="root">');
    await http().get('/app/assets/missing.js').expect(404);
    // Every file but a hashed asset is asked for again (a new build's page names new assets), the page by any path.
    expect((await http().get('/app/index.html').expect(200)).headers['cache-control']).toBe('no-cache');
    expect(index.headers['cache-control']).toBe('no-cache');
    const asset = /\/app\/assets\/[^"]+\.js/.exec(index.text)![0];
    expect((await http().get(asset).expect(200)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Ranges and conditions are answered as HTTP says (fresh-eyes tester: an empty 200 page, or a 404 for a real asset).
    await http().get('/app/').set('range', 'bytes=99999999-').expect(416);
    await http().get(asset).set('range', 'bytes=99999999-').expect(416);
    await http().get('/app/decisions/x').set('if-match', '"nope"').expect(412);
    expect((await http().get(asset).set('range', 'bytes=0-9').expect(206)).headers['content-length']).toBe('10');
    await http().get(`/decisions/${consulted}`).expect(200);
    expect((await http().get('/web-config').expect(200)).body).toEqual({ oidc: { authority: process.env.OIDC_ISSUER, clientId: 'major-decision-web', scope: 'openid profile' } });
  });

  it('the portal lists the catalog and the draft open for comment; a comment gets a receipt, and the receipt finds it', async () => {
    await nodeStep(consulted, steps.draft());
    await nodeStep(consulted, steps.applicability({ expert: false, risk: false }));
    await nodeStep(consulted, steps.openComment());

    await page.goto(`${base}/app/`);
    await page.getByTestId('catalog').getByText('WEB-目录-01').waitFor();
    await page.getByTestId('catalog').getByText('城市公共交通票价调整').waitFor();
    const card = page.getByTestId(`consultation-${consulted}`);
    await card.waitFor();
    expect(await card.getByTestId('draft-hash').textContent()).toBe(h('draft-1'));
    expect(await card.getByTestId('explanation-hash').textContent()).toBe(h('explanation-1'));
    // The public reads the unit's name (the portal has no sign-in, so the API says it).
    await card.getByText(UNIT_NAME, { exact: true }).waitFor();
    expect(await card.getByText(UNIT, { exact: true }).count()).toBe(0);
    const { lastDay } = (await http().get(`/decisions/${consulted}/consultation`).expect(200)).body;
    const [y, m, d] = lastDay.split('-').map(Number);
    await card.getByText(`${y}年${m}月${d}日`).first().waitFor();
    // A hearing announced on the draft (Art. 16): its place and selection method shown with it, the list to come.
    await nodeStep(consulted, cmd('announceHearing', actors.unit, { hearingId: 'H-9', date: new Date(Date.now() + 20 * 86_400_000).toISOString(), place: '市民中心三楼听证室', selectionMethodHash: h('遴选办法：公开报名、随机抽取') }));
    await page.reload();
    const hearings = page.getByTestId(`hearings-${consulted}`);
    await hearings.getByText('市民中心三楼听证室').waitFor();
    await hearings.getByText('按公布的遴选办法遴选后公布名单').waitFor();
    await hearings.getByText(h('遴选办法：公开报名、随机抽取')).waitFor();

    await card.getByPlaceholder('请写下您对决策草案的意见和建议').fill('建议对老年人保留优惠票价。');
    await card.getByRole('button', { name: '提交意见' }).click();
    const receipt = (await card.getByTestId('receipt-value').textContent())!.trim();
    expect(receipt).toMatch(/^sha256:[0-9a-f]{64}$/);
    await screenshot(page, '1-portal-receipt');
    expect((await http().get(`/comments/${receipt}`).expect(200)).body.comment).toMatchObject({ text: '建议对老年人保留优惠票价。', decisionId: consulted });

    const lookup = page.getByTestId('receipt-lookup');
    await lookup.getByLabel('回执').fill(receipt);
    await lookup.getByRole('button', { name: /查\s*询/ }).click();
    await lookup.getByTestId('receipt-trace').getByText('建议对老年人保留优惠票价。').waitFor();
    await lookup.getByText('尚在研究').waitFor();
    // The public is led nowhere it cannot go: no link to the staff's decision page, the decision's no. as text.
    expect(await card.getByRole('link', { name: '决策详情' }).count()).toBe(0);
    await lookup.getByTestId('receipt-trace').getByText(consulted, { exact: true }).waitFor();
    expect(await lookup.getByTestId('receipt-trace').getByRole('link', { name: consulted }).count()).toBe(0);

    // A comment past 5000 characters is refused at its field, not cut to 5000 and sent (fresh-eyes tester); the receipt
    // shown before goes once another comment is sent, so a refused one does not stand under it as if received.
    const field = card.getByPlaceholder('请写下您对决策草案的意见和建议');
    await field.fill('很'.repeat(5001));
    expect((await field.inputValue()).length).toBe(5001);
    await card.getByRole('button', { name: '提交意见' }).click();
    await card.getByText(/意见不超过 5000 字/).waitFor();
    expect(await card.getByTestId('receipt').count()).toBe(0); // refused at its field, the earlier receipt goes too (retest)
    await field.fill('建议\u202e反转');
    await card.getByRole('button', { name: '提交意见' }).click();
    await card.getByText(/改变文字显示方向|显示方向/).first().waitFor();
    expect(await card.getByTestId('receipt').count()).toBe(0);
  });

  it('the decision page shows the stage it stands at, its signed timeline and its deadlines with their last days', async () => {
    // From the list, as a clerk would get there.
    await signInAs(page, base, PERSON);
    await page.goto(`${base}/app/decisions`);
    const listed = page.getByRole('row').filter({ hasText: consulted });
    await listed.getByText('公众参与、专家论证、风险评估').waitFor();
    await page.getByRole('row').filter({ hasText: signedHere }).getByText('拟订决策草案').waitFor();
    await listed.getByText(UNIT_NAME, { exact: true }).waitFor();
    await screenshot(page, '2-decisions');
    await listed.getByRole('link', { name: consulted }).click();
    await page.waitForURL(`${base}/app/decisions/${consulted}`);
    await page.getByTestId('phase').getByText('公众参与、专家论证、风险评估').waitFor();
    const stages = page.getByTestId('stages');
    // Drafting done, consultation under way, the rest to come.
    expect(await stages.locator('.ant-steps-item-finish').count()).toBe(1);
    expect(await stages.locator('.ant-steps-item-process').count()).toBe(1);
    await stages.locator('.ant-steps-item-process').getByText('公众参与、专家论证、风险评估', { exact: true }).waitFor();
    await page.getByTestId('tasks').getByText('结束公开征求意见').waitFor();

    const timeline = page.getByTestId('timeline');
    await timeline.getByTestId('entry-3').waitFor();
    const draftEntry = timeline.getByTestId('entry-1');
    await draftEntry.getByText('1. 提交决策草案').waitFor();
    await draftEntry.getByText(`${actors.unit.name} · 决策承办单位 · ${UNIT_NAME}`).waitFor();
    await draftEntry.getByText('《重大行政决策程序暂行条例》第十二条').waitFor();
    // Its documents, each by what the form calls it, to download (web tester: none could be read in the app).
    const draftDocument = draftEntry.getByTestId('document-1-documentHash');
    await draftDocument.getByText('决策草案', { exact: true }).waitFor();
    await draftDocument.getByRole('button', { name: '下载决策草案' }).waitFor();
    await draftEntry.getByTestId('document-1-alternatives.0.documentHash').getByText('方案文件（第1项）', { exact: true }).waitFor();
    await timeline.getByTestId('entry-0').getByText('0. 登记决策事项').waitFor();
    await timeline.getByTestId('entry-0').getByText(`${actors.unit.name} · 决策承办单位 · ${UNIT_NAME}`).waitFor(); // its signer, as every entry's
    await page.getByTestId('stages').getByText(UNIT_NAME, { exact: true }).waitFor();
    // Whose decision it is: the government decides, its justice bureau reviews legality.
    await page.getByTestId('deciding-organ').getByText('杭州市人民政府', { exact: true }).waitFor();
    await page.getByTestId('legality-review-body').getByText('杭州市司法局', { exact: true }).waitFor();
    await timeline.getByTestId('entry-3').getByText('3. 公开征求意见').waitFor();

    const deadlines = (await http().get(`/decisions/${consulted}/deadlines`).expect(200)).body as { label: string; lastDay: string }[];
    const comment = deadlines.find((x) => x.lastDay)!;
    const [y, m, d] = comment.lastDay.split('-').map(Number);
    const row = page.getByTestId('deadlines').getByRole('row').filter({ hasText: comment.label.split(' (')[0] });
    await row.getByText(`${y}年${m}月${d}日`).waitFor();
    await row.getByText('进行中').waitFor();
    await page.getByTestId('refusals').getByText('没有被拒绝的步骤').waitFor();
    await screenshot(page, '2-decision');

    // A list that could not be read says so, and is not shown as empty (the fourteenth session's tester: 暂无待办, and
    // 没有被拒绝的步骤 under the 503's alert).
    const unavailable = { status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'Temporal暂时无法响应（Temporal did not answer in time）' }) };
    await page.route(`**/decisions/${consulted}/tasks`, (r) => r.fulfill(unavailable));
    await page.route(`**/decisions/${consulted}/refusals`, (r) => r.fulfill(unavailable));
    await page.reload();
    await page.getByTestId('tasks').getByTestId('api-error').waitFor();
    await page.getByTestId('refusals').getByTestId('api-error').waitFor();
    // Said in words, the status after them (tester: "请求未完成（403）" led with a code).
    await page.getByTestId('tasks').getByText('服务暂时不可用，请稍后再试（503）').waitFor();
    expect(await page.getByTestId('tasks').getByText('暂无待办').count()).toBe(0);
    expect(await page.getByTestId('refusals').getByText('没有被拒绝的步骤').count()).toBe(0);
    await page.unrouteAll();
  });

  it('an official enrols a key made in the browser; a step signed there is refused with its article, the form kept, then accepted, and the signature is the server\'s to verify', async () => {
    const official: Actor = { id: 'u-web', name: '王网签', role: Role.UndertakingUnit, organisation: UNIT };
    // The registrar has appointed the official in the unit: without that, every step of theirs is refused (NO_OFFICE);
    // and, later, in its policy office too.
    await appoint(system.api, system.registrar, official);
    await appoint(system.api, system.registrar, { ...official, organisation: 'hz-jtj-fgc' }, { validFrom: '2021-01-01T00:00:00.000Z', validTo: '2099-01-01T00:00:00.000Z' });
    // The official signs in: the API takes a step only from the person who signs it.
    await signInAs(page, base, official.id);
    await page.goto(`${base}/app/sign?decision=${signedHere}`);
    const enrolment = page.getByTestId('enrolment');
    // The signer is filled in from the sign-in and the registrar's appointments, the offices a choice: nothing to type.
    const enrolForm = enrolment.getByTestId('enrol-form');
    expect(await enrolForm.getByLabel('工号').inputValue()).toBe(official.id);
    expect(await enrolForm.getByLabel('工号').isEditable()).toBe(false);
    expect(await enrolForm.getByLabel('姓名').inputValue()).toBe(official.name);
    await enrolForm.getByText(`决策承办单位 · ${UNIT_NAME}`, { exact: true }).waitFor();
    await enrolForm.getByLabel('任职').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('决策承办单位 · 杭州市交通运输局政策法规处', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    expect(await enrolForm.getByLabel('角色').count()).toBe(0);
    await enrolForm.getByRole('button', { name: '生成密钥' }).click();
    const publicKey = (await enrolment.getByTestId('public-key').textContent())!.trim();
    await enrolment.getByText(`${official.name}（${official.id}）`).waitFor();
    expect(publicKey).toMatch(/^[0-9a-f]{64}$/);
    await enrolment.getByTestId('key-status').getByText('待登记员背书').waitFor();
    const command = (await enrolment.getByTestId('enrol-command').textContent())!;
    expect(command).toContain(`"publicKey":"${publicKey}"`);
    // The command as shown works here: this API's own address, and the registrar's token (the tester found port 3000 and no token).
    expect(command).toContain(`curl -X POST ${base}/actor-keys -H "Authorization: Bearer $REGISTRAR_TOKEN"`);
    // The registrar's token command names this sign-in provider, on its own port here (fresh-eyes tester: it named none).
    expect(await enrolment.getByText(`REGISTRAR_TOKEN=$(OIDC_ISSUER=${process.env.OIDC_ISSUER} node dist/infra/oidc/token.js`, { exact: false }).count()).toBe(1);
    // The private half cannot leave the browser: the stored CryptoKey is not extractable.
    // (Browser code as text: the test's own TypeScript knows no DOM.)
    const extractable = await page.evaluate<boolean>(`new Promise((resolve, reject) => {
      const open = indexedDB.open('major-decisions');
      open.onsuccess = () => {
        const get = open.result.transaction('signing-keys').objectStore('signing-keys').get('current');
        get.onsuccess = () => resolve(get.result.privateKey.extractable);
        get.onerror = () => reject(get.error);
      };
    })`);
    expect(extractable).toBe(false);

    // The registrar endorses the public key shown (here the test's registrar, as `sign.js endorse` would).
    const registered = (await http(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, official.id, { algorithm: 'ed25519', publicKey })).expect(201)).body;
    await enrolment.getByRole('button', { name: /刷\s*新/ }).click();
    await enrolment.getByTestId('key-status').getByText(`已登记 ${registered.keyId}`).waitFor();
    await screenshot(page, '3-enrolled');

    // submitDraft with two alternatives and no comparison of them: refused (Art. 12).
    const files = {
      draft: Buffer.from('关于优化公交线路的决定（草案）'),
      explanation: Buffer.from('起草说明'),
      alt1: Buffer.from('方案一：调整十条线路'),
      alt2: Buffer.from('方案二：调整二十条线路'),
      comparison: Buffer.from('两个方案的比较说明'),
    };
    const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
    const step = page.getByTestId('step');
    // Two offices: the step is taken in the one chosen, the key's by default.
    await step.getByTestId('step-actor').getByText(`${official.name}（${official.id}，决策承办单位，${UNIT_NAME}）`).waitFor();
    await choose(page, step, '办理身份', '决策承办单位 · 杭州市交通运输局政策法规处');
    await step.getByTestId('step-actor').getByText(`${official.name}（${official.id}，决策承办单位，杭州市交通运输局政策法规处）`).waitFor();
    await choose(page, step, '办理身份', `决策承办单位 · ${UNIT_NAME}`);
    await step.getByTestId('step-actor').getByText(`${official.name}（${official.id}，决策承办单位，${UNIT_NAME}）`).waitFor();
    const upload = async (testId: string, name: string, buffer: Buffer) => {
      await step.getByTestId(testId).locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer });
      await step.getByTestId(`${testId}-hash`).getByText(sha(buffer)).waitFor();
    };
    await upload('draft-document', '草案.txt', files.draft);
    await upload('draft-explanation', '起草说明.txt', files.explanation);
    await step.getByTestId('add-alternative').click();
    await step.getByTestId('alternative-0-title').fill('方案一');
    await upload('alternative-0-document', '方案一.txt', files.alt1);
    await step.getByTestId('add-alternative').click();
    await step.getByTestId('alternative-1-title').fill('方案二');
    await upload('alternative-1-document', '方案二.txt', files.alt2);
    // The browser's hash is the server's: the document was stored under it.
    await http(official.id).get(`/documents/${sha(files.draft)}`).expect(200); // read by its uploader (no decision names it yet)

    await step.getByTestId('prepare').click();
    const shown = (await step.getByTestId('signoff-text').textContent())!;
    const signed = JSON.parse(shown);
    expect(signed).toMatchObject({
      decisionId: signedHere,
      action: 'submitDraft',
      actor: official,
      payload: { documentHash: sha(files.draft), explanationHash: sha(files.explanation), alternatives: [{ title: '方案一', documentHash: sha(files.alt1) }, { title: '方案二', documentHash: sha(files.alt2) }] },
    });
    // What is shown is exactly what the server will check: signOffMessage's bytes, RFC 8785.
    expect(shown).toBe(signOffMessage(signed).toString('utf8'));

    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/decisions/${signedHere}/steps`));
    await step.getByTestId('confirm-sign').click();
    const refusedBody = (await sent).postDataJSON();
    const refusal = step.getByTestId('refusal');
    await refusal.getByText('提出两个以上方案的，应当附方案比较说明（comparisonHash）').waitFor();
    await refusal.getByTestId('refusal-articles').getByText('《重大行政决策程序暂行条例》第十二条').waitFor();
    // The browser's signature over those bytes holds under the server's own verifier (the refusal is the procedure's, not the signature's).
    expect(verifySignature('ed25519', publicKey, signOffMessage({ decisionId: signedHere, ...refusedBody }), refusedBody.signature.value)).toBe(true);
    expect(signOffMessage({ decisionId: signedHere, ...refusedBody }).toString('utf8')).toBe(shown);
    // Nothing typed is lost.
    expect(await step.getByTestId('alternative-1-title').inputValue()).toBe('方案二');
    await step.getByTestId('draft-document-hash').getByText(sha(files.draft)).waitFor();
    await step.getByTestId('alternative-1-document-hash').getByText(sha(files.alt2)).waitFor();
    await screenshot(page, '4-refused');
    await expectAccessible(page, '签署（步骤被拒绝，表单保留）');

    // The comparison added, signed again: accepted.
    await upload('draft-comparison', '比较说明.txt', files.comparison);
    await step.getByTestId('prepare').click();
    expect(JSON.parse((await step.getByTestId('signoff-text').textContent())!).payload.comparisonHash).toBe(sha(files.comparison));
    const accepted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/decisions/${signedHere}/steps`));
    await step.getByTestId('confirm-sign').click();
    const acceptedBody = (await accepted).postDataJSON();
    await step.getByTestId('step-accepted').getByText('提交决策草案：已签署并记录（第 1 条）').waitFor();
    expect(verifySignature('ed25519', publicKey, signOffMessage({ decisionId: signedHere, ...acceptedBody }), acceptedBody.signature.value)).toBe(true);
    await screenshot(page, '5-accepted');

    // The record keeps the browser's signature; the decision page shows the step and the refusal before it.
    const timeline = (await http().get(`/decisions/${signedHere}/timeline`).expect(200)).body;
    expect(timeline.find((t: { seq: number }) => t.seq === 1)).toMatchObject({ seq: 1, action: 'submitDraft', actor: official });
    await page.goto(`${base}/app/decisions/${signedHere}`);
    await page.getByTestId('timeline').getByTestId('entry-1').getByText(`${official.name} · 决策承办单位 · ${UNIT_NAME}`).waitFor();
    const refusals = page.getByTestId('refusals');
    await refusals.getByText('提出两个以上方案的，应当附方案比较说明（comparisonHash）').waitFor();
    await refusals.getByText('《重大行政决策程序暂行条例》第十二条').waitFor();
    await expectAccessible(page, '决策详情（被拒绝的步骤）');
  });

  it('the undertaking unit’s official registers a decision in the browser, from the catalog, signing it there (the second tester: only curl could)', async () => {
    // The official of the test before (u-web), signed in, with the key enrolled in this browser.
    await page.goto(`${base}/app/sign`);
    const reg = page.getByTestId('register');
    const id = `WEB-${stamp}-R`;
    const [item] = ((await http().get('/catalog-items?year=2026').expect(200)).body as { ref: string; title: string; organName: string | null; organ: string }[]).filter((i) => i.ref === 'WEB-目录-01');
    await reg.getByTestId('register-id').fill(id);
    await reg.getByTestId('register-title').fill('关于新辟夜间公交线路的决定');
    await choose(page, reg, '决策事项目录中的事项', `${item.ref} ${item.title}（${item.organName ?? item.organ}，2026）`);
    await reg.getByTestId('register-basis').click();
    await page.keyboard.type('《重大行政决策程序暂行条例》第三条');
    await page.keyboard.press('Enter');
    expect(await reg.getByTestId('register-unit').inputValue()).toBe(UNIT);
    // The rules are named in Chinese only (the thirteenth session's tester: 国家基准 (national baseline, Decree No. 713)).
    expect(await reg.getByLabel('适用的程序规定', { exact: true }).evaluate((el) => el.closest('.ant-select')?.querySelector('.ant-select-content')?.textContent)).toBe('国家基准');
    await reg.getByTestId('register-prepare').click();
    const shown = (await reg.getByTestId('signoff-text').textContent())!;
    expect(JSON.parse(shown)).toEqual({
      decisionId: id,
      action: 'register',
      actor: { id: 'u-web', name: '王网签', role: Role.UndertakingUnit, organisation: UNIT },
      payload: { title: '关于新辟夜间公交线路的决定', undertakingDepartment: UNIT, catalogRef: 'WEB-目录-01', legalBasis: ['《重大行政决策程序暂行条例》第三条'], profile: 'national' },
      idempotencyKey: id,
    });
    await reg.getByTestId('confirm-sign').click();
    await reg.getByTestId('register-accepted').getByText(`决策 ${id} 已登记`).waitFor();
    // Registered as signed: the record's first entry is the browser's registration, under its signature.
    expect((await http().get(`/decisions/${id}`).expect(200)).body.record).toMatchObject({ id, title: '关于新辟夜间公交线路的决定', undertakingDepartment: UNIT, catalogRef: 'WEB-目录-01' });
    const bundle = (await http().get(`/decisions/${id}/bundle`).expect(200)).body as { entries: { canonical: string }[] };
    expect(JSON.parse(bundle.entries[0].canonical)).toMatchObject({ seq: 0, action: 'register', actor: { id: 'u-web' }, signature: { keyId: expect.any(String) } });
    await expectAccessible(page, '签署（登记决策）');
  });

  /** 退出登录 in the tab, confirmed on the provider's page (which asks in Chinese), back in the application signed out. */
  const signOutConfirmed = async (tab: Page) => {
    await tab.getByRole('button', { name: '退出登录' }).click();
    await tab.getByRole('button', { name: /^退出登录/ }).click();
    await tab.waitForURL((u) => u.pathname === '/app/');
  };
  /** A second tab of the browser, signed in through the provider's session (each tab keeps its own session). */
  const secondTabSignedIn = async (): Promise<Page> => {
    const other = await page.context().newPage();
    await other.goto(`${base}/app/`);
    await other.getByRole('button', { name: /^登\s*录$/ }).click();
    await other.getByRole('button', { name: '退出登录' }).waitFor();
    return other;
  };
  /** The tab shows the application signed out. */
  const signedOut = async (tab: Page) => {
    await tab.getByRole('button', { name: /^登\s*录$/ }).waitFor();
    expect(await tab.getByRole('button', { name: '退出登录' }).count()).toBe(0);
  };

  it('退出登录 ends the session at the sign-in provider: the next person at the PC is asked for a password (fresh-eyes tester: signed straight back in)', async () => {
    await signInAs(page, base, PERSON);
    // The key this browser keeps is u-web's: the next person is told whose, and offered no step to sign with it (retest).
    await page.goto(`${base}/app/sign`);
    await page.getByTestId('key-of-another').getByText(/本浏览器中保存的签名密钥属于.*（u-web），不是您/).waitFor();
    expect(await page.getByTestId('step').count()).toBe(0);
    await signOutConfirmed(page);
    // 我的待办, signed out, asks to sign in as every page for officials does (fresh-eyes tester: it said to make a signing key).
    await page.goto(`${base}/app/tasks`);
    await page.getByTestId('sign-in-needed').getByText('请先登录').waitFor();
    // So does 签署, for the key this browser keeps (u-web's, registered above): not "awaiting endorsement" with the
    // registrar's command, as it said when it could not ask (fresh-eyes tester).
    await page.goto(`${base}/app/sign`);
    await page.getByTestId('sign-in-needed').getByText('请先登录').waitFor();
    expect(await page.getByTestId('key-status').innerText()).toBe('登录后可查看');
    expect(await page.getByTestId('enrol-command').count()).toBe(0);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.locator('#password').waitFor();
    expect(await page.locator('#login').inputValue()).toBe('');
  }, 60_000);

  it('退出登录 in one tab ends the session of every tab of the browser (second retest: the other tab still acted as the official)', async () => {
    await signInAs(page, base, PERSON);
    const other = await secondTabSignedIn();
    try {
      await signOutConfirmed(page);
      // The other tab is signed out too, without being touched.
      await signedOut(other);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('the sign-in settings not answered at once (busy, away) are asked again; never answered, the header says so and offers to try again, and a sign-in coming back is not dropped (fresh-eyes tester: every failure read as "sign-in off")', async () => {
    const tab = await page.context().newPage();
    try {
      // Twice 503, then the API's own answer: 登录 is offered.
      let refused = 0;
      await tab.route('**/web-config', (route) => (refused++ < 2 ? route.fulfill({ status: 503, contentType: 'application/json', body: '{"statusCode":503,"message":"busy"}' }) : route.continue()));
      await tab.goto(`${base}/app/`);
      await tab.getByRole('button', { name: /^登\s*录$/ }).waitFor();
      expect(refused).toBe(3);
      // Never answered: no 登录, but the header says why and offers to try again; back from the provider, the page keeps
      // the code and says the sign-in is not finished.
      await tab.unroute('**/web-config');
      await tab.route('**/web-config', (route) => route.abort('connectionrefused'));
      await tab.goto(`${base}/app/auth/callback?code=kept&state=kept`);
      await tab.getByRole('button', { name: /登录服务暂时无法连接，点击重试/ }).waitFor({ timeout: 20_000 });
      await tab.getByText('登录尚未完成', { exact: true }).waitFor();
      expect(new URL(tab.url()).searchParams.get('code')).toBe('kept');
      expect(await tab.getByRole('button', { name: /^登\s*录$/ }).count()).toBe(0);
      // A sign-in coming back that cannot be finished (a code no sign-in in this tab started): said, with 登录, not a
      // blank page (retest).
      await tab.unroute('**/web-config');
      await tab.goto(`${base}/app/auth/callback?code=stale&state=unknown`);
      await tab.getByTestId('sign-in-failed').waitFor();
      await tab.getByRole('button', { name: /^登\s*录$/ }).waitFor();
      expect(new URL(tab.url()).pathname).toBe('/app/');
    } finally {
      await tab.close();
    }
  }, 60_000);

  it('a tab away from the application during the sign-out is signed out when it comes back; a sign-out left at its confirmation still asks the next person for a password (fourth tester)', async () => {
    await signInAs(page, base, PERSON);
    const other = await secondTabSignedIn();
    try {
      await other.goto(`${base}/docs`); // away from the application, on the same site
      await signOutConfirmed(page);
      await other.goto(`${base}/app/tasks`);
      await signedOut(other);
    } finally {
      await other.close();
    }
    // Signed in again, then out, the confirmation left unanswered (the tab closed): the provider's session stays, yet
    // the next 登录 in this browser asks for the password.
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.locator('#login').fill(PERSON);
    await page.locator('#password').fill(`test-${PERSON}`);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: /^退出登录/ }).waitFor();
    await page.goto(`${base}/app/`);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.locator('#password').waitFor();
  }, 90_000);

  it("the inspector's one button verifies the record: OK, check by check, with the bundle and the offline command", async () => {
    await signInAs(page, base, PERSON);
    await page.goto(`${base}/app/inspect`);
    await page.getByLabel('决策编号').fill(signedHere);
    await page.getByRole('button', { name: /查\s*找/ }).click();
    await page.getByTestId('verify').click();
    await page.getByTestId('verdict-title').getByText('核验通过（OK）').waitFor();
    for (const check of ['checkpoint', 'chain', 'seal', 'signature', 'replay', 'inclusion', 'procedure', 'history-match']) {
      expect(await page.getByTestId(`check-${check}`).getAttribute('data-state')).toBe('passed');
    }
    expect(await page.getByTestId('offline-command').textContent()).toContain(`node dist/infra/verify-bundle.js bundle-${signedHere}.json trusted-keys.json`);
    // The record beside the workflow history: every entry stored by its activity, the signed ones each with its update.
    const joined = page.getByTestId('record-history');
    await joined.getByText('记录与工作流历史逐条对照').waitFor();
    await joined.locator('[data-state="completed"]').first().waitFor();
    expect(await joined.locator('tr.ant-table-row').count()).toBe(await joined.locator('[data-state="completed"]').count());
    expect(await joined.getByText('工作流历史中没有对应事件').count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载核验包' }).click();
    expect((await download).suggestedFilename()).toBe(`bundle-${signedHere}.json`);
    await screenshot(page, '6-inspector');
    // A decision that does not exist is said so, with no bundle or command offered (tester).
    await page.goto(`${base}/app/inspect/NOPE-404`);
    await page.getByTestId('inspect-not-found').getByText('未找到决策 NOPE-404').waitFor();
    expect([await page.getByTestId('verify').count(), await page.getByTestId('offline-command').count()]).toEqual([0, 0]);
  });

  it('in English, the portal, a decision page and the inspector show no Chinese but their data (titles, names); switched back, Chinese again', async () => {
    // Data is shown as written, in whatever language it was written: titles, names, catalog entries, channels.
    const strings = (...xs: unknown[]): string[] => xs.flat(3).filter((x): x is string => typeof x === 'string' && x !== '');
    const catalog = (await http().get('/catalog-items').expect(200)).body as Record<string, string | null>[];
    const consultations = (await http().get('/consultations').expect(200)).body as { title: string; undertakingDepartmentName: string; channels: string[]; alternatives: { title: string }[]; shortenedReason: string | null }[];
    const organisations = (await http().get('/organisations').expect(200)).body as { name: string }[];
    const record = (await http().get(`/decisions/${signedHere}`).expect(200)).body.record as { title: string; catalogRef: string; legalBasis: string[] };
    const consultedRecord = (await http().get(`/decisions/${consulted}`).expect(200)).body.record as { title: string };
    const timeline = (await http().get(`/decisions/${signedHere}/timeline`).expect(200)).body as { actor: { name: string } }[];
    const refusals = (await http().get(`/decisions/${signedHere}/refusals`).expect(200)).body as { actorName: string }[];
    const history = (await http().get(`/decisions/${signedHere}/record-history`).expect(200)).body as { actor: { name: string }; office: string | null }[];
    const hearings = (await http().get(`/decisions/${consulted}/hearings`).expect(200)).body as { place: string; organisedBy: string | null; participants: { name: string }[] | null }[];
    const data = strings(
      catalog.map((c) => [c.ref, c.title, c.organ, c.partyConsentRef, c.adjustmentReason]),
      consultations.map((c) => [c.title, c.undertakingDepartmentName, c.channels, c.alternatives.map((a) => a.title), c.shortenedReason]),
      organisations.map((o) => o.name),
      record.title, record.catalogRef, record.legalBasis, consultedRecord.title,
      timeline.map((e) => e.actor.name),
      refusals.map((r) => r.actorName),
      history.map((r) => [r.actor.name, r.office]),
      hearings.map((x) => [x.place, x.organisedBy, (x.participants ?? []).map((p) => p.name)]),
    ).sort((a, b) => b.length - a.length);
    // The language switch names Chinese in Chinese, as language menus do; the signed-in person's name is theirs.
    const chineseOutsideData = async () => {
      let text = await page.locator('body').innerText();
      for (const d of data) text = text.split(d).join(' ');
      text = text.split(await page.getByTestId('lang-switch').innerText()).join(' ');
      if (await page.getByTestId('my-name').count()) text = text.split((await page.getByTestId('my-name').innerText()).trim() || '\u0000').join(' ');
      return text.split('\n').filter((line) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(line));
    };

    await page.goto(`${base}/app/`);
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Public participation' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    const card = page.getByTestId(`consultation-${consulted}`);
    await card.getByText('Comment period').waitFor();
    await card.getByRole('button', { name: 'Send comment' }).waitFor();
    await page.getByTestId('catalog').getByText('WEB-目录-01').waitFor();
    expect(await chineseOutsideData()).toEqual([]);
    // A form's own error, in English too.
    await card.getByRole('button', { name: 'Send comment' }).click();
    await card.getByText('Please write your comment').waitFor();
    expect(await chineseOutsideData()).toEqual([]);
    await screenshot(page, '16-portal-english');
    await expectAccessible(page, 'Public participation (a form error shown)');

    // The decision with its timeline and the refused step: the refusal's reason and article in English.
    await page.goto(`${base}/app/decisions/${signedHere}`);
    await page.getByTestId('timeline').getByTestId('entry-1').getByText('1. submit draft').waitFor();
    await page.getByTestId('timeline').getByTestId('entry-0').getByText('Decree No. 713, Art. 11').waitFor();
    const refused = page.getByTestId('refusals');
    await refused.getByText('Decree No. 713, Art. 12').waitFor();
    await refused.getByText(/comparisonHash/).waitFor();
    await page.getByTestId('deadlines').waitFor();
    await page.getByTestId('tasks').waitFor();
    expect(await chineseOutsideData()).toEqual([]);
    await screenshot(page, '17-decision-english');
    await expectAccessible(page, 'Decision page (English)');

    // The catalog: the matter types by their English names too (fresh-eyes tester: they were Chinese).
    await page.goto(`${base}/app/catalog`);
    await page.getByRole('heading', { name: 'Decision catalog' }).waitFor();
    // Chosen by name from a list (the second tester had to type codes): the list, opened, in English too.
    await page.getByLabel('Matter types (procedures other laws require, Art. 3 para. 2)', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('government-set prices (pricing hearing)', { exact: true }).waitFor();
    expect(await chineseOutsideData()).toEqual([]);
    await page.keyboard.press('Escape');
    // The inspector, verifying: each check in English, the record beside the history.
    await page.goto(`${base}/app/inspect/${signedHere}`);
    await page.getByTestId('verify').click();
    await page.getByTestId('verdict-title').getByText('Verified (OK)').waitFor();
    await page.getByTestId('check-chain').getByText('the hash chain of the entries').waitFor();
    await page.getByTestId('record-history').locator('[data-state="completed"]').first().waitFor();
    await page.getByTestId('record-history').getByText('The record beside the workflow history, entry by entry').waitFor();
    expect(await chineseOutsideData()).toEqual([]);
    await screenshot(page, '18-inspector-english');
    await expectAccessible(page, 'Inspector (English)');

    // Back to Chinese: the same pages in Chinese again.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: '核查' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await page.getByTestId('verify').click();
    await page.getByTestId('verdict-title').getByText('核验通过（OK）').waitFor();
    await page.goto(`${base}/app/`);
    await page.getByRole('heading', { name: '公众参与' }).waitFor();
    await page.getByTestId(`consultation-${consulted}`).getByRole('button', { name: '提交意见' }).waitFor();
  });

  it('the hearing form asks whether it is held online only where the decision’s rules provide it (Qingdao), and signs it there', async () => {
    // A Qingdao decision (its catalog item of this year, published after the first quarter: an adjustment, with its reason), in consultation with a hearing declared.
    const qingdao = `WEB-${stamp}-QD`;
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    await http().post('/catalog-items').send({ ref: `WEB-QD-${stamp}`, year, title: '公交票价听证', organ: '青岛市人民政府', partyConsentRef: '市委同意', adjustmentReason: '根据实际情况调整' }).expect(201);
    // Qingdao's rules govern only Qingdao's governments (Art. 43): the tests' city is Qingdao (division 370200) while it registers.
    const pg = new Client({ connectionString: system.db.url });
    await pg.connect();
    await pg.query(`UPDATE organisations SET credit_code = '11370200002482000A' WHERE id = 'hz'`);
    try {
      await http(actors.unit.id).post('/decisions').send(signedRegistration({ id: qingdao, title: '关于调整公交票价的决定（青岛）', undertakingDepartment: UNIT, catalogRef: `WEB-QD-${stamp}`, legalBasis: ['《价格法》'], profile: 'qingdao' }, actors.unit, unit)).expect(201);
    } finally {
      await pg.query(`UPDATE organisations SET credit_code = '11330100002482000L' WHERE id = 'hz'`);
      await pg.end();
    }
    await nodeStep(qingdao, steps.draft());
    await nodeStep(qingdao, steps.applicability({ hearing: true, expert: false, risk: false }));

    await signInAs(page, base, 'u-web');
    // Under the national baseline a hearing is a meeting: the form does not offer to hold it online.
    const national = page.waitForResponse((r) => r.url().endsWith(`/decisions/${consulted}`) && r.request().method() === 'GET');
    await page.goto(`${base}/app/sign?decision=${consulted}&action=scheduleHearing`);
    const form = page.getByTestId('form-scheduleHearing');
    await form.getByLabel('听证会编号').waitFor();
    expect((await national).status()).toBe(200);
    await form.getByText('听证参加人遴选办法').waitFor();
    expect(await form.getByText('以网络听证方式举行').count()).toBe(0);

    // Under Qingdao's rules it is asked, and what is signed says so: for the hearing announced first (Art. 16 paras 2–3),
    // at its time, its place left as announced.
    const day = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await nodeStep(qingdao, cmd('announceHearing', actors.unit, { hearingId: 'H-1', date: `${day}T09:00:00+08:00`, place: '市民中心听证室', selectionMethodHash: h('听证参加人遴选办法：自愿报名、随机抽取'), online: true }));
    await page.goto(`${base}/app/sign?decision=${qingdao}&action=scheduleHearing`);
    await form.getByText('以网络听证方式举行').waitFor();
    await form.getByLabel('听证会编号').fill('H-1');
    await form.getByLabel('听证会时间').click();
    await form.getByLabel('听证会时间').fill(`${day} 09:00`);
    await page.keyboard.press('Enter');
    const method = Buffer.from('听证参加人遴选办法：自愿报名、随机抽取');
    await form.getByTestId('selectionMethodHash').locator('input[type=file]').setInputFiles({ name: '遴选办法.txt', mimeType: 'text/plain', buffer: method });
    await form.getByTestId('selectionMethodHash-hash').getByText(`sha256:${createHash('sha256').update(method).digest('hex')}`).waitFor();
    for (const [i, name, interested] of [[0, '乘客代表', true], [1, '公交企业', true], [2, '学者', false]] as const) {
      await form.getByTestId('add-participant').click();
      await form.getByTestId(`participant-${i}-id`).fill(`p-${i + 1}`);
      await form.getByTestId(`participant-${i}-name`).fill(name);
      if (interested) await form.getByTestId(`participant-${i}-interested`).click();
    }
    await form.getByText('以网络听证方式举行').click();
    const step = page.getByTestId('step');
    await step.getByTestId('prepare').click();
    const payload = JSON.parse((await step.getByTestId('signoff-text').textContent())!).payload;
    expect(payload).toMatchObject({ hearingId: 'H-1', online: true, participants: [{ id: 'p-1', name: '乘客代表', interested: true }, { id: 'p-2', interested: true }, { id: 'p-3', interested: false }] });
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/decisions/${qingdao}/steps`));
    await step.getByTestId('confirm-sign').click();
    expect((await sent).postDataJSON()).toMatchObject({ action: 'scheduleHearing', payload: { online: true } });
    await step.getByTestId('step-accepted').getByText('安排听证会：已签署并记录（第 4 条）').waitFor();
    await screenshot(page, '19-online-hearing');
    await expectAccessible(page, '签署（网络听证的听证会表单，已签署）');
    const timeline = (await http().get(`/decisions/${qingdao}/timeline`).expect(200)).body as { seq: number; action: string }[];
    expect(timeline.find((e) => e.seq === 4)).toMatchObject({ action: 'scheduleHearing' });
  });
  it('the publication form of a matter withheld by law says so and fills in no channel (Arts. 14, 32; the fourteenth session\'s tester)', async () => {
    const withheld = `WEB-${stamp}-W`;
    await register(withheld, '关于调整应急物资储备布局的决定');
    await nodeStep(withheld, steps.draft());
    await nodeStep(withheld, steps.applicability({ pp: false, expert: false, risk: false }));
    await signInAs(page, base, 'u-web');
    // Another matter: the form starts from the usual channels.
    await page.goto(`${base}/app/sign?decision=${consulted}&action=publish`);
    const form = page.getByTestId('form-publish');
    await form.getByText('市政府网站').waitFor();
    expect(await page.getByTestId('withheld-matter').count()).toBe(0);
    // The withheld one: said, with its basis, and no channel filled in.
    await page.goto(`${base}/app/sign?decision=${withheld}&action=publish`);
    await page.getByTestId('withheld-matter').getByText(/^本决策事项已登记为依法不予公开（依据：《中华人民共和国保守国家秘密法》第十三条/).waitFor();
    await form.getByLabel('可以公开的依据').waitFor();
    expect(await form.getByText('市政府网站').count()).toBe(0);
    expect(await form.getByText('政府公报', { exact: true }).count()).toBe(0);
  });

  it("the minutes form lists who sits in the organ's meeting, each added as present in one click, the chief executive named as the one who decides (Art. 30; third tester)", async () => {
    const meeting = `WEB-${stamp}-M`;
    await register(meeting, '关于调整公交线网的决定');
    await signInAs(page, base, 'u-web');
    await page.goto(`${base}/app/sign?decision=${meeting}&action=recordDiscussion`);
    const card = page.getByTestId('meeting-members');
    await card.getByText('市长（m-1）').waitFor();
    await card.getByText('秘书长（m-3）').waitFor();
    await card.getByRole('button', { name: '加入市长' }).click();
    await card.getByRole('button', { name: '加入秘书长' }).click();
    await card.getByRole('button', { name: '加入市长' }).click(); // once only
    const form = page.getByTestId('form-recordDiscussion');
    expect(await form.getByTestId('members-0-id').inputValue()).toBe('m-1');
    expect(await form.getByTestId('members-1-id').inputValue()).toBe('m-3');
    expect(await form.getByTestId('members-2-id').count()).toBe(0);
    expect(await form.getByTestId('meeting-chiefExecutiveId').inputValue()).toBe('m-1');
    // The meeting's time filled in, the card lists those sitting then, as the API checks them (fourth tester): in
    // 2001 no one did.
    await card.getByText('本机关现任会议组成人员').waitFor();
    const time = form.getByLabel('会议时间');
    await time.click();
    await time.fill('2001-03-05 09:00');
    await time.press('Enter');
    await card.getByText('会议召开时（2001-03-05 09:00）的本机关会议组成人员').waitFor();
    await card.getByText(/^会议召开时（2001-03-05 09:00）本机关没有登记在任的行政首长或者会议组成人员/).waitFor();
    expect(await card.getByText('市长（m-1）').count()).toBe(0);
    // The discussion's materials the record holds, filled into the minutes in one click (second tester: the secretary
    // had to find the very files outside the system): here the draft, before any legality opinion.
    const materials = page.getByTestId('discussion-materials');
    await materials.getByText('决策记录中尚无讨论材料').waitFor();
    await nodeStep(meeting, steps.draft());
    await page.reload();
    await materials.getByText(h('draft-1')).waitFor();
    await materials.getByTestId('fill-materials').click();
    await form.getByTestId('materials-draftHash-hash').getByText(h('draft-1')).waitFor();
  });

  it('a refusal that names a field is shown under that field, the general alert pointing there with its article; the field corrected, its error goes', async () => {
    const fresh = `WEB-${stamp}-F`;
    await register(fresh, '关于调整出租车运价的决定');
    await signInAs(page, base, 'u-web');
    await page.goto(`${base}/app/sign?decision=${fresh}&action=consultDepartment`);
    const form = page.getByTestId('form-consultDepartment');
    await form.getByLabel('协商单位编号').fill('hz-nowhere');
    const opinion = Buffer.from('杭州市财政局关于出租车运价调整的意见');
    await form.getByTestId('opinionHash').locator('input[type=file]').setInputFiles({ name: '意见.txt', mimeType: 'text/plain', buffer: opinion });
    await form.getByTestId('opinionHash-hash').getByText(`sha256:${createHash('sha256').update(opinion).digest('hex')}`).waitFor();
    const step = page.getByTestId('step');
    await step.getByTestId('prepare').click();
    await step.getByTestId('confirm-sign').click();
    // The API: 'unit：没有编号为 hz-nowhere 的已登记机构（unit: no organisation hz-nowhere is registered）', Art. 13.
    const unitItem = form.locator('.ant-form-item').filter({ has: page.getByLabel('协商单位编号') });
    await unitItem.locator('.ant-form-item-explain-error').getByText('没有编号为 hz-nowhere 的已登记机构', { exact: true }).waitFor();
    expect(await unitItem.evaluate((e) => (e as unknown as { className: string }).className)).toContain('ant-form-item-has-error');
    const refusal = step.getByTestId('refusal');
    await refusal.getByTestId('refusal-beside-fields').getByText('请查看表单中标出的字段。').waitFor();
    await refusal.getByTestId('refusal-articles').getByText('《重大行政决策程序暂行条例》第十三条').waitFor();
    expect(await refusal.getByText(/hz-nowhere/).count()).toBe(0);
    expect(await form.getByLabel('协商单位编号').inputValue()).toBe('hz-nowhere');
    await expectAccessible(page, '签署（拒绝理由显示在字段下）');
    await screenshot(page, '20-refusal-beside-field');
    // Corrected, the field's error goes with it.
    await form.getByLabel('协商单位编号').fill('hz-czj');
    await unitItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    // Reloaded, what was typed is still there, the document's hash too (fresh-eyes tester: a reload lost it).
    await page.reload();
    await form.getByLabel('协商单位编号').waitFor();
    expect(await form.getByLabel('协商单位编号').inputValue()).toBe('hz-czj');
    await form.getByTestId('opinionHash-hash').getByText(`sha256:${createHash('sha256').update(opinion).digest('hex')}`).waitFor();
    // A text past the API's limit is said under its field before anything is signed (second tester: signed, then refused).
    const disputed = form.getByLabel('争议的主要问题（未取得一致意见时必填）');
    await disputed.fill('争'.repeat(2001));
    await form.locator('.ant-form-item-explain-error').getByText('争议的主要问题（未取得一致意见时必填）不超过 2000 字').waitFor();
    await disputed.fill('');
    // A required list of ids left empty is said so before signing (second tester: no execution unit, sent to the API).
    await page.goto(`${base}/app/sign?decision=${fresh}&action=designateExecutionUnit`);
    await page.getByTestId('step').getByTestId('prepare').click();
    await page.getByTestId('form-designateExecutionUnit').locator('.ant-form-item-explain-error').getByText('请填写决策执行单位编号').waitFor();
  });
  it('责任倒查: a member minuted against a decision, with the words minuted; from the record, a signer’s name leads to their part in every decision (Art. 38)', async () => {
    const decided = `WEB-${stamp}-A`;
    await register(decided, '关于调整停车收费的决定');
    const d = system.stepsOn(decided);
    await d.ok(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion(), steps.legalityOpinion('lawful', { earlyReason: '材料齐全' }));
    await d.ok(steps.discussion({ draftHash: h('draft-1'), legalityOpinionHash: h('legality-lawful') }), steps.decide());
    await signInAs(page, base, PERSON);
    await page.goto(`${base}/app/accountability`);
    const search = page.getByLabel('人员编号（登录名）');
    await search.fill('m-3');
    await search.press('Enter');
    await page.waitForURL(/\/app\/accountability\/m-3$/);
    const row = page.getByTestId('accountability').getByRole('row').filter({ hasText: decided });
    await row.getByText('不同意', { exact: true }).waitFor();
    await row.getByText('票价上调幅度过大 (the fare rise is too steep)').waitFor();
    await row.getByText('会议组成人员', { exact: true }).waitFor();
    // From the inspector's record, the chief executive's name: the decision signed, the meeting presided.
    await page.goto(`${base}/app/inspect/${decided}`);
    await page.getByTestId('record-history').getByRole('link', { name: /^市长（行政首长/ }).first().click();
    await page.waitForURL(/\/app\/accountability\/m-1$/);
    const mayor = page.getByTestId('accountability').getByRole('row').filter({ hasText: decided });
    await mayor.filter({ hasText: '主持会议' }).waitFor();
    await mayor.filter({ hasText: /^.*签署（行政首长/ }).first().waitFor();
    await expectAccessible(page, '责任倒查');
    await screenshot(page, '21-accountability');
    // Someone who did nothing in what the inspector sees: said so, nothing listed.
    await page.goto(`${base}/app/accountability/nobody-here`);
    await page.getByTestId('accountability-none').getByText('在您可查看的决策中，没有 nobody-here 签署的步骤或者记载其出席的会议').waitFor();
  });
  it('an official enrols an SM2 (国密) key in the browser, which has no SM2 of its own; a step signed with it is recorded, the signature the server’s to verify', async () => {
    const official: Actor = { id: 'u-sm2', name: '陈国密', role: Role.UndertakingUnit, organisation: UNIT };
    const decision = `WEB-${stamp}-3`;
    await register(decision, '关于调整公交站点的决定');
    await appoint(system.api, system.registrar, official);
    await signInAs(page, base, official.id);
    // A browser of its own (the last test of the file: the others' Ed25519 key made here is gone).
    await page.evaluate(`new Promise((resolve) => { const r = indexedDB.deleteDatabase('major-decisions'); r.onsuccess = r.onerror = r.onblocked = resolve; })`);
    await page.goto(`${base}/app/sign?decision=${decision}`);
    const enrolment = page.getByTestId('enrolment');
    const enrolForm = enrolment.getByTestId('enrol-form');
    await enrolForm.getByText(`决策承办单位 · ${UNIT_NAME}`, { exact: true }).waitFor();
    await choose(page, enrolForm, '算法', 'SM2（国密；浏览器无此算法，私钥由本页面保存，可被本站脚本读取）');
    await enrolForm.getByRole('button', { name: '生成密钥' }).click();
    await enrolment.getByTestId('key-algorithm').getByText(/^SM2 与 SM3（国密/).waitFor();
    const publicKey = (await enrolment.getByTestId('public-key').textContent())!.trim();
    expect(publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(await enrolment.getByTestId('enrol-command').textContent()).toContain('"algorithm":"sm2-sm3"');
    const registered = (await http(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, official.id, { algorithm: 'sm2-sm3', publicKey })).expect(201)).body;
    await enrolment.getByRole('button', { name: /刷\s*新/ }).click();
    await enrolment.getByTestId('key-status').getByText(`已登记 ${registered.keyId}`).waitFor();

    const step = page.getByTestId('step');
    const draft = Buffer.from('关于调整公交站点的决定（草案）');
    const explanation = Buffer.from('调整公交站点的起草说明');
    for (const [testId, name, buffer] of [['draft-document', '草案.txt', draft], ['draft-explanation', '起草说明.txt', explanation]] as const) {
      await step.getByTestId(testId).locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer });
      await step.getByTestId(`${testId}-hash`).getByText(`sha256:${createHash('sha256').update(buffer).digest('hex')}`).waitFor();
    }
    await step.getByTestId('prepare').click();
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/decisions/${decision}/steps`));
    await step.getByTestId('confirm-sign').click();
    const body = (await sent).postDataJSON();
    await step.getByTestId('step-accepted').getByText('提交决策草案：已签署并记录（第 1 条）').waitFor();
    expect(body.signature.keyId).toBe(registered.keyId);
    expect(verifySignature('sm2-sm3', publicKey, signOffMessage({ decisionId: decision, ...body }), body.signature.value)).toBe(true);
    expect((await http().get(`/decisions/${decision}/verify`).expect(200)).body).toMatchObject({ ok: true });
  });
});
