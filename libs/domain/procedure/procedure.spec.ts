import { actors, announcedHearing, cmd, DAY, discussionMaterials, h, HEARING_PLACE, publisherUnder, steps } from '../../../test/support/procedure';
import { consulted, Driver, reviewed } from '../../../test/support/driver';
import { chineseNumber, formatCitation } from './articles';
import { parseInstant } from './instant';
import { NATIONAL_BASELINE, profileAsKeptBefore, SHANDONG } from './profiles';
import type { Command, Payloads } from './commands';
import type { Refusal } from './refusal';
import { isOfficialChannel, zhMinute } from './rules/shared';
import { openTasks } from './tasks';

const materials = (d: Driver) => discussionMaterials(d.state);
function expectRefused(r: Refusal | undefined, code: string, article: number) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  expect(r!.articles.map((a) => a.article)).toContain(article);
  expect(r!.citations.join(' ')).toContain(`Art. ${article}`);
}

describe('citations', () => {
  it('writes article numbers the Chinese way', () => {
    expect([1, 10, 11, 25, 30, 38, 100, 105, 110, 120, 203].map(chineseNumber)).toEqual(['一', '十', '十一', '二十五', '三十', '三十八', '一百', '一百零五', '一百一十', '一百二十', '二百零三']);
    expect(formatCitation({ source: 'decree-713', article: 25 })).toBe('《重大行政决策程序暂行条例》第二十五条 (Decree No. 713, Art. 25)');
    expect(formatCitation({ source: 'decree-713', article: 36, paragraph: 2 })).toBe('《重大行政决策程序暂行条例》第三十六条第二款 (Decree No. 713, Art. 36 para. 2)');
  });
});

describe('the straight path', () => {
  it('goes from draft to execution, with every stage in order', () => {
    const d = reviewed();
    expect(d.state.phase).toBe('discussion');
    d.do(steps.discussion(materials(d)), steps.decide('adopt'));
    expect(d.state.phase).toBe('decided');
    d.do(steps.partyReport(), steps.publish(), steps.archive());
    expect(d.state.phase).toBe('execution');
    expect(d.state.timeline.map((t) => t.action)).toEqual([
      'submitDraft', 'declareApplicability', 'openPublicComment', 'appointExpertPanel', 'engageRiskAssessor', 'submitRiskAssessment', 'judgeRisk', 'closePublicComment',
      'submitAdoptionReport', 'submitExpertOpinion', 'submitExpertOpinion', 'completeExpertArgumentation', 'submitForLegalityReview',
      'submitLegalOpinion', 'issueLegalityOpinion', 'recordDiscussion', 'decide', 'reportToPartyCommittee', 'publish', 'archive',
    ]);
  });

  it('with no conditional stage: a non-disclosable, non-technical, low-risk matter goes straight to legality review', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview());
    expect(d.state.phase).toBe('legality_review');
    expectRefused(new Driver().do(steps.draft(), steps.applicability({ pp: false })).try(steps.openComment()), 'WRONG_STAGE', 14);
  });
});

describe('refusals name the article', () => {
  it('legality review is mandatory before discussion (Art. 25)', () => {
    const d = consulted();
    expectRefused(d.try(steps.discussion(materials({ state: { ...d.state, legality: { opinion: { opinionHash: h('x') } } } } as never))), 'WRONG_STAGE', 25);
    d.do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion('unlawful'));
    expect(d.state.phase).toBe('drafting');
    expectRefused(d.try(steps.discussion(materials(d))), 'WRONG_STAGE', 25);
  });

  it('legality review cannot be replaced by soliciting opinions or countersignature (Art. 25)', () => {
    const d = consulted().do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY);
    expectRefused(d.try(steps.legalityOpinion('lawful', { form: 'opinion_solicitation' })), 'NOT_REPLACEABLE', 25);
    expectRefused(d.try(steps.legalityOpinion('lawful', { form: 'countersignature' })), 'NOT_REPLACEABLE', 25);
  });

  it('needs the legal advisers’ or public-sector lawyers’ opinions (Art. 28)', () => {
    const d = consulted().do(steps.submitReview()).advance(14 * DAY);
    expectRefused(d.try(steps.legalityOpinion()), 'PREREQUISITE_MISSING', 28);
  });

  it('the review gets 7 working days, which the reviewer may waive, its reason kept where it gives one (Art. 26)', () => {
    const d = consulted().do(steps.submitReview(), steps.legalOpinion());
    d.do(steps.legalityOpinion('lawful', { earlyReason: '事项简单，已充分审查' }));
    const min = d.state.deadlines.find((x) => x.id === 'legality-review-min-v1')!;
    expect([min.status, min.shortenedReason, min.waivedBy]).toEqual(['met', '事项简单，已充分审查', 'j-li']);
  });

  it('the comment period cannot close early (Art. 15), and a short one needs its reason when it opens', () => {
    const d = new Driver().do(steps.draft(), steps.applicability());
    expectRefused(d.try(steps.openComment(10)), 'REASON_REQUIRED', 15);
    d.do(steps.openComment(30)).advance(29 * DAY);
    expectRefused(d.try(steps.closeComment()), 'PERIOD_RUNNING', 15);
    d.advance(2 * DAY).do(steps.closeComment());
  });

  it('a shortened period with its reason runs its shorter length', () => {
    const d = new Driver().do(steps.draft(), steps.applicability(), steps.openComment(10, '防汛紧急 (flood season)'));
    d.advance(11 * DAY).do(steps.closeComment());
    expect(d.state.deadlines[0]).toMatchObject({ days: 10, shortenedReason: '防汛紧急 (flood season)', status: 'elapsed' });
  });

  it('wrong role and wrong order are refused before anything changes', () => {
    const d = new Driver();
    const before = JSON.stringify(d.state);
    expectRefused(d.try({ ...steps.draft(), actor: actors.reviewer }), 'WRONG_ROLE', 12);
    expectRefused(d.try(steps.submitReview()), 'WRONG_STAGE', 25);
    expect(JSON.stringify(d.state)).toBe(before);
  });

  it('a malformed document hash is named', () => {
    const r = new Driver().try(cmd('submitDraft', actors.unit, { documentHash: 'abc', explanationHash: h('e') }));
    expect(r?.code).toBe('INVALID_PAYLOAD');
    expect(r?.en).toMatch(/^documentHash must be a document hash/);
    expect(r?.zh).toMatch(/^documentHash：必须是文件哈希值/);
    expect(r?.message).toBe(`${r?.zh}（${r?.en}）`);
  });

  it('reads Chinese first, with the English beside it', () => {
    const d = new Driver().do(steps.draft(), steps.applicability(), steps.openComment(30)).advance(29 * DAY);
    const r = d.try(steps.closeComment())!;
    expect(r.zh).toMatch(/^公开征求意见期限至\d{4}年\d{1,2}月\d{1,2}日\d{1,2}时(\d{1,2}分)?届满，不得提前结束$/);
    expect(r.en).toMatch(/^the comment period runs until .* and cannot be closed early$/);
    expect(r.message).toBe(`${r.zh}（${r.en}）`);
    const wrongRole = new Driver().try({ ...steps.draft(), actor: actors.reviewer })!;
    expect(wrongRole.message).toBe('提交决策草案应当由决策承办单位办理，不能由合法性审查部门办理（submitDraft is for undertaking_unit, not legality_reviewer）');
  });

  it('the drafting unit cannot review its own draft (Art. 25)', () => {
    const d = consulted().do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY);
    expectRefused(d.try({ ...steps.legalityOpinion(), actor: { ...actors.reviewer, organisation: actors.unit.organisation } }), 'SEPARATION_OF_DUTIES', 25);
  });

  it('experts with a direct interest are excluded, and opinions come only from the panel (Art. 20)', () => {
    const d = new Driver().do(steps.draft(), steps.applicability());
    const conflicted = steps.panel();
    (conflicted.payload as { experts: { directInterest: boolean }[] }).experts[1].directInterest = true;
    expectRefused(d.try(conflicted), 'CONFLICT_OF_INTEREST', 20);
    d.do(steps.panel());
    expectRefused(d.try(steps.expertOpinion({ ...actors.expert1, id: 'e-9' })), 'WRONG_ROLE', 20);
    expectRefused(d.try(steps.completeExperts()), 'MISSING_DOCUMENT', 19);
  });

  it('an uncontrollable risk blocks submission until the draft is adjusted and reassessed (Art. 24)', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage(), steps.risk(false));
    expectRefused(d.try(steps.submitReview()), 'RISK_UNCONTROLLABLE', 24);
    expectRefused(d.try(steps.risk(true)), 'RISK_UNCONTROLLABLE', 24);
    d.do(steps.draft(2, false), steps.risk(true, 2), steps.submitReview(2));
    expect(d.state.phase).toBe('legality_review');
  });

  it('the undertaking unit may organise the risk assessment itself and submit its report, not as a third party (Art. 22; statute tester: told it was the assessor\'s alone)', () => {
    const own = { ...steps.risk(), actor: actors.unit, payload: { ...steps.risk().payload, thirdParty: false } } as ReturnType<typeof steps.risk>;
    const d = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }));
    const asThirdParty = d.try({ ...own, payload: { ...own.payload, thirdParty: true } } as typeof own);
    expectRefused(asThirdParty, 'INVALID_PAYLOAD', 22);
    expect(asThirdParty!.zh).toMatch(/^thirdParty：决策承办单位自行组织的风险评估不是第三方评估/);
    d.do(own, steps.submitReview());
    expect(d.state.risk).toMatchObject({ assessor: { id: actors.unit.id, thirdParty: false } });
    expect(d.state.phase).toBe('legality_review');
    // A third party engaged, the unit does not file its own and shut it out (retest).
    const engaged = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage());
    const first = engaged.try(own);
    expectRefused(first, 'WRONG_ROLE', 23);
    expect(first!.zh).toMatch(/^本决策的风险评估已委托第三方（.+）开展，评估报告由受托机构提交，决策承办单位不另行提交$/);
    engaged.do(steps.risk());
  });

  it('the refusal of an uncontrollable risk says whose finding it is and that the organ may still judge it (Art. 24; statute tester: it told only of reassessment)', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage(), steps.risk(false));
    expect(d.try(steps.submitReview())?.zh).toBe('风险经评估不可控：应当调整决策草案并重新评估后再送审；决策机关认为风险可控的，由行政首长认定（judgeRisk，说明理由）后送审');
    d.do(steps.judgeRisk(false));
    expect(d.try(steps.submitReview())?.zh).toBe('决策机关认为风险不可控，应当采取调整决策草案等措施确保风险可控（调整后重新评估）后再送审');
    const judged = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage(), steps.risk(false), steps.judgeRisk(true, '已采取防范措施'));
    judged.do(steps.submitReview());
    expect(judged.state.phase).toBe('legality_review');
  });

  it('an adoption with changes without the changes is told they are missing, not to write hex digits (second tester)', () => {
    const d = reviewed();
    d.do(steps.discussion(materials(d)));
    expect(d.try(steps.decide('adopt_with_changes'))).toMatchObject({ code: 'INVALID_PAYLOAD', zh: 'changesHash：修改后通过的，应当附修改内容的文件' });
  });

  it('a decision against the majority must be explained (Art. 30)', () => {
    const d = reviewed();
    d.do(steps.discussion(materials(d), ['agree', 'disagree', 'disagree']));
    expectRefused(d.try(steps.decide('adopt')), 'REASON_REQUIRED', 30);
    d.do(steps.decide('adopt', { reasons: '民生急需，风险可控' }));
    expect(d.state.decision).toMatchObject({ againstMajority: true, reasons: '民生急需，风险可控' });
  });

  it('the discussion needs the Art. 29 materials as recorded', () => {
    const d = reviewed();
    expectRefused(d.try(steps.discussion(Object.assign(materials(d), { riskReportHash: h('another report') }))), 'MISSING_DOCUMENT', 29);
    expectRefused(d.try(steps.discussion(Object.assign(materials(d), { adoptionReportHash: undefined }))), 'MISSING_DOCUMENT', 29);
  });

  it('publication comes after the report to the Party committee (Art. 31)', () => {
    const d = reviewed();
    d.do(steps.discussion(materials(d)), steps.decide());
    expectRefused(d.try(steps.publish()), 'PREREQUISITE_MISSING', 31);
  });

  it('a post-decision evaluator cannot be who assessed the risk (Art. 36)', () => {
    const d = reviewed();
    d.do(steps.discussion(materials(d)), steps.decide(), steps.partyReport(), steps.publish(), steps.archive(), steps.commission());
    expectRefused(d.try(cmd('startEvaluation', { ...actors.evaluator, organisation: actors.assessor.organisation }, { trigger: '效果不明显' })), 'CONFLICT_OF_INTEREST', 36);
  });
});

