import { actors, cmd, DAY, discussionMaterials, h, meetingDate, publisherUnder, steps } from '../../../test/support/procedure';
import { consulted, Driver, reviewed } from '../../../test/support/driver';
import type { OfficeHeld } from '../authority/offices';
import type { PathStep } from '../authority/organisations';
import type { Command, Payloads } from './commands';
import { NATIONAL_BASELINE, profileAsKeptBefore } from './profiles';
import type { Refusal } from './refusal';
import { openTasks } from './tasks';

/** The deciding organ acts as itself (Arts. 23, 24, 34, 36, 37): designations, engagements and judgments are its steps. */

function expectRefused(r: Refusal | undefined, code: string, cited: string, zh?: string) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  expect(r!.citations.join(' ')).toContain(cited);
  if (zh) expect(r!.zh).toContain(zh);
}
const OLD = profileAsKeptBefore('national')!;
const executing = (d = reviewed()) => d.do(steps.discussion(discussionMaterials(d.state)), steps.decide(), steps.partyReport(), steps.publish(undefined, publisherUnder(d.profile)), steps.archive());
const report = (actor = actors.executor) => cmd('submitExecutionReport', actor, { reportHash: h(`exec-${actor.organisation}`), problem: false });
/** The same step, with the office its signer relied on (the organisation and those above it). */
const withOffice = (c: Command, ...path: [string, PathStep['kind']][]): Command => {
  const office: OfficeHeld = { appointmentId: 'ap-x', validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z', path: path.map(([id, kind]) => ({ id, name: id, kind })) };
  return { ...c, office } as Command;
};

describe('Art. 34: the deciding organ designates the execution unit; only it reports', () => {
  it('refuses an execution report before the designation, naming the step that is missing', () => {
    expectRefused(executing().try(report()), 'PREREQUISITE_MISSING', 'Art. 34', '决策机关尚未明确负责本决策执行工作的单位');
  });

  it('is the chief executive’s act, not the undertaking unit’s', () => {
    const d = executing();
    expectRefused(d.try({ ...steps.designate(), actor: actors.unit }), 'WRONG_ROLE', 'Art. 34');
    d.do(steps.designate());
    expect(d.state.executionUnits).toMatchObject({ organisations: ['hz-gjjt'], by: actors.mayor.id });
  });

  it('takes reports only from the unit designated, naming it', () => {
    const d = executing().do(steps.designate());
    const other = { ...actors.executor, id: 'x-9', organisation: 'hz-czj' };
    const r = d.try(report(other));
    expectRefused(r, 'NOT_DESIGNATED', 'Art. 34');
    expect(r!.zh).toBe('hz-czj不是决策机关明确的决策执行单位（hz-gjjt），不能报告本决策的执行情况');
    d.do(report());
    expect(d.state.executionReports).toHaveLength(1);
  });

  it('an office of the designated unit reports for it, by the office its official holds', () => {
    const d = executing().do(steps.designate());
    const office = { ...actors.executor, id: 'x-2', organisation: 'hz-gjjt-yyb' };
    expectRefused(d.try(report(office)), 'NOT_DESIGNATED', 'Art. 34');
    d.do(withOffice(report(office), ['hz-gjjt-yyb', 'office'], ['hz-gjjt', 'outside_body'], ['hz', 'government']));
  });

  it('may be designated from the decision on, and a later designation replaces the earlier', () => {
    const d = reviewed();
    expectRefused(d.try(steps.designate()), 'WRONG_STAGE', 'Art. 30');
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide(), steps.designate(['hz-jtj'])).do(steps.partyReport(), steps.publish(), steps.archive());
    expectRefused(d.try(report()), 'NOT_DESIGNATED', 'Art. 34');
    d.do(steps.designate(['hz-gjjt', 'hz-jtj']), report());
    expectRefused(d.try(steps.designate(['hz-gjjt', 'hz-gjjt'])), 'INVALID_PAYLOAD', 'Art. 34');
    expectRefused(d.try(steps.designate([])), 'INVALID_PAYLOAD', 'Art. 34');
  });

  it('a decision registered under the rules before keeps them: no designation step, reports as before', () => {
    const d = executing(reviewed(consulted(new Driver(OLD))));
    expectRefused(d.try(steps.designate()), 'WRONG_STAGE', 'Art. 34', '没有“明确决策执行单位”这一步骤');
    d.do(report());
    expect(openTasks(d.state, OLD).some((t) => t.action === 'designateExecutionUnit')).toBe(false);
    expect(openTasks(executing().state, NATIONAL_BASELINE)).toContainEqual(expect.objectContaining({ role: 'chief_executive', action: 'designateExecutionUnit' }));
  });
});

