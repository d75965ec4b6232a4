import { actors, cmd, discussionMaterials, steps } from '../../../test/support/procedure';
import { consulted, Driver, reviewed } from '../../../test/support/driver';
import type { Command, Payloads } from './commands';
import { NATIONAL_BASELINE, profileAsKeptBefore } from './profiles';
import type { Refusal } from './refusal';
import type { Actor } from './roles';
import { openTasks } from './tasks';

/**
 * The decision is the organ's, taken collectively, and no one checks their own work (Arts. 11, 25, 28, 30, 38): found
 * by a fresh-eyes tester on 2026-12-06 (a meeting of one member; a chief executive minuted against what he adopted; a
 * matter withdrawn by its drafter between the meeting and the decision; a drafter who, also appointed legal adviser and
 * meeting secretary, gave the legal opinion on his own draft and minuted its discussion). Decisions registered before
 * keep the rules they started with (`collectiveDecision`, `personsSeparate` absent from their profile).
 */

const OLD = profileAsKeptBefore('national')!;
type Minutes = Payloads['recordDiscussion'];

function expectRefused(r: Refusal | undefined, code: string, article: string, zh: string) {
  expect(r).toBeDefined();
  expect(r!.code).toBe(code);
  expect(r!.citations.join(' ')).toContain(article);
  expect(r!.zh).toContain(zh);
  expect(r!.message.indexOf('（')).toBeGreaterThan(0); // Chinese first, the English beside it
}
/** The standard minutes of the draft on the table, changed as the test needs. */
function minutes(d: Driver, change: (p: Minutes) => void = () => undefined, views?: Parameters<typeof steps.discussion>[1]): Command {
  const c = steps.discussion(discussionMaterials(d.state), views);
  const p = JSON.parse(JSON.stringify(c.payload)) as Minutes;
  change(p);
  return { ...c, payload: p } as Command;
}
/** Only the mayor present and speaking. */
const alone = (p: Minutes) => {
  p.members = p.members.map((m) => (m.id === actors.mayor.id ? m : { id: m.id, name: m.name, present: false }));
  p.speakingOrder = [actors.mayor.id];
};
const reviewedUnder = (profile = NATIONAL_BASELINE) => reviewed(consulted(new Driver(profile)));

describe('Art. 30: the discussion is collective', () => {
  it('refuses minutes with one member present, however few the meeting has, citing 第三十条', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, alone)), 'PREREQUISITE_MISSING', '第三十条', '出席的会议组成人员不得少于两人（现为1人）');
    expectRefused(d.try(minutes(d, (p) => (alone(p), (p.membersTotal = 1), (p.members = [p.members[0]])))), 'PREREQUISITE_MISSING', '第三十条', '不得少于两人');
    expect(d.state.discussion).toBeUndefined();
    // Two present is a discussion (the national baseline sets no quorum beyond it).
    d.do(minutes(d, (p) => {
      p.members = p.members.map((m) => (m.id === actors.mayor.id || m.id === actors.deputy.id ? m : { id: m.id, name: m.name, present: false }));
      p.speakingOrder = [actors.deputy.id, actors.mayor.id];
    }));
    expect(d.state.discussion!.members.filter((m) => m.present)).toHaveLength(2);
  });

  it('names each member once in any letter case, and no one who acted for the unit as the chief executive who decides (third tester)', () => {
    const d = reviewed();
    expectRefused(d.try(minutes(d, (p) => (p.members[3] = { id: 'M-3', name: '秘书长', present: false }))), 'INVALID_PAYLOAD', '第三十条', '被列出不止一次');
    const drafter = minutes(d, (p) => {
      const mayor = p.members.find((m) => m.id === actors.mayor.id)!;
      p.members.push({ ...mayor, id: actors.unit.id, name: actors.unit.name, confirmation: { confirmed: true, by: actors.unit.id } });
      p.membersTotal = 5;
      p.meeting.chiefExecutiveId = actors.unit.id;
      p.meeting.presidingId = actors.unit.id;
      p.speakingOrder = [actors.deputy.id, 'm-3', actors.mayor.id, actors.unit.id];
    });
    expectRefused(d.try(drafter), 'SEPARATION_OF_DUTIES', '第三十条', `meeting.chiefExecutiveId：${actors.unit.name}（${actors.unit.id}）已经作为决策承办单位办理本决策（第0条记录，登记）`);
    d.do(minutes(d));
  });

  it('a decision registered under the rules before keeps them: one member present is recorded', () => {
    const d = reviewedUnder(OLD);
    d.do(minutes(d, alone));
    expect(d.state.discussion).toBeDefined();
  });
});

