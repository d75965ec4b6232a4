import { actors, DAY, discussionMaterials, h, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import { profileAsKeptBefore, type Command } from '../domain';
import type { RecordEntry } from './chain';
import { replayProcedure } from './bundle';

/**
 * The offline verifier replays the consultation the decree names (Arts. 8, 13, 14 para. 3, 35) with the rest of the
 * procedure: a discussion forced into a stored record without the statement of a disagreement left unresolved, an
 * adoption report before the special group was heard, a publication before the people's congress approved, or an opinion
 * during execution recorded by the undertaking unit fails the check 'procedure', naming the article.
 */

/** The declaration, with a unit concerned, a special group and a matter the people's congress decides. */
function declared(): Command {
  const c = steps.applicability();
  return { ...c, payload: { ...c.payload, unitsConcerned: ['hz-czj'], specialGroups: ['残疾人'], peoplesCongress: 'decide' } } as Command;
}

/** A decision whose finance bureau still disagrees, talked over with the disabled, approved by the congress, an opinion received in execution. */
function executing(): Recorder {
  const r = new Recorder();
  r.do(steps.draft(), declared(), steps.consultDepartment(false), steps.consultGroup(), steps.openComment(), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
  r.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  r.do(steps.submitReview(), steps.legalOpinion());
  r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
  r.do(steps.discussion(Object.assign(discussionMaterials(r.state), { disagreementHash: h('disagreement-statement') })), steps.decide('adopt'), steps.partyReport(), steps.congress('approved', 'congress'));
  return r.do(steps.publish(r.state), steps.archive(), steps.designate(), steps.feedback());
}

const seqOf = (entries: RecordEntry[], action: string) => entries.findIndex((e) => e.action === action);
/** The entries without the step at `seq`, renumbered as a forger would. */
const without = (entries: RecordEntry[], seq: number) => entries.filter((e) => e.seq !== seq).map((e, i) => ({ ...e, seq: i }));

describe('the verifier replays the consultation the decree names (check "procedure")', () => {
  it('an honest record verifies', () => {
    expect(replayProcedure(executing().entries)).toMatchObject({ ok: true });
  });

  it('the discussion without the statement of the disagreement fails (Arts. 13, 29)', () => {
    const forged = executing().forged('recordDiscussion', (p) => ({ ...p, materials: { ...(p.materials as object), disagreementHash: undefined } }));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'recordDiscussion') });
    expect(!verdict.ok && verdict.failure).toContain('不能取得一致意见');
    expect(!verdict.ok && verdict.failure).toContain('Art. 13');
  });

  it('the consultation of the unit concerned struck out: the legality review it precedes fails (Art. 13)', () => {
    const entries = executing().entries;
    const forged = without(entries, seqOf(entries, 'consultDepartment'));
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'submitForLegalityReview') });
  });

  it('the talks with the special group struck out: the adoption report fails (Art. 14 para. 3)', () => {
    const entries = executing().entries;
    const forged = without(entries, seqOf(entries, 'consultSpecialGroup'));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'submitAdoptionReport') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 14 para. 3');
  });

  it('the congress’s approval made a refusal: the publication fails (Art. 8)', () => {
    const forged = executing().forged('recordCongressAction', (p) => ({ ...p, outcome: 'not_approved' }));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'publish') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 8');
  });

  it('an opinion during execution recorded by the undertaking unit fails (Art. 35 para. 2)', () => {
    const forged = executing().entries.map((e) => (e.action === 'recordPublicFeedback' ? { ...e, actor: { ...e.actor, ...actors.unit } } : e));
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'recordPublicFeedback') });
  });

  it('a record made under the rules before (its profile kept without them) has no such step: one forced in fails', () => {
    const r = new Recorder(profileAsKeptBefore('national')!);
    r.do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion());
    r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), { ...steps.partyReport(), actor: actors.unit }, steps.publish(r.state, actors.unit), steps.archive());
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
    const draft = r.entries[seqOf(r.entries, 'submitDraft')];
    const forced = [...r.entries.slice(0, draft.seq + 1), { ...draft, action: 'consultDepartment', payload: steps.consultDepartment().payload }, ...r.entries.slice(draft.seq + 1)].map((e, i) => ({ ...e, seq: i }));
    expect(replayProcedure(forced)).toMatchObject({ ok: false, check: 'procedure', seq: draft.seq + 1 });
  });
});
