import { actors, announcedHearing, cmd, DAY, discussionMaterials, h, steps } from '../../../test/support/procedure';
import { consulted, Driver, reviewed } from '../../../test/support/driver';
import { creditCodeCheckCharacter } from '../authority/organisations';
import { checkCatalogItem, checkOwnAreaRules, checkProfileArea } from '../registration';
import { SOURCES, type Citation } from './articles';
import type { Payloads } from './commands';
import { HEILONGJIANG, NATIONAL_BASELINE, profileAsKeptBefore, PROFILES, QINGDAO, SHANDONG, SICHUAN, type ProcedureProfile } from './profiles';
import type { Refusal } from './refusal';
import { openTasks } from './tasks';

/**
 * The provinces' and Qingdao's profiles (profiles.ts): the steps and rules a profile adds, as data in the shape of a
 * matter type's (`requirements`), its online hearing and its catalog rules. Each added rule refuses with its own
 * provincial citation, Chinese first, and accepts once met; an article number is cited only where one was read in a text.
 */

const START = Date.UTC(2026, 2, 2, 2);

function expectRefused(r: Refusal | undefined, code: string, zh: string, cited: string) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  expect(r!.zh).toContain(zh);
  expect(r!.citations.join(' ')).toContain(cited);
  expect(r!.message.indexOf('（')).toBeGreaterThan(0); // Chinese first
}

/** Up to the adoption report: draft, applicability, comment (30 days), experts and the judged risk assessment. */
function commented(d: Driver, market = false): Driver {
  const organ = d.profile.organActs ? [steps.engage()] : [];
  d.do(steps.draft(), steps.applicability({ market }), steps.openComment(), steps.panel(), ...organ, steps.risk(), ...(d.profile.organJudgesRisk ? [steps.judgeRisk()] : []));
  return d.advance(31 * DAY).do(steps.closeComment());
}
const poll = () => cmd('recordParticipationForm', actors.unit, { form: 'poll', recordHash: h('poll') });
const hearing = (online?: boolean): Payloads['scheduleHearing'] => ({
  hearingId: 'H-1',
  date: new Date(START + 20 * DAY).toISOString(),
  selectionMethodHash: h('selection'),
  participants: [
    { id: 'p-1', name: '乘客代表', interested: true },
    { id: 'p-2', name: '公交企业', interested: true },
    { id: 'p-3', name: '学者', interested: false },
  ],
  ...(online === undefined ? {} : { online }),
});
const SD_PP = '《山东省重大行政决策公众参与工作办法》';

