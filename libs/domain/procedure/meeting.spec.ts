import { actors, cmd, DAY, discussionMaterials, steps } from '../../../test/support/procedure';
import { consulted, Driver, reviewed } from '../../../test/support/driver';
import type { OfficeHeld } from '../authority/offices';
import type { PathStep } from '../authority/organisations';
import { formatCitation } from './articles';
import type { Actor } from './roles';
import type { Command, Payloads } from './commands';
import { isOverdue, tick } from './deadlines';
import { NATIONAL_BASELINE, profileAsKeptBefore, SHANDONG } from './profiles';
import type { Refusal } from './refusal';
import { openTasks, taskDeadline } from './tasks';

/**
 * The meeting and the record of it (Arts. 30, 38, 42): the minutes record who spoke in which order, the chief executive
 * last, each view confirmed by its member and dissent in its words; the meeting is the deciding organ's own kind; a
 * postponement's review date is a time limit, and a decision left undecided past it is overdue (久拖不决).
 */

const OLD = profileAsKeptBefore('national')!;
type Minutes = Payloads['recordDiscussion'];

function expectRefused(r: Refusal | undefined, code: string, article: string, zh?: string) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  expect(r!.citations.join(' ')).toContain(article);
  expect(r!.message.indexOf('（')).toBeGreaterThan(0); // Chinese first, the English beside it
  if (zh) expect(r!.zh).toContain(zh);
}
/** The standard minutes of the decision on the table, changed as the test needs. */
function minutes(d: Driver, change: (p: Minutes) => void = () => undefined, views?: Parameters<typeof steps.discussion>[1]): Command {
  const c = steps.discussion(discussionMaterials(d.state), views);
  const p = JSON.parse(JSON.stringify(c.payload)) as Minutes;
  change(p);
  return { ...c, payload: p } as Command;
}
const member = (p: Minutes, id: string) => p.members.find((m) => m.id === id)!;

