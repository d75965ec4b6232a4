import type { Page } from 'playwright-core';
import { addRegistrarKey } from '../../infra/registrar';
import { expertPoolEndMessage, expertPoolEntryMessage } from '../../libs/record/endorsement';
import { signMessage, verifySignature } from '../../libs/record/signatures';
import type { Command } from '../../libs/domain';
import { actors, steps } from '../support/procedure';
import { signedRegistration, signedStep } from '../support/signing';
import { expectAccessible, expectAccessibleAt } from '../support/axe';
import { screenshot } from '../support/browser';
import { PERSON } from '../support/auth';
import { signInAs, startWebSystem } from '../support/web';

/**
 * The registrar's 专家库 tab (Art. 21) in Chromium against the real system: a registrar of 杭州市 whose key was made in
 * the browser enters an expert into the city's pool and ends the membership (退出), each time showing exactly what is
 * signed; field errors in Chinese under their fields, the API's too; one request however fast the clicks; the pools
 * the city may use (its own and the province's) listed beside. The person at the desk is the province's inspector,
 * who may read the city's pools (an official or inspector of the city or above).
 */
jest.setTimeout(180_000);

describe('the registrar’s expert pool tab, in Chromium, against the real system', () => {
  let web: Awaited<ReturnType<typeof startWebSystem>>;
  let page: Page;
  let base: string;
  const stamp = Date.now();

  beforeAll(async () => {
    web = await startWebSystem();
    ({ base, page } = web);
  }, 180_000);

  afterAll(() => web?.close());

  it('enters an expert into the city’s pool and ends the membership; errors under their fields; a double-click sends once; the list shows where each stands', async () => {
    await signInAs(page, base, PERSON);
    await page.goto(`${base}/app/registrar`);
    const keyForm = page.getByTestId('registrar-key-form');
    await keyForm.getByLabel('登记员名称').fill('杭州专家库登记员');
    await keyForm.getByLabel('所属政府编号').fill('hz');
    await page.getByTestId('registrar-generate').click();
    const registrarPublic = (await page.getByTestId('registrar-public-key').textContent())!.trim();
    await addRegistrarKey(web.system.db.url, '杭州专家库登记员', { algorithm: 'ed25519', publicKey: registrarPublic }, 'hz');
    await page.reload();
    await page.getByTestId('registrar-key-id').waitFor();
    await page.getByRole('tab', { name: '专家库' }).click();
    const tab = page.getByRole('tabpanel', { name: '专家库' });
    const act = tab.getByTestId('act-pool-enter');
    // The city's pools, empty yet: the city's own and the province's above it.
    await tab.getByTestId('expert-pool').getByText('专家库中尚无专家').waitFor();
    await expectAccessible(page, '登记员（专家库）');

    // Nothing filled in: each required field says so, in Chinese, under itself; nothing to sign yet.
    await act.getByTestId('prepare').click();
    await act.getByText('请填写记录编号').waitFor();
    await act.getByText('请填写专业领域').waitFor();
    await act.getByText('请填写专家库所属政府编号').waitFor();
    expect(await act.getByTestId('signoff').count()).toBe(0);
    const id = `pool-${stamp}`;
    await act.getByTestId('id').fill(id);
    await act.getByTestId('expertId').fill('e-web-pool');
    await act.getByTestId('expertName').fill('专家库甲');
    await act.getByLabel('专业领域').fill('交通工程');
    await page.keyboard.press('Enter');
    await act.getByLabel('专业领域').fill('价格');
    await page.keyboard.press('Enter');
    await act.getByTestId('institution').fill('浙江大学');

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
    expect(fields).toMatchObject({ purpose: 'enter-expert-pool', id, expertId: 'e-web-pool', expertName: '专家库甲', governmentId: 'hz', fields: ['交通工程', '价格'], institution: '浙江大学' });
    expect(text).toBe(expertPoolEntryMessage(fields).toString('utf8'));
    const posts: string[] = [];
    const count = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && /\/expert-pool(\/|$)/.test(new URL(r.url()).pathname)) posts.push(r.url());
    };
    page.on('request', count);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/expert-pool'));
    await act.getByTestId('confirm-sign').dblclick();
    const body = (await sent).postDataJSON();
    await act.getByTestId('act-done').getByText('专家已入库').waitFor();
    await page.waitForTimeout(500);
    expect(posts).toHaveLength(1);
    expect(verifySignature('ed25519', registrarPublic, expertPoolEntryMessage(body), body.endorsement.value)).toBe(true);

    // The list shows the expert in the city's pool, in force.
    const row = tab.getByTestId(`pool-entry-${id}`);
    await row.getByText('专家库甲（e-web-pool）').waitFor();
    await row.getByText('交通工程、价格').waitFor();
    await row.getByText('在库').waitFor();
    await screenshot(page, '8c-registrar-expert-pool');

    // 退出 from the row: the end form, its record id filled in; the reason missing is said under its field.
    await row.getByRole('button', { name: '专家库甲退出专家库' }).click();
    const ending = tab.getByTestId('act-pool-end');
    await ending.getByTestId('prepare').click();
    await ending.getByText('请填写理由（如诚信考核不合格）').waitFor();
    expect(await ending.getByTestId('entryId').inputValue()).toBe(id);
    await ending.getByTestId('reason').fill('诚信考核不合格');
    await ending.getByTestId('prepare').click();
    const endText = (await ending.getByTestId('signoff-text').textContent())!;
    const endFields = JSON.parse(endText);
    expect(endFields).toMatchObject({ purpose: 'end-expert-pool-entry', entryId: id, reason: '诚信考核不合格' });
    expect(endText).toBe(expertPoolEndMessage(endFields).toString('utf8'));
    const endSent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/expert-pool/${id}/end`));
    await ending.getByTestId('confirm-sign').dblclick();
    const endBody = (await endSent).postDataJSON();
    await ending.getByTestId('act-done').getByText('专家已退出专家库').waitFor();
    await page.waitForTimeout(500);
    page.off('request', count);
    expect(posts).toHaveLength(2);
    expect(verifySignature('ed25519', registrarPublic, expertPoolEndMessage({ entryId: id, ...endBody }), endBody.endorsement.value)).toBe(true);
    // Ended (from the time signed, ten minutes on by default): the row says why, and offers no second end.
    await row.getByText('诚信考核不合格').waitFor();
    expect(await row.getByRole('button', { name: '专家库甲退出专家库' }).count()).toBe(0);
    await expectAccessibleAt(page, '登记员（专家库，已退出）');
    const listed = (await web.system.as(PERSON).get('/expert-pool?governmentId=hz').expect(200)).body;
    expect(listed.entries).toEqual([expect.objectContaining({ id, governmentId: 'hz', endReason: '诚信考核不合格' })]);
  });

  it('the decision page says, for each expert its panel names, whether they are in a pool the decision may use (the decree does not require it)', async () => {
    const { system } = web;
    const entry = { id: `pool-zj-${stamp}`, expertId: actors.expert1.id, expertName: actors.expert1.name, governmentId: 'zj', fields: ['交通工程'], validFrom: '2026-01-01T00:00:00+08:00' };
    const zj = system.registrars.zj;
    await system.as(PERSON).post('/expert-pool').send({ ...entry, endorsement: { keyId: zj.keyId, value: signMessage(zj.algorithm, zj.privateKey, expertPoolEntryMessage(entry)) } }).expect(201);
    await system.as(PERSON).post('/catalog-items').send({ ref: `POOL-目录-${stamp}`, year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const id = `POOL-WEB-${stamp}`;
    const unitKey = await system.keyOf(actors.unit.id);
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: `POOL-目录-${stamp}`, legalBasis: ['《价格法》'] }, actors.unit, unitKey)).expect(201);
    let n = 0;
    for (const c of [steps.draft(), steps.applicability({ pp: false, risk: false }), steps.panel()] as Command[]) {
      await system.as(c.actor.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unitKey, `${id}-${++n}`)).expect(201);
    }
    await signInAs(page, base, PERSON);
    await page.goto(`${base}/app/decisions/${id}`);
    const card = page.getByTestId('expert-panel');
    await card.getByText('《条例》不要求论证专家必须来自专家库').waitFor();
    const inPool = card.getByTestId(`panel-expert-${actors.expert1.id}`);
    await inPool.getByText('浙江省人民政府 · 在库').waitFor();
    await card.getByTestId(`panel-expert-${actors.expert2.id}`).getByText('不在库').waitFor();
    await expectAccessible(page, '决策详情（论证专家与专家库）');
  });
});