describe('Art. 36: the deciding organ commissions the evaluation and names its unit', () => {
  const designated = () => executing().do(steps.designate());
  const start = (actor = actors.evaluator) => cmd('startEvaluation', actor, { trigger: '实施满一年' });

  it('refuses an evaluation the organ has not commissioned', () => {
    expectRefused(designated().try(start()), 'PREREQUISITE_MISSING', 'Art. 36', '决策机关尚未组织决策后评估');
  });

  it('names a unit that did not argue or assess before the decision (Art. 36 para. 2)', () => {
    const d = designated();
    expectRefused(d.try(steps.commission(actors.assessor.organisation)), 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
    expectRefused(d.try({ ...steps.commission(), actor: actors.unit }), 'WRONG_ROLE', 'Art. 36');
    d.do(steps.commission());
    expect(d.state.evaluationCommission).toMatchObject({ organisation: 'hz-dsfpg', by: actors.mayor.id });
  });

  it('not the undertaking unit, which drafted it, nor an evaluator in one of its offices (statute tester: the bureau evaluated its own decision); decisions before keep the rule they had', () => {
    const d = designated();
    const r = d.try(steps.commission(actors.unit.organisation));
    expectRefused(r, 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
    expect(r!.zh).toContain(`${actors.unit.organisation}是本决策的决策承办单位`);
    // Commissioned a body the organ named by its own id, an evaluator whose office lies in the undertaking bureau does not start it.
    d.do(steps.commission('hz-jtj-pgzx'));
    const path: PathStep[] = [{ id: 'hz-jtj-pgzx', name: '评估中心', kind: 'office' }, { id: actors.unit.organisation, name: '交通运输局', kind: 'department' }, { id: 'hz', name: '杭州市人民政府', kind: 'government' }];
    const office: OfficeHeld = { appointmentId: 'ap-v-pgzx', validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z', path };
    expectRefused(d.try({ ...start({ ...actors.evaluator, organisation: 'hz-jtj-pgzx' }), office } as Command), 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
    // Nor a unit the organ named to share the drafting (Art. 11; retest: a co-undertaking unit was commissioned).
    const shared = executing(reviewed(consulted(new Driver().do(steps.start({ coUnits: ['hz-czj'] }))))).do(steps.designate());
    const co = shared.try(steps.commission('hz-czj'));
    expectRefused(co, 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
    expect(co!.zh).toContain('hz-czj是本决策的决策机关确定的共同承办单位');
    const before = executing(reviewed(consulted(new Driver({ ...NATIONAL_BASELINE, evaluatorNotUndertaker: undefined })))).do(steps.designate());
    before.do(steps.commission(actors.unit.organisation));
  });

  it('nor a person who drafted, argued or assessed it, appointed in the body commissioned (retest: the drafter started the evaluation)', () => {
    const d = designated().do(steps.commission());
    for (const [who, said] of [[actors.unit, '作为决策承办单位办理了本决策'], [actors.expert1, '承担了本决策的论证评估工作'], [actors.assessor, '承担了本决策的论证评估工作']] as const) {
      const r = d.try(start({ ...actors.evaluator, id: who.id, name: who.name }));
      expectRefused(r, 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
      expect(r!.zh).toContain(said);
    }
    // Not offered to them in 我的待办 either.
    expect(openTasks(d.state).find((t) => t.action === 'startEvaluation')?.notFor).toEqual(expect.arrayContaining([actors.unit.id, actors.expert1.id, actors.assessor.id]));
    d.do(start());
    expectRefused(d.try(steps.evaluate('continue', { ...actors.evaluator, id: actors.unit.id, name: actors.unit.name })), 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
    d.do(steps.evaluate('continue'));
  });

  it('nor an expert who argued only by signing the meeting’s minutes, in this pass or an earlier one (retest: he evaluated it)', () => {
    const d = new Driver();
    d.do(steps.draft(), steps.applicability(), steps.openComment(), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
    d.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1));
    d.do(cmd('submitExpertMinutes', actors.unit, { minutesHash: h('expert-minutes'), signedBy: [actors.expert2.id] }), steps.completeExperts());
    const e = executing(reviewed(d)).do(steps.designate(), steps.commission());
    const asEvaluator = { ...actors.evaluator, id: actors.expert2.id, name: actors.expert2.name };
    expectRefused(e.try(start(asEvaluator)), 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
    expect(openTasks(e.state).find((t) => t.action === 'startEvaluation')?.notFor).toContain(actors.expert2.id);
    // The adjustment resets the panel; what he did stays his.
    e.do(steps.adjust('adjust', '情况变化'));
    expect(e.state.expert).toBeUndefined();
    expectRefused(e.try(start(asEvaluator)), 'CONFLICT_OF_INTEREST', 'Art. 36 para. 2');
  });

  it('takes the evaluation only from the unit named, and each evaluation needs its own commission', () => {
    const d = designated().do(steps.commission());
    const r = d.try(start({ ...actors.evaluator, id: 'v-9', organisation: 'hz-jyj' }));
    expectRefused(r, 'NOT_DESIGNATED', 'Art. 36');
    expect(r!.zh).toContain('决策机关确定的承担评估具体工作的单位（hz-dsfpg）');
    d.do(start(), steps.evaluate('continue'));
    expectRefused(d.try(start()), 'PREREQUISITE_MISSING', 'Art. 36');
    d.do(steps.commission('hz-dsfpg', '公众意见较多'), start());
    expectRefused(d.try(steps.commission()), 'DUPLICATE', 'Art. 36');
  });
});

describe('Art. 36 para. 3: an evaluation hears the public, and deputies, members and organisations take part', () => {
  const started = (d = executing()) => d.do(steps.designate(), steps.commission(), cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' }));
  const bare = (extra: Partial<Payloads['submitEvaluation']> = {}) => cmd('submitEvaluation', actors.evaluator, { reportHash: h('evaluation'), recommendation: 'continue', ...extra });

  it('refuses a report that does not say how the public was heard, or names no one who took part, naming para. 3; keeps both', () => {
    const d = started();
    expectRefused(d.try(bare()), 'INVALID_PAYLOAD', '第三十六条第三款', 'publicOpinionHash：必须附听取社会公众意见的情况');
    expectRefused(d.try(bare({ publicOpinionHash: h('p') })), 'INVALID_PAYLOAD', '第三十六条第三款', 'participants：必须载明参与评估的人大代表、政协委员、人民团体、基层组织或者社会组织');
    expectRefused(d.try(bare({ publicOpinionHash: h('p'), participants: [] })), 'INVALID_PAYLOAD', '第三十六条第三款', 'participants：');
    expectRefused(d.try(bare({ publicOpinionHash: h('p'), participants: [{ kind: 'leader' as never, name: '某某' }] })), 'INVALID_PAYLOAD', '第三十六条第三款', 'participants.0.kind：必须是以下之一：npc_deputy');
    expectRefused(d.try(bare({ publicOpinionHash: h('p'), participants: [{ kind: 'npc_deputy', name: ' ' }] })), 'INVALID_PAYLOAD', '第三十六条第三款', 'participants.0.name');
    expectRefused(d.try(bare({ publicOpinionHash: h('p'), participants: [{ kind: 'npc_deputy', name: '王某' }, { kind: 'npc_deputy', name: '王某' }] })), 'INVALID_PAYLOAD', '第三十六条第三款', '不得重复列出同一参与者');
    expectRefused(d.try(bare({ publicOpinionHash: 'sha256:xyz', participants: [{ kind: 'npc_deputy', name: '王某' }] })), 'INVALID_PAYLOAD', '第三十六条第三款', 'publicOpinionHash：必须是文件哈希值');
    d.do(steps.evaluate('continue'));
    expect(d.state.evaluations[0].report).toMatchObject({ publicOpinionHash: h('evaluation-public-opinion'), participants: [{ kind: 'npc_deputy', name: '市人大代表王某' }, { kind: 'grassroots_organisation', name: '城东社区居民委员会' }] });
  });

  it('decisions started before keep the report and recommendation alone', () => {
    // Before `organActs`, the evaluator started the evaluation without the organ's commission.
    const d = executing(reviewed(consulted(new Driver(OLD)))).do(cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' }), bare());
    expect(d.state.evaluations[0].report).toEqual({ reportHash: h('evaluation'), recommendation: 'continue', at: expect.any(Number) });
  });
});

describe('Art. 37: the decision in force is executed, and stays suspended, until the change adopted by the procedure replaces it (statute tester)', () => {
  const report = (n: string) => cmd('submitExecutionReport', actors.executor, { reportHash: h(`exec-${n}`), problem: false });
  const reviewedAgain = (d: Driver) => d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
  const discussedAgain = (d: Driver) => reviewedAgain(d).do(steps.discussion(discussionMaterials(d.state)));
  const postponeTo = (d: Driver) => cmd('postpone', actors.mayor, { reason: '等待审计结果', reviewDate: new Date(d.now + 30 * DAY).toISOString() });
  const resume = () => cmd('resumeExecution', actors.mayor, { reason: '风险已消除' });

  it('a postponement of the adjustment keeps the suspension beneath it, and lifting it brings the suspension back', () => {
    const d = executing().do(steps.designate(), steps.suspend('台风'), steps.adjust('adjust', '客观情况发生重大变化'));
    d.do(postponeTo(d));
    expect([d.state.hold, d.state.suspensionBeneath?.reason]).toEqual(['postponed', '台风']);
    d.do(cmd('resumeFromPostponement', actors.mayor, { reason: '审计结果已出' }));
    expect([d.state.hold, d.state.holdInfo?.reason, d.state.suspensionBeneath]).toEqual(['suspended', '台风', undefined]);
    d.do(resume());
    expect(d.state.hold).toBe('none');
  });

  it('the decision in force is suspended, reported on and resumed while its adjustment is postponed', () => {
    const d = executing().do(steps.designate(), steps.adjust('adjust', '客观情况发生重大变化'));
    d.do(postponeTo(d), report('1'), steps.suspend('险情'));
    expect([d.state.hold, d.state.suspensionBeneath?.reason]).toEqual(['postponed', '险情']);
    expectRefused(d.try(steps.suspend('再次')), 'DUPLICATE', 'Art. 37');
    d.do(resume());
    expect([d.state.hold, d.state.suspensionBeneath]).toEqual(['postponed', undefined]);
    // The adjustment itself stays postponed (Art. 30).
    expectRefused(d.try(steps.draft(2)), 'ON_HOLD', 'Art. 30');
  });

  it('adopting the change does not lift the suspension; between adoption and archive the decision in force is reported on, suspended and resumed; the change published replaces it', () => {
    const d = discussedAgain(executing().do(steps.designate(), steps.suspend('台风'), steps.adjust('adjust', '客观情况发生重大变化'))).do(steps.decide('adopt'));
    expect([d.state.phase, d.state.hold]).toEqual(['decided', 'suspended']);
    expectRefused(d.try(steps.suspend('再次')), 'ON_HOLD', 'Art. 37');
    d.do(resume(), report('2'), steps.suspend('险情'), resume(), steps.partyReport(2));
    d.do(steps.publish(d.state));
    expect([d.state.phase, d.state.hold]).toEqual(['published', 'none']);
    d.do(report('3'), steps.suspend('新决策执行中出现险情'));
    d.do(steps.archive());
    expect([d.state.phase, d.state.hold]).toEqual(['execution', 'suspended']);
    expect(d.state.executionReports).toHaveLength(2);
  });

  it('a suspension before the change is published goes with the decision it held', () => {
    const d = discussedAgain(executing().do(steps.designate(), steps.adjust('adjust', '客观情况发生重大变化'))).do(steps.decide('adopt'), steps.suspend('台风'), steps.partyReport(2));
    d.do(steps.publish(d.state));
    expect([d.state.phase, d.state.hold]).toEqual(['published', 'none']);
  });

  it('decisions started before keep their holds as they were: the adoption lifts the suspension, the postponement replaces it', () => {
    const old = () => executing(reviewed(consulted(new Driver(OLD)))).do(cmd('startAdjustment', actors.unit, { kind: 'adjust', reason: '情况变化' }));
    const d = old();
    d.do(cmd('suspendExecution', actors.mayor, { reason: '台风' }), postponeTo(d));
    expect([d.state.hold, d.state.suspensionBeneath]).toEqual(['postponed', undefined]);
    const a = discussedAgain(old().do(cmd('suspendExecution', actors.mayor, { reason: '台风' }))).do(steps.decide('adopt'));
    expect(a.state.hold).toBe('none');
    expectRefused(a.try(report('x')), 'WRONG_STAGE', 'Art. 3');
  });
});

describe('Art. 37: an adjustment goes through the procedure on documents of its own (statute tester)', () => {
  it('refuses the text in force as its draft, and the first pass’s review materials, opinions, minutes and Party report', () => {
    const first = executing();
    const inForce = first.state.publication!.documentHash;
    const firstMinutes = first.state.discussion!.minutesHash;
    const d = first.do(steps.adjust('adjust', '客观情况发生重大变化'));
    expectRefused(d.try(cmd('submitDraft', actors.unit, { documentHash: inForce, explanationHash: h('explanation-2'), reason: '调整', material: true })), 'INVALID_PAYLOAD', 'Art. 37', 'documentHash：这是正在执行的决策文本');
    d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }));
    const refusedAsFirst = (c: Command, field: string, what: string) => expectRefused(d.try(c), 'INVALID_PAYLOAD', 'Art. 37', `${field}：这是第1轮决策程序的${what}`);
    refusedAsFirst(steps.submitReview(1), 'materialsHash', '送审材料');
    d.do(steps.submitReview(2));
    refusedAsFirst(steps.legalOpinion(), 'opinionHash', '法律意见');
    d.do(steps.legalOpinion(undefined, 2)).advance(14 * DAY);
    refusedAsFirst(steps.legalityOpinion(), 'opinionHash', '合法性审查意见');
    d.do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    // (The first pass's minutes are refused as minutes of a meeting already recorded, Art. 30.)
    expectRefused(d.try({ ...steps.discussion(discussionMaterials(d.state)), payload: { ...steps.discussion(discussionMaterials(d.state)).payload, minutesHash: firstMinutes } } as Command), 'INVALID_PAYLOAD', 'Art. 30', 'minutesHash：');
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide('adopt'));
    refusedAsFirst(steps.partyReport(), 'reportHash', '向同级党委的请示报告');
    d.do(steps.partyReport(2));
  });

  it('refuses every earlier document in any field: the engagement, the risk report (retest); takes an earlier assessment named to stand for this one (Art. 22 para. 2)', () => {
    const first = consulted();
    const riskReport = first.state.risk!.reportHash;
    const d = executing(reviewed(first)).do(steps.adjust('adjust', '客观情况发生重大变化'), steps.draft(2), steps.applicability({ pp: false, expert: false, risk: true }));
    expectRefused(d.try(steps.engage()), 'INVALID_PAYLOAD', 'Art. 37', 'contractHash：这是第1轮决策程序的风险评估委托文件');
    d.do({ ...steps.engage(), payload: { ...steps.engage().payload, contractHash: h('engagement-pass-2') } } as Command);
    const reused = d.try({ ...steps.risk(true, 2), payload: { ...steps.risk(true, 2).payload, reportHash: riskReport } } as Command);
    expectRefused(reused, 'INVALID_PAYLOAD', 'Art. 37', 'reportHash：这是第1轮决策程序的风险评估报告');
    d.do(steps.risk(true, 2));
    const prior = executing(reviewed(consulted())).do(steps.adjust('adjust', '情况变化'), steps.draft(2));
    prior.do(cmd('declareApplicability', actors.unit, { ...steps.applicability({ pp: false, expert: false }).payload, riskAssessment: { required: true, reason: '调整涉及的风险已经评估', priorAssessmentRef: riskReport } } as never));
    expect(prior.state.applicability!.riskAssessment.priorAssessmentRef).toBe(riskReport);
  });

  it('an earlier assessment standing for this one is its report, uploaded, and goes to the meeting as the risk report (Arts. 22 para. 2, 29; statute tester: "已评估" skipped it)', () => {
    const declared = (priorAssessmentRef: string) => cmd('declareApplicability', actors.unit, { ...steps.applicability({ pp: false, expert: false }).payload, riskAssessment: { required: true, reason: '已经评估', priorAssessmentRef } } as never);
    const start = () => new Driver().do(steps.draft());
    const said = start().try(declared('已评估'));
    expect([said?.code, said?.zh]).toEqual(['INVALID_PAYLOAD', expect.stringMatching(/^riskAssessment\.priorAssessmentRef：已经进行的风险评估，应当载明该风险评估报告本身/)]);
    const report = h('earlier risk assessment report');
    const d = start().do(declared(report), steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion());
    const materials = discussionMaterials(d.state);
    const without = d.try(steps.discussion(materials));
    expect([without?.code, without?.zh]).toEqual(['MISSING_DOCUMENT', `materials.riskReportHash：缺少该材料（应为 ${report}）`]);
    d.do(steps.discussion(Object.assign(materials, { riskReportHash: report })));
    // Under the rules before, a reference in words, and no report asked of the meeting.
    const before = new Driver({ ...NATIONAL_BASELINE, priorAssessmentDocumented: undefined }).do(steps.draft(), declared('已评估'), steps.submitReview(), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion());
    before.do(steps.discussion(discussionMaterials(before.state)));
  });

  it('decisions started before take them again, as they did', () => {
    const d = executing(reviewed(consulted(new Driver(OLD)))).do(cmd('startAdjustment', actors.unit, { kind: 'adjust', reason: '情况变化' }));
    d.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(1), steps.legalOpinion()).advance(14 * DAY).do(steps.legalityOpinion());
  });
});

describe('Art. 37: an adjustment begun in error is dropped by the chief executive before the meeting takes it up (statute tester)', () => {
  it('withdrawn by the chief executive, the decision in force goes on; the undertaking unit cannot; after the meeting, only a decision not to adopt ends it', () => {
    const d = executing().do(steps.designate(), steps.adjust('adjust', '误启动'), steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2));
    expectRefused(d.try(cmd('withdraw', actors.unit, { reason: '误启动' })), 'WRONG_STAGE', 'Art. 37', '可以由行政首长撤回');
    d.do(cmd('withdraw', actors.mayor, { reason: '调整系误启动，原决策继续执行' }));
    expect([d.state.phase, d.state.pendingChange, d.state.closedReason]).toEqual(['execution', undefined, undefined]);
    expect(d.state.deadlines.filter((x) => x.id.startsWith('legality-review') && x.status === 'running')).toEqual([]);
    d.do(cmd('submitExecutionReport', actors.executor, { reportHash: h('exec-after'), problem: false }));
    const met = executing().do(steps.adjust('adjust', '调整'), steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY);
    met.do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    met.do(steps.discussion(discussionMaterials(met.state)));
    expectRefused(met.try(cmd('withdraw', actors.mayor, { reason: '不再调整' })), 'WRONG_STAGE', 'Art. 37', '已经集体讨论的，应当经集体讨论决定不予通过');
  });
});

describe('Art. 37: a change adopted that cannot be issued, withdrawn, leaves the decision in force (statute tester: it closed it)', () => {
  /** A decision in force (suspended where asked), its adjustment or termination adopted and objected to by the Party committee. */
  const objected = (kind: 'adjust' | 'terminate', profile = NATIONAL_BASELINE, suspended = false) => {
    const d = executing(reviewed(consulted(new Driver(profile)))).do(steps.designate());
    if (suspended) d.do(steps.suspend());
    d.do(steps.adjust(kind, '情况变化'), steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2)).advance(14 * DAY);
    d.do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide(), steps.partyReport(2), steps.partyReply('objections'));
    return d;
  };

  it('the adjustment dropped: in execution as published, its units report, its publication deadline stops; a termination dropped keeps the suspension', () => {
    const d = objected('adjust');
    expect(d.state.phase).toBe('decided');
    d.do(cmd('withdraw', actors.mayor, { reason: '党委有异议，放弃本次调整，原决策继续执行' }));
    expect([d.state.phase, d.state.closedReason, d.state.decision]).toEqual(['execution', undefined, undefined]);
    expect(d.state.deadlines.filter((x) => x.id.startsWith('publication-c') && x.status === 'running')).toEqual([]);
    d.do(cmd('submitExecutionReport', actors.executor, { reportHash: h('exec-after-drop'), problem: false }));
    // A new adjustment may be started as for any decision in force.
    d.do(steps.adjust('adjust', '再作调整'));

    const t = objected('terminate', NATIONAL_BASELINE, true);
    t.do(cmd('withdraw', actors.mayor, { reason: '党委有异议，不停止执行' }));
    expect([t.state.phase, t.state.hold, t.state.closedReason]).toEqual(['execution', 'suspended', undefined]);
  });

  it('under the rules before, the withdrawal closes the decision, as it did', () => {
    const d = objected('adjust', { ...NATIONAL_BASELINE, changeWithdrawnKeepsInForce: undefined });
    d.do(cmd('withdraw', actors.mayor, { reason: '放弃调整' }));
    expect([d.state.phase, d.state.closedReason]).toEqual(['closed', 'withdrawn']);
  });
});

describe('Arts. 30, 38: a matter postponed at a meeting is taken up again at a later meeting, not by the old minutes re-dated (statute tester)', () => {
  const postponedAtMeeting = (d: Driver) => {
    const firstDate = meetingDate(discussionMaterials(d.state));
    d.do(steps.discussion(discussionMaterials(d.state))).advance(DAY);
    d.do(steps.decide('postpone', { reasons: '需进一步听取意见', reviewDate: new Date(d.now + 20 * DAY).toISOString() })).advance(DAY);
    d.do(cmd('resumeFromPostponement', actors.mayor, { reason: '意见已听取' }));
    return firstDate;
  };

  it('refuses minutes dated before the postponement, naming it; takes a meeting after it', () => {
    const d = reviewed();
    const firstDate = postponedAtMeeting(d);
    const stale = d.try(steps.discussion(discussionMaterials(d.state), undefined, firstDate));
    expectRefused(stale, 'INVALID_PAYLOAD', 'Art. 30', 'meeting.date：会议时间');
    expect(stale!.zh).toContain('早于上一次作出决定的时间');
    // Nor the first meeting's minutes dated anew (retest: a later date passed them).
    const again = steps.discussion(discussionMaterials(d.state));
    const firstMinutes = d.state.minutesTaken![0];
    expectRefused(d.try({ ...again, payload: { ...again.payload, minutesHash: firstMinutes } } as Command), 'INVALID_PAYLOAD', 'Art. 30', 'minutesHash：这份会议记录已经记录过此前的一次集体讨论');
    d.do(again);
  });

  it('decisions started before take the old date, as they did', () => {
    const d = reviewed(consulted(new Driver(OLD)));
    const firstDate = postponedAtMeeting(d);
    d.do(steps.discussion(discussionMaterials(d.state), undefined, firstDate));
  });
});

describe('Art. 36: an evaluation under way is a basis for the adjustment, not shut out by it', () => {
  const designated = () => executing().do(steps.designate());
  const start = () => cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' });
  it('takes the evaluation report while an adjustment runs; a step that waits for the adjustment says so (fresh-eyes tester: “决策尚未作出”)', () => {
    const d = designated().do(steps.commission(), start(), steps.adjust('adjust', '评估中发现问题'));
    expect(d.state.phase).toBe('drafting');
    d.do(steps.evaluate('adjust'));
    expect(d.state.evaluations[0].report).toMatchObject({ recommendation: 'adjust' });
    // Another evaluation may be commissioned meanwhile, as a basis for the adjustment (Art. 36). A step that waits for the
    // adjustment is refused naming it, not a decision never made: another adjustment.
    d.do(steps.commission('hz-dsfpg', '再评估'));
    expectRefused(d.try(steps.adjust('terminate', '停止执行')), 'WRONG_STAGE', '第三十七条', '决策正在依照法定程序调整（startAdjustment）');
  });
});

describe('Art. 23 para. 3: a third-party risk assessment comes from the organisation engaged', () => {
  const declared = () => new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }));

  it('refuses a third party’s report before any engagement', () => {
    expectRefused(declared().try(steps.risk()), 'PREREQUISITE_MISSING', 'Art. 23 para. 3', '尚未委托第三方开展本决策的风险评估');
  });

  it('takes it only from an engaged organisation, naming it', () => {
    const d = declared().do(steps.engage());
    const other = { ...actors.assessor, id: 'r-9', organisation: 'hz-dsfpg' };
    const r = d.try({ ...steps.risk(), actor: other });
    expectRefused(r, 'NOT_DESIGNATED', 'Art. 23 para. 3');
    expect(r!.zh).toBe('hz-dsfpg不是受托开展本决策风险评估的第三方（hz-wdpg）');
    d.do(steps.risk());
    expect(d.state.riskEngagements).toMatchObject([{ organisation: 'hz-wdpg', by: actors.unit.id }]);
  });

  it('an outside body’s assessment is a third party’s: it cannot call itself the organiser’s own', () => {
    const d = declared().do(steps.engage());
    const own = withOffice({ ...steps.risk(), payload: { ...steps.risk().payload, thirdParty: false } } as Command, ['hz-wdpg', 'outside_body'], ['hz', 'government']);
    expectRefused(d.try(own), 'NOT_DESIGNATED', 'Art. 23 para. 3', 'thirdParty: true');
  });

  it('is engaged by the unit organising the assessment or the organ, once per organisation, and not where no assessment is done', () => {
    const d = declared();
    expectRefused(d.try({ ...steps.engage(), actor: actors.reviewer }), 'WRONG_ROLE', 'Art. 22');
    d.do(steps.engage(), steps.engage('hz-dsfpg', actors.mayor));
    expectRefused(d.try(steps.engage()), 'DUPLICATE', 'Art. 23 para. 3');
    const none = new Driver().do(steps.draft(), steps.applicability({ risk: false }));
    expectRefused(none.try(steps.engage()), 'WRONG_STAGE', 'Art. 22');
  });

  it('an adjustment starts a new pass with no engagement', () => {
    const d = executing().do(steps.designate(), steps.adjust('adjust', '客观情况发生重大变化'));
    expect(d.state.riskEngagements).toBeUndefined();
  });
});

