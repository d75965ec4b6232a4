import { actors, cmd, discussionMaterials, h, publisherUnder, steps, UNIT } from '../../../test/support/procedure';
import { consulted, Driver, reviewed } from '../../../test/support/driver';
import type { OfficeHeld } from '../authority/offices';
import type { PathStep } from '../authority/organisations';
import { art } from './articles';
import type { Command } from './commands';
import { NATIONAL_BASELINE, profileAsKeptBefore, SHANDONG, type ProcedureProfile } from './profiles';
import type { Refusal } from './refusal';
import { openTasks, taskDeadline } from './tasks';
import { isOverdue } from './deadlines';

/**
 * The deciding organ's remaining acts (Arts. 10, 11, 31, 32, 34; the profile's `organStartsAndIssues`): it decides to
 * start the procedure on a proposal and designates the undertaking unit and the lead unit; it reports or requests
 * instructions to the Party committee and records the reply; it publishes; it supervises the execution.
 */

function expectRefused(r: Refusal | undefined, code: string, zhArticle: string, zh?: string) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  expect(r!.citations.join(' ')).toContain(zhArticle);
  expect(r!.message.indexOf('（')).toBeGreaterThan(0); // Chinese first
  if (zh) expect(r!.zh).toContain(zh);
}
const OLD = profileAsKeptBefore('national')!;
/** A profile whose rules have the organ decide to start each decision (startDecision 'organ'). */
const ORGAN_STARTS: ProcedureProfile = { ...NATIONAL_BASELINE, id: 'organ-starts', startDecision: { value: 'organ', basis: art(11) } };
/** A profile whose rules have the organ request the Party committee's instructions before the discussion (请示). */
const REQUEST: ProcedureProfile = { ...NATIONAL_BASELINE, id: 'request', partyCommittee: { value: 'request', basis: art(31) } };
const decided = (d = reviewed()) => d.do(steps.discussion(discussionMaterials(d.state)), steps.decide());
const executing = (d = reviewed()) => decided(d).do(steps.partyReport(), steps.publish(undefined, publisherUnder(d.profile)), steps.archive());
const tasksOf = (d: Driver, action: string) => openTasks(d.state, d.profile).filter((t) => t.action === action);
/** The same step, with the office its signer relied on (the organisation and those above it). */
const withOffice = (c: Command, ...path: [string, PathStep['kind']][]): Command => {
  const office: OfficeHeld = { appointmentId: 'ap-x', validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z', path: path.map(([id, kind]) => ({ id, name: id, kind })) };
  return { ...c, office } as Command;
};
/** A decision that knows its offices: 杭州市人民政府 decides, its 司法局 reviews. */
const withAuthority = (d: Driver): Driver => {
  d.state = { ...d.state, authority: { government: 'hz', decidingOrgan: 'hz', legalityReviewBody: 'hz-sfj' } };
  return d;
};

describe('Arts. 10, 11: the deciding organ decides to start the procedure and designates the undertaking unit', () => {
  it('a catalogued matter is started by its catalog item: the registering department drafts, and the organ may still record its decision', () => {
    expect(NATIONAL_BASELINE.startDecision).toEqual({ value: 'catalog', basis: art(3, 3) });
    const d = new Driver();
    expect(tasksOf(d, 'decideToStart')).toEqual([]);
    d.do(steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府', catalogRef: '2026-目录-07' } }));
    expect(d.state.initiation).toMatchObject({ proposal: { source: 'catalog', catalogRef: '2026-目录-07' }, undertakingUnit: UNIT, coUnits: [], by: actors.mayor.id });
    d.do(steps.draft());
    expect(new Driver().do(steps.draft()).state.drafts).toHaveLength(1);
  });

  it('a start on a catalog proposal names the item the decision was registered under, not another (第三条第三款)', () => {
    const d = new Driver();
    d.state = { ...d.state, catalogRef: '2026-目录-07' };
    expectRefused(d.try(steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府', catalogRef: '2026-目录-09' } })), 'INVALID_PAYLOAD', '第三条第三款', '按目录事项 2026-目录-07 登记');
    d.do(steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府', catalogRef: '2026-目录-07' } }));
    // A state carried over from a run that kept no item: the item is not known to the rules, so not compared.
    const before = new Driver();
    expect(before.state.catalogRef).toBeUndefined();
    expect(before.try(steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府', catalogRef: '2026-目录-09' } }))).toBeUndefined();
  });

  it('is the chief executive’s act, before the draft, once; a proposal comes researched and argued (Art. 10)', () => {
    const d = new Driver();
    expectRefused(d.try({ ...steps.start(), actor: actors.unit }), 'WRONG_ROLE', '第十条', '应当由行政首长办理');
    const bare = steps.start({ proposal: { source: 'department', proposer: UNIT } });
    expectRefused(d.try(bare), 'MISSING_DOCUMENT', '第十条', '必要性、可行性');
    expectRefused(d.try(steps.start({ proposal: { source: 'deputies', proposer: '市人大代表王某' } })), 'MISSING_DOCUMENT', '第十条', '交有关单位研究论证');
    expectRefused(d.try(steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府' } })), 'INVALID_PAYLOAD', '第三条第三款', 'proposal.catalogRef');
    expectRefused(d.try(steps.start({ proposal: { source: 'press', proposer: 'x' } as never })), 'INVALID_PAYLOAD', '第十条', 'proposal.source');
    expectRefused(d.try(steps.start({ undertakingUnit: 'hz-czj' })), 'INVALID_PAYLOAD', '第十一条', '应当由该单位登记');
    expectRefused(d.try(steps.start({ coUnits: [UNIT] })), 'INVALID_PAYLOAD', '第十一条', '牵头');
    d.do(steps.start());
    expectRefused(d.try(steps.start()), 'DUPLICATE', '第十一条');
    const drafting = new Driver().do(steps.draft());
    expectRefused(drafting.try(steps.start()), 'WRONG_STAGE', '第十一条', '应当在拟订决策草案之前');
  });

  it('the undertaking unit’s steps come from the lead unit designated, not from a co-unit nor any other (NOT_DESIGNATED)', () => {
    const d = new Driver().do(steps.start({ coUnits: ['hz-czj'] }));
    expect(d.state.initiation).toMatchObject({ undertakingUnit: UNIT, coUnits: ['hz-czj'] });
    const co = { ...actors.unit, id: 'u-cz', organisation: 'hz-czj' };
    const r = d.try({ ...steps.draft(), actor: co });
    expectRefused(r, 'NOT_DESIGNATED', '第十一条');
    expect(r!.zh).toBe(`hz-czj是决策机关明确的共同承办单位，决策草案的拟订等工作由牵头的决策承办单位（${UNIT}）负责办理`);
    const other = { ...actors.unit, id: 'u-9', organisation: 'hz-jyj' };
    expectRefused(d.try({ ...steps.draft(), actor: other }), 'NOT_DESIGNATED', '第十一条', `不是决策机关明确的决策承办单位（${UNIT}）`);
    // An office of the lead unit acts for it, by the office its official holds.
    const office = { ...actors.unit, id: 'u-ysc', organisation: 'hz-jtj-ysc' };
    d.do(withOffice({ ...steps.draft(), actor: office }, ['hz-jtj-ysc', 'office'], [UNIT, 'department'], ['hz', 'government']));
    expect(d.state.drafts).toHaveLength(1);
  });

  it('where the profile has the organ start each decision, nothing is drafted before it (第十条、第十一条), and the start is the organ’s task', () => {
    const d = new Driver(ORGAN_STARTS);
    expectRefused(d.try(steps.draft()), 'PREREQUISITE_MISSING', '第十条', '决策机关尚未决定启动本决策程序');
    expect(d.try(steps.draft())!.citations.join(' ')).toContain('第十一条');
    expect(openTasks(d.state, ORGAN_STARTS).map(({ role, action }) => ({ role, action }))).toEqual([{ role: 'chief_executive', action: 'decideToStart' }, { role: 'undertaking_unit', action: 'withdraw' }, { role: 'chief_executive', action: 'withdraw' }]);
    d.do(steps.start(), steps.draft());
    expect(tasksOf(d, 'decideToStart')).toEqual([]);
  });

  it('a decision under the rules before keeps them: no such step, drafting as before', () => {
    const d = new Driver(OLD);
    expectRefused(d.try(steps.start()), 'WRONG_STAGE', '第十条', '没有“决定启动决策程序并明确决策承办单位”这一步骤');
    d.do(steps.draft());
    expect(OLD.organStartsAndIssues).toBeUndefined();
    expect(SHANDONG.organStartsAndIssues).toBe(true);
  });
});

describe('Art. 31: the Party committee is reported to, or asked for instructions, and its reply recorded', () => {
  it('the report is the organ’s (its chief executive or general office), once decided; an objection holds the publication until reported again', () => {
    const d = decided();
    expectRefused(d.try({ ...steps.partyReport(), actor: actors.unit }), 'WRONG_ROLE', '第三十一条');
    expectRefused(d.try(steps.partyReply()), 'PREREQUISITE_MISSING', '第三十一条', '尚未向同级党委请示报告');
    d.do(steps.partyReport());
    expectRefused(d.try(steps.partyReport()), 'DUPLICATE', '第三十一条');
    expectRefused(d.try({ ...steps.partyReply(), actor: actors.unit }), 'WRONG_ROLE', '第三十一条');
    expectRefused(d.try(cmd('recordPartyCommitteeReply', actors.secretary, { replyHash: h('r'), outcome: 'objections' })), 'INVALID_PAYLOAD', '第三十一条', 'reasons');
    d.do(steps.partyReply('objections'));
    expect(d.state.partyReply).toMatchObject({ outcome: 'objections', by: actors.secretary.id });
    expectRefused(d.try(steps.publish()), 'PREREQUISITE_MISSING', '第三十一条', '提出了不同意见');
    expect(tasksOf(d, 'publish')).toEqual([]);
    expectRefused(d.try(steps.partyReply()), 'DUPLICATE', '第三十一条');
    // Not the same report sent again (statute tester: the decision was published seconds later, the objections unanswered).
    expectRefused(d.try(steps.partyReport()), 'INVALID_PAYLOAD', '第三十一条', '重新报告的材料应当说明意见的处理情况，不能与原报告相同');
    d.do(steps.partyReport(2));
    // Reported again, it waits for the committee's reply, as a request does: a new report alone had the text objected to
    // published (statute tester).
    expectRefused(d.try(steps.publish()), 'PREREQUISITE_MISSING', '第三十一条', '重新请示报告后，应当经同级党委答复同意');
    expect(tasksOf(d, 'publish')).toEqual([]);
    expect(tasksOf(d, 'recordPartyCommitteeReply')).toHaveLength(2);
    d.do(steps.partyReply('agreed'), steps.publish());
    expect(d.state.phase).toBe('published');
  });

  it('a decision registered before the rule is published on the new report, as it was', () => {
    const d = decided(reviewed(consulted(new Driver({ ...NATIONAL_BASELINE, partyObjectionsReplied: undefined }))));
    d.do(steps.partyReport(), steps.partyReply('objections'), steps.partyReport(2), steps.publish());
    expect(d.state.phase).toBe('published');
  });

  it('a report needs no reply to be published where the profile asks a report (the national baseline)', () => {
    expect(NATIONAL_BASELINE.partyCommittee).toEqual({ value: 'report', basis: art(31) });
    const d = decided().do(steps.partyReport(), steps.publish());
    expect(d.state.partyReply).toBeUndefined();
    // Not before the decision: the report is of the decision made.
    expectRefused(reviewed().try(steps.partyReport()), 'WRONG_STAGE', '第三十一条', '尚未在集体讨论的基础上作出决定');
  });

  it('the reply to a report that comes after the publication is recorded then, objections too, and not offered; the rules before refused it (statute tester: the reply was lost from the record)', () => {
    for (const archived of [false, true]) {
      const d = decided().do(steps.partyReport(), steps.publish(), ...(archived ? [steps.archive()] : []));
      expect(tasksOf(d, 'recordPartyCommitteeReply')).toEqual([]);
      d.do(steps.partyReply('objections'));
      expect(d.state.partyReply).toMatchObject({ outcome: 'objections', reasons: '票价调整幅度应当再作研究', by: actors.secretary.id });
      expect(d.state.phase).toBe(archived ? 'execution' : 'published');
      expectRefused(d.try(steps.partyReply()), 'DUPLICATE', '第三十一条');
    }
    const before = decided(reviewed(consulted(new Driver({ ...NATIONAL_BASELINE, partyReplyAfterIssue: undefined })))).do(steps.partyReport(), steps.publish());
    expectRefused(before.try(steps.partyReply()), 'WRONG_STAGE', '第三十一条');
  });

  it('where the profile asks a request (请示): before the discussion, and the publication waits for a reply that agrees', () => {
    const d = reviewed(consulted(new Driver(REQUEST)));
    expectRefused(d.try(steps.discussion(discussionMaterials(d.state))), 'PREREQUISITE_MISSING', '第三十一条', '集体讨论前应当先向同级党委请示');
    expect(tasksOf(d, 'reportToPartyCommittee')).toEqual([{ role: 'chief_executive', action: 'reportToPartyCommittee' }, { role: 'meeting_secretary', action: 'reportToPartyCommittee' }]);
    d.do({ ...steps.partyReport(), actor: actors.secretary }, steps.discussion(discussionMaterials(d.state)), steps.decide());
    expectRefused(d.try(steps.publish()), 'PREREQUISITE_MISSING', '第三十一条', 'recordPartyCommitteeReply');
    expect(tasksOf(d, 'recordPartyCommitteeReply')).toHaveLength(2);
    d.do(steps.partyReply('agreed'), steps.publish());
    expect(d.state.phase).toBe('published');
  });

  it('a decision under the rules before keeps them: the unit may report, no reply step, published on the report', () => {
    const d = decided(reviewed(consulted(new Driver(OLD))));
    d.do({ ...steps.partyReport(), actor: actors.unit });
    expectRefused(d.try(steps.partyReply()), 'WRONG_STAGE', '第三十一条', '没有“记录同级党委的答复”这一步骤');
    d.do(steps.publish(undefined, actors.unit));
  });
});

describe('Art. 32: the deciding organ publishes the decision, not the undertaking unit', () => {
  const reported = () => decided().do(steps.partyReport());

  it('refuses the undertaking unit, citing 第三十二条; the general office or the chief executive publishes', () => {
    const d = reported();
    expectRefused(d.try(steps.publish(undefined, actors.unit)), 'WRONG_ROLE', '第三十二条', '公布决策应当由政府办公厅（会议秘书）或者行政首长办理，不能由决策承办单位办理');
    expect(tasksOf(d, 'publish')).toEqual([{ role: 'meeting_secretary', action: 'publish' }, { role: 'chief_executive', action: 'publish' }]);
    d.do(steps.publish(undefined, actors.mayor));
    expect(d.state.phase).toBe('published');
    expect(d.state.timeline.at(-1)).toMatchObject({ action: 'publish', actor: { id: actors.mayor.id } });
  });

  it('by office: the organ’s general office is allowed; the same role claimed in the undertaking department is refused', () => {
    const d = withAuthority(reported());
    const inUnit = { ...actors.secretary, id: 's-jtj', organisation: UNIT };
    const r = d.try(withOffice(steps.publish(undefined, inUnit), [UNIT, 'department'], ['hz', 'government']));
    expect(r?.code).toBe('WRONG_OFFICE');
    d.do(withOffice(steps.publish(), ['hz-bgt', 'general_office'], ['hz', 'government']));
    expect(d.state.phase).toBe('published');
  });

  it('a decision under the rules before is published by its undertaking unit, as it was', () => {
    const d = decided(reviewed(consulted(new Driver(OLD)))).do(steps.partyReport());
    expectRefused(d.try(steps.publish()), 'WRONG_ROLE', '第三十二条', '应当由决策承办单位办理');
    d.do(steps.publish(undefined, actors.unit));
  });
});

describe('Art. 34: the deciding organ supervises the execution', () => {
  const report = (problem: boolean) => cmd('submitExecutionReport', actors.executor, { reportHash: h(`exec-${String(problem)}`), problem });

  it('only once the execution unit is designated; the organ’s, not the undertaking unit’s', () => {
    const d = executing();
    expectRefused(d.try(steps.supervise()), 'PREREQUISITE_MISSING', '第三十四条', '尚未明确决策执行单位');
    d.do(steps.designate());
    expectRefused(d.try({ ...steps.supervise(), actor: actors.unit }), 'WRONG_ROLE', '第三十四条');
    expectRefused(d.try(steps.supervise({ units: ['hz-czj'] })), 'NOT_DESIGNATED', '第三十四条', 'hz-czj不是决策机关明确的决策执行单位');
    expectRefused(d.try(steps.supervise({ correction: { order: '' } })), 'INVALID_PAYLOAD', '第三十四条', 'correction.order');
    expectRefused(d.try(steps.supervise({ correction: { order: '按期整改', dueBy: '2020-01-01T00:00:00+08:00' } })), 'INVALID_PAYLOAD', '第三十四条', '将来的日期');
    d.do(steps.supervise({ units: ['hz-gjjt'], correction: { order: '按期报告执行情况', dueBy: '2027-06-30T17:00:00+08:00' } }), { ...steps.supervise(), actor: actors.mayor });
    expect(d.state.supervisions).toMatchObject([{ units: ['hz-gjjt'], correction: { order: '按期报告执行情况', dueBy: Date.parse('2027-06-30T09:00:00Z') }, by: actors.secretary.id }, { by: actors.mayor.id }]);
  });

  it('the date it orders a correction by is a time limit the units’ report meets, overdue past it; the rules before kept it untracked (statute tester)', () => {
    const order = (dueBy: string) => steps.supervise({ units: ['hz-gjjt'], correction: { order: '限期整改票价公示', dueBy } });
    const now = executing().do(steps.designate()).now;
    const soon = new Date(now + 3 * 86_400_000).toISOString();
    const d = executing().do(steps.designate(), order(soon));
    const due = d.state.deadlines.find((x) => x.id.startsWith('correction-'))!;
    expect(due).toMatchObject({ type: 'maximum', status: 'running', basis: art(34), label: expect.stringContaining('责令纠正的期限') });
    expect(openTasks(d.state, d.profile).find((t) => t.action === 'submitExecutionReport')).toBeDefined();
    expect(taskDeadline('submitExecutionReport', d.state.deadlines)?.id).toBe(due.id);
    // Past it, without a report: overdue.
    d.advance(4 * 86_400_000);
    expect(isOverdue(d.state)).toBe(true);
    expect(d.state.deadlines.find((x) => x.id === due.id)!.status).not.toBe('running');
    // Reported in time, met.
    const met = executing().do(steps.designate(), order(soon), report(true));
    expect(met.state.deadlines.find((x) => x.id.startsWith('correction-'))!.status).toBe('met');
    met.advance(4 * 86_400_000);
    expect(isOverdue(met.state)).toBe(false);
    // Under the rules before: no time limit.
    expect(executing(reviewed(consulted(new Driver({ ...NATIONAL_BASELINE, correctionDue: undefined })))).do(steps.designate(), order(soon)).state.deadlines.some((x) => x.id.startsWith('correction-'))).toBe(false);
  });

  it('its units report and the organ supervises once it is published, before it is archived; the rules before waited for the archive (statute tester)', () => {
    const published = (profile = NATIONAL_BASELINE) => decided(reviewed(consulted(new Driver(profile)))).do(steps.partyReport(), steps.publish(undefined, publisherUnder(profile)), steps.designate());
    const d = published();
    expect(d.state.phase).toBe('published');
    d.do(report(true), steps.supervise());
    expect(d.state.executionReports).toHaveLength(1);
    const before = published({ ...NATIONAL_BASELINE, executionFromPublication: undefined });
    expect(before.try(report(true))?.code).toBe('WRONG_STAGE');
  });

  it('is the organ’s task while the unit has not reported, or has reported a problem not yet looked into', () => {
    const d = executing().do(steps.designate());
    expect(tasksOf(d, 'superviseExecution')).toEqual([{ role: 'chief_executive', action: 'superviseExecution' }, { role: 'meeting_secretary', action: 'superviseExecution' }]);
    d.do(report(false));
    expect(tasksOf(d, 'superviseExecution')).toEqual([]);
    d.do(report(true));
    expect(tasksOf(d, 'superviseExecution')).toHaveLength(2);
    d.do(steps.supervise());
    expect(tasksOf(d, 'superviseExecution')).toEqual([]);
    // Still the organ's to take at any time, and while an adjustment runs.
    d.do(steps.adjust('adjust', '执行中发现问题'), steps.supervise());
    expect(d.state.supervisions).toHaveLength(2);
  });

  it('a decision under the rules before has no such step', () => {
    const d = executing(reviewed(consulted(new Driver(OLD))));
    expectRefused(d.try(steps.supervise()), 'WRONG_STAGE', '第三十四条', '没有“督促检查决策执行情况”这一步骤');
  });
});
