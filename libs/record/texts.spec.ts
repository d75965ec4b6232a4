import { actors, cmd, DAY, discussionMaterials, h, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import { NATIONAL_BASELINE, type Command, type ProcedureProfile } from '../domain';
import { replayProcedure, textChainLine } from './bundle';
import { VERIFICATION_CHECKS } from './checks';

/**
 * The offline verifier re-checks the chain of texts (Arts. 25, 30, 32) when it replays the rules over a record:
 * a record whose published text is not the one adopted, or whose adopted text is not the one reviewed and no
 * supplementary review covers it, fails the check 'texts'. The cryptographic checks come before and are tested
 * apart (bundle.spec.ts); here the entries are those the workflow would record, as a forger holding every key would
 * write them.
 */

function decided(r: Recorder, decide: Command = steps.decide('adopt')): Recorder {
  r.do(steps.draft(), steps.applicability(), steps.openComment(), steps.panel(), ...(r.profile.organActs ? [steps.engage()] : []), steps.risk(), ...(r.profile.organJudgesRisk ? [steps.judgeRisk()] : []));
  r.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  r.do(steps.submitReview(), steps.legalOpinion());
  r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
  return r.do(steps.discussion(discussionMaterials(r.state)), decide, steps.partyReport());
}

const REVIEWED = h('draft-1');
const CHANGED = h('draft-1 as changed at the meeting');

describe('the verifier re-checks the chain of texts (check "texts")', () => {
  it('is one of the checks the inspector sees, before the rest of the procedure', () => {
    const ids = VERIFICATION_CHECKS.map((c) => c.id);
    expect(ids.indexOf('texts')).toBe(ids.indexOf('procedure') - 1);
  });

  it('an honest record verifies, and shows reviewed → adopted → published', () => {
    const r = decided(new Recorder());
    r.do(steps.publish(r.state), steps.archive());
    expect(replayProcedure(r.entries)).toEqual({
      ok: true,
      texts: [{ cycle: 1, reviewed: REVIEWED, adopted: REVIEWED, outcome: 'adopt', published: REVIEWED, adoptionExplanation: h('adoption-explanation') }],
    });
  });

  it('a record whose published document is not the text adopted fails "texts", naming both hashes', () => {
    const r = decided(new Recorder());
    r.do(steps.publish(r.state), steps.archive());
    const forged = r.forged('publish', (p) => ({ ...p, documentHash: h('another text') }));
    const verdict = replayProcedure(forged);
    expect(verdict).toMatchObject({ ok: false, check: 'texts', seq: forged.findIndex((e) => e.action === 'publish') });
    expect(!verdict.ok && verdict.failure).toContain(h('another text'));
    expect(!verdict.ok && verdict.failure).toContain(REVIEWED);
    expect(!verdict.ok && verdict.failure).toMatch(/^the procedure forbids it: 公布的文件/);
  });

  it('a record adopting a text other than the one reviewed, with no supplementary review, fails "texts"', () => {
    const r = decided(new Recorder(), steps.decide('adopt_with_changes', { changesHash: h('changes'), adoptedTextHash: CHANGED }));
    r.do(steps.changesOpinion(), steps.reviewChanges(CHANGED), steps.publish(r.state), steps.archive());
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true, texts: [{ reviewed: REVIEWED, adopted: CHANGED, changesReviewed: { textHash: CHANGED, outcome: 'lawful' }, published: CHANGED }] });

    // The supplementary review taken out of the record (and the record renumbered, re-signed, re-sealed):
    const withoutReview = r.entries.filter((e) => e.action !== 'reviewAdoptedChanges').map((e, seq) => ({ ...e, seq }));
    const verdict = replayProcedure(withoutReview);
    expect(verdict).toMatchObject({ ok: false, check: 'texts', seq: withoutReview.findIndex((e) => e.action === 'publish') });
    expect(!verdict.ok && verdict.failure).toContain(CHANGED);
    expect(!verdict.ok && verdict.failure).toContain('reviewAdoptedChanges');

    // Or an 'adopt' that names another text than the one reviewed:
    const adopted = decided(new Recorder());
    const forged = adopted.forged('decide', (p) => ({ ...p, adoptedTextHash: CHANGED }));
    expect(replayProcedure(forged)).toMatchObject({ ok: false, check: 'texts', seq: forged.findIndex((e) => e.action === 'decide') });
  });

  it('changes found unlawful end that decision’s chain; the meeting’s new decision has its own', () => {
    const r = decided(new Recorder(), steps.decide('adopt_with_changes', { changesHash: h('changes'), adoptedTextHash: CHANGED }));
    r.do(steps.changesOpinion(), steps.reviewChanges(CHANGED, 'unlawful'));
    // The new meeting, after the finding (Arts. 25, 30): its materials read once the review is recorded.
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), steps.partyReport());
    r.do(steps.publish(r.state));
    const verdict = replayProcedure(r.entries);
    expect(verdict).toEqual({
      ok: true,
      texts: [
        { cycle: 1, reviewed: REVIEWED, adopted: CHANGED, outcome: 'adopt_with_changes', changesReviewed: { textHash: CHANGED, opinionHash: h('changes-review-unlawful'), outcome: 'unlawful' } },
        { cycle: 1, reviewed: REVIEWED, adopted: REVIEWED, outcome: 'adopt', published: REVIEWED, adoptionExplanation: h('adoption-explanation') },
      ],
    });
  });

  it('a later pass that adopts nothing keeps the chain of the decision in force beside its own (statute tester: pass 1 was gone)', () => {
    const r = decided(new Recorder());
    r.do(steps.publish(r.state), steps.archive(), steps.adjust('adjust', '客流变化较大'));
    r.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2));
    r.advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    r.do(steps.discussion(discussionMaterials(r.state), ['disagree', 'disagree', 'disagree']), steps.decide('not_adopt', { reasons: '调整方案不成熟' }));
    expect(replayProcedure(r.entries)).toEqual({
      ok: true,
      texts: [
        { cycle: 1, reviewed: REVIEWED, adopted: REVIEWED, outcome: 'adopt', published: REVIEWED, adoptionExplanation: h('adoption-explanation') },
        { cycle: 2, reviewed: h('draft-2'), outcome: 'not_adopt' },
      ],
    });
    // A pass published withheld by law says so.
    expect(textChainLine({ cycle: 1, reviewed: REVIEWED, adopted: REVIEWED, outcome: 'adopt', published: REVIEWED, withheld: true })).toBe(`TEXTS (pass 1): reviewed ${REVIEWED} -> adopted ${REVIEWED} -> published ${REVIEWED} withheld by law, through no channel (依法不予公开)`);
    // Printed for the inspector as what each pass decided.
    const verdict = replayProcedure(r.entries);
    expect(verdict.ok && verdict.texts.map(textChainLine)).toEqual([
      `TEXTS (pass 1): reviewed ${REVIEWED} -> adopted ${REVIEWED} -> published ${REVIEWED}`,
      `TEXTS (pass 2): reviewed ${h('draft-2')} -> decided not_adopt, no text adopted`,
    ]);
  });

  it('a change adopted and withdrawn before it was issued is said so, beside the decision in force (retest: shown as to be published)', () => {
    const r = decided(new Recorder());
    r.do(steps.publish(r.state), steps.archive(), steps.adjust('adjust', '客流变化较大'));
    r.do(steps.draft(2), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(2), steps.legalOpinion(undefined, 2));
    r.advance(14 * DAY).do(steps.legalityOpinion('lawful', { opinionHash: h('legality-lawful-2') }));
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'), steps.partyReport(2), steps.partyReply('objections'));
    r.do(cmd('withdraw', actors.mayor, { reason: '党委有异议，放弃本次调整' }));
    const verdict = replayProcedure(r.entries);
    expect(verdict.ok && verdict.texts.map(textChainLine)).toEqual([
      `TEXTS (pass 1): reviewed ${REVIEWED} -> adopted ${REVIEWED} -> published ${REVIEWED}`,
      `TEXTS (pass 2): reviewed ${h('draft-2')} -> adopted ${h('draft-2')} -> withdrawn before it was issued`,
    ]);
  });

  it('a matter withdrawn before any decision says so (retest: the verifier said nothing of it)', () => {
    const r = new Recorder();
    r.do(steps.draft(), steps.applicability(), cmd('withdraw', actors.mayor, { reason: '情况变化，不再推进' }));
    const verdict = replayProcedure(r.entries);
    expect(verdict.ok && verdict.texts.map(textChainLine)).toEqual(['TEXTS (pass 1): reviewed - -> withdrawn before any decision']);
  });

  it('a record made under a profile kept before the chain verifies as before, whatever it published', () => {
    const old: ProcedureProfile = { ...NATIONAL_BASELINE };
    delete old.textChain;
    const r = decided(new Recorder(old));
    r.do(steps.publish(), steps.archive());
    const forged = r.forged('publish', (p) => ({ ...p, documentHash: h('published-decision') }));
    expect(replayProcedure(forged)).toMatchObject({ ok: true, texts: [{ reviewed: REVIEWED, adopted: undefined, published: h('published-decision') }] });
  });

  it('a record whose registration kept no profile is replayed under the built-in one as it stood: no chain', () => {
    const r = decided(new Recorder(profileWithout()));
    r.do(steps.publish(undefined, actors.unit), steps.archive());
    const legacy = r.forged('publish', (p) => ({ ...p, documentHash: h('published-decision') })).map((e) => (e.seq === 0 ? { ...e, profile: undefined } : e));
    expect(replayProcedure(legacy)).toMatchObject({ ok: true });
  });
});

/** The built-in profile as it stood before the chain of texts (and the organ's acts, which came after it: publication by the organ among them). */
function profileWithout(): ProcedureProfile {
  const p: ProcedureProfile = { ...NATIONAL_BASELINE };
  delete p.textChain;
  delete p.organActs;
  delete p.organJudgesRisk;
  delete p.organStartsAndIssues;
  delete p.startDecision;
  delete p.partyCommittee;
  return p;
}