describe('Art. 23 para. 2: the assessment hears the departments concerned; its report states risk points, measures and a plan', () => {
  const engaged = () => new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage());
  const without = (field: 'departmentsHeard' | 'riskPoints' | 'measures' | 'contingencyPlan', value?: unknown): Command => {
    const c = steps.risk();
    const payload: Record<string, unknown> = { ...c.payload };
    if (value === undefined) delete payload[field];
    else payload[field] = value;
    return { ...c, payload } as Command;
  };

  it('refuses a report that leaves any out, naming it (fresh-eyes tester: all four were optional)', () => {
    const d = engaged();
    expectRefused(d.try(without('departmentsHeard')), 'INVALID_PAYLOAD', 'Art. 23 para. 2', 'departmentsHeard：开展风险评估，应当听取有关部门的意见');
    expectRefused(d.try(without('departmentsHeard', [])), 'INVALID_PAYLOAD', 'Art. 23 para. 2', 'departmentsHeard：');
    expectRefused(d.try(without('riskPoints')), 'INVALID_PAYLOAD', 'Art. 23 para. 2', 'riskPoints：风险评估报告应当明确风险点，提出风险防范措施和处置预案：缺少风险点');
    expectRefused(d.try(without('measures')), 'INVALID_PAYLOAD', 'Art. 23 para. 2', '缺少风险防范措施');
    expectRefused(d.try(without('contingencyPlan')), 'INVALID_PAYLOAD', 'Art. 23 para. 2', '缺少处置预案');
    d.do(steps.risk());
    expect(d.state.risk).toBeDefined();
  });

  it('a decision registered under the rules before takes the report without them, as it did', () => {
    const d = new Driver(OLD).do(steps.draft(), steps.applicability({ pp: false, expert: false }));
    d.do({ ...steps.risk(), actor: actors.assessor, payload: { level: 'low', controllable: true, reportHash: h('risk-old'), thirdParty: false } } as Command);
    expect(d.state.risk).toBeDefined();
  });
});