describe('Arts. 30, 38 para. 3: the chief executive decides as the minutes record his own view', () => {
  it('refuses adopting a draft he is minuted as opposing, and not adopting one he is minuted as supporting', () => {
    const against = reviewed();
    against.do(minutes(against, undefined, ['disagree', 'agree', 'agree']));
    const r = against.try(steps.decide('adopt'));
    expectRefused(r, 'INVALID_PAYLOAD', '第三十八条第三款', '会议记录载明行政首长在会上对本决策草案的意见是不同意');
    expect(r!.citations.join(' ')).toContain('第三十条');
    expectRefused(against.try(steps.decide('adopt_with_changes', { changesHash: 'sha256:' + 'a'.repeat(64) })), 'INVALID_PAYLOAD', '第三十八条第三款', '作出修改后通过的决定');
    // What his view allows: not adopting, or discussing it again.
    against.do(steps.decide('further_study', { reasons: '会议记录与本人意见不符，重新讨论' }));

    const for_ = reviewed();
    for_.do(minutes(for_, undefined, ['agree', 'disagree', 'disagree']));
    expectRefused(for_.try(steps.decide('not_adopt', { reasons: '多数不同意' })), 'INVALID_PAYLOAD', '第三十条', '作出不予通过的决定与其本人在会上的意见相反');
    expect(for_.state.decision).toBeUndefined();
  });

  it('a view reserved or abstained from leaves him either decision; the decisions registered before keep the old rule', () => {
    const reserved = reviewed();
    reserved.do(minutes(reserved, undefined, ['reserve', 'agree', 'agree']), steps.decide('adopt'));
    expect(reserved.state.phase).toBe('decided');
    const old = reviewedUnder(OLD);
    old.do(minutes(old, undefined, ['disagree', 'agree', 'agree']), steps.decide('adopt'));
    expect(old.state.phase).toBe('decided');
  });
});

describe('Arts. 3 para. 3, 11: a matter the deciding organ took up is the organ’s to withdraw', () => {
  const catalogued = (profile = NATIONAL_BASELINE) => {
    const d = new Driver(profile);
    d.state = { ...d.state, catalogRef: 'C-2026-07' };
    return d.do(steps.draft());
  };
  const unitWithdraws = cmd('withdraw', actors.unit, { reason: '承办单位认为不再需要' });
  const unitOffered = (d: Driver) => openTasks(d.state, d.profile).some((t) => t.action === 'withdraw' && t.role === 'undertaking_unit');

  it('catalogued: the undertaking unit’s withdrawal is refused, naming the item, and not offered to it; the chief executive withdraws', () => {
    const d = catalogued();
    expectRefused(d.try(unitWithdraws), 'WRONG_ROLE', '第三条第三款', '列入决策机关的决策事项目录（C-2026-07），是否撤回由决策机关决定');
    expect(unitOffered(d)).toBe(false);
    expect(d.state.phase).toBe('drafting');
    d.do(cmd('withdraw', actors.mayor, { reason: '经决策机关研究，不再推进' }));
    expect(d.state.closedReason).toBe('withdrawn');
  });

  it('started by the organ’s decision: refused citing Art. 11; a matter no organ took up is still the unit’s to withdraw, and under the rules before any', () => {
    const started = new Driver().do(steps.start(), steps.draft());
    expectRefused(started.try(unitWithdraws), 'WRONG_ROLE', '第十一条', '由决策机关决定启动，是否撤回由决策机关决定');
    expect(unitOffered(new Driver().do(steps.draft()))).toBe(true);
    new Driver().do(steps.draft(), unitWithdraws);
    const before = catalogued(OLD);
    expect(unitOffered(before)).toBe(true);
    before.do(unitWithdraws);
    expect(before.state.closedReason).toBe('withdrawn');
  });
});