describe('profiles are registered, and cite only the article numbers read in a text', () => {
  it('lists the national baseline, Shandong, Qingdao, Heilongjiang and Sichuan', () => {
    expect(Object.keys(PROFILES)).toEqual(['national', 'shandong', 'qingdao', 'heilongjiang', 'sichuan']);
    for (const p of Object.values(PROFILES)) expect(p.name.length).toBeGreaterThan(0);
  });

  it('every citation names a known instrument; the provincial article numbers are the ones found (the rest say 条文序号待核)', () => {
    const cited = (p: ProcedureProfile): Citation[] => [
      ...Object.values(p).flatMap((v) => (v && typeof v === 'object' && 'basis' in v && !Array.isArray(v) ? [(v as { basis: Citation | Citation[] }).basis].flat() : [])),
      ...(p.requirements ?? []).flatMap((r) => [...r.basis, ...r.steps.flatMap((s) => s.basis), ...(r.participationForms ?? []).flatMap((f) => f.basis)]),
      ...(p.catalog?.annual?.basis ?? []),
      ...(p.catalog?.fixedBy?.basis ?? []),
      ...(p.onlineHearing ? [p.onlineHearing.basis] : []),
      ...(p.scope ?? []).flatMap((x) => x.basis),
    ];
    const numbered = new Set<string>();
    for (const p of Object.values(PROFILES)) {
      for (const c of cited(p)) {
        expect(SOURCES[c.source]).toBeDefined();
        if (c.source !== 'decree-713' && c.article !== undefined) numbered.add(`${c.source}:${c.article}${c.paragraph ? `.${c.paragraph}` : ''}`);
      }
      if (p.id !== 'national') expect(p.unverified!.join(' ')).toMatch(/not found|条文序号待核/);
    }
    // 山东 Order No. 336 Art. 4 (cnsoe.com, wenku reprints); 青岛 Order No. 271 Art. 6 (city gazette 2019 No. 23);
    // 青岛 Art. 4 (scope: prices, administrative reform); 青岛 hearing measures Art. 3 (gazette 2018 No. 2); 黑龙江 Order No. 4
    // Art. 3 para. 3 (qinglite.cn).
    expect([...numbered].sort()).toEqual(['hlj-rules:3.3', 'qd-hearing:3', 'qd-rules:4', 'qd-rules:6', 'sd-rules:4']);
  });

  it('a decision that did not keep its profile gets none of the rules added since (profileAsKeptBefore)', () => {
    const kept = profileAsKeptBefore('shandong')!;
    expect(kept.requirements).toBeUndefined();
    expect(kept.catalog).toBeUndefined();
    expect(profileAsKeptBefore('qingdao')!.onlineHearing).toBeUndefined();
    const d = commented(new Driver(kept, START, undefined, ['major-livelihood']), true);
    expect(d.try(steps.adoptionReport())).toBeUndefined();
  });

  it('Qingdao extends Shandong: its requirements, its own meetings under the city’s work rules, prices and reform in scope (Art. 4)', () => {
    expect(QINGDAO.scope!.map((x) => x.what.zh)).toEqual(['确定和调整政府定价的重要商品、服务价格', '制定行政管理体制改革的重大措施']);
    expect(QINGDAO.requirements).toBe(SHANDONG.requirements);
    expect(QINGDAO.publicCommentRequired).toEqual(SHANDONG.publicCommentRequired);
    expect(QINGDAO.discussionQuorum).toEqual(NATIONAL_BASELINE.discussionQuorum);
    expect(HEILONGJIANG.minCommentDays).toEqual(NATIONAL_BASELINE.minCommentDays);
    expect(SICHUAN.legalityReviewMinWorkingDays).toEqual(NATIONAL_BASELINE.legalityReviewMinWorkingDays);
  });
});

describe('山东: a major livelihood matter is polled (公众参与工作办法, 2025)', () => {
  it('refuses the adoption report before a poll on the draft, citing the measures without an article number; accepts after', () => {
    const d = commented(new Driver(SHANDONG, START, undefined, ['major-livelihood']));
    const r = d.try(steps.adoptionReport());
    expectRefused(r, 'PREREQUISITE_MISSING', '应当采取民意调查的方式', SD_PP);
    expect(r!.articles).toEqual([{ source: 'sd-pp' }]);
    expect(r!.zh).toContain('recordParticipationForm poll');
    d.do(poll(), steps.adoptionReport());
    expect(d.state.publicParticipation!.adoptionReport).toBeDefined();
  });

  it('applies only to the matters it names, and not under the national baseline', () => {
    expect(commented(new Driver(SHANDONG)).try(steps.adoptionReport())).toBeUndefined();
    expect(commented(new Driver(NATIONAL_BASELINE, START, undefined, ['major-livelihood'])).try(steps.adoptionReport())).toBeUndefined();
  });

  it('a poll of an earlier draft does not count once the draft changed substantially', () => {
    // The first draft's opinions reported (Art. 18), then the draft changed substantially and consulted on afresh.
    const d = commented(new Driver(SHANDONG, START, undefined, ['major-livelihood'])).do(poll(), steps.adoptionReport(), steps.draft(2), steps.openComment());
    d.advance(35 * DAY).do(steps.closeComment());
    expectRefused(d.try(steps.adoptionReport()), 'PREREQUISITE_MISSING', '民意调查', SD_PP);
  });
});

describe('山东: a matter closely tied to enterprises hears enterprises and trade associations', () => {
  it('adds a step of the undertaking unit before the adoption report, offered as a task, refused until recorded', () => {
    const d = commented(new Driver(SHANDONG), true);
    const r = d.try(steps.adoptionReport());
    expectRefused(r, 'PREREQUISITE_MISSING', '听取有代表性的企业、行业协会商会意见', SD_PP);
    expect(r!.zh).toContain('recordMatterStep sd-enterprise-views/enterprise-views');
    expect(openTasks(d.state, SHANDONG).map((t) => t.action)).toContain('recordMatterStep');
    d.do(steps.matterStep('sd-enterprise-views', 'enterprise-views', undefined, 'hz-jtj'), steps.adoptionReport());
    expect(d.state.matterSteps).toEqual([expect.objectContaining({ matterType: 'sd-enterprise-views', step: 'enterprise-views', organisedBy: 'hz-jtj' })]);
  });

  it('is no step in a decision not declared to concern the market, nor under the national baseline', () => {
    const d = commented(new Driver(SHANDONG));
    expect(d.try(steps.matterStep('sd-enterprise-views', 'enterprise-views'))?.code).toBe('WRONG_STAGE');
    const n = commented(new Driver(NATIONAL_BASELINE), true);
    expect(n.try(steps.matterStep('sd-enterprise-views', 'enterprise-views'))?.code).toBe('WRONG_STAGE');
    expect(n.try(steps.adoptionReport())).toBeUndefined();
  });
});