describe('Art. 24: whether the risk is controllable is the deciding organ’s judgment', () => {
  /** Through review and discussion with the risk assessed but not judged. */
  const unjudged = () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage(), steps.risk(), steps.submitReview(), steps.legalOpinion());
    d.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    return d.do(steps.discussion(discussionMaterials(d.state)));
  };

  it('no adoption before the organ has judged; the judgment is the chief executive’s', () => {
    const d = unjudged();
    expectRefused(d.try(steps.decide()), 'PREREQUISITE_MISSING', 'Art. 24', '决策机关尚未认定本决策草案的风险是否可控');
    expect(openTasks(d.state)).toContainEqual(expect.objectContaining({ role: 'chief_executive', action: 'judgeRisk' }));
    expectRefused(d.try({ ...steps.judgeRisk(), actor: actors.assessor }), 'WRONG_ROLE', 'Art. 24');
    d.do(steps.judgeRisk(), steps.decide());
    expect(d.state.risk!.judgement).toMatchObject({ controllable: true, by: actors.mayor.id });
    expect(d.state.phase).toBe('decided');
  });

  it('judged not controllable, the draft is not adopted until adjusted and assessed again; a judgment against the assessment gives reasons', () => {
    const d = unjudged();
    expectRefused(d.try(steps.judgeRisk(false)), 'REASON_REQUIRED', 'Art. 24');
    d.do(steps.judgeRisk(false, '群众反映强烈，预案不足'));
    expectRefused(d.try(steps.judgeRisk(true)), 'DUPLICATE', 'Art. 24');
    expectRefused(d.try(steps.decide()), 'RISK_UNCONTROLLABLE', 'Art. 24', '决策机关认为风险不可控');
    d.do(steps.decide('further_study', { reasons: '调整草案，确保风险可控' }), steps.draft(2, false));
    expectRefused(d.try(steps.submitReview(2)), 'PREREQUISITE_MISSING', 'Art. 24');
    d.do(steps.risk(true, 2), steps.judgeRisk(), steps.submitReview(2));
    expect(d.state.phase).toBe('legality_review');
  });

  it('with no assessment there is nothing to judge; a decision under the rules before takes the assessor’s finding', () => {
    expectRefused(new Driver().do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.engage()).try(steps.judgeRisk()), 'PREREQUISITE_MISSING', 'Art. 24');
    const old = new Driver(OLD).do(steps.draft(), steps.applicability({ pp: false, expert: false }), steps.risk(), steps.submitReview(), steps.legalOpinion());
    old.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    old.do(steps.discussion(discussionMaterials(old.state)), steps.decide());
    expect(old.state.phase).toBe('decided');
  });
});

