import { actors, cmd, DAY, discussionMaterials, h, steps, UNIT } from '../../../test/support/procedure';
import { Driver } from '../../../test/support/driver';
import type { Actor } from './roles';
import type { Command } from './commands';
import { NATIONAL_BASELINE, profileAsKeptBefore, PROFILES } from './profiles';
import type { Refusal } from './refusal';
import type { Applicability } from './state';
import { openTasks } from './tasks';

/**
 * The consultation the decree names (the profile's `consultation`): the units whose duties the matter concerns, and the
 * disagreement stated to the organ (Arts. 13, 29); special groups (Art. 14 para. 3); the people's congress (Art. 8);
 * opinions received during execution (Art. 35 para. 2).
 */

function expectRefused(r: Refusal | undefined, code: string, zhArticles: string[], zh?: string) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  for (const a of zhArticles) expect(r!.citations.join(' ')).toContain(a);
  expect(r!.message.indexOf('（')).toBeGreaterThan(0); // Chinese first
  if (zh) expect(r!.zh).toContain(zh);
}
const OLD = profileAsKeptBefore('national')!;
const tasksOf = (d: Driver, action: string) => openTasks(d.state, d.profile).filter((t) => t.action === action);

/** The declaration of the stages that apply, with what the consultation adds. */
function declare(extra: Partial<Applicability>, o: Parameters<typeof steps.applicability>[0] = {}): Command {
  const c = steps.applicability(o);
  return { ...c, payload: { ...c.payload, ...extra } } as Command;
}

