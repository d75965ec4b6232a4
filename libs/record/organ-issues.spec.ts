import { actors, cmd, DAY, discussionMaterials, h, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import { profileAsKeptBefore } from '../domain';
import type { RecordEntry } from './chain';
import { replayProcedure } from './bundle';

/**
 * The offline verifier replays the deciding organ's remaining acts (Arts. 10, 11, 31, 32, 34) with the rest of the
 * procedure: a step forced into a stored record from a unit the organ did not designate to undertake the decision, a
 * publication signed by the undertaking unit, a publication over the Party committee's objections, or the organ's
 * supervision signed by someone else fails the check 'procedure', naming the article.
 */

/**
 * A decision the organ started on a department's proposal (hz-czj sharing the work), the Party committee objecting once
 * and then agreeing, published by the organ's general office, and its execution supervised.
 */
function executing(): Recorder {
  const r = new Recorder();
  r.do(steps.start({ coUnits: ['hz-czj'] }), steps.draft(), steps.applicability(), steps.openComment(), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
  r.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  r.do(steps.submitReview(), steps.legalOpinion());
  r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
  r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), steps.partyReport(), steps.partyReply('objections'), steps.partyReport(2), steps.partyReply('agreed'));
  r.do(steps.publish(r.state), steps.archive(), steps.designate());
  return r.do(steps.supervise(), cmd('submitExecutionReport', actors.executor, { reportHash: h('exec-1'), problem: true }), steps.supervise({ units: ['hz-gjjt'], correction: { order: '限期整改' } }));
}

const seqOf = (entries: RecordEntry[], action: string, nth = 0) => entries.map((e, i) => (e.action === action ? i : -1)).filter((i) => i >= 0)[nth];
/** The entries with one step's signer changed, as a forger holding that signer's key and re-sealing would leave them. */
const signedBy = (entries: RecordEntry[], action: string, actor: Partial<RecordEntry['actor']>) =>
  entries.map((e) => (e.action === action ? { ...e, actor: { ...e.actor, ...actor } } : e));
/** The entries without the step at `seq`, renumbered as a forger would. */
const without = (entries: RecordEntry[], seq: number) => entries.filter((e) => e.seq !== seq).map((e, i) => ({ ...e, seq: i }));

describe('the verifier replays the deciding organ’s start, Party report, publication and supervision (check "procedure")', () => {
  it('an honest record verifies', () => {
    expect(replayProcedure(executing().entries)).toMatchObject({ ok: true });
  });

  it('a draft forced in from the co-unit, not the lead unit the organ designated, fails (Art. 11)', () => {
    const forged = signedBy(executing().entries, 'submitDraft', { id: 'u-cz', organisation: 'hz-czj' });
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'submitDraft') });
    expect(!verdict.ok && verdict.failure).toContain('hz-czj是决策机关明确的共同承办单位');
    expect(!verdict.ok && verdict.failure).toContain('Art. 11');
  });

  it('the decision to start signed by the undertaking unit fails (Arts. 10, 11)', () => {
    const forged = signedBy(executing().entries, 'decideToStart', actors.unit);
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'decideToStart') });
  });

  it('a start on a catalog item other than the one registered fails (Art. 3 para. 3)', () => {
    const r = new Recorder();
    r.do(steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府', catalogRef: '2026-目录-07' } }), steps.draft());
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
    const forged = r.forged('decideToStart', (p) => ({ ...p, proposal: { ...(p.proposal as object), catalogRef: '2026-目录-09' } }));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'decideToStart') });
    expect(!verdict.ok && verdict.failure).toContain('按目录事项 2026-目录-07 登记');
    expect(!verdict.ok && verdict.failure).toContain('Art. 3');
  });

  it('a publication signed by the undertaking unit fails (Art. 32)', () => {
    const forged = signedBy(executing().entries, 'publish', actors.unit);
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'publish') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 32');
  });

  it('the second report struck out: the publication over the Party committee’s objections fails (Art. 31)', () => {
    const entries = executing().entries;
    const forged = without(without(entries, seqOf(entries, 'recordPartyCommitteeReply', 1)), seqOf(entries, 'reportToPartyCommittee', 1));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'publish') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 31');
  });

  it('a supervision signed by the execution unit it supervises fails (Art. 34)', () => {
    const forged = signedBy(executing().entries, 'superviseExecution', actors.executor);
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'superviseExecution') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 34');
  });

  it('a record made under the rules before (its profile kept without them) verifies with the undertaking unit publishing', () => {
    const r = new Recorder(profileAsKeptBefore('national')!);
    r.do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion());
    r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), { ...steps.partyReport(), actor: actors.unit }, steps.publish(r.state, actors.unit), steps.archive());
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
    const forged = signedBy(r.entries, 'publish', actors.secretary);
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'publish') });
  });
});