describe('Art. 37: the organ starts an adjustment, by its chief executive', () => {
  const designated = () => executing().do(steps.designate());

  it('refuses the undertaking unit, citing Art. 37, and takes the chief executive', () => {
    const d = designated();
    const r = d.try(cmd('startAdjustment', actors.unit, { kind: 'adjust', reason: '情况变化' }));
    expectRefused(r, 'WRONG_ROLE', 'Art. 37');
    expect(r!.zh).toBe('启动决策调整应当由行政首长办理，不能由决策承办单位办理');
    d.do(steps.adjust('adjust', '情况变化'));
    expect([d.state.phase, d.state.pendingChange?.by]).toEqual(['drafting', actors.mayor.id]);
    // Execution goes on under the designation while the adjustment runs (Arts. 34–37).
    d.do(report());
  });

  it('a decision under the rules before is adjusted by its undertaking unit, as it was', () => {
    const d = executing(reviewed(consulted(new Driver(OLD))));
    expectRefused(d.try(steps.adjust('adjust', '情况变化')), 'WRONG_ROLE', 'Art. 37');
    d.do(cmd('startAdjustment', actors.unit, { kind: 'adjust', reason: '情况变化' }));
    expect(openTasks(designated().state)).toContainEqual(expect.objectContaining({ role: 'chief_executive', action: 'startAdjustment' }));
    expect(openTasks(designated().state)).not.toContainEqual(expect.objectContaining({ role: 'undertaking_unit', action: 'startAdjustment' }));
  });
});

