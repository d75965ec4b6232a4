import { actors, cmd, DAY, discussionMaterials, h, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import type { RecordEntry } from './chain';
import { replayProcedure } from './bundle';

/**
 * The offline verifier replays the deciding organ's acts (Arts. 23, 24, 34, 36, 37) with the rest of the procedure: a
 * step forced into a stored record from an organisation the organ did not designate or engage, or an act of the organ
 * taken by someone else, fails the check 'procedure', naming the article and what was designated.
 */

/** A decision through to execution, the risk assessed by the engaged third party and judged by the organ, the execution unit designated. */
function executing(): Recorder {
  const r = new Recorder();
  r.do(steps.draft(), steps.applicability(), steps.openComment(), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
  r.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  r.do(steps.submitReview(), steps.legalOpinion());
  r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
  r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), steps.partyReport());
  r.do(steps.publish(r.state), steps.archive(), steps.designate());
  return r.do(cmd('submitExecutionReport', actors.executor, { reportHash: h('exec-1'), problem: false }), steps.commission(), cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' }));
}

const seqOf = (entries: RecordEntry[], action: string) => entries.findIndex((e) => e.action === action);
/** The entries with one step's signer changed, as a forger holding that signer's key and re-sealing would leave them. */
const signedBy = (entries: RecordEntry[], action: string, actor: Partial<RecordEntry['actor']>) =>
  entries.map((e) => (e.action === action ? { ...e, actor: { ...e.actor, ...actor } } : e));
/** The entries without one step, renumbered as a forger would. */
const without = (entries: RecordEntry[], action: string) => entries.filter((e) => e.action !== action).map((e, seq) => ({ ...e, seq }));

describe('the verifier replays the deciding organ’s designations (check "procedure")', () => {
  it('an honest record verifies', () => {
    expect(replayProcedure(executing().entries)).toMatchObject({ ok: true });
  });

  it('an execution report forced in from a unit the organ did not designate fails, naming the unit designated (Art. 34)', () => {
    const forged = signedBy(executing().entries, 'submitExecutionReport', { id: 'x-9', organisation: 'hz-czj' });
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'submitExecutionReport') });
    expect(!verdict.ok && verdict.failure).toContain('hz-czj不是决策机关明确的决策执行单位（hz-gjjt）');
    expect(!verdict.ok && verdict.failure).toContain('Art. 34');
  });

  it('a record with the designation struck out fails at the first report (Art. 34)', () => {
    const forged = without(executing().entries, 'designateExecutionUnit');
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'submitExecutionReport') });
  });

  it('a designation signed by the undertaking unit instead of the organ’s chief executive fails (Art. 34)', () => {
    const forged = signedBy(executing().entries, 'designateExecutionUnit', actors.unit);
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, seq: seqOf(forged, 'designateExecutionUnit') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 34');
  });

  it('a third-party assessment forced in from an organisation not engaged fails (Art. 23 para. 3)', () => {
    const forged = signedBy(executing().entries, 'submitRiskAssessment', { id: 'r-9', organisation: 'hz-dsfpg' });
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'submitRiskAssessment') });
    expect(!verdict.ok && verdict.failure).toContain('hz-dsfpg不是受托开展本决策风险评估的第三方（hz-wdpg）');
  });

  it('an evaluation forced in from a unit the organ did not commission fails (Art. 36)', () => {
    const forged = signedBy(executing().entries, 'startEvaluation', { id: 'v-9', organisation: 'hz-jyj' });
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'startEvaluation') });
  });

  it('the organ’s judgment of the risk struck out: the adoption fails (Art. 24)', () => {
    const forged = without(executing().entries, 'judgeRisk');
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'procedure', seq: seqOf(forged, 'decide') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 24');
  });

  it('an adjustment started by the undertaking unit fails (Art. 37)', () => {
    const r = executing().do(steps.adjust('adjust', '情况变化'));
    const forged = signedBy(r.entries, 'startAdjustment', actors.unit);
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, seq: seqOf(forged, 'startAdjustment') });
    expect(!verdict.ok && verdict.failure).toContain('Art. 37');
  });
});
