import { actors, discussionMaterials, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import { NATIONAL_BASELINE } from '../domain';
import { replayProcedure } from './bundle';

/**
 * The offline verifier replays what other laws add for the decision's matter types (Art. 3 para. 2): the matter types
 * are in the signed registration (step 0), so a record that skips a step the law requires fails the check 'procedure'
 * at the step it skipped to, naming the law. The entries are those the workflow would record, as a forger holding
 * every key would write them (the cryptographic checks are tested in bundle.spec.ts).
 */

const DAY = 86_400_000;
const M = 'housing-expropriation';

/** A housing expropriation taken lawfully to its decision. */
function decided(): Recorder {
  const r = new Recorder(NATIONAL_BASELINE, [M]);
  r.do(steps.draft(), steps.applicability(), steps.matterStep(M, 'plan-argumentation'), steps.openComment(30), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
  r.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  r.do(steps.matterStep(M, 'comment-outcome'), steps.submitReview(), steps.legalOpinion());
  r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
  return r.do(steps.discussion(discussionMaterials(r.state)), steps.matterStep(M, 'compensation-funds'), steps.decide('adopt'));
}

describe('the verifier replays the procedures other laws add (matter types)', () => {
  it('the registration names its matter types, and an honest record of them verifies', () => {
    const r = decided();
    expect(r.entries[0].payload).toMatchObject({ matterTypes: [M] });
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
  });

  it("a record that skips the law's mandatory step fails 'procedure' at the step that needed it, naming the article", () => {
    const entries = decided().entries;
    const skipped = entries.findIndex((e) => e.action === 'recordMatterStep' && (e.payload as { step: string }).step === 'plan-argumentation');
    const forged = entries.filter((_, i) => i !== skipped).map((e, seq) => ({ ...e, seq }));
    const result = replayProcedure(forged);
    expect(result).toMatchObject({ ok: false, check: 'procedure', seq: skipped });
    expect(forged[skipped].action).toBe('openPublicComment');
    expect((result as { failure: string }).failure).toContain('征收补偿方案论证');
    expect((result as { failure: string }).failure).toContain('《国有土地上房屋征收与补偿条例》第十条');
  });

  it('a record whose comment period was shortened below the absolute 30 days fails, whatever reason it gives', () => {
    const entries = decided().entries;
    const forged = entries.map((e) => (e.action === 'openPublicComment' ? { ...e, payload: { ...(e.payload as object), days: 20, shortenedReason: '时间紧迫' } } : e));
    const result = replayProcedure(forged);
    expect(result).toMatchObject({ ok: false, check: 'procedure' });
    expect((result as { failure: string }).failure).toContain('征收补偿方案征求意见期限不得少于30日（《国有土地上房屋征收与补偿条例》第十条）');
  });

  it('a registration stripped of its matter types no longer replays: its entries of the law name a matter type it does not have', () => {
    const entries = decided().entries;
    const { matterTypes: _dropped, ...payload } = entries[0].payload as Record<string, unknown>;
    const result = replayProcedure([{ ...entries[0], payload }, ...entries.slice(1)]);
    expect(result).toMatchObject({ ok: false, check: 'procedure' });
  });

  it('a registration naming an unknown matter type fails at the registration', () => {
    const entries = decided().entries;
    const result = replayProcedure([{ ...entries[0], payload: { ...(entries[0].payload as object), matterTypes: ['casino-licence'] } }, ...entries.slice(1)]);
    expect(result).toMatchObject({ ok: false, seq: 0 });
  });
});