describe('Art. 36 para. 1: the evaluation is organised in one of the three situations (`evaluationSituation`)', () => {
  const designated = () => executing().do(steps.designate());
  const commission = (situation?: string, trigger = '实施满一年，客流未达预期') =>
    cmd('commissionEvaluation', actors.mayor, { organisation: actors.evaluator.organisation, trigger, ...(situation ? { situation: situation as never } : {}) });

  it('names the situation, in the decree’s words when it is missing; many opinions once opinions are recorded', () => {
    const d = designated();
    const none = d.try(commission());
    expect(none).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(none!.zh).toMatch(/^situation：必须载明组织决策后评估的第三十六条情形：below_expectations：重大行政决策实施后明显未达到预期效果；many_opinions：公民、法人或者其他组织提出较多意见；organ_deems_necessary：决策机关认为有必要$/);
    expect(d.try(commission('leader_wishes'))).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(d.try(commission('many_opinions'))).toMatchObject({ code: 'PREREQUISITE_MISSING', zh: expect.stringContaining('recordPublicFeedback') });
    d.do(steps.feedback(), commission('many_opinions', '群众来信反映票价偏高'));
    expect(d.state.evaluationCommission).toMatchObject({ situation: 'many_opinions', trigger: '群众来信反映票价偏高' });
  });

  it('decisions under the rules before commission on a trigger alone', () => {
    const d = executing(reviewed(consulted(new Driver({ ...NATIONAL_BASELINE, evaluationSituation: undefined })))).do(steps.designate());
    d.do(commission());
  });
});