/** Drafted and declared, the comment period closed; `during`: steps taken while the draft is consulted on. */
function commented(extra: Partial<Applicability>, during: Command[] = [], d = new Driver()): Driver {
  d.do(steps.draft(), declare(extra), ...during, steps.openComment(), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
  return d.advance(31 * DAY).do(steps.closeComment());
}
/** … the opinions reported on and the experts heard. */
const consultedWith = (extra: Partial<Applicability>, during: Command[] = [], d = new Driver()) =>
  commented(extra, during, d).do(steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
/** … and found lawful. */
const reviewedWith = (extra: Partial<Applicability>, during: Command[] = [], driver = new Driver()) => {
  const d = consultedWith(extra, during, driver).do(steps.submitReview(), steps.legalOpinion());
  return d.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
};
const decidedWith = (extra: Partial<Applicability>, during: Command[] = []) => {
  const d = reviewedWith(extra, during);
  return d.do(steps.discussion(discussionMaterials(d.state)), steps.decide(), steps.partyReport());
};

describe('the profile rule', () => {
  it('is on in the national baseline and every profile built on it, and stripped for decisions made before', () => {
    for (const p of Object.values(PROFILES)) expect(p.consultation).toBe(true);
    expect(OLD.consultation).toBeUndefined();
  });
});

describe('Art. 13: the units whose duties the matter concerns are consulted; a disagreement left is stated to the organ', () => {
  it('a unit declared concerned is consulted before the legality review (第十三条), and is the undertaking unit’s task until it is', () => {
    const d = consultedWith({ unitsConcerned: ['hz-czj'] });
    expect(tasksOf(d, 'consultDepartment')).toEqual([{ role: 'undertaking_unit', action: 'consultDepartment' }]);
    expectRefused(d.try(steps.submitReview()), 'PREREQUISITE_MISSING', ['第十三条'], '决策事项涉及hz-czj的职责或者与其关系紧密，决策承办单位应当与其充分协商');
    d.do(steps.consultDepartment(true));
    expect(tasksOf(d, 'consultDepartment')).toEqual([]);
    d.do(steps.submitReview());
    expect(d.state.unitConsultations).toMatchObject([{ unit: 'hz-czj', agreed: true, cycle: 1, draftVersion: 1, by: actors.unit.id }]);
  });

  it('records who was consulted, what they said and the points in dispute; not the unit itself, not by another role', () => {
    const d = new Driver().do(steps.draft());
    expectRefused(d.try(cmd('consultDepartment', actors.unit, { unit: 'hz-czj', opinionHash: h('o'), agreed: false })), 'INVALID_PAYLOAD', ['第十三条'], 'disputedIssues');
    expectRefused(d.try(steps.consultDepartment(true, UNIT)), 'INVALID_PAYLOAD', ['第十三条'], '是决策承办单位本身');
    expectRefused(d.try({ ...steps.consultDepartment(), actor: actors.reviewer }), 'WRONG_ROLE', ['第十三条']);
    expectRefused(d.try(declare({ unitsConcerned: [UNIT] })), 'INVALID_PAYLOAD', ['第十三条'], 'unitsConcerned');
    expectRefused(d.try(declare({ unitsConcerned: ['hz-czj', 'hz-czj'] })), 'INVALID_PAYLOAD', ['第十三条'], '不得重复');
    // A unit not declared may be consulted too (关系紧密的).
    d.do(steps.consultDepartment(false, 'hz-gtj'));
    expect(d.state.unitConsultations).toMatchObject([{ unit: 'hz-gtj', agreed: false, disputedIssues: expect.stringContaining('票价补贴') }]);
  });

  it('a disagreement left unresolved goes to the organ with the Art. 29 materials: the discussion is refused without its statement (第十三条、第二十九条)', () => {
    const d = reviewedWith({ unitsConcerned: ['hz-czj'] }, [steps.consultDepartment(false)]);
    const r = d.try(steps.discussion(discussionMaterials(d.state)));
    expectRefused(r, 'MISSING_DOCUMENT', ['第十三条', '第二十九条'], '决策承办单位与hz-czj不能取得一致意见，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据');
    expect(r!.zh).toContain('materials.disagreementHash');
    d.do(steps.discussion(Object.assign(discussionMaterials(d.state), { disagreementHash: h('disagreement-statement') })));
    expect(d.state.discussion).toMatchObject({ disagreementHash: h('disagreement-statement') });
  });

  it('a disagreement resolved by consulting again needs no statement', () => {
    const d = reviewedWith({ unitsConcerned: ['hz-czj'] }, [steps.consultDepartment(false), steps.consultDepartment(true, 'hz-czj', 2)]);
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide());
    expect(d.state.discussion?.disagreementHash).toBeUndefined();
  });

  it('a decision under the rules before has no such step nor declaration, and its materials no such statement', () => {
    const d = new Driver(OLD).do(steps.draft());
    expectRefused(d.try(steps.consultDepartment()), 'WRONG_STAGE', ['第十三条'], '没有“与有关部门、单位协商并记录其意见”这一步骤');
    expectRefused(d.try(declare({ unitsConcerned: ['hz-czj'] })), 'INVALID_PAYLOAD', ['第十三条'], '本决策按登记时的规则办理');
  });
});

describe('Art. 14 para. 3: a special group whose interests the matter concerns is talked with', () => {
  it('before the adoption report (第十四条第三款), through its representatives among others; then the report', () => {
    const d = commented({ specialGroups: ['残疾人'] });
    expect(tasksOf(d, 'consultSpecialGroup')).toEqual([{ role: 'undertaking_unit', action: 'consultSpecialGroup' }]);
    expectRefused(d.try(steps.adoptionReport()), 'PREREQUISITE_MISSING', ['第十四条第三款'], '尚未与残疾人沟通协商');
    expectRefused(d.try(steps.consultGroup('残疾人', ['people_organisation', 'social_organisation'])), 'PREREQUISITE_MISSING', ['第十四条第三款'], '群众代表');
    expectRefused(d.try(steps.consultGroup('老年人')), 'INVALID_PAYLOAD', ['第十四条第三款'], '不是确定适用的决策程序时载明的特定群体');
    expectRefused(d.try(cmd('consultSpecialGroup', actors.unit, { group: '残疾人', with: [], recordHash: h('g') })), 'INVALID_PAYLOAD', ['第十四条第三款'], 'with');
    d.do(steps.consultGroup('残疾人'), steps.adoptionReport());
    expect(tasksOf(d, 'consultSpecialGroup')).toEqual([]);
    expect(d.state.groupConsultations).toMatchObject([{ group: '残疾人', with: [{ kind: 'people_organisation' }, { kind: 'representatives' }], by: actors.unit.id }]);
  });

  it('a matter not disclosed, without public participation, still talks with the group before the legality review', () => {
    const d = new Driver().do(steps.draft(), declare({ specialGroups: ['出租车司机'] }, { pp: false, expert: false, risk: false }));
    expectRefused(d.try(steps.submitReview()), 'PREREQUISITE_MISSING', ['第十四条第三款'], '不能送请合法性审查');
    d.do(steps.consultGroup('出租车司机', ['representatives']), steps.submitReview());
  });

  it('no group declared: no such step; the rules before: no such declaration', () => {
    expectRefused(new Driver().do(steps.draft(), steps.applicability()).try(steps.consultGroup()), 'PREREQUISITE_MISSING', ['第十四条第三款'], 'specialGroups');
    expectRefused(new Driver(OLD).do(steps.draft()).try(declare({ specialGroups: ['残疾人'] })), 'INVALID_PAYLOAD', ['第十四条第三款']);
  });
});

describe('Art. 8: a matter of the people’s congress is published only once handled as the rules provide', () => {
  it('a matter it decides: not published before the congress or its standing committee approved it (第八条)', () => {
    const d = decidedWith({ peoplesCongress: 'decide' });
    expectRefused(d.try(steps.publish(d.state)), 'PREREQUISITE_MISSING', ['第八条'], '尚未记录其讨论决定（recordCongressAction）');
    expect(tasksOf(d, 'publish')).toEqual([]);
    expect(tasksOf(d, 'recordCongressAction')).toEqual([{ role: 'chief_executive', action: 'recordCongressAction' }, { role: 'meeting_secretary', action: 'recordCongressAction' }]);
    expectRefused(d.try(steps.congress(undefined, 'congress')), 'INVALID_PAYLOAD', ['第八条'], 'outcome');
    expectRefused(d.try({ ...steps.congress('approved'), actor: actors.unit }), 'WRONG_ROLE', ['第八条']);
    d.do(steps.congress('not_approved', 'congress'));
    expectRefused(d.try(steps.publish(d.state)), 'PREREQUISITE_MISSING', ['第八条'], '未予同意');
    d.do(steps.congress('approved', 'congress'));
    expectRefused(d.try(steps.congress('approved')), 'DUPLICATE', ['第八条']);
    d.do(steps.publish(d.state));
    expect(d.state.congressActions).toMatchObject([{ outcome: 'not_approved' }, { body: 'congress', outcome: 'approved', by: actors.secretary.id }]);
  });

  it('a matter the congress did not approve may be withdrawn by the organ, by its chief executive; a decision it may still issue may not (statute tester: decided for good)', () => {
    const d = decidedWith({ peoplesCongress: 'decide' });
    const withdraw = (actor: Actor = actors.mayor) => cmd('withdraw', actor, { reason: '人大常委会未予同意，不再提请' });
    // Not before the congress has said no: a decision made stands (Art. 37).
    expectRefused(d.try(withdraw()), 'WRONG_STAGE', ['第三十七条'], '决策已经作出');
    d.do(steps.congress('not_approved', 'congress'));
    // No one executes it meanwhile (testers: a unit designated after the congress said no), nor is it offered.
    expectRefused(d.try(steps.designate()), 'PREREQUISITE_MISSING', ['第八条', '第三十四条'], '决策不能出台，不能明确决策执行单位');
    expect(tasksOf(d, 'designateExecutionUnit')).toEqual([]);
    expectRefused(d.try(withdraw(actors.unit)), 'WRONG_ROLE', ['第八条'], '由决策机关行政首长决定');
    d.do(withdraw());
    expect(d.state).toMatchObject({ phase: 'closed', closedReason: 'withdrawn' });
  });

  it('a matter reported to the standing committee before it is issued: published once the report is recorded', () => {
    const d = decidedWith({ peoplesCongress: 'report' });
    expectRefused(d.try(steps.publish(d.state)), 'PREREQUISITE_MISSING', ['第八条'], '应当在出台前向本级人民代表大会常务委员会报告');
    expectRefused(d.try(steps.congress(undefined, 'congress')), 'INVALID_PAYLOAD', ['第八条'], 'standing_committee');
    expectRefused(d.try(steps.congress('approved')), 'INVALID_PAYLOAD', ['第八条'], '不载明是否同意');
    d.do(steps.congress());
    expectRefused(d.try(steps.congress()), 'DUPLICATE', ['第八条']);
    d.do(steps.publish(d.state));
    expect(d.state.phase).toBe('published');
  });

  it('recorded on the decision the organ made to adopt the draft, its changes found lawful: not before the meeting decided, nor on a decision to study it further (statute tester: an approval before the meeting carried a revised text to publication)', () => {
    const d = reviewedWith({ peoplesCongress: 'decide' });
    const early = d.try(steps.congress('approved', 'congress'));
    expectRefused(early, 'WRONG_STAGE', ['第八条', '第三十条'], '决策机关尚未作出通过的决定');
    // The rules the decisions made before kept: taken then.
    const before = reviewedWith({ peoplesCongress: 'decide' }, [], new Driver({ ...NATIONAL_BASELINE, congressOnDecision: undefined }));
    expect(before.try(steps.congress('approved', 'congress'))).toBeUndefined();

    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide('further_study', { reasons: '进一步研究' }));
    // Back to drafting: the draft is revised and goes through the procedure again before any congress hears of it.
    expect(d.state.phase).toBe('drafting');
    expect(d.try(steps.congress('approved', 'congress'))?.code).toBe('WRONG_STAGE');
    expect(tasksOf(d, 'recordCongressAction')).toEqual([]);
  });

  it('a text adopted with changes goes to the congress once the changes are found lawful, and what it did names that decision', () => {
    const d = reviewedWith({ peoplesCongress: 'decide' });
    const changed = h('draft-1 as changed at the meeting');
    d.do(steps.discussion(discussionMaterials(d.state)), steps.decide('adopt_with_changes', { changesHash: h('changes'), adoptedTextHash: changed }), steps.partyReport());
    expectRefused(d.try(steps.congress('approved', 'congress')), 'TEXT_MISMATCH', ['第二十五条', '第八条'], '认为合法后方可提请人民代表大会或者其常务委员会讨论决定');
    d.do(steps.changesOpinion(), steps.reviewChanges(changed), steps.congress('approved', 'congress'));
    const decided = d.state.timeline.filter((e) => e.action === 'decide').at(-1)!.seq;
    expect(d.state.congressActions).toMatchObject([{ outcome: 'approved', decided }]);
    d.do(steps.publish(d.state));
  });

  it('a matter not declared has no such step and is published as before', () => {
    const d = decidedWith({});
    expectRefused(d.try(steps.congress()), 'PREREQUISITE_MISSING', ['第八条'], 'peoplesCongress');
    expect(tasksOf(d, 'recordCongressAction')).toEqual([]);
    d.do(steps.publish(d.state));
  });
});