describe('Arts. 11, 30: once discussed, the matter is before the organ', () => {
  it('the undertaking unit withdraws before the meeting, not between the meeting and the decision; the chief executive still may', () => {
    const before = reviewed();
    before.do(cmd('withdraw', actors.unit, { reason: '情况变化' }));
    expect(before.state.phase).toBe('closed');

    const d = reviewed();
    d.do(minutes(d));
    expectRefused(d.try(cmd('withdraw', actors.unit, { reason: '承办单位撤回' })), 'WRONG_ROLE', '第三十条', '决策承办单位不得撤回决策事项');
    expect(d.state.phase).toBe('discussion');
    expect(openTasks(d.state, NATIONAL_BASELINE).some((t) => t.action === 'decide')).toBe(true);
    d.do(cmd('withdraw', actors.mayor, { reason: '决策机关决定不再推进' }));
    expect(d.state.phase).toBe('closed');

    const old = reviewedUnder(OLD);
    old.do(minutes(old), cmd('withdraw', actors.unit, { reason: '承办单位撤回' }));
    expect(old.state.phase).toBe('closed');
  });

  it('nor after the meeting postponed it or sent it for further study (second tester: withdrawn then)', () => {
    const postponed = reviewed();
    postponed.do(minutes(postponed), steps.decide('postpone', { reasons: '待补充调研', reviewDate: new Date(postponed.now + 30 * 86_400_000).toISOString() }));
    expectRefused(postponed.try(cmd('withdraw', actors.unit, { reason: '承办单位撤回' })), 'WRONG_ROLE', '第三十条', '决策承办单位不得撤回决策事项');
    expect(openTasks(postponed.state, NATIONAL_BASELINE).some((t) => t.action === 'withdraw' && t.role === 'undertaking_unit')).toBe(false);
    const studied = reviewed();
    studied.do(minutes(studied), steps.decide('further_study', { reasons: '进一步研究' }));
    expectRefused(studied.try(cmd('withdraw', actors.unit, { reason: '承办单位撤回' })), 'WRONG_ROLE', '第三十条', '决策承办单位不得撤回决策事项');
    studied.do(cmd('withdraw', actors.mayor, { reason: '决策机关决定不再推进' }));
    expect(studied.state.closedReason).toBe('withdrawn');
  });

  it('while the discussion awaits the decision, any holder of the chief executive’s office may still postpone or withdraw it: a successor must be able to (not only the one the minutes name, who alone decides)', () => {
    const d = reviewed();
    d.do(minutes(d));
    const review = new Date(d.now + 30 * 86_400_000).toISOString();
    expectRefused(d.try(cmd('decide', actors.deputy, { outcome: 'adopt' })), 'WRONG_ROLE', '第三十条', '会议记录载明的行政首长');
    const w = reviewed();
    w.do(minutes(w), cmd('withdraw', actors.deputy, { reason: '决策机关决定不再推进' }));
    expect(w.state.closedReason).toBe('withdrawn');
    // Postponed, the matter is taken up again at a new meeting, whose minutes name the successor, who decides.
    d.do(cmd('postpone', actors.deputy, { reason: '市长调任，新任市长重新研究', reviewDate: review }));
    expect([d.state.hold, d.state.discussion]).toEqual(['postponed', undefined]);
    d.do(cmd('resumeFromPostponement', actors.deputy, { reason: '新任市长到任' }));
    expect(d.try(cmd('decide', actors.deputy, { outcome: 'adopt' }))!.code).toBe('PREREQUISITE_MISSING');
    d.do(minutes(d, (p) => {
      p.meeting.chiefExecutiveId = actors.deputy.id;
      p.meeting.presidingId = actors.deputy.id;
      p.speakingOrder = [actors.mayor.id, 'm-3', actors.deputy.id];
      const deputy = p.members.find((m) => m.id === actors.deputy.id)!;
      deputy.view = 'agree';
      deputy.statement = '综合各方意见作出决定';
    }));
    d.do(cmd('decide', actors.deputy, { outcome: 'adopt' }));
    expect(d.state.phase).toBe('decided');
  });
});

describe('Arts. 25, 28, 30: no one checks their own draft, whatever other office they hold', () => {
  const drafterAs = (who: Actor): Actor => ({ ...who, id: actors.unit.id, name: actors.unit.name });

  it('the drafter, also a legal adviser, gives no legal opinion on the draft (第二十八条)', () => {
    const d = consulted().do(steps.submitReview());
    const r = d.try(steps.legalOpinion(drafterAs(actors.adviser)));
    expectRefused(r, 'SEPARATION_OF_DUTIES', '第二十八条', `${actors.unit.name}（${actors.unit.id}）已经作为决策承办单位办理本决策`);
    expect(d.state.legality!.legalOpinions).toEqual([]);
    d.do(steps.legalOpinion());
    expect(d.state.legality!.legalOpinions).toHaveLength(1);
  });

  it('nor, also a meeting secretary, minutes its discussion (第三十条)', () => {
    const d = reviewed();
    const c = minutes(d);
    expectRefused(d.try({ ...c, actor: drafterAs(actors.secretary) } as Command), 'SEPARATION_OF_DUTIES', '第三十条', '不得再对本决策草案记录集体讨论情况');
    d.do(c);
  });

  it('the registrant counts as the unit too, and the drafter holding the chief executive’s office neither withdraws nor postpones (second tester)', () => {
    // The Driver's decision is registered by actors.unit (entry 0), who took no later step of the unit's here.
    const d = consulted().do(steps.submitReview());
    const registrant = { ...actors.adviser, id: actors.unit.id, name: actors.unit.name };
    expect(d.state.registeredBy).toBe(actors.unit.id);
    const fresh = new Driver(NATIONAL_BASELINE);
    fresh.state = { ...fresh.state, registeredBy: 'u-registrant' };
    fresh.do(steps.draft());
    const asChief = { ...actors.mayor, id: 'u-registrant', name: '登记人' };
    expectRefused(fresh.try(cmd('withdraw', asChief, { reason: '不再推进' })), 'SEPARATION_OF_DUTIES', '第三十条', '第0条记录，登记');
    expectRefused(d.try(steps.legalOpinion(registrant)), 'SEPARATION_OF_DUTIES', '第二十八条', '已经作为决策承办单位办理本决策');
  });

  it('a decision registered under the rules before separates by unit only, as it did', () => {
    const d = consulted(new Driver(OLD)).do(steps.submitReview(), steps.legalOpinion(drafterAs(actors.adviser)));
    expect(d.state.legality!.legalOpinions.map((o) => o.by)).toEqual([actors.unit.id]);
  });
});