describe('青岛: online hearings (听证办法第三条)', () => {
  const consulting = (p: ProcedureProfile) => new Driver(p).do(steps.draft(), steps.applicability({ hearing: true }));

  it('the national baseline and the provinces hold the hearing as a meeting: an online one is refused', () => {
    for (const p of [NATIONAL_BASELINE, SHANDONG, HEILONGJIANG, SICHUAN]) {
      const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, hearing(true)));
      expectRefused(consulting(p).try(announce), 'NOT_REPLACEABLE', '没有规定网络听证', '第十六条');
      expectRefused(consulting(p).try(schedule), 'NOT_REPLACEABLE', '没有规定网络听证', '第十六条');
    }
    const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, hearing(false)));
    expect(consulting(NATIONAL_BASELINE).do(announce).try(schedule)).toBeUndefined();
  });

  it('Qingdao allows it, and the hearing records that it was online', () => {
    const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, hearing(true)));
    const d = consulting(QINGDAO).do(announce, schedule);
    expect(d.state.publicParticipation!.hearings[0]).toMatchObject({ id: 'H-1', online: true });
    expect(QINGDAO.onlineHearing!.basis).toEqual({ source: 'qd-hearing', article: 3, paragraph: undefined });
  });

  it('refuses an online flag that is not a boolean', () => {
    const bad = { ...hearing(), online: 'yes' } as unknown as Payloads['scheduleHearing'];
    expect(consulting(QINGDAO).try(cmd('scheduleHearing', actors.unit, bad))?.code).toBe('INVALID_PAYLOAD');
  });

  it("Qingdao keeps Shandong's rules: a livelihood matter is polled there too", () => {
    const d = commented(new Driver(QINGDAO, START, undefined, ['major-livelihood']));
    expectRefused(d.try(steps.adoptionReport()), 'PREREQUISITE_MISSING', '民意调查', SD_PP);
  });
});

describe('四川: the government’s Party group reviews the draft before the decision (reported; 条文序号待核)', () => {
  it('refuses the decision without it, citing the Sichuan provisions; accepts once recorded', () => {
    const d = reviewed(consulted(new Driver(SICHUAN)));
    d.do(steps.discussion(discussionMaterials(d.state)));
    const r = d.try(steps.decide());
    expectRefused(r, 'PREREQUISITE_MISSING', '政府党组会议审议', '《四川省重大行政决策程序规定》');
    expect(r!.articles).toEqual([{ source: 'sc-rules' }]);
    d.do(steps.matterStep('sc-party-group', 'party-group-review', undefined, 'sc-dz'), steps.decide());
    expect(d.state.phase).toBe('decided');
  });

  it('the national baseline decides without it', () => {
    const d = reviewed(consulted(new Driver()));
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide());
    expect(d.state.phase).toBe('decided');
  });
});