describe('Art. 35 para. 2: opinions received during execution are recorded with their handling', () => {
  const executing = () => decidedWith({}).do(steps.publish(), steps.archive());

  it('by the designated execution unit or the organ, from publication on, while suspended and while an adjustment runs; never a task', () => {
    const published = decidedWith({}).do(steps.publish());
    published.do(steps.feedback(actors.secretary));
    const d = executing();
    expectRefused(d.try(steps.feedback()), 'PREREQUISITE_MISSING', ['第三十四条'], '不能记录其收到的意见建议');
    d.do(steps.designate(), steps.feedback(), steps.feedback(actors.mayor));
    expectRefused(d.try(steps.feedback({ ...actors.executor, id: 'x-9', organisation: 'hz-czj' })), 'NOT_DESIGNATED', ['第三十四条'], '不能记录本决策实施中收到的意见建议');
    expectRefused(d.try(steps.feedback(actors.unit)), 'WRONG_ROLE', ['第三十五条第二款']);
    expectRefused(d.try(cmd('recordPublicFeedback', actors.executor, { channel: 'fax' as never, feedbackHash: h('f'), handling: 'x' })), 'INVALID_PAYLOAD', ['第三十五条第二款'], 'channel');
    expectRefused(d.try(cmd('recordPublicFeedback', actors.executor, { channel: 'email', feedbackHash: h('f'), handling: '' })), 'INVALID_PAYLOAD', ['第三十五条第二款'], 'handling');
    expect(tasksOf(d, 'recordPublicFeedback')).toEqual([]);
    d.do(steps.suspend('来信反映的问题需要核实'), steps.feedback());
    d.do(cmd('resumeExecution', actors.mayor, { reason: '已核实' }), steps.adjust('adjust', '意见较多'), steps.feedback());
    expect(d.state.publicFeedback).toHaveLength(4);
    expect(d.state.publicFeedback![0]).toMatchObject({ channel: 'letter', by: actors.executor.id, role: 'execution_unit', organisation: 'hz-gjjt' });
    // Its handling's words are the step's entry's, not carried in the state (carried.ts).
    expect(d.state.publicFeedback![0]).not.toHaveProperty('handling');
    expect(d.state.timeline.filter((t) => t.action === 'recordPublicFeedback').map((t) => t.articles)).toEqual(Array(4).fill(['decree-713:35']));
  });

  it('not before publication; a decision under the rules before has no such step', () => {
    expectRefused(decidedWith({}).try(steps.feedback(actors.secretary)), 'WRONG_STAGE', []);
    const d = new Driver(OLD);
    expectRefused(d.try(steps.feedback(actors.mayor)), 'WRONG_STAGE', ['第三十五条第二款'], '没有“记录决策实施中收到的意见建议及其处理”这一步骤');
    expect(NATIONAL_BASELINE.consultation).toBe(true);
  });
});