/** The refusal cites exactly these articles of Decree 713, in this order. */
function expectCites(r: Refusal | undefined, code: string, articles: number[], zh?: string) {
  expect(r).toBeDefined();
  expect([r!.code, r!.articles.map((a) => a.article)]).toEqual([code, articles]);
  if (zh) expect(r!.zh).toBe(zh);
}

describe('a refusal out of order names the article that forbids the step, not only the step’s own', () => {
  const decided = () => {
    const d = reviewed();
    return d.do(steps.discussion(materials(d)), steps.decide());
  };
  const executing = () => decided().do(steps.partyReport(), steps.publish(), steps.archive());

  it('discussion before any legality review, during it, or after an unlawful opinion: Art. 25', () => {
    const d = consulted();
    expectCites(d.try(steps.discussion(materials(reviewed())), ), 'WRONG_STAGE', [25], '决策草案未经合法性审查，不得提交集体讨论');
    d.do(steps.submitReview(), steps.legalOpinion());
    expectCites(d.try(steps.discussion(materials(reviewed()))), 'WRONG_STAGE', [25], '合法性审查尚未完成，不得提交集体讨论');
    d.advance(14 * DAY).do(steps.legalityOpinion('unlawful'));
    expectCites(d.try(steps.discussion(materials(reviewed()))), 'WRONG_STAGE', [25], '决策草案经合法性审查不合法，不得提交集体讨论');
  });

  it('a decision before legality review and discussion: Art. 25 and 30; without the discussion recorded: Art. 30', () => {
    expectCites(consulted().try(steps.decide()), 'WRONG_STAGE', [25, 30]);
    expectCites(reviewed().try(steps.decide()), 'PREREQUISITE_MISSING', [30]);
  });

  it('a legality opinion before the draft is submitted for review: Art. 25, 26', () => {
    expectCites(consulted().try(steps.legalityOpinion()), 'WRONG_STAGE', [25, 26]);
    expectCites(consulted().try(steps.legalOpinion()), 'WRONG_STAGE', [25, 26]);
  });

  it('changing the draft or its consultation while it is under review: Art. 26, 28; once it awaits discussion: Art. 25', () => {
    const d = consulted().do(steps.submitReview());
    expectCites(d.try(steps.draft(2, false)), 'WRONG_STAGE', [26, 28]);
    expectCites(d.try(steps.openComment()), 'WRONG_STAGE', [26, 28]);
    expectCites(reviewed().try(steps.draft(2, false)), 'WRONG_STAGE', [25]);
    expectCites(reviewed().try(steps.legalOpinion(actors.lawyer)), 'WRONG_STAGE', [28]);
  });

  it('a draft returned for its materials goes back to review with them supplemented, the draft unchanged (Art. 26); under the rules kept before, only once revised (Art. 28); after further study, once revised (Art. 30)', () => {
    const returned = consulted().do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion('returned'));
    expectCites(returned.try(steps.submitReview()), 'INVALID_PAYLOAD', [26], 'materialsHash：送请审查的材料因不齐全被退回，重新送审应当补充材料，不能送交退回时的同一份材料');
    const supplemented = cmd('submitForLegalityReview', actors.unit, { materialsHash: h('materials-1-supplemented'), procedureExplanationHash: h('procedure-1') });
    returned.do(supplemented, steps.legalOpinion(actors.lawyer));
    expect(returned.state.legality).toMatchObject({ draftVersion: 1, materialsHash: h('materials-1-supplemented'), legalOpinions: [expect.anything()] });
    expect(returned.state.legality!.opinion).toBeUndefined();
    expect(returned.state.deadlines.filter((x) => x.id.startsWith('legality-review-min-v1')).map((x) => x.id)).toEqual(['legality-review-min-v1', 'legality-review-min-v1-r2']);
    // Returned again: neither round's materials go back (retest: the first round's were taken after the second's).
    returned.advance(14 * DAY).do(steps.legalityOpinion('returned', { opinionHash: h('legality-returned-2') }));
    expectCites(returned.try(steps.submitReview()), 'INVALID_PAYLOAD', [26]);
    expectCites(returned.try(supplemented), 'INVALID_PAYLOAD', [26]);
    returned.do(cmd('submitForLegalityReview', actors.unit, { materialsHash: h('materials-1-complete'), procedureExplanationHash: h('procedure-1') }), steps.legalOpinion(actors.lawyer, 3));
    returned.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    expect(returned.state.phase).toBe('discussion');
    const before = consulted(new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!)).do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion('returned'));
    expectCites(before.try(supplemented), 'WRONG_STAGE', [28]);
    const d = reviewed();
    d.do(steps.discussion(materials(d)), steps.decide('further_study', { reasons: '需补充成本分析' }));
    expectCites(d.try(steps.submitReview()), 'WRONG_STAGE', [30]);
  });

  it('consultation before a draft (Art. 12) or before the applicable stages are declared (Art. 14, 19, 22)', () => {
    expectCites(new Driver().try(steps.openComment()), 'WRONG_STAGE', [12, 15]);
    expectCites(new Driver().do(steps.draft()).try(steps.openComment()), 'WRONG_STAGE', [14, 19, 22]);
  });

  it('publication and the Party-committee report before the decision: Art. 30 with Art. 32 or 31', () => {
    const d = reviewed();
    expectCites(d.try(steps.publish()), 'WRONG_STAGE', [30, 32]);
    expectCites(d.try(steps.partyReport()), 'WRONG_STAGE', [30, 31]);
  });

  it('archiving before publication: Art. 32, 33', () => {
    expectCites(decided().do(steps.partyReport()).try(steps.archive()), 'WRONG_STAGE', [32, 33]);
    expectCites(reviewed().try(steps.archive()), 'WRONG_STAGE', [30, 32, 33]);
  });

  it('execution steps before the decision is made (Art. 30), or before it is published and archived (Art. 32, 33)', () => {
    expectCites(reviewed().try(cmd('submitExecutionReport', actors.executor, { reportHash: h('r'), problem: false })), 'WRONG_STAGE', [30, 34, 35]);
    // A suspension waits for the publication only, not the archive (statute tester): the decision is in force once published.
    expectCites(decided().try(steps.suspend('紧急')), 'WRONG_STAGE', [32], '决策尚未公布，公布后方可中止执行');
  });

  it('after the decision, pre-decision steps would change it outside the procedure: Art. 37', () => {
    // Made, not yet published: the way on is the publication, then the procedure (statute tester: told to adjust in
    // execution, which was itself refused before publication).
    const made = decided().try(cmd('withdraw', actors.unit, { reason: '情况变化' }));
    expectCites(made, 'WRONG_STAGE', [32, 37]);
    expect(made!.zh).toContain('决策应当及时公布（publish），公布后需要调整或者停止执行的，依照法定程序启动决策调整（startAdjustment）');
    expectCites(decided().try(steps.draft(2, false)), 'WRONG_STAGE', [32, 37]);
    expectCites(executing().try(cmd('withdraw', actors.unit, { reason: '情况变化' })), 'WRONG_STAGE', [37]);
    expectCites(executing().try(steps.discussion(materials(reviewed()))), 'WRONG_STAGE', [37]);
  });

  it('publishing or archiving again: Art. 32, Art. 33', () => {
    expectCites(executing().try(steps.publish()), 'WRONG_STAGE', [32]);
    expectCites(executing().try(steps.archive()), 'WRONG_STAGE', [33]);
  });

  it('a step by the wrong role cites the article that says who takes it', () => {
    expectCites(new Driver().try({ ...steps.draft(), actor: actors.reviewer }), 'WRONG_ROLE', [11, 12]);
    const d = reviewed();
    expectCites(d.try({ ...steps.discussion(materials(d)), actor: actors.unit }), 'WRONG_ROLE', [30]);
    expectCites(consulted().do(steps.submitReview()).try({ ...steps.legalityOpinion(), actor: actors.adviser }), 'WRONG_ROLE', [25, 28]);
    expectCites(new Driver().do(steps.draft(), steps.applicability()).try({ ...steps.risk(), actor: actors.reviewer }), 'WRONG_ROLE', [22, 23]);
  });

  it('a closed decision names why it closed: withdrawn (Art. 10), not adopted (Art. 30), terminated (Art. 37)', () => {
    expectCites(new Driver().do(steps.draft(), cmd('withdraw', actors.unit, { reason: '情况变化' })).try(steps.applicability()), 'CLOSED', [10]);
    const d = reviewed();
    d.do(steps.discussion(materials(d), ['disagree', 'disagree', 'agree']), steps.decide('not_adopt', { reasons: '时机不成熟' }));
    expectCites(d.try(steps.draft(2, false)), 'CLOSED', [30]);
    const t = executing().do(steps.adjust('terminate', '上位法修改'));
    t.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    t.do(steps.discussion(Object.assign(materials(t), { draftHash: h('draft-2'), legalityOpinionHash: h('legality-lawful-2') })), steps.decide('adopt'));
    t.do(steps.partyReport(2), steps.publish(t.state), steps.archive());
    expectCites(t.try(cmd('submitExecutionReport', actors.executor, { reportHash: h('r'), problem: false })), 'CLOSED', [37]);
  });
});