describe('the catalog’s own rules, at registration (checkCatalogItem)', () => {
  const at = (iso: string) => Date.parse(iso);
  const item = (year: number, publishedAt: string, adjustmentReason?: string) => ({ ref: `${year}-目录-07`, year, publishedAt, adjustmentReason });

  it('the national baseline has none', () => {
    expect(checkCatalogItem(NATIONAL_BASELINE, item(2019, '2025-12-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'))).toBeUndefined();
    expect(checkCatalogItem(undefined, item(2019, '2025-12-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'))).toBeUndefined();
  });

  it('黑龙江: a decision starts from this year’s catalog (Art. 3 para. 3)', () => {
    const r = checkCatalogItem(HEILONGJIANG, item(2025, '2025-02-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'));
    expectRefused(r, 'PREREQUISITE_MISSING', '年度重大行政决策事项目录', '《黑龙江省重大行政决策程序暂行规定》第三条第三款');
    expect(checkCatalogItem(HEILONGJIANG, item(2026, '2026-02-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'))).toBeUndefined();
    // The year turns at midnight China time.
    expect(checkCatalogItem(HEILONGJIANG, item(2026, '2026-02-01T00:00:00+08:00'), at('2025-12-31T16:30:00Z'))).toBeUndefined();
  });

  it('青岛: the catalog is fixed in the first quarter (Art. 6); a later item is an adjustment that says why', () => {
    const r = checkCatalogItem(QINGDAO, item(2026, '2026-04-02T09:00:00+08:00'), at('2026-05-01T00:00:00+08:00'));
    expectRefused(r, 'REASON_REQUIRED', '目录清单每年第一季度由市政府研究确定', '《青岛市重大行政决策程序规定》第六条');
    expect(r!.zh).toContain('adjustmentReason');
    expect(checkCatalogItem(QINGDAO, item(2026, '2026-04-02T09:00:00+08:00', '市委常委会同意增列'), at('2026-05-01T00:00:00+08:00'))).toBeUndefined();
    expect(checkCatalogItem(QINGDAO, item(2026, '2026-03-31T23:00:00+08:00'), at('2026-05-01T00:00:00+08:00'))).toBeUndefined();
    // 17:00 UTC on 31 March is 1 April in China.
    expect(checkCatalogItem(QINGDAO, item(2026, '2026-03-31T17:00:00Z'), at('2026-05-01T00:00:00+08:00'))?.code).toBe('REASON_REQUIRED');
    expectRefused(checkCatalogItem(QINGDAO, item(2025, '2025-02-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00')), 'PREREQUISITE_MISSING', '本年度', '《山东省重大行政决策程序规定》第四条');
  });

  it('山东: this year’s catalog (Order No. 336 Art. 4), published by the end of June (participation measures, without an article number)', () => {
    expect(checkCatalogItem(SHANDONG, item(2026, '2026-06-30T20:00:00+08:00'), at('2026-08-01T00:00:00+08:00'))).toBeUndefined();
    const r = checkCatalogItem(SHANDONG, item(2026, '2026-07-01T09:00:00+08:00'), at('2026-08-01T00:00:00+08:00'));
    expectRefused(r, 'REASON_REQUIRED', '每年6月底前向社会公布', SD_PP);
    expect(r!.articles).toEqual([{ source: 'sd-pp' }]);
  });

  it('四川 adds no catalog rule it could cite (Art. 16 is known only as cited)', () => {
    expect(checkCatalogItem(SICHUAN, item(2019, '2019-12-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00'))).toBeUndefined();
  });
});

