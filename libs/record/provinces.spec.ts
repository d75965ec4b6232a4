import { actors, announcedHearing, cmd, discussionMaterials, h, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import { creditCodeCheckCharacter, HEILONGJIANG, NATIONAL_BASELINE, profileAsKeptBefore, QINGDAO, SHANDONG, SICHUAN, type Command, type ProcedureProfile } from '../domain';
import type { RecordEntry } from './chain';
import { replayProcedure } from './bundle';
import { verifyProfileArea, type OrganisationInfo } from './offices';

/**
 * The offline verifier replays a decision under each provincial and city profile: the profile, its requirements
 * included, is kept in the registration entry, so a record that skips a step or rule the profile adds fails the check
 * 'procedure' at the step that needed it, naming the provincial text. The entries are those the workflow would record,
 * as a forger holding every key would write them (the cryptographic checks are tested in bundle.spec.ts).
 */

const DAY = 86_400_000;
const poll = () => cmd('recordParticipationForm', actors.unit, { form: 'poll', recordHash: h('poll') });

/** A decision taken lawfully to its decision under the profile, with the profile's own steps where it adds them. */
function decided(profile: ProcedureProfile, o: { matterTypes?: string[]; market?: boolean; before?: Command[]; hearing?: Command[]; beforeDecision?: Command[] } = {}): Recorder {
  const r = new Recorder(profile, o.matterTypes);
  r.do(steps.draft(), steps.applicability({ market: o.market, hearing: !!o.hearing }), steps.openComment(30), ...(o.hearing ?? []), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
  r.advance(31 * DAY).do(steps.closeComment(), ...(o.before ?? []), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  r.do(steps.submitReview(), steps.legalOpinion());
  r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
  // A matter concerning market entities brings its fair-competition review to the meeting (Art. 29).
  const materials = Object.assign(discussionMaterials(r.state), o.market ? { fairCompetitionReviewHash: h('fair-competition-review') } : {});
  return r.do(steps.discussion(materials), ...(o.beforeDecision ?? []), steps.decide('adopt'));
}

/** The entries without the first one of the action (and step), renumbered, as a forger leaving it out would. */
function without(entries: RecordEntry[], action: string, step?: string): { forged: RecordEntry[]; at: number } {
  const at = entries.findIndex((e) => e.action === action && (step === undefined || (e.payload as { step?: string; form?: string }).step === step || (e.payload as { form?: string }).form === step));
  return { forged: entries.filter((_, i) => i !== at).map((e, seq) => ({ ...e, seq })), at };
}

function expectFails(entries: RecordEntry[], seq: number, ...cited: string[]) {
  const result = replayProcedure(entries);
  expect(result).toMatchObject({ ok: false, check: 'procedure', seq });
  for (const c of cited) expect((result as { failure: string }).failure).toContain(c);
}

const hearingOnline = (r0: number) => {
  const { announce, schedule } = announcedHearing(
    cmd('scheduleHearing', actors.unit, {
      hearingId: 'H-1',
      date: new Date(r0 + 10 * DAY).toISOString(),
      selectionMethodHash: h('selection'),
      participants: [
        { id: 'p-1', name: '乘客代表', interested: true },
        { id: 'p-2', name: '学者', interested: false },
      ],
      online: true,
    }),
  );
  return [announce, schedule, cmd('deliverHearingMaterials', actors.unit, { hearingId: 'H-1' })];
};

describe('the verifier replays decisions under the provinces’ profiles', () => {
  it('山东: the profile with its requirements is kept in the registration, and an honest record verifies', () => {
    const r = decided(SHANDONG, { matterTypes: ['major-livelihood'], market: true, before: [poll(), steps.matterStep('sd-enterprise-views', 'enterprise-views')] });
    expect(r.entries[0].profile).toMatchObject({ id: 'shandong', requirements: [{ id: 'sd-livelihood-poll' }, { id: 'sd-enterprise-views' }] });
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
  });

  it("山东: a record without the poll, or without the enterprises' views, fails where the adoption report was made", () => {
    const r = decided(SHANDONG, { matterTypes: ['major-livelihood'], market: true, before: [poll(), steps.matterStep('sd-enterprise-views', 'enterprise-views')] });
    const noPoll = without(r.entries, 'recordParticipationForm', 'poll');
    expect(noPoll.forged[noPoll.at].action).toBe('recordMatterStep');
    expectFails(noPoll.forged, noPoll.at + 1, '民意调查', '《山东省重大行政决策公众参与工作办法》');
    const noViews = without(r.entries, 'recordMatterStep', 'enterprise-views');
    expect(noViews.forged[noViews.at].action).toBe('submitAdoptionReport');
    expectFails(noViews.forged, noViews.at, '听取有代表性的企业、行业协会商会意见', '《山东省重大行政决策公众参与工作办法》');
  });

  it('青岛: an online hearing and the poll, under the kept Qingdao profile, verify', () => {
    const r0 = new Recorder(QINGDAO).now;
    const held = (r: Recorder) => r.do(cmd('recordHearing', actors.unit, { hearingId: 'H-1', transcriptHash: h('transcript'), signedBy: ['p-1', 'p-2'] }));
    const r = new Recorder(QINGDAO, ['major-livelihood']);
    r.do(steps.draft(), steps.applicability({ hearing: true }), steps.openComment(30), ...hearingOnline(r0), steps.panel(), steps.engage(), steps.risk(), steps.judgeRisk());
    held(r.advance(11 * DAY));
    r.advance(20 * DAY).do(steps.closeComment(), poll(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
    r.do(steps.submitReview(), steps.legalOpinion());
    r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt'));
    expect(r.state.publicParticipation!.hearings[0].online).toBe(true);
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });

    // The same record claimed under the national baseline's rules fails at the online hearing.
    const asNational = r.entries.map((e, i) => (i === 0 ? { ...e, profile: NATIONAL_BASELINE as unknown as RecordEntry['profile'], payload: { ...(e.payload as object), profile: 'national' } } : e));
    const at = r.entries.findIndex((e) => e.action === 'announceHearing');
    expectFails(asNational, at, '网络听证');
    // Without the poll it fails at the adoption report, citing Shandong's measures, which bind Qingdao.
    const noPoll = without(r.entries, 'recordParticipationForm', 'poll');
    expectFails(noPoll.forged, noPoll.at, '民意调查', '《山东省重大行政决策公众参与工作办法》');
  });

  it('黑龙江: a decision replays under the Heilongjiang profile (its catalog rule is checked at registration, not in the record)', () => {
    const r = decided(HEILONGJIANG);
    expect(r.entries[0].profile).toMatchObject({ id: 'heilongjiang', catalog: { annual: { basis: [{ source: 'hlj-rules', article: 3, paragraph: 3 }] } } });
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
  });

  it("四川: the Party group's review verifies; a record that leaves it out fails at the decision, citing the Sichuan provisions", () => {
    const r = decided(SICHUAN, { beforeDecision: [steps.matterStep('sc-party-group', 'party-group-review', undefined, 'sc')] });
    expect(replayProcedure(r.entries)).toMatchObject({ ok: true });
    const { forged, at } = without(r.entries, 'recordMatterStep', 'party-group-review');
    expect(forged[at].action).toBe('decide');
    expectFails(forged, at, '政府党组会议审议', '《四川省重大行政决策程序规定》');
  });

  it('a forger who strips the kept profile of its requirement cannot keep the step it added: the replay fails there', () => {
    const r = decided(SICHUAN, { beforeDecision: [steps.matterStep('sc-party-group', 'party-group-review', undefined, 'sc')] });
    const stripped = { ...SICHUAN, requirements: [] };
    const forged = r.entries.map((e, i) => (i === 0 ? { ...e, profile: stripped as unknown as RecordEntry['profile'] } : e));
    // The step of a requirement the (forged) profile lacks is not one the rules know: the replay fails there.
    const at = r.entries.findIndex((e) => e.action === 'recordMatterStep');
    expectFails(forged, at, '程序规则也未增加程序步骤');
  });
});

describe('the verifier checks the profile’s area (Art. 43) against the registered organisations', () => {
  const org = (id: string, name: string, parentId: string | null, division: string): OrganisationInfo => ({ id, name, kind: 'government', parentId, creditCode: `11${division}004000000${creditCodeCheckCharacter(`11${division}004000000`)}`, endorsedBy: 'k', endorsement: 'e' });
  const ORGS = [org('zj', '浙江省人民政府', null, '330000'), org('hz', '杭州市人民政府', 'zj', '330100'), org('sd', '山东省人民政府', null, '370000'), org('qd', '青岛市人民政府', 'sd', '370200')];
  const of = (government: string, entries: RecordEntry[]): RecordEntry[] => [{ ...entries[0], authority: { government, decidingOrgan: government, legalityReviewBody: `${government}-sfj` } }, ...entries.slice(1)];

  it('a Qingdao decision under Qingdao’s or Shandong’s rules verifies; a Hangzhou one under them fails at the registration, citing 第四十三条', () => {
    expect(verifyProfileArea(of('qd', new Recorder(QINGDAO).entries), ORGS)).toMatchObject({ ok: true });
    expect(verifyProfileArea(of('qd', new Recorder(SHANDONG).entries), ORGS)).toMatchObject({ ok: true });
    const verdict = verifyProfileArea(of('hz', new Recorder(SHANDONG).entries), ORGS);
    expect(verdict).toMatchObject({ ok: false, seq: 0 });
    expect(!verdict.ok && verdict.failure).toContain('杭州市人民政府（hz）行政区划代码330100，不在该行政区域内');
    expect(!verdict.ok && verdict.failure).toContain('第四十三条');
  });

  it('the national baseline, a profile kept from before areas, and a record without offices are not checked', () => {
    expect(verifyProfileArea(of('hz', new Recorder().entries), ORGS)).toMatchObject({ ok: true });
    expect(verifyProfileArea(of('hz', new Recorder(profileAsKeptBefore('shandong')!).entries), ORGS)).toMatchObject({ ok: true });
    expect(verifyProfileArea(new Recorder(SHANDONG).entries, ORGS)).toMatchObject({ ok: true });
  });
});