describe('return loops', () => {
  it('a returned draft is revised and reviewed again', () => {
    const d = consulted().do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion('returned'));
    expect(d.state.phase).toBe('drafting');
    d.do(steps.draft(2, false), steps.submitReview(2), steps.legalOpinion(actors.lawyer)).advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    expect(d.state.phase).toBe('discussion');
    expect(d.state.legality!.draftVersion).toBe(2);
  });

  it('a substantial change after public comment sends the draft back to the public', () => {
    const d = consulted().do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion('lawful_with_changes'));
    d.do(steps.draft(2, true));
    expectRefused(d.try(steps.submitReview(2)), 'PREREQUISITE_MISSING', 18);
    // 30 days end on a Saturday: the period runs to the end of the next working day (Civil Code Art. 203).
    d.do(steps.openComment()).advance(31 * DAY);
    expectRefused(d.try(steps.closeComment()), 'PERIOD_RUNNING', 15);
    d.advance(2 * DAY).do(steps.closeComment(), steps.adoptionReport());
    // The expert panel argued version 1; a substantial change needs new argumentation.
    expectRefused(d.try(steps.submitReview(2)), 'PREREQUISITE_MISSING', 19);
  });

  it('further study sends the decision back to drafting; postponement holds it until resumed', () => {
    const d = reviewed();
    d.do(steps.discussion(materials(d)), steps.decide('postpone', { reasons: '待调研', reviewDate: d.now + 60 * DAY }));
    expect([d.state.phase, d.state.hold]).toEqual(['discussion', 'postponed']);
    expectRefused(d.try(steps.discussion(materials(d))), 'ON_HOLD', 30);
    d.do(cmd('resumeFromPostponement', actors.mayor, { reason: '调研完成' }), steps.discussion(materials(d)), steps.decide('further_study', { reasons: '需补充成本分析' }));
    expect(d.state.phase).toBe('drafting');
  });
});