describe('a profile governs its own area only (Art. 43), as the government’s 统一社会信用代码 places it (checkProfileArea)', () => {
  // Characters 3–8 of a credit code are the division code: 370000 山东省, 370200 青岛市, 370100 济南市, 330100 杭州市.
  const gov = (id: string, name: string, division?: string) => ({ id, name, creditCode: division ? `11${division}004000000${creditCodeCheckCharacter(`11${division}004000000`)}` : null });
  const shandong = gov('sd', '山东省人民政府', '370000');
  const qingdao = gov('qd', '青岛市人民政府', '370200');
  const jinan = gov('jn', '济南市人民政府', '370100');
  const zhejiang = gov('zj', '浙江省人民政府', '330000');
  const hangzhou = gov('hz', '杭州市人民政府', '330100');

  it('takes Shandong’s rules in Shandong and Qingdao’s in Qingdao; the national baseline anywhere', () => {
    expect(checkProfileArea(SHANDONG, [shandong])).toBeUndefined();
    expect(checkProfileArea(SHANDONG, [jinan, shandong])).toBeUndefined();
    expect(checkProfileArea(QINGDAO, [qingdao, shandong])).toBeUndefined();
    // A district of Qingdao without a code of its own lies in the city whose code is known.
    expect(checkProfileArea(QINGDAO, [gov('qd-sn', '青岛市市南区人民政府'), qingdao, shandong])).toBeUndefined();
    expect(checkProfileArea(NATIONAL_BASELINE, [hangzhou, zhejiang])).toBeUndefined();
    expect(checkProfileArea(NATIONAL_BASELINE, [gov('x', '某市人民政府')])).toBeUndefined();
  });

  it('refuses Shandong’s rules to Hangzhou and Qingdao’s to Jinan, Chinese first, citing Art. 43 and the profile’s own rules', () => {
    const r = checkProfileArea(SHANDONG, [hangzhou, zhejiang]);
    expectRefused(r, 'INVALID_PAYLOAD', '不在该行政区域内', '《重大行政决策程序暂行条例》第四十三条');
    expect(r!.zh).toMatch(/^profile：山东省的程序规则（shandong）/);
    expect(r!.zh).toContain('杭州市人民政府（hz）行政区划代码330100');
    expect(r!.citations).toContain('《山东省重大行政决策程序规定》 (Shandong Provincial Government Order No. 336)');
    const q = checkProfileArea(QINGDAO, [jinan, shandong]);
    expectRefused(q, 'INVALID_PAYLOAD', '青岛市的程序规则（qingdao）', '《青岛市重大行政决策程序规定》');
    expect(q!.zh).toContain('行政区划代码370100，不在该行政区域内');
    // Only the province's code known: outside Zhejiang is outside Shandong too.
    expectRefused(checkProfileArea(SHANDONG, [gov('hz', '杭州市人民政府'), zhejiang]), 'INVALID_PAYLOAD', '所属的浙江省人民政府行政区划代码为330000，不在该行政区域内', '第四十三条');
  });

  it('refuses where the area cannot be told, saying which code to register', () => {
    expectRefused(checkProfileArea(SHANDONG, [gov('x', '某市人民政府')]), 'INVALID_PAYLOAD', '均未登记统一社会信用代码', '第四十三条');
    // Shandong is known, Qingdao is not: a city of Shandong may or may not be Qingdao.
    expectRefused(checkProfileArea(QINGDAO, [gov('y', '某市人民政府'), shandong]), 'INVALID_PAYLOAD', '已知的只是山东省人民政府的行政区划代码370000', '第四十三条');
  });

  it('holds a government to its own area’s rules where they exist: not the national baseline in Shandong, not Shandong’s in Qingdao (Art. 43)', () => {
    const all = Object.values(PROFILES);
    expect(checkOwnAreaRules(SHANDONG, [jinan, shandong], all)).toBeUndefined();
    expect(checkOwnAreaRules(QINGDAO, [gov('qd-sn', '青岛市市南区人民政府'), qingdao, shandong], all)).toBeUndefined();
    expect(checkOwnAreaRules(NATIONAL_BASELINE, [hangzhou, zhejiang], all)).toBeUndefined(); // Zhejiang: no rules of its own here
    expect(checkOwnAreaRules(NATIONAL_BASELINE, [gov('x', '某市人民政府')], all)).toBeUndefined(); // where the area cannot be told
    const national = checkOwnAreaRules(NATIONAL_BASELINE, [jinan, shandong], all);
    expectRefused(national, 'INVALID_PAYLOAD', '位于山东省（行政区划代码370100）', '第四十三条');
    expect(national!.zh).toContain('应当适用其程序规则（profile 为 shandong），不能适用全国通用的程序规则（national）');
    expect(national!.citations).toContain('《山东省重大行政决策程序规定》 (Shandong Provincial Government Order No. 336)');
    expect(national!.citations.filter((c) => c.includes('第四十三条'))).toHaveLength(1);
    const provincial = checkOwnAreaRules(SHANDONG, [qingdao, shandong], all);
    expectRefused(provincial, 'INVALID_PAYLOAD', '位于青岛市（行政区划代码370200）', '《青岛市重大行政决策程序规定》');
    expect(provincial!.zh).toContain('不能适用山东省的程序规则（shandong）');
    // A profile added later does not judge the government on its own: only the profiles given.
    expect(checkOwnAreaRules(NATIONAL_BASELINE, [jinan, shandong], [NATIONAL_BASELINE])).toBeUndefined();
  });

  it('every profile of a place names its area; the national baseline none', () => {
    expect(Object.values(PROFILES).map((p) => [p.id, p.area?.division])).toEqual([['national', undefined], ['shandong', '37'], ['qingdao', '3702'], ['heilongjiang', '23'], ['sichuan', '51']]);
    expect(profileAsKeptBefore('shandong')!.area).toBeUndefined();
  });
});
