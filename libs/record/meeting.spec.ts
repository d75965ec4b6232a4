import { actors, cmd, DAY, discussionMaterials, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import { profileAsKeptBefore, type ProcedureProfile } from '../domain';
import type { RecordEntry } from './chain';
import { replayProcedure } from './bundle';

/**
 * The offline verifier replays the minutes of the meeting (Art. 30) and a postponement's review date (Arts. 30, 38) with
 * the rest of the procedure: minutes forced into a stored record with the chief executive speaking other than last, a
 * view not confirmed by its member, or dissent without its words fail the check 'procedure', naming the article; records
 * made under the rules before replay as they were.
 */

function reviewed(profile?: ProcedureProfile): Recorder {
  const r = new Recorder(profile);
  r.do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion());
  return r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
}
const seqOf = (entries: RecordEntry[], action: string) => entries.findIndex((e) => e.action === action);
type Minutes = { speakingOrder?: string[]; meeting: Record<string, unknown>; members: Record<string, unknown>[] };
const forgedMinutes = (r: Recorder, change: (p: Minutes) => void) =>
  r.forged('recordDiscussion', (p) => {
    const copy = JSON.parse(JSON.stringify(p)) as Minutes;
    change(copy);
    return copy as unknown as Record<string, unknown>;
  });

describe('the verifier replays the minutes of the meeting (check "procedure")', () => {
  const decided = () => {
    const r = reviewed();
    return r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), steps.partyReport(), steps.publish(r.state), steps.archive());
  };

  it('a record with the minutes Art. 30 asks for verifies', () => {
    expect(replayProcedure(decided().entries)).toMatchObject({ ok: true });
  });

  it('minutes forced in with a meeting after the entry’s time, or before the legality opinion, fail (Arts. 25, 30)', () => {
    const r = decided();
    const opinionAt = Date.parse(r.entries.find((e) => e.action === 'issueLegalityOpinion')!.at);
    const recordedAt = Date.parse(r.entries.find((e) => e.action === 'recordDiscussion')!.at);
    for (const [date, says] of [[recordedAt + DAY, '晚于本决策此时的时间'], [opinionAt - DAY, '早于合法性审查意见出具的时间']] as const) {
      const forged = forgedMinutes(decided(), (p) => (p.meeting.date = new Date(date).toISOString()));
      const verdict = replayProcedure(forged);
      expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'recordDiscussion') });
      expect(!verdict.ok && verdict.failure).toContain(says);
    }
  });

  it('minutes forced in with the chief executive speaking first fail, citing 第三十条', () => {
    const forged = forgedMinutes(decided(), (p) => (p.speakingOrder = [actors.mayor.id, actors.deputy.id, 'm-3']));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'recordDiscussion') });
    expect(!verdict.ok && verdict.failure).toContain('行政首长最后发表意见');
    expect(!verdict.ok && verdict.failure).toContain('第三十条');
  });

  it('minutes forced in without the speaking order, with a view not confirmed by its member, or with dissent stripped of its words fail', () => {
    for (const change of [
      (p: Minutes) => delete p.speakingOrder,
      (p: Minutes) => (p.members[2].confirmation = { confirmed: true, by: actors.secretary.id }),
      (p: Minutes) => delete p.members[2].statement,
    ]) {
      const forged = forgedMinutes(decided(), change);
      const verdict = replayProcedure(forged);
      expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'recordDiscussion') });
      expect(!verdict.ok && verdict.failure).toContain('第三十条');
    }
  });

  it('a decision forced in from a member who is not the chief executive the minutes name fails', () => {
    const forged = decided().entries.map((e) => (e.action === 'decide' ? { ...e, actor: { ...e.actor, id: actors.deputy.id, name: actors.deputy.name } } : e));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'decide') });
    expect(!verdict.ok && verdict.failure).toContain('会议记录载明的行政首长');
  });

  it('a record made under the rules before, with minutes of no order and no confirmations, replays as it was', () => {
    const r = reviewed(profileAsKeptBefore('national'));
    const c = steps.discussion(discussionMaterials(r.state));
    const p = JSON.parse(JSON.stringify(c.payload)) as Minutes;
    delete p.speakingOrder;
    delete p.meeting.chiefExecutiveId;
    for (const m of p.members) delete m.confirmation;
    r.do({ ...c, payload: p } as typeof c, cmd('decide', actors.deputy, { outcome: 'adopt' }));
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
  });
});

describe('the verifier replays a postponement’s review date (Arts. 30, 38)', () => {
  it('a decision postponed, left past its review date, then discussed again and adopted, verifies', () => {
    const r = reviewed();
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('postpone', { reasons: '待补充调研', reviewDate: r.now + 30 * DAY }));
    r.advance(45 * DAY).do(cmd('resumeFromPostponement', actors.mayor, { reason: '调研完成' }));
    expect(r.state.deadlines.find((d) => d.id.startsWith('review-date-'))).toMatchObject({ status: 'overdue' });
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'));
    expect(r.state.deadlines.find((d) => d.id.startsWith('review-date-'))).toMatchObject({ status: 'met' });
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
  });
});