describe('after the decision', () => {
  function executing() {
    const d = reviewed();
    return d.do(steps.discussion(materials(d)), steps.decide(), steps.partyReport(), steps.publish(), steps.archive());
  }

  it('the chief executive may suspend execution, with a reason, and resume it', () => {
    const d = executing().do(steps.suspend('不可抗力 (force majeure)'));
    expect(d.state.hold).toBe('suspended');
    expectRefused(d.try(cmd('suspendExecution', actors.unit, { reason: 'x' })), 'WRONG_ROLE', 37);
    d.do(cmd('resumeExecution', actors.mayor, { reason: '情况已消除' }));
    expect(d.state.hold).toBe('none');
  });

  it('the chief executive suspends first only on an Art. 35 situation that is urgent, and the record keeps both (Art. 37); decisions started before keep a reason alone', () => {
    const d = executing();
    const bare = cmd('suspendExecution', actors.mayor, { reason: '领导要求暂停' });
    expect(d.try(bare)).toMatchObject({ code: 'INVALID_PAYLOAD', articles: [{ article: 35 }, { article: 37 }], zh: expect.stringContaining('必须载明出现的第三十五条情形') });
    expect(d.try(cmd('suspendExecution', actors.mayor, { reason: '暂停', situation: 'changed_circumstances' }))).toMatchObject({ code: 'INVALID_PAYLOAD', articles: [{ article: 37 }], zh: expect.stringContaining('必须载明情况紧急') });
    // A reason, not a mark (retest: '。'); the situations named in the decree's words.
    expect(d.try(cmd('suspendExecution', actors.mayor, { reason: '暂停', situation: 'changed_circumstances', urgency: '。' }))).toMatchObject({ code: 'INVALID_PAYLOAD', zh: expect.stringContaining('必须载明情况紧急') });
    expect(d.try(bare)?.zh).toContain('changed_circumstances：客观情况发生重大变化');
    expect(d.try(cmd('suspendExecution', actors.mayor, { reason: '暂停', situation: 'leader_wishes' as never, urgency: '马上' }))).toMatchObject({ code: 'INVALID_PAYLOAD', articles: [{ article: 35 }], zh: expect.stringContaining('problem、changed_circumstances、force_majeure') });
    d.do(steps.suspend('台风导致工程无法施工', 'force_majeure', '汛期将至，继续施工危及安全'));
    expect(d.state.holdInfo).toMatchObject({ reason: '台风导致工程无法施工', situation: 'force_majeure', urgency: '汛期将至，继续施工危及安全', by: actors.mayor.id });
    const before = new Driver(profileAsKeptBefore('national')!);
    const old = reviewed(consulted(before));
    old.do(steps.discussion(materials(old)), steps.decide(), steps.partyReport(), steps.publish(undefined, publisherUnder(old.profile)), steps.archive(), bare);
    expect(old.state.holdInfo).toEqual({ reason: '领导要求暂停', by: actors.mayor.id, at: expect.any(Number) });
  });

  it('published and not yet archived, the decision is in force: the chief executive may suspend it at once; archived, it stays suspended until resumed (statute tester: refused until the archive)', () => {
    const r = reviewed();
    const d = r.do(steps.discussion(materials(r)), steps.decide(), steps.partyReport(), steps.publish());
    expect(d.state.phase).toBe('published');
    d.do(steps.suspend('情况紧急 (emergency)'), steps.archive());
    expect([d.state.phase, d.state.hold]).toEqual(['execution', 'suspended']);
    expectRefused(d.try(steps.suspend('再次')), 'ON_HOLD', 37);
    d.do(cmd('resumeExecution', actors.mayor, { reason: '情况已消除' }));
    expect(d.state.hold).toBe('none');
  });

  it('an adjustment or a termination is reviewed on its own text, submitted after it started, not on the text in force (Art. 37; statute tester)', () => {
    for (const kind of ['adjust', 'terminate'] as const) {
      const d = executing().advance(DAY).do(steps.adjust(kind, '上位法修改'));
      d.do(steps.applicability({ pp: false, expert: false, risk: false }));
      expectRefused(d.try(steps.submitReview(2)), 'PREREQUISITE_MISSING', 37);
      d.advance(1000).do(steps.draft(2), steps.submitReview(2));
      expect(d.state.phase).toBe('legality_review');
    }
  });

  it('termination goes through the procedure again', () => {
    const d = executing().do(steps.designate(), steps.adjust('terminate', '上位法修改'));
    expect([d.state.phase, d.state.cycle]).toEqual(['drafting', 2]);
    d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    d.do(steps.discussion(Object.assign(materials(d), { draftHash: h('draft-2'), legalityOpinionHash: h('legality-lawful-2') })), steps.decide('adopt'));
    // Issued as any decision is (Arts. 31–33, 37): reported, published, archived; then the procedure ends.
    expect([d.state.phase, d.state.decision!.terminates, d.state.decision!.adoptedTextHash]).toEqual(['decided', true, h('draft-2')]);
    // Until the termination is published, the decision in force is still executed and reported on (statute tester).
    d.do(cmd('submitExecutionReport', actors.executor, { reportHash: h('r'), problem: false }));
    // No new unit is designated to execute a decision being stopped (retest).
    expectCites(d.try(steps.designate(['hz-czj'])), 'WRONG_STAGE', [34, 37]);
    expectCites(d.try(steps.publish(d.state)), 'PREREQUISITE_MISSING', [31]);
    d.do(steps.partyReport(2));
    // What is published is the termination adopted (the chain of texts), not the decision it stops.
    expectCites(d.try(cmd('publish', actors.secretary, { channels: ['政府公报'], documentHash: h('draft'), adoptionExplanationHash: h('adoption-explanation') })), 'TEXT_MISMATCH', [30, 32]);
    d.do(steps.publish(d.state));
    expect([d.state.phase, d.state.publication!.documentHash]).toEqual(['published', h('draft-2')]);
    expectCites(d.try(cmd('submitExecutionReport', actors.executor, { reportHash: h('r2'), problem: false })), 'WRONG_STAGE', [37]);
    // Nor is the execution stopped suspended, or resumed (statute tester: both taken, and the suspension offered).
    const suspended = d.try(steps.suspend());
    expectCites(suspended, 'WRONG_STAGE', [37]);
    expect(suspended!.zh).toContain('停止执行本决策的决定已经公布，决策不再执行，不能中止执行');
    expect(openTasks(d.state).some((t) => t.action === 'suspendExecution')).toBe(false);
    d.do(steps.archive());
    expect([d.state.phase, d.state.closedReason, d.state.archive!.archiveRef]).toEqual(['closed', 'terminated', 'ARCH-2026-0007']);
  });

  it('an adjustment after an evaluation goes to the meeting with the evaluation’s report (Art. 36 para. 4; statute tester: the materials had no place for it)', () => {
    const adjusted = (profile = NATIONAL_BASELINE) => {
      const d = reviewed(consulted(new Driver(profile)));
      d.do(steps.discussion(materials(d)), steps.decide(), steps.partyReport(), steps.publish(), steps.archive(), steps.designate());
      d.do(steps.commission(), cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' }), steps.evaluate('adjust'), steps.adjust('adjust', '评估建议调整'));
      d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
      return d;
    };
    const d = adjusted();
    // (The materials as read from the state, changed in place: they carry the decision's clock for the meeting's date.)
    const m = materials(d);
    expect(m.evaluationReportHash).toBe(h('evaluation'));
    delete m.evaluationReportHash;
    const r = d.try(steps.discussion(m));
    expectCites(r, 'MISSING_DOCUMENT', [36]);
    expect(r!.zh).toBe(`materials.evaluationReportHash：缺少该材料（应为 ${h('evaluation')}）`);
    m.evaluationReportHash = h('another report');
    expectCites(d.try(steps.discussion(m)), 'MISSING_DOCUMENT', [36]);
    m.evaluationReportHash = h('evaluation');
    d.do(steps.discussion(m));
    // Not under the rules before; and a report named where no evaluation was made is refused.
    const before = adjusted({ ...NATIONAL_BASELINE, evaluationInAdjustment: undefined });
    const kept = materials(before);
    delete kept.evaluationReportHash;
    before.do(steps.discussion(kept));
    const first = reviewed();
    const named = materials(first);
    named.evaluationReportHash = h('evaluation');
    expectCites(first.try(steps.discussion(named)), 'MISSING_DOCUMENT', [36]);
  });

  it('a termination published lifts a suspension, and none is taken or resumed after it; under the rules before both were taken', () => {
    const terminated = (profile = NATIONAL_BASELINE) => {
      const d = reviewed(consulted(new Driver(profile)));
      d.do(steps.discussion(materials(d)), steps.decide(), steps.partyReport(), steps.publish(), steps.archive(), steps.designate(), steps.suspend(), steps.adjust('terminate', '上位法修改'));
      d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
      return d.do(steps.discussion(Object.assign(materials(d), { draftHash: h('draft-2'), legalityOpinionHash: h('legality-lawful-2') })), steps.decide('adopt'), steps.partyReport(2), steps.publish(d.state));
    };
    const d = terminated();
    expect([d.state.phase, d.state.hold]).toEqual(['published', 'none']);
    expectCites(d.try(steps.suspend()), 'WRONG_STAGE', [37]);
    const before = terminated({ ...NATIONAL_BASELINE, terminationEndsExecution: undefined });
    before.do(steps.suspend(), cmd('resumeExecution', actors.mayor, { reason: '恢复执行' }));
    expect(before.state.hold).toBe('none');
  });

  it('a termination under the rules before ends the procedure when adopted, as it did (fresh-eyes tester: nothing published, the portal kept the decision in force)', () => {
    const d = reviewed(consulted(new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!)));
    d.do(steps.discussion(materials(d)), steps.decide(), steps.partyReport(), steps.publish(d.state, actors.unit), steps.archive(), cmd('startAdjustment', actors.unit, { kind: 'terminate', reason: '上位法修改' }));
    d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion());
    d.do(steps.discussion(Object.assign(materials(d), { draftHash: h('draft-2'), legalityOpinionHash: h('legality-lawful') })), steps.decide('adopt'));
    expect([d.state.phase, d.state.closedReason]).toEqual(['closed', 'terminated']);
  });

  it('a text too long is refused as too long, not as empty', () => {
    expectCites(new Driver().do(steps.draft()).try(cmd('withdraw', actors.unit, { reason: '长'.repeat(2001) })), 'INVALID_PAYLOAD', [10], 'reason：文字过长，最多 2000 个字符');
    expectCites(new Driver().do(steps.draft()).try(cmd('withdraw', actors.unit, { reason: ' ' })), 'INVALID_PAYLOAD', [10], 'reason：必须是非空文本');
  });

  it('nothing is possible on a withdrawn decision', () => {
    const d = new Driver().do(steps.draft(), cmd('withdraw', actors.unit, { reason: '情况变化' }));
    expectRefused(d.try(steps.applicability()), 'CLOSED', 10);
  });
});