describe('Arts. 25, 30: the meeting sat after the legality opinion, and before the minutes record it, by the decision’s clock', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it('refuses a meeting dated after the decision’s now (a meeting not yet held), naming meeting.date and 第三十条', () => {
    const d = reviewed();
    const r = d.try(minutes(d, (p) => (p.meeting.date = iso(d.now + 60_000))));
    expectRefused(r, 'INVALID_PAYLOAD', '第三十条', 'meeting.date：会议时间');
    expect(r!.zh).toContain('晚于本决策此时的时间');
    // The fixed day the tests once used is in the future of a decision whose clock stands in April 2026.
    expectRefused(d.try(minutes(d, (p) => (p.meeting.date = '2026-12-01T09:00:00+08:00'))), 'INVALID_PAYLOAD', '第三十条', '2026-12-01 09:00（北京时间）');
    expect(d.state.discussion).toBeUndefined();
  });

  it('refuses a meeting dated before the legality review’s opinion, citing 第二十五条 and 第三十条', () => {
    const d = reviewed();
    const opinion = d.state.legality!.opinion!.at;
    const r = d.try(minutes(d, (p) => (p.meeting.date = iso(opinion - 60_000))));
    expectRefused(r, 'INVALID_PAYLOAD', '第二十五条', '早于合法性审查意见出具的时间');
    expect(r!.citations.join(' ')).toContain('第三十条');
  });

  it('says two times as precisely as it takes to tell them apart: to the minute, the second or the millisecond (fresh-eyes tester: 07:57 早于 07:57)', () => {
    const d = reviewed();
    d.advance(DAY + 30_500); // the decision's clock mid-minute, mid-second
    const shown = (ms: number, length: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, length).replace('T', ' ')}（北京时间）`;
    for (const [after, length] of [[60_000, 16], [1_000, 19], [300, 23]] as const) {
      const held = d.now + after;
      const r = d.try(minutes(d, (p) => (p.meeting.date = iso(held))));
      expectRefused(r, 'INVALID_PAYLOAD', '第三十条');
      const [, said, nowSaid] = /会议时间(.+?)晚于本决策此时的时间(.+?)；/.exec(r!.zh)!;
      expect([said, nowSaid]).toEqual([shown(held, length), shown(d.now, length)]);
      expect(said).not.toBe(nowSaid);
    }
  });

  it('accepts any time from the opinion to now, the clock being the decision’s (a time-skipped workflow’s), not the wall’s', () => {
    const d = reviewed();
    const opinion = d.state.legality!.opinion!.at;
    d.advance(3 * DAY);
    expect(d.try(minutes(d, (p) => (p.meeting.date = iso(d.now + 1))))?.code).toBe('INVALID_PAYLOAD');
    d.do(minutes(d, (p) => (p.meeting.date = iso(opinion + DAY))));
    expect(d.state.discussion!.meeting.date).toBe(opinion + DAY);
    // The helper's own date is the decision's clock as its state showed it.
    const e = reviewed();
    e.do(steps.discussion(discussionMaterials(e.state)));
    expect(e.state.discussion!.meeting.date).toBe(e.state.legality!.opinion!.at);
  });

  it('leaves a decision that kept its rules from before as it was: its minutes’ date is not checked', () => {
    const d = reviewedUnder(OLD);
    d.do(minutes(d, (p) => (p.meeting.date = '2099-12-01T09:00:00+08:00')));
    expect(d.state.discussion!.meeting.date).toBe(Date.parse('2099-12-01T09:00:00+08:00'));
  });
});

describe('Art. 30: the minutes record who spoke in which order, the chief executive last', () => {
  it('accepts and keeps the order, the chief executive, each member’s own confirmation and dissent in its words', () => {
    const d = reviewed();
    d.do(minutes(d));
    const s = d.state.discussion!;
    expect(s.meeting.chiefExecutiveId).toBe(actors.mayor.id);
    expect(s.speakingOrder).toEqual([actors.deputy.id, 'm-3', actors.mayor.id]);
    expect(s.members.find((m) => m.id === 'm-3')).toMatchObject({ view: 'disagree', statement: '票价上调幅度过大 (the fare rise is too steep)', confirmation: { confirmed: true, by: 'm-3' } });
    d.do(steps.decide('adopt'));
    expect(d.state.phase).toBe('decided');
  });

  it('refuses minutes without the speaking order, or without the chief executive named, citing 第三十条', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, (p) => delete p.speakingOrder)), 'MINUTES_INCOMPLETE', '第三十条', '发言顺序');
    expectRefused(d.try(minutes(d, (p) => (p.speakingOrder = []))), 'MINUTES_INCOMPLETE', '第三十条', '发言顺序');
    expectRefused(d.try(minutes(d, (p) => delete p.meeting.chiefExecutiveId)), 'MINUTES_INCOMPLETE', '第三十条', '行政首长');
    expectRefused(d.try(minutes(d, (p) => (p.meeting.chiefExecutiveId = 'm-4'))), 'PREREQUISITE_MISSING', '第三十条', '出席会议');
    expect(d.state.discussion).toBeUndefined();
  });

  it('refuses minutes that put the chief executive other than last, naming who spoke last', () => {
    const d = reviewed();
    const r = d.try(minutes(d, (p) => (p.speakingOrder = [actors.mayor.id, actors.deputy.id, 'm-3'])));
    expectRefused(r, 'MINUTES_INCOMPLETE', '第三十条', '行政首长最后发表意见');
    expect(r!.zh).toContain('最后发言的是秘书长（m-3）');
  });

  it('every member present speaks once, and only members present', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, (p) => (p.speakingOrder = [actors.deputy.id, actors.mayor.id]))), 'MINUTES_INCOMPLETE', '第三十条', '没有出席的m-3');
    expectRefused(d.try(minutes(d, (p) => (p.speakingOrder = [actors.deputy.id, 'm-3', 'm-4', actors.mayor.id]))), 'MINUTES_INCOMPLETE', '第三十条', 'm-4不是出席会议的组成人员');
    expectRefused(d.try(minutes(d, (p) => (p.speakingOrder = [actors.deputy.id, 'm-3', actors.deputy.id, actors.mayor.id]))), 'MINUTES_INCOMPLETE', '第三十条', '出现不止一次');
  });

  it('lists each member once: one person, one view, one count (fresh-eyes tester: a member listed twice was accepted)', () => {
    const d = reviewed();
    const r = d.try(minutes(d, (p) => { p.members.push({ ...member(p, 'm-3') }); p.membersTotal += 1; }));
    expectRefused(r, 'INVALID_PAYLOAD', '第三十条', '会议组成人员m-3被列出不止一次');
    expect(d.state.discussion).toBeUndefined();
  });

  it('each member’s view is confirmed by that member, not by the secretary', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, (p) => delete member(p, 'm-3').confirmation)), 'MINUTES_INCOMPLETE', '第三十条', '秘书长（m-3）的意见未经本人确认');
    expectRefused(d.try(minutes(d, (p) => (member(p, 'm-3').confirmation = { confirmed: false, by: 'm-3' }))), 'MINUTES_INCOMPLETE', '第三十条', '未经本人确认');
    expectRefused(d.try(minutes(d, (p) => (member(p, 'm-3').confirmation = { confirmed: true, by: actors.secretary.id }))), 'MINUTES_INCOMPLETE', '第三十条', `由${actors.secretary.id}确认，不是本人`);
    expectRefused(d.try(minutes(d, (p) => (member(p, 'm-3').confirmation = { confirmed: 'yes', by: 'm-3' } as never))), 'INVALID_PAYLOAD', '第三十条');
    // An absent member has no view to confirm.
    d.do(minutes(d));
  });

  it('dissent is recorded in its words: a view against or reserved without its statement is refused', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, (p) => delete member(p, 'm-3').statement)), 'INVALID_PAYLOAD', '第三十条', 'members.2.statement');
    expectRefused(d.try(minutes(d, (p) => (member(p, 'm-3').statement = '  '), ['agree', 'agree', 'reserve'])), 'INVALID_PAYLOAD', '第三十条', 'members.2.statement');
    expectRefused(d.try(minutes(d, (p) => delete member(p, 'm-3').statement, ['agree', 'agree', 'reserve'])), 'INVALID_PAYLOAD', '第三十条', 'members.2.statement');
    d.do(minutes(d, undefined, ['agree', 'agree', 'reserve']));
    expect(d.state.discussion!.members[2]).toMatchObject({ view: 'reserve', statement: '票价上调幅度过大 (the fare rise is too steep)' });
  });
});

describe('Art. 30: the chief executive named in the minutes decides, explaining at the meeting a decision against the majority', () => {
  it('only the chief executive the minutes name decides', () => {
    const d = reviewed();
    d.do(minutes(d));
    expectRefused(d.try(cmd('decide', actors.deputy, { outcome: 'adopt' })), 'WRONG_ROLE', '第三十条', '会议记录载明的行政首长市长（m-1）');
    d.do(steps.decide('adopt'));
  });

  it('reasons are required only against the majority (Art. 30 para. 2), and must have been given at the meeting', () => {
    const d = reviewed();
    d.do(minutes(d, (p) => delete member(p, actors.mayor.id).statement, ['abstain', 'disagree', 'disagree']));
    expectRefused(d.try(steps.decide('adopt')), 'REASON_REQUIRED', '第三十条', '会上说明理由');
    expectRefused(d.try(steps.decide('adopt', { reasons: '民生急需' })), 'REASON_REQUIRED', '第三十条', '会议记录中没有行政首长的发言');
    // With the majority, no reasons are needed.
    expect(d.try(steps.decide('not_adopt', { reasons: '多数意见不同意' }))).toBeUndefined();

    const e = reviewed();
    e.do(minutes(e, (p) => (member(p, actors.mayor.id).statement = '民生急需，风险可控，故通过'), ['agree', 'disagree', 'disagree']));
    e.do(steps.decide('adopt', { reasons: '民生急需，风险可控' }));
    expect(e.state.decision).toMatchObject({ againstMajority: true, reasons: '民生急需，风险可控' });

    // His words are reasons, not his view alone (chiefReasonsMinuted; statute tester: 同意 minuted passed); before, any words did.
    for (const bare of ['同意', '原则同意。', '赞成该方案', '无', '我同意', '同意，按此执行', '原则同意本议题', '支持该方案', '可行', '就这么定了', '同意同意', '同意★', '同意，理由见附件', '同意，理由会后补充', '同意，理由另行说明', '同意，理由：待定待定', '同意okok', '同意，asdf', '我认为应当通过', '同意\u3164\u115F\u3164\u115F']) {
      const g = reviewed();
      g.do(minutes(g, (p) => (member(p, actors.mayor.id).statement = bare), ['agree', 'disagree', 'disagree']));
      expectRefused(g.try(steps.decide('adopt', { reasons: '民生急需，风险可控' })), 'REASON_REQUIRED', '第三十条', `会议记录中行政首长的发言（“${bare}”）只表明了意见，没有说明理由`);
    }
    // Reasons beside the view are reasons; the refusal says what can be done.
    for (const reasons of ['同意，群众呼声高、财政可以承受', '可行，成本低', '同意，效益好', '同意：必要、可行', '民生急需，风险可控，故通过']) {
      const h2 = reviewed();
      h2.do(minutes(h2, (p) => (member(p, actors.mayor.id).statement = reasons), ['agree', 'disagree', 'disagree']), steps.decide('adopt', { reasons: '群众呼声高' }));
    }
    for (const reasons of ['不同意，违法', '不同意，成本过高', '不同意，风险大']) {
      const h3 = reviewed();
      h3.do(minutes(h3, (p) => (member(p, actors.mayor.id).statement = reasons), ['disagree', 'agree', 'agree']), steps.decide('not_adopt', { reasons: '风险大' }));
    }
    const told = reviewed();
    told.do(minutes(told, (p) => (member(p, actors.mayor.id).statement = '同意'), ['agree', 'disagree', 'disagree']));
    expect(told.try(steps.decide('adopt', { reasons: '民生急需' }))!.zh).toContain('会议记录不能改写：可以作出与多数人意见一致的决定，或者决定暂缓（postpone）、进一步研究（further_study）');
    const old = reviewed(consulted(new Driver({ ...NATIONAL_BASELINE, chiefReasonsMinuted: undefined })));
    old.do(minutes(old, (p) => (member(p, actors.mayor.id).statement = '同意'), ['agree', 'disagree', 'disagree']), steps.decide('adopt', { reasons: '民生急需，风险可控' }));

    const f = reviewed();
    f.do(minutes(f, (p) => delete member(p, actors.mayor.id).statement), steps.decide('adopt'));
    expect(f.state.decision).toMatchObject({ againstMajority: false });
    expect(f.state.decision!.reasons).toBeUndefined();
  });

  it('the majority is of the other members present, a reserved view counted with those against (statute tester)', () => {
    // The chief executive abstaining, both others reserving: adopting departs from them, so it is explained.
    const d = reviewed();
    d.do(minutes(d, (p) => delete member(p, actors.mayor.id).statement, ['abstain', 'reserve', 'reserve']));
    expectRefused(d.try(steps.decide('adopt')), 'REASON_REQUIRED', '第三十条', '会上说明理由');
    // The chief executive agreeing is no majority of his own: one other agreeing, one reserving, is none against.
    const e = reviewed();
    e.do(minutes(e, (p) => delete member(p, actors.mayor.id).statement, ['agree', 'agree', 'reserve']), steps.decide('adopt'));
    expect(e.state.decision).toMatchObject({ againstMajority: false });
    // Both others against: the chief executive's own agreement does not make a tie of it.
    const f = reviewed();
    f.do(minutes(f, (p) => delete member(p, actors.mayor.id).statement, ['agree', 'disagree', 'reserve']));
    expectRefused(f.try(steps.decide('adopt')), 'REASON_REQUIRED', '第三十条');
    // Decisions registered before count as they did: every member present, agree against disagree.
    const old = reviewedUnder(OLD);
    old.do(minutes(old, undefined, ['abstain', 'reserve', 'reserve']));
    expect(old.try(steps.decide('adopt'))).toBeUndefined();
  });

  it('a decision registered under the rules before keeps them: minutes without order or confirmations, any chief executive present', () => {
    const old = reviewedUnder(OLD);
    old.do(minutes(old, (p) => {
      delete p.speakingOrder;
      delete p.meeting.chiefExecutiveId;
      for (const m of p.members) delete m.confirmation;
    }));
    old.do(cmd('decide', actors.deputy, { outcome: 'adopt' }));
    expect(old.state.phase).toBe('decided');
    expect(NATIONAL_BASELINE.meetingRecord).toBe(true);
    expect(SHANDONG.meetingRecord).toBe(true);
    expect(OLD.meetingRecord).toBeUndefined();
  });
});

describe('Arts. 30, 42: the meeting is the deciding organ’s own kind', () => {
  it('a government discusses at its executive or plenary meeting, not at a department’s 局务会 nor by circulation', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, (p) => (p.meeting.kind = 'department'))), 'NOT_REPLACEABLE', '第四十二条', '不得以局务会（部门领导班子会议）代替');
    expectRefused(d.try(minutes(d, (p) => (p.meeting.kind = 'circulation'))), 'NOT_REPLACEABLE', '第三十条', '不得以“circulation”类会议代替');
    d.do(minutes(d, (p) => (p.meeting.kind = 'plenary')));
    expect(d.state.discussion!.meeting.kind).toBe('plenary');
  });

  it('a department deciding its own matter (Art. 42) discusses at its 局务会, not at a government’s meeting', () => {
    // 杭州市交通运输局 decides a matter its transport office drafted: the department is the deciding organ.
    const d = reviewed();
    d.state = { ...d.state, undertakingUnit: 'hz-jtj-ysc', authority: { government: 'hz', decidingOrgan: 'hz-jtj', legalityReviewBody: 'hz-sfj' } };
    const secretary: Actor = { ...actors.secretary, organisation: 'hz-jtj' };
    const director: Actor = { ...actors.mayor, name: '局长', organisation: 'hz-jtj' };
    const inDepartment = (c: Command, actor: Actor) => withOffice({ ...c, actor } as Command, ['hz-jtj', 'department'], ['hz', 'government']);
    const r = d.try(inDepartment(minutes(d), secretary));
    expectRefused(r, 'NOT_REPLACEABLE', '第四十二条', '应当经本部门局务会（领导班子会议）讨论，不得以常务会议代替');
    expectRefused(d.try(inDepartment(minutes(d, (p) => (p.meeting.kind = 'plenary')), secretary)), 'NOT_REPLACEABLE', '第三十条', '部门作出的重大行政决策，决策草案应当经本部门局务会（领导班子会议）讨论，不得以全体会议代替');
    expectRefused(d.try(inDepartment(minutes(d, (p) => (p.meeting.kind = 'circulation')), secretary)), 'NOT_REPLACEABLE', '第四十二条', '不得以“circulation”类会议代替');
    d.do(inDepartment(minutes(d, (p) => (p.meeting.kind = 'department')), secretary), inDepartment(steps.decide('adopt'), director));
    expect(d.state.discussion!.meeting.kind).toBe('department');
    expect(d.state.phase).toBe('decided');
  });

  it('a decision registered under the rules before keeps the kinds it had', () => {
    const old = reviewedUnder(OLD);
    expectRefused(old.try(minutes(old, (p) => (p.meeting.kind = 'department'))), 'NOT_REPLACEABLE', '第三十条');
  });
});

describe('Arts. 30, 38: a postponement’s review date is a time limit; past it, the decision is left undecided (久拖不决)', () => {
  const postponed = () => {
    const d = reviewed();
    return d.do(minutes(d), steps.decide('postpone', { reasons: '待补充调研', reviewDate: d.now + 60 * DAY }));
  };
  const reviewDeadline = (d: Driver) => d.state.deadlines.find((x) => x.id.startsWith('review-date-'));

  it('the meeting’s postponement starts a time limit ending at the review date, citing 第三十八条', () => {
    const d = postponed();
    const dl = reviewDeadline(d)!;
    expect(dl).toMatchObject({ type: 'maximum', unit: 'calendar', days: 60, status: 'running', dueAt: d.now + 60 * DAY });
    expect(dl.id).toBe(`review-date-${d.state.timeline.length}`);
    expect(formatCitation(dl.basis)).toContain('第三十八条');
    expect(d.state.holdInfo).toMatchObject({ reviewDeadlineId: dl.id, atMeeting: true });
  });

  it('passed without a new discussion, the clock marks it overdue, and 我的待办 shows the resumption and the meeting overdue', () => {
    const d = postponed();
    const { events } = tick(d.state, d.now + 61 * DAY);
    expect(events.map((e) => [e.deadlineId.replace(/\d+$/, 'N'), e.kind])).toEqual([['review-date-N', 'overdue']]);
    d.advance(57 * DAY);
    expect(reviewDeadline(d)!.reminded).toBe(true);
    d.advance(4 * DAY);
    expect(isOverdue(d.state)).toBe(true);
    expect(openTasks(d.state, d.profile)).toContainEqual(expect.objectContaining({ role: 'chief_executive', action: 'resumeFromPostponement' }));
    expect(taskDeadline('resumeFromPostponement', d.state.deadlines)).toMatchObject({ id: reviewDeadline(d)!.id, status: 'overdue' });
    // Resumed, the matter still waits for the meeting: still overdue, the secretary's task runs against the same date.
    d.do(cmd('resumeFromPostponement', actors.mayor, { reason: '调研完成' }));
    expect(isOverdue(d.state)).toBe(true);
    expect(taskDeadline('recordDiscussion', d.state.deadlines)).toMatchObject({ status: 'overdue' });
    d.do(minutes(d));
    expect(reviewDeadline(d)!.status).toBe('met');
    expect(isOverdue(d.state)).toBe(false);
  });

  it('discussed again by the review date, it is met and never overdue', () => {
    const d = postponed().advance(10 * DAY);
    d.do(cmd('resumeFromPostponement', actors.mayor, { reason: '调研完成' }), minutes(d), steps.decide('adopt'));
    expect(reviewDeadline(d)!.status).toBe('met');
    expect(tick(d.state, d.now + 100 * DAY).events).toEqual([]);
  });

  it('a postponement of the procedure (postpone) is met by its resumption; a withdrawal cancels it', () => {
    const d = reviewed();
    d.do(cmd('postpone', actors.mayor, { reason: '等待财政预算', reviewDate: new Date(d.now + 30 * DAY).toISOString() }));
    expect(d.state.holdInfo).toMatchObject({ reviewDeadlineId: reviewDeadline(d)!.id });
    expect(d.state.holdInfo!.atMeeting).toBeUndefined();
    d.do(cmd('resumeFromPostponement', actors.mayor, { reason: '预算已落实' }));
    expect(reviewDeadline(d)!.status).toBe('met');

    // Postponed at the meeting, the matter is the organ's: its chief executive withdraws it, not the undertaking unit.
    const w = postponed();
    expect(w.try(cmd('withdraw', actors.unit, { reason: '情况变化' }))!.code).toBe('WRONG_ROLE');
    w.do(cmd('withdraw', actors.mayor, { reason: '情况变化' }));
    expect(reviewDeadline(w)!.status).toBe('cancelled');
  });

  it('a decision registered under the rules before only records the review date, as before', () => {
    const old = reviewedUnder(OLD);
    old.do(minutes(old), steps.decide('postpone', { reasons: '待补充调研', reviewDate: old.now + 60 * DAY }));
    expect(reviewDeadline(old)).toBeUndefined();
    expect(old.state.holdInfo).toEqual({ reason: '待补充调研', by: actors.mayor.id, at: old.now, reviewDate: old.now + 60 * DAY });
    old.advance(100 * DAY);
    expect(isOverdue(old.state)).toBe(false);
  });
});

function reviewedUnder(profile = OLD): Driver {
  const d = new Driver(profile);
  d.do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion());
  return d.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
}

/** The same step, with the office its signer relied on (the organisation and those above it). */
function withOffice(c: Command, ...path: [string, PathStep['kind']][]): Command {
  const office: OfficeHeld = { appointmentId: 'ap-x', validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z', path: path.map(([id, kind]) => ({ id, name: id, kind })) };
  return { ...c, office } as Command;
}