describe('times in payloads: ISO 8601 with an offset, and legacy epoch milliseconds', () => {
  it('reads ISO 8601 date-times with an offset or Z, and nothing looser', () => {
    expect(parseInstant('2026-12-04T09:00:00+08:00')).toBe(Date.UTC(2026, 11, 4, 1));
    expect(parseInstant('2026-12-04T01:00Z')).toBe(Date.UTC(2026, 11, 4, 1));
    expect(parseInstant('2026-12-03T20:00:00.5-05:00')).toBe(Date.UTC(2026, 11, 4, 1, 0, 0, 500));
    expect(parseInstant(Date.UTC(2026, 11, 4, 1))).toBe(Date.UTC(2026, 11, 4, 1));
    // A number past what a Date holds was taken, and the deadlines could no longer be shown (statute tester).
    expect(parseInstant(Date.UTC(9999, 11, 31))).toBe(Date.UTC(9999, 11, 31));
    // Before 1970 as well: a term from 1949 is a time (attacker: refused as none, under a message allowing 1949).
    expect(parseInstant('1949-10-01T00:00:00+08:00')).toBe(Date.UTC(1949, 8, 30, 16));
    for (const bad of ['2026-12-04T09:00:00', '2026-12-04', '2026-12-04 09:00:00+08:00', '2026-02-30T09:00:00+08:00', '2026-12-04T24:00:00Z', '2026-12-04T09:00:00+0800', 'tomorrow', -5, NaN, null, 1e300, Date.UTC(10000, 0, 1)]) {
      expect(parseInstant(bad)).toBeUndefined();
    }
  });

  it('a postponement takes its review date as ISO 8601 and keeps it as a time; an old record’s epoch number still replays', () => {
    const d = reviewed();
    const review = new Date(d.now + 60 * DAY);
    const iso = `${new Date(review.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
    d.do(cmd('postpone', actors.mayor, { reason: '等待财政预算', reviewDate: iso }));
    expect(d.state.holdInfo?.reviewDate).toBe(Math.floor(review.getTime() / 1000) * 1000);
    const legacy = reviewed().do(cmd('postpone', actors.mayor, { reason: '等待财政预算', reviewDate: d.now + 60 * DAY }));
    expect(legacy.state.holdInfo?.reviewDate).toBe(d.now + 60 * DAY);
  });

  it('a hearing is not scheduled for a date its materials can no longer reach the participants before (Art. 16; the fourteenth session\'s tester)', () => {
    const hearing = (d: Driver, days: number) => announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H1', date: new Date(d.now + days * DAY).toISOString(), selectionMethodHash: h('selection'), participants: [{ id: 'p1', name: '市民甲', interested: true }] }));
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    const r = d.try(hearing(d, 3).announce);
    expectRefused(r, 'NOTICE_TOO_SHORT', 16);
    expect(r!.zh).toMatch(/^听证会材料应当于听证会7日前送达听证参加人：听证会定于.*请将听证会安排在7日之后$/);
    // A date sooner than both the notice and the materials allow is told of the later, which binds (fresh-eyes tester).
    expect(d.try(hearing(d, -1).announce)!.zh).toMatch(/^听证会材料应当于听证会7日前送达听证参加人/);
    d.do(hearing(d, 7).announce, hearing(d, 7).schedule, cmd('deliverHearingMaterials', actors.unit, { hearingId: 'H1' }));
    // A decision started under the rules before keeps them: such a schedule is taken, as it was.
    const kept = new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!).do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    expect(kept.try(hearing(kept, 3).schedule)).toBeUndefined();
  });

  it("the review opinion, offered to the reviewer while the review runs, says it waits for the legal advisers' opinions (Art. 28; fresh-eyes tester: the form was offered, then refused)", () => {
    const d = consulted().do(steps.submitReview());
    const waiting = () => openTasks(d.state, d.profile).find((t) => t.action === 'issueLegalityOpinion')?.waitingFor;
    expect(waiting()).toMatchObject({ zh: expect.stringMatching(/^须先组织法律顾问、公职律师提出法律意见/), basis: expect.stringContaining('第二十八条') });
    d.do(steps.legalOpinion());
    expect(openTasks(d.state, d.profile).find((t) => t.action === 'issueLegalityOpinion')).toBeDefined();
    expect(waiting()).toBeUndefined();
  });

  it('a matter left out of public participation names the law that withholds it (Art. 14; statute tester: 内部事项 was taken)', () => {
    const declare = (nonDisclosureBasis: string) => cmd('declareApplicability', actors.unit, { ...steps.applicability({ pp: false, expert: false, risk: false }).payload, publicParticipation: { required: false, nonDisclosureBasis } } as never);
    const d = new Driver().do(steps.draft());
    const internal = d.try(declare('内部事项'));
    expectRefused(internal, 'INVALID_PAYLOAD', 14);
    expect(internal!.zh).toMatch(/^publicParticipation\.nonDisclosureBasis：依法不予公开的决策事项，应当载明不予公开所依据的法律、法规.*“内部事项”没有载明法律依据$/);
    expect(d.try(declare('《中华人民共和国保守国家秘密法》第十三条'))).toBeUndefined();
    const kept = new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!).do(steps.draft());
    expect(kept.try(declare('内部事项'))).toBeUndefined();
  });

  it("the law cited for withholding a matter is a law or a regulation, with its article: a unit's own rules withhold nothing (Art. 14; statute tester: 《…内部工作规程》第一条 removed the public's participation)", () => {
    const declare = (nonDisclosureBasis: string) => cmd('declareApplicability', actors.unit, { ...steps.applicability({ pp: false, expert: false, risk: false }).payload, publicParticipation: { required: false, nonDisclosureBasis } } as never);
    const d = new Driver().do(steps.draft());
    for (const own of ['《深圳市交通运输局内部工作规程》第一条', '《深圳市交通运输局票价工作办法》第三条', '《关于做好票价调整工作的通知》第二条', '《中华人民共和国保守国家秘密法》', '《深圳市交通运输局票价调整内部工作方法》第一条', '《内部做法》第一条', '《国务院办公厅关于内部工作的通知》第一条', '《国务院某部内部工作规程》第三条', '《中华人民共和国交通运输部内部工作规定》第一条']) {
      const refused = d.try(declare(own));
      expectRefused(refused, 'INVALID_PAYLOAD', 14);
      expect(refused!.zh).toMatch(/^publicParticipation\.nonDisclosureBasis：依法不予公开，应当依据法律、行政法规或者地方性法规，写明其名称和条款/);
    }
    expect(d.try(declare('《深圳市交通运输局内部工作规程》第一条'))!.zh).toContain('《深圳市交通运输局内部工作规程》不是法律、法规，或者没有写明条款；单位的规程、办法、通知等不是不予公开的依据');
    for (const law of ['《中华人民共和国保守国家秘密法》第十三条', '依照《中华人民共和国政府信息公开条例》第十四条', '《中华人民共和国保守国家秘密法实施条例》第9条', '《广东省实施〈中华人民共和国保守国家秘密法〉办法》第十条', '《中华人民共和国保守国家秘密法》（2024年修订）第十三条', '《中华人民共和国保守国家秘密法》第１３条', '《中华人民共和国保守国家秘密法》第 13 条', '《国务院关于加强政府信息公开保密审查的规定》第五条']) {
      expect(d.try(declare(law))).toBeUndefined();
    }
    const kept = new Driver({ ...NATIONAL_BASELINE, nonDisclosureByLaw: undefined }).do(steps.draft());
    expect(kept.try(declare('《深圳市交通运输局内部工作规程》第一条'))).toBeUndefined();
  });

  it('a hearing is announced, its time, place and selection method, before its participants are named, at the time and place announced (Art. 16 paras 2–3; statute tester: nothing of a hearing was published, and the method came with the list it selected)', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    const date = new Date(d.now + 10 * DAY).toISOString();
    const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H1', date, selectionMethodHash: h('selection'), participants: [{ id: 'p1', name: '市民甲', interested: true }] }));
    expect(openTasks(d.state).map((t) => t.action)).toContain('announceHearing');
    // The participants named before the hearing is announced: refused, saying what comes first.
    const early = d.try(schedule);
    expectRefused(early, 'PREREQUISITE_MISSING', 16);
    expect(early!.zh).toBe('听证会 H1 尚未公布：应当先公布听证会的时间、地点和听证参加人遴选办法（announceHearing），按公布的办法遴选后，再公布听证参加人名单');
    // Announced without a place: refused by name.
    const { place: _none, ...placeless } = announce.payload as Payloads['announceHearing'];
    expect(d.try(cmd('announceHearing', actors.unit, placeless as Payloads['announceHearing']))).toMatchObject({ code: 'INVALID_PAYLOAD', zh: expect.stringMatching(/^place：/) });
    expect(d.try(cmd('announceHearing', actors.unit, { ...(announce.payload as Payloads['announceHearing']), place: '待定' }))).toMatchObject({ code: 'INVALID_PAYLOAD', zh: 'place：应当写明听证会的地点，“待定”不是地点；地点未定的，定下后再公布听证会' });
    d.do(announce);
    expect(d.state.publicParticipation?.hearingsAnnounced).toEqual([{ id: 'H1', date: Date.parse(date), place: HEARING_PLACE, selectionMethodHash: h('selection'), at: d.now }]);
    expect(openTasks(d.state).map((t) => t.action)).not.toContain('announceHearing');
    // Named at another time or place, or by another method, than announced: refused, saying to announce again.
    const other = d.try({ ...schedule, payload: { ...schedule.payload, place: '区政府会议室', date: new Date(d.now + 11 * DAY).toISOString() } } as Command);
    expectRefused(other, 'INVALID_PAYLOAD', 16);
    expect(other!.zh).toMatch(/^听证会 H1 的时间（已公布：.*）、地点（已公布：市民中心听证室）与公布的不一致；改期、改地点、改变遴选办法、组织单位或者举行方式的，应当重新公布（announceHearing）$/);
    expect(d.try({ ...schedule, payload: { ...schedule.payload, selectionMethodHash: h('another') } } as Command)!.zh).toContain('遴选办法（已公布的是另一文件）');
    expect(d.try({ ...schedule, payload: { ...schedule.payload, organisedBy: 'sz-bus' } } as Command)!.zh).toContain('组织单位（已公布：未载明）');
    d.do(schedule);
    expect(d.state.publicParticipation?.hearings[0]).toMatchObject({ id: 'H1', place: HEARING_PLACE, participants: [{ id: 'p1' }] });
    // Announced again (another place) before it is held: rescheduled, its participants to be named anew.
    d.do(cmd('announceHearing', actors.unit, { ...(announce.payload as Payloads['announceHearing']), place: '区政府会议室' }));
    expect(d.state.publicParticipation?.hearings).toEqual([]);
    expect(d.state.publicParticipation?.hearingsAnnounced?.[0].place).toBe('区政府会议室');
    // Named without a place: held at the place announced.
    const { place: _announced, ...anywhere } = schedule.payload as Payloads['scheduleHearing'];
    d.do(cmd('scheduleHearing', actors.unit, anywhere));
    expect(d.state.publicParticipation?.hearings[0]).toMatchObject({ id: 'H1', place: '区政府会议室' });
    // Under the rules before, no announcement: the hearing is scheduled at once, and there is no such step.
    const kept = new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!).do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    expect(kept.try(announce)?.code).toBeDefined();
    expect(kept.try(schedule)).toBeUndefined();
  });

  it("a hearing's record is signed, or refused before a witness, by its participants only, each once; the official recording it witnesses no refusal (Art. 17; statute tester: a stranger's signature and refusals witnessed by the unit's own official were taken)", () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H1', date: new Date(d.now + 10 * DAY).toISOString(), selectionMethodHash: h('selection'), participants: [{ id: 'p1', name: '市民甲', interested: true }, { id: 'p2', name: '公交公司', interested: true }] }));
    const record = (signedBy: string[], refusals: { participantId: string; witness: string }[] = []) => cmd('recordHearing', actors.unit, { hearingId: 'H1', transcriptHash: h('transcript'), signedBy, refusals });
    d.do(announce, schedule);
    // Not delivered: said so, with what to do (statute tester: "hold it again" of a hearing never held).
    d.advance(10 * DAY);
    const undelivered = d.try(record(['p1', 'p2']));
    expectRefused(undelivered, 'NOTICE_TOO_SHORT', 16);
    expect(undelivered!.zh).toBe('听证会材料没有送达听证参加人，应当于听证会7日前送达：本次听证会不能作为听证记录提交，应当重新公布听证会时间（announceHearing）、公布名单并按时送达材料后举行');
    const held = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }), announce, schedule, cmd('deliverHearingMaterials', actors.unit, { hearingId: 'H1' })).advance(10 * DAY);
    const stranger = held.try(record(['p1', 'x-stranger'], [{ participantId: 'p2', witness: '公证员' }]));
    expectRefused(stranger, 'INVALID_PAYLOAD', 17);
    expect(stranger!.zh).toBe('signedBy.1：x-stranger 不是听证会 H1 公布的听证参加人；听证会记录由听证参加人确认并签字');
    expect(held.try(record(['p1', 'p2'], [{ participantId: 'p2', witness: '公证员' }]))!.zh).toMatch(/^refusals\.0\.participantId：听证参加人 p2 已经列为签字、拒绝签字或者缺席/);
    const own = held.try(record([], [{ participantId: 'p1', witness: '公证员' }, { participantId: 'p2', witness: actors.unit.name }]));
    expectRefused(own, 'INVALID_PAYLOAD', 17);
    expect(own!.zh).toBe(`refusals.1.witness：拒绝签字的见证人不能是提交听证会记录的${actors.unit.name}本人，应当由其他在场人员见证`);
    for (const witness of [`${actors.unit.name}（承办单位）`, `承办人${actors.unit.name}`, actors.unit.id.toUpperCase()]) {
      expect(held.try(record(['p1'], [{ participantId: 'p2', witness }]))!.zh).toMatch(/^refusals\.0\.witness：拒绝签字的见证人不能是提交听证会记录的/);
    }
    for (const witness of ['p2', '市民甲']) expect(held.try(record(['p1'], [{ participantId: 'p2', witness }]))!.zh).toMatch(/^refusals\.0\.witness：听证参加人.*不能作为拒绝签字的见证人/);
    held.do(record(['p1'], [{ participantId: 'p2', witness: '公证员' }]));
    // Under the rules before, as it was.
    const kept = new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!).do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }), schedule, cmd('deliverHearingMaterials', actors.unit, { hearingId: 'H1' })).advance(10 * DAY);
    expect(kept.try(record(['p1', 'x-stranger'], [{ participantId: 'p2', witness: actors.unit.name }]))).toBeUndefined();
  });

  it("a draft is put out for comment, and a decision published, through channels the public reaches, none of the organ's own (Arts. 15, 32; statute tester: 局内部传阅 and 市政府内部OA系统 were taken)", () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    const comment = (channels: string[]) => cmd('openPublicComment', actors.unit, { days: 30, channels });
    const internal = d.try(comment(['市政府网站', '局内部传阅']));
    expectRefused(internal, 'INVALID_PAYLOAD', 15);
    expect(internal!.zh).toMatch(/^channels\.1：“局内部传阅”是机关内部的途径，社会公众无法知晓/);
    const none = d.try(comment(['张贴于会议室']));
    expectRefused(none, 'INVALID_PAYLOAD', 15);
    expect(none!.zh).toMatch(/^channels：“张贴于会议室”不是便于社会公众知晓的途径/);
    for (const ok of [['深圳市人民政府门户网站'], ['《深圳特区报》', 'i深圳APP'], ['政府公报'], ['“深圳发布”微信公众号'], ['深圳广播电台']]) {
      expect(new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false })).try(comment(ok))).toBeUndefined();
    }
    const published = reviewed();
    published.do(steps.discussion(materials(published)), steps.decide('adopt'), steps.partyReport());
    const oa = published.try({ ...steps.publish(), payload: { ...steps.publish().payload, channels: ['市政府内部OA系统'] } } as Command);
    expectRefused(oa, 'INVALID_PAYLOAD', 32);
    expect(oa!.zh).toMatch(/^channels\.0：“市政府内部OA系统”是机关内部的途径/);
    // Under the rules before, as it was.
    const kept = new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!).do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    expect(kept.try(comment(['局内部传阅']))).toBeUndefined();
  });

  it('a decision is published through the gazette or the government website at least, new media and the press beside them (Art. 32; statute tester: 微信公众号 alone)', () => {
    const ready = (profile = NATIONAL_BASELINE) => {
      const d = reviewed(consulted(new Driver(profile)));
      return d.do(steps.discussion(materials(d)), steps.decide('adopt'), steps.partyReport());
    };
    const through = (channels: string[]) => ({ ...steps.publish(), payload: { ...steps.publish().payload, channels } }) as Command;
    for (const alone of [['“深圳发布”微信公众号'], ['新浪微博'], ['《深圳特区报》', 'i深圳APP']]) {
      const r = ready().try(through(alone));
      expectRefused(r, 'INVALID_PAYLOAD', 32);
      expect(r!.zh).toMatch(/^channels：决策应当通过本级人民政府公报和政府网站等途径公布，.*中没有政府公报或者政府网站/);
    }
    expectRefused(ready().try(through(['市政府内部网站'])), 'INVALID_PAYLOAD', 32);
    // Named as a government's gazette or website, not any text with 网站 or 公报 in it (retest).
    const official = ['政府公报', '市政府网站', '深圳市人民政府门户网站', '《某镇人民政府公报》', 'www.sz.gov.cn', 'http://www.hangzhou.gov.cn/col/', '杭州市交通运输局网站', '中国政府网', '国务院公报', '《深圳市人民政府公报》2026年第5期'];
    const not = ['非政府网站', '某房地产公司网站', '新浪网站', '企业公报', '政府公报微博', '不是政府公报', '网站', '微信公众号“政府网站”', '抖音号（网站）', '政府公报（微信版）', '新浪微博', '市政府内部网站', 'notgov.cn.example.com'];
    expect(official.filter((c) => !isOfficialChannel(c))).toEqual([]);
    expect(not.filter((c) => isOfficialChannel(c))).toEqual([]);
    expectRefused(ready().try(through(['政府公报（微信版）'])), 'INVALID_PAYLOAD', 32);
    for (const ok of [['市政府网站'], ['政府公报'], ['深圳市人民政府门户网站', '“深圳发布”微信公众号'], ['《某镇人民政府公报》']]) expect(ready().try(through(ok))).toBeUndefined();
    expect(ready({ ...NATIONAL_BASELINE, publishedOfficially: undefined }).try(through(['新浪微博']))).toBeUndefined();
  });

  it('a hearing lists each participant once, and the interested parties have a representative among them (Art. 16 para. 3; statute tester: one official listed twice was a hearing)', () => {
    const hearing = (d: Driver, participants: { id: string; name: string; interested: boolean }[]) => announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H2', date: new Date(d.now + 10 * DAY).toISOString(), selectionMethodHash: h('selection'), participants })).schedule;
    const official = { id: 'q1', name: '官员甲', interested: false };
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    d.do(announcedHearing(hearing(d, [])).announce);
    const twice = d.try(hearing(d, [{ ...official, interested: true }, { ...official, interested: true }]));
    expectRefused(twice, 'INVALID_PAYLOAD', 16);
    expect(twice!.zh).toBe('participants.1.id：听证参加人 官员甲（q1）在名单中重复列出');
    const none = d.try(hearing(d, [official, { id: 'q2', name: '官员乙', interested: false }]));
    expectRefused(none, 'PREREQUISITE_MISSING', 16);
    expect(none!.zh).toMatch(/^听证参加人中没有利害关系人的代表/);
    d.do(hearing(d, [official, { id: 'p1', name: '市民甲', interested: true }]));
    // A decision started under the rules before keeps them.
    const kept = new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!).do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    expect(kept.try(hearing(kept, [official, official]))).toBeUndefined();
  });

  it('once the adoption report on a draft is in, no hearing or other form of participation is added to it (Art. 18; the fourteenth session\'s tester)', () => {
    const hearing = (d: Driver) => announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H9', date: new Date(d.now + 10 * DAY).toISOString(), selectionMethodHash: h('selection'), participants: [{ id: 'p1', name: '市民甲', interested: true }] }));
    const symposium = cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h('symposium') });
    const reported = (d: Driver) => d.do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()).advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport());
    const d = reported(new Driver());
    expectRefused(d.try(hearing(d).announce), 'WRONG_STAGE', 18);
    expect(d.try(hearing(d).announce)!.zh).toMatch(/^本决策草案的意见研究采纳情况已经报告，公众参与已经结束/);
    expect(d.try(hearing(d).schedule)!.zh).toMatch(/^本决策草案的意见研究采纳情况已经报告，公众参与已经结束/);
    expect(openTasks(d.state).map((t) => t.action)).not.toContain('announceHearing');
    expectRefused(d.try(symposium), 'WRONG_STAGE', 18);
    expect(openTasks(d.state).map((t) => t.action)).not.toContain('scheduleHearing');
    expect(openTasks(d.state).map((t) => t.action)).not.toContain('recordParticipationForm');
    // Before the report, both are taken; a decision started under the rules before keeps them after it too.
    const before = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    before.do(hearing(before).announce, hearing(before).schedule, symposium);
    const kept = reported(new Driver(profileAsKeptBefore(NATIONAL_BASELINE.id)!));
    kept.do(hearing(kept).schedule, symposium);
  });

  it('a hearing date and a meeting date are read as ISO 8601 and kept as times', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    const date = new Date(d.now + 12 * DAY).toISOString();
    const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H1', date, selectionMethodHash: h('selection'), participants: [{ id: 'p1', name: '市民甲', interested: true }] }));
    d.do(announce, schedule);
    expect(d.state.publicParticipation?.hearings[0].date).toBe(Date.parse(date));
    const r = reviewed();
    r.advance(DAY).do(steps.discussion(materials(r), undefined, '2026-04-17T09:00:00+08:00'));
    expect(r.state.discussion?.meeting.date).toBe(Date.UTC(2026, 3, 17, 1));
  });

  it('a malformed time is refused naming the field and the format expected', () => {
    const d = reviewed();
    const r = d.try(cmd('postpone', actors.mayor, { reason: '等待财政预算', reviewDate: '2026-12-04 09:00' }));
    expectCites(r, 'INVALID_PAYLOAD', [30]);
    expect(r!.zh).toBe('reviewDate：必须载明暂缓后再行研究的时间，格式为ISO 8601 时间，须带时区偏移或 Z，例如 2026-12-04T09:00:00+08:00');
    expect(r!.en).toBe('reviewDate must be the time the matter is taken up again, as an ISO 8601 date-time with an offset or Z, e.g. 2026-12-04T09:00:00+08:00');
    const badMeeting = steps.discussion(materials(d));
    (badMeeting.payload as { meeting: { date: unknown } }).meeting.date = '2026-12-01';
    expect(d.try(badMeeting)?.zh).toMatch(/^meeting\.date：必须是ISO 8601 时间/);
    expect(d.try(steps.discussion(materials(d)))).toBeUndefined();
  });
});

describe('profiles', () => {
  it('Shandong requires public comment as the form of participation', () => {
    const d = new Driver(SHANDONG).do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    d.do(cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h('symposium') }));
    const r = d.try(steps.adoptionReport());
    expect(r?.citations[0]).toContain('山东省重大行政决策公众参与工作办法');
    const n = new Driver(NATIONAL_BASELINE).do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    n.do(cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h('symposium') }), steps.adoptionReport());
  });
});

describe('open tasks', () => {
  it('lists, per role, the steps the stage allows', () => {
    const d = consulted().do(steps.submitReview());
    const tasks = openTasks(d.state);
    // Each for every holder of the role but the drafter, who registered and sent the draft (Arts. 25, 28).
    expect(tasks).toEqual(expect.arrayContaining([
      { role: 'legality_reviewer', action: 'issueLegalityOpinion', notFor: ['u-zhang'], waitingFor: expect.objectContaining({ basis: expect.stringContaining('第二十八条') }) },
      { role: 'legal_adviser', action: 'submitLegalOpinion', notFor: ['u-zhang'] },
      { role: 'public_lawyer', action: 'submitLegalOpinion', notFor: ['u-zhang'] },
    ]));
    expect(tasks.some((t) => t.action === 'recordDiscussion')).toBe(false);
    expect(tasks.some((t) => t.action === 'resumeLegalityReview' || t.action === 'resumeFromPostponement')).toBe(false);
    d.do(cmd('pauseLegalityReview', actors.reviewer, { kind: 'supplement', reason: '补充材料' }));
    expect(openTasks(d.state)).toContainEqual(expect.objectContaining({ role: 'undertaking_unit', action: 'resumeLegalityReview' }));
    // Paused, the review opinion waits for the review to resume (Art. 26): not offered.
    expect(openTasks(d.state)).not.toContainEqual(expect.objectContaining({ role: 'legality_reviewer', action: 'issueLegalityOpinion' }));
  });
});

describe('我的待办 offers only what the procedure would take (the fresh-eyes tester was offered steps then refused)', () => {
  const offered = (d: Driver, action: string) => openTasks(d.state, d.profile).some((t) => t.action === action);

  it('the engagement of a risk assessor is offered once the risk is to be assessed, until one is engaged; taken earlier where the unit knows it (tester: offered before the declaration said no assessment)', () => {
    const d = new Driver().do(steps.draft());
    expect(offered(d, 'engageRiskAssessor')).toBe(false);
    expect(new Driver().do(steps.draft()).try(steps.engage())).toBeUndefined();
    d.do(steps.applicability({ pp: false, expert: false }));
    expect(offered(d, 'engageRiskAssessor')).toBe(true);
    d.do(steps.engage());
    expect(offered(d, 'engageRiskAssessor')).toBe(false);
    expect(offered(new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false })), 'engageRiskAssessor')).toBe(false);
  });

  it('no second comment period while one runs, and no re-declaration once the stages have begun', () => {
    const d = new Driver().do(steps.draft(), steps.applicability());
    expect([offered(d, 'declareApplicability'), offered(d, 'openPublicComment')]).toEqual([true, true]);
    d.do(steps.openComment());
    expect([offered(d, 'declareApplicability'), offered(d, 'openPublicComment')]).toEqual([false, false]);
    expect(d.try(steps.openComment())?.code).toBe('DUPLICATE');
    // The same declaration again adds nothing: once begun, stages are only added (loosened.spec.ts).
    expect(d.try(steps.applicability())?.code).toBe('DUPLICATE');
  });

  it('none of a stage declared not applicable, no hearing step without a hearing, no review before participation is done, no decision before the minutes (the thirteenth session\'s tester)', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment());
    const shown = (): string[] => openTasks(d.state, d.profile).map((t) => t.action);
    const never = ['deliverHearingMaterials', 'recordHearing', 'submitExpertOpinion', 'completeExpertArgumentation', 'submitRiskAssessment', 'engageRiskAssessor', 'submitForLegalityReview', 'submitAdoptionReport'];
    expect(shown().filter((a) => never.includes(a))).toEqual([]);
    // Each is refused, as it was before it stopped being offered.
    expect(d.try(cmd('deliverHearingMaterials', actors.unit, { hearingId: 'H-1' }))?.code).toBe('PREREQUISITE_MISSING');
    expect(d.try(steps.expertOpinion(actors.expert1))?.code).toBe('PREREQUISITE_MISSING');
    expect(d.try(steps.risk())?.code).toBe('WRONG_STAGE');
    expect(d.try(steps.submitReview())?.code).toBe('PREREQUISITE_MISSING');
    // Once the period is over and closed, the report is offered; once it is in, the review.
    d.advance(31 * DAY).do(steps.closeComment());
    expect(shown()).toContain('submitAdoptionReport');
    d.do(steps.adoptionReport());
    expect(shown()).toContain('submitForLegalityReview');
    d.do(steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    expect([shown().includes('recordDiscussion'), shown().includes('decide')]).toEqual([true, false]);
    d.do(steps.discussion(discussionMaterials(d.state)));
    expect([shown().includes('recordDiscussion'), shown().includes('decide')]).toEqual([false, true]);
  });

  it('no publication before the report to the Party committee (Art. 31)', () => {
    const d = reviewed();
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide());
    expect(offered(d, 'publish')).toBe(false);
    expect(d.try(steps.publish(d.state))?.code).toBe('PREREQUISITE_MISSING');
    d.do(steps.partyReport());
    expect(offered(d, 'publish')).toBe(true);
  });
});

describe('a list too long is said to be too long (fresh-eyes tester: 1,001 channels were told to list at least 1)', () => {
  it('names the limit; one within it is taken', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    const many = (n: number) => cmd('openPublicComment', actors.unit, { days: 30, channels: Array.from({ length: n }, (_, i) => `政府网站${i}`) });
    const r = d.try(many(1001));
    expect(r).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(r!.message).toMatch(/^channels：最多列出1000项（channels must list at most 1000）/);
    expect(d.try(many(1000))).toBeUndefined();
  });
});

describe('instants in refusals are written as an official writes them (the second tester: ISO timestamps beside the portal’s dates)', () => {
  it('China Standard Time; midnight as the end of the day before, as a period’s last day is said', () => {
    expect(zhMinute(Date.parse('2027-01-05T00:00:00+08:00'))).toBe('2027年1月4日24时');
    expect(zhMinute(Date.parse('2026-12-04T09:30:00+08:00'))).toBe('2026年12月4日9时30分');
    expect(zhMinute(Date.parse('2026-12-04T01:00:00Z'))).toBe('2026年12月4日9时');
    expect(zhMinute(Date.parse('2026-03-01T00:00:00+08:00'))).toBe('2026年2月28日24时');
  });
});

describe('my tasks offer the expert panel only while one is to be named (second fresh-eyes tester: offered with one named)', () => {
  it('offered before, not after, the panel of this draft; again for a substantially revised draft', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ pp: false, risk: false }));
    const offered = () => openTasks(d.state).some((x) => x.action === 'appointExpertPanel');
    expect(offered()).toBe(true);
    d.do(steps.panel());
    expect(offered()).toBe(false);
    // Named wrong (an expert who cannot sign), it is named again while no one has argued yet (retest: held for good);
    // once an opinion has come in, not as it was.
    d.do(steps.panel());
    expect(offered()).toBe(false);
    d.do(steps.expertOpinion(actors.expert1));
    expect(d.try(steps.panel())).toMatchObject({ code: 'DUPLICATE' }); // the same panel; members who have not argued may be replaced (loosened.spec.ts)
    d.do(steps.draft(2));
    expect(offered()).toBe(true);
  });
});

describe('我的待办: the record of a hearing is offered with the time it is held (statute tester: "无法定时限", then refused)', () => {
  it('says when the hearing is, and till when it waits', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false, hearing: true }));
    const at = d.now + 10 * DAY;
    const { announce, schedule } = announcedHearing(cmd('scheduleHearing', actors.unit, { hearingId: 'H1', date: new Date(at).toISOString(), selectionMethodHash: h('selection'), participants: [{ id: 'p1', name: '市民甲', interested: true }] }));
    d.do(announce, schedule);
    const task = openTasks(d.state, d.profile).find((t) => t.action === 'recordHearing');
    expect(task?.waitingFor).toEqual({ zh: expect.stringMatching(/^听证会 H1 定于2026年3月12日10时举行，举行后提交听证会记录$/), en: expect.stringContaining('hearing H1'), basis: expect.stringContaining('第十七条'), until: at });
  });
});

describe('Art. 16: a hearing announced is held or called off with its reason before the adoption report (`announcedHearingHeld`)', () => {
  const announcedOnly = () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment());
    d.do(cmd('announceHearing', actors.unit, { hearingId: 'H1', date: new Date(d.now + 10 * DAY).toISOString(), place: HEARING_PLACE, selectionMethodHash: h('selection') }));
    return d.advance(31 * DAY).do(steps.closeComment());
  };

  it('an announced hearing never held holds up the report, which names it and the way out; called off, the report goes in', () => {
    const d = announcedOnly();
    const r = d.try(steps.adoptionReport());
    expect(r).toMatchObject({ code: 'PREREQUISITE_MISSING' });
    expect(r!.zh).toBe('已向社会公布的听证会尚未举行：H1；举行后提交听证会记录，或者取消听证会（cancelHearing）并说明理由');
    expect(openTasks(d.state, d.profile).map((t) => t.action)).not.toContain('submitAdoptionReport');
    expect(d.try(cmd('cancelHearing', actors.unit, { hearingId: 'H1', reason: '无' }))?.zh).toMatch(/^reason：“无”没有说明理由/);
    d.do(cmd('cancelHearing', actors.unit, { hearingId: 'H1', reason: '报名人数不足，改为座谈会听取意见' }));
    expect(d.state.publicParticipation!.hearingsAnnounced![0].cancelled).toMatchObject({ reason: '报名人数不足，改为座谈会听取意见', by: actors.unit.id });
    expect(d.try(cmd('cancelHearing', actors.unit, { hearingId: 'H1', reason: '再次取消的理由' }))).toMatchObject({ code: 'DUPLICATE' });
    d.do(steps.adoptionReport());
  });

  it('under the rules before, an announced hearing did not hold up the report', () => {
    const before = new Driver({ ...NATIONAL_BASELINE, announcedHearingHeld: undefined });
    before.do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment());
    before.do(cmd('announceHearing', actors.unit, { hearingId: 'H1', date: new Date(before.now + 10 * DAY).toISOString(), place: HEARING_PLACE, selectionMethodHash: h('selection') }));
    before.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport());
  });
});
