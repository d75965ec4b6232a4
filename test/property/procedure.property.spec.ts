import fc from 'fast-check';
import { changesAwaitingReview, check, expertDone, legalityPassed, MATTER_TYPE_IDS, MATTER_TYPES, NATIONAL_BASELINE, openTasks, PROFILES, taskIsFor, publicParticipationDone, reviewedText, riskDone, Role, SHANDONG, type ActionName, type Actor, type Command, type HearingCategory, type ProcedureProfile, type ProcedureState, type Refusal } from '../../libs/domain';
import { Driver } from '../support/driver';
import { actors, cmd, DAY, discussionMaterials, h, steps } from '../support/procedure';

/**
 * Thousands of random action sequences through the pure procedure rules (the
 * same code the workflow's validators and handlers run), checking after every
 * step the invariants the statute demands.
 */
/** The Art. 29 materials, with the statement of a disagreement left unresolved where there is one (Art. 13). */
const materials = (s: ProcedureState) => Object.assign(discussionMaterials(s), unresolved(s).length ? { disagreementHash: h('disagreement-statement') } : {});
/** The consultation the decree names, read from the state as the rules read it (Arts. 8, 13, 14 para. 3). */
const inCycle = <T extends { cycle: number }>(s: ProcedureState, xs: T[] | undefined) => (xs ?? []).filter((x) => x.cycle === s.cycle);
/** The draft sent to review: its materials supplemented where the review returned them (Art. 26), each round's its own. */
const review = (s: ProcedureState, v: number): Command =>
  s.legality?.draftVersion === v && s.legality.opinion?.outcome === 'returned'
    ? cmd('submitForLegalityReview', actors.unit, { materialsHash: h(`materials-${v}-supplemented-${(s.legality.returnedMaterials?.length ?? 0) + 1}`), procedureExplanationHash: h(`procedure-${v}`) })
    : steps.submitReview(v);
const unconsulted = (s: ProcedureState) => (s.applicability?.unitsConcerned ?? []).filter((u) => !inCycle(s, s.unitConsultations).some((c) => c.unit === u));
const unheard = (s: ProcedureState) => (s.applicability?.specialGroups ?? []).filter((g) => !inCycle(s, s.groupConsultations).some((c) => c.group === g));
function unresolved(s: ProcedureState): string[] {
  const latest = new Map(inCycle(s, s.unitConsultations).map((c) => [c.unit, c.agreed] as const));
  return [...latest].filter(([, agreed]) => !agreed).map(([u]) => u);
}
const congressDone = (s: ProcedureState) => {
  const last = inCycle(s, s.congressActions).at(-1);
  const kind = s.applicability?.peoplesCongress;
  return !kind || (kind === 'report' ? !!last : last?.outcome === 'approved');
};
/** The declaration with what the consultation adds: a unit concerned, a special group, a matter of the people's congress. */
const declaring = (peoplesCongress: 'decide' | 'report'): Command => {
  const c = steps.applicability();
  return { ...c, payload: { ...c.payload, unitsConcerned: ['hz-czj'], specialGroups: ['残疾人'], peoplesCongress } } as Command;
};

const HEARING_PARTICIPANTS = [
  { id: 'p-1', name: '乘客甲', interested: true },
  { id: 'p-2', name: '乘客乙', interested: true },
  { id: 'p-3', name: '学者丙', interested: false },
];

/** The next step a diligent undertaking unit would take: keeps random runs moving through the whole procedure. */
/**
 * The same step on this pass's own documents: a hash an earlier pass's opinion, report, minutes or contract had is made
 * this pass's (an adjustment goes through the procedure on documents of its own, Art. 37).
 */
function ofThisPass(s: ProcedureState, c: Command): Command {
  const earlier = new Set((s.earlierPasses ?? []).map((e) => e.hash));
  if (!earlier.size) return c;
  const fresh = (v: unknown): unknown =>
    typeof v === 'string' ? (earlier.has(v) ? h(`${v} pass ${s.cycle}`) : v) : Array.isArray(v) ? v.map(fresh) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'priorAssessmentRef' ? x : fresh(x)])) : v;
  return { ...c, payload: fresh(c.payload) } as Command;
}

function canonicalNext(s: ProcedureState, now: number): Command {
  return ofThisPass(s, canonicalNextOn(s, now));
}

function canonicalNextOn(s: ProcedureState, now: number): Command {
  const v = s.drafts.length;
  if (s.hold === 'postponed') return cmd('resumeFromPostponement', actors.mayor, { reason: '恢复' });
  if (s.hold === 'suspended') return cmd('resumeExecution', actors.mayor, { reason: '恢复' });
  switch (s.phase) {
    case 'drafting':
      if (!v || s.legality?.opinion || s.decision?.outcome === 'further_study') return steps.draft(v + 1, v % 2 === 0);
      return steps.applicability();
    case 'consultation': {
      if (!s.applicability) return steps.applicability();
      const pp = s.publicParticipation;
      // A hearing announced has its participants named next (Art. 16 para. 3).
      const unnamed = pp?.hearingsAnnounced?.find((a) => !pp.hearings.some((x) => x.id === a.id));
      if (unnamed) return cmd('scheduleHearing', actors.unit, { hearingId: unnamed.id, ...announcedAs(s, unnamed.id, now), participants: HEARING_PARTICIPANTS });
      if (!publicParticipationDone(s)) {
        if (!pp?.comment || pp.draftVersion < v && s.drafts[v - 1].material) return steps.openComment();
        if (!pp.comment.closedAt) return steps.closeComment();
        if (unheard(s).length) return steps.consultGroup(unheard(s)[0], ['representatives']);
        return steps.adoptionReport();
      }
      if (!expertDone(s)) {
        if (!s.expert || s.expert.completed) return steps.panel();
        const missing = [actors.expert1, actors.expert2].find((e) => !s.expert!.opinions.some((o) => o.expertId === e.id));
        return missing ? steps.expertOpinion(missing) : steps.completeExperts();
      }
      if (!riskDone(s)) {
        if (!s.riskEngagements?.length) return steps.engage();
        return s.risk && !s.risk.controllable && s.risk.draftVersion === v ? steps.draft(v + 1, false) : steps.risk(true, v);
      }
      if (unconsulted(s).length) return steps.consultDepartment(true, unconsulted(s)[0]);
      if (unheard(s).length) return steps.consultGroup(unheard(s)[0], ['representatives']);
      return review(s, v);
    }
    case 'legality_review':
      if (s.legality?.paused) return cmd('resumeLegalityReview', actors.unit, { materialsHash: h('supplement') });
      if (!s.legality?.legalOpinions.length) return steps.legalOpinion(undefined, s.cycle);
      return steps.legalityOpinion('lawful', { opinionHash: h(`legality-lawful-pass${s.cycle}`) });
    case 'discussion':
      if (!s.discussion || s.discussion.draftVersion !== v || s.decision) return steps.discussion(materials(s));
      // Art. 24: the organ judges the risk before it adopts; judged not controllable, the draft goes back for adjustment.
      if (s.risk && !s.risk.judgement && !s.applicability?.riskAssessment.priorAssessmentRef && s.applicability?.riskAssessment.required) return steps.judgeRisk();
      if (s.risk?.judgement?.controllable === false) return steps.decide('further_study', { reasons: '调整草案，确保风险可控' });
      return steps.decide('adopt', { reasons: '依据讨论' });
    case 'decided':
      if (changesAwaitingReview(s)) return steps.reviewChanges(s.decision!.adoptedTextHash!);
      if (!s.partyReport) return steps.partyReport(s.timeline.length + 1);
      // Art. 31: the Party committee objected; the organ reports again, and publishes once the reply agrees.
      if (s.partyReply?.outcome === 'objections' && s.partyReply.answers === s.partyReport.seq) return steps.partyReport(s.timeline.length + 1);
      if (s.partyReply?.outcome === 'objections') return { ...steps.partyReply('agreed'), actor: actors.secretary };
      if (!congressDone(s)) return s.applicability?.peoplesCongress === 'report' ? steps.congress() : steps.congress('approved', 'congress');
      return steps.publish(s);
    case 'published':
      return steps.archive();
    default:
      if (!s.executionUnits) return steps.designate();
      return cmd('submitExecutionReport', actors.executor, { reportHash: h(`exec-${now}`), problem: false });
  }
}

/** Steps anyone might try at any time, lawful or not. */
const noise: ((s: ProcedureState, now: number) => Command)[] = [
  (s) => steps.draft(s.drafts.length + 1, true),
  () => steps.applicability({ expert: false, risk: false }),
  () => steps.applicability({ pp: false }),
  () => steps.openComment(10),
  () => steps.openComment(7, '紧急'),
  () => steps.closeComment(),
  () => steps.adoptionReport(),
  () => steps.panel(),
  () => steps.risk(false),
  (s) => steps.risk(true, s.drafts.length),
  (s) => review(s, s.drafts.length),
  () => cmd('pauseLegalityReview', actors.reviewer, { kind: 'supplement', reason: '补充材料' }),
  () => cmd('resumeLegalityReview', actors.unit, { materialsHash: h('supp') }),
  () => steps.legalOpinion(actors.lawyer),
  () => steps.legalityOpinion('lawful'),
  () => steps.legalityOpinion('lawful', { earlyReason: '简单事项' }),
  () => steps.legalityOpinion('returned'),
  () => steps.legalityOpinion('unlawful'),
  () => steps.legalityOpinion('exploratory'),
  () => steps.legalityOpinion('lawful', { form: 'countersignature' }),
  (s) => steps.discussion(materials(s)),
  (s) => steps.discussion(Object.assign(materials(s), { draftHash: h('stale') })),
  (s) => steps.discussion(materials(s), ['disagree', 'disagree', 'agree']),
  () => steps.decide('adopt'),
  (s) => steps.decide('adopt_with_changes', { changesHash: h('changes'), adoptedTextHash: h(`changed-${s.cycle}-${s.drafts.length}`) }),
  (s) => steps.reviewChanges(s.decision?.adoptedTextHash ?? h('no text adopted')),
  (s) => steps.reviewChanges(s.decision?.adoptedTextHash ?? h('no text adopted'), 'unlawful'),
  (s) => steps.publish(s),
  () => steps.decide('not_adopt', { reasons: '不予通过' }),
  (_s, now) => steps.decide('postpone', { reasons: '暂缓', reviewDate: now + 30 * DAY }),
  () => steps.decide('further_study', { reasons: '再研究' }),
  () => steps.partyReport(),
  () => steps.publish(),
  () => steps.archive(),
  () => steps.suspend('紧急情况'),
  () => steps.adjust('adjust', '情况变化'),
  () => steps.adjust('terminate', '不再需要'),
  () => cmd('withdraw', actors.unit, { reason: '撤回' }),
  (_s, now) => cmd('postpone', actors.mayor, { reason: '暂缓', reviewDate: now + 10 * DAY }),
  () => cmd('startEvaluation', actors.evaluator, { trigger: '公众意见较多' }),
  // The organ's acts (Arts. 23, 24, 34, 36, 37), and the same acts by those who may not take them.
  () => steps.engage(),
  () => steps.engage('hz-dsfpg', actors.mayor),
  () => steps.judgeRisk(false, '预案不足'),
  () => steps.judgeRisk(),
  () => steps.designate(),
  () => steps.designate(['hz-jtj']),
  () => steps.commission(),
  () => steps.commission(actors.assessor.organisation),
  () => cmd('startAdjustment', actors.unit, { kind: 'adjust', reason: '承办单位自行调整' }),
  // The organ's remaining acts (Arts. 10, 11, 31, 32, 34), and the same acts by those who may not take them.
  () => steps.start(),
  () => steps.start({ coUnits: ['hz-czj'] }),
  () => steps.start({ proposal: { source: 'public', proposer: '市民李某' } }),
  () => ({ ...steps.draft(), actor: { ...actors.unit, id: 'u-cz', organisation: 'hz-czj' } }),
  () => steps.partyReply('objections'),
  () => steps.partyReply('agreed'),
  () => ({ ...steps.partyReport(), actor: actors.unit }),
  (s) => steps.publish(s, actors.unit),
  (s) => steps.publish(s, actors.mayor),
  () => steps.supervise(),
  () => steps.supervise({ units: ['hz-czj'] }),
  () => ({ ...steps.supervise(), actor: actors.executor }),
  // The consultation the decree names (Arts. 8, 13, 14 para. 3, 35), lawful and not.
  () => declaring('decide'),
  () => declaring('report'),
  () => steps.consultDepartment(false),
  () => steps.consultDepartment(true),
  () => steps.consultGroup(),
  () => steps.consultGroup('残疾人', ['people_organisation']),
  (s) => steps.discussion(discussionMaterials(s)),
  () => steps.congress('not_approved', 'congress'),
  () => steps.congress('approved', 'congress'),
  () => steps.congress(),
  () => steps.feedback(),
  () => steps.feedback(actors.secretary),
  () => steps.feedback(actors.unit),
  // A hearing (Arts. 16, 17): announced, then its participants named; its materials delivered; held.
  (s, now) =>
    s.publicParticipation?.hearingsAnnounced?.some((a) => a.id === 'H-1')
      ? cmd('scheduleHearing', actors.unit, { hearingId: 'H-1', ...announcedAs(s, 'H-1', now), participants: HEARING_PARTICIPANTS })
      : announcing('H-1', now, hearingOrganiser(s)),
  () => cmd('deliverHearingMaterials', actors.unit, { hearingId: 'H-1' }),
  () => cmd('recordHearing', actors.unit, { hearingId: 'H-1', transcriptHash: h('hearing-transcript'), signedBy: HEARING_PARTICIPANTS.map((x) => x.id) }),
  () => steps.applicability({ hearing: true }),
];

const ALL_ACTORS: Actor[] = Object.values(actors);

const stepArb = fc.record({
  /** Mostly the diligent next step, so runs get deep into the procedure; otherwise noise. */
  guided: fc.nat({ max: 9 }).map((n) => n < 8),
  noise: fc.nat({ max: noise.length - 1 }),
  /** Sometimes the wrong person tries it, or someone from the undertaking unit. */
  impostor: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat({ max: ALL_ACTORS.length - 1 }) }),
  sameOrg: fc.boolean(),
  advance: fc.constantFrom(0, 0, 0, 3_600_000, DAY, 5 * DAY, 15 * DAY, 31 * DAY),
});

it('a diligent unit reaches execution by canonical steps alone', () => {
  const d = new Driver();
  for (let i = 0; i < 200 && d.state.phase !== 'execution'; i++) {
    const c = canonicalNext(d.state, d.now);
    const r = d.try(c);
    if (r) d.advance(DAY);
  }
  expect(d.state.phase).toBe('execution');
});

describe('procedure invariants under random action sequences (fast-check)', () => {
  it('holds for every sequence', () => {
    let refusals = 0;
    let decided = 0;
    let published = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(stepArb, { minLength: 1, maxLength: 100, size: 'max' }), (shandong, seq) => {
        const d = new Driver(shandong ? SHANDONG : NATIONAL_BASELINE);
        for (const step of seq) {
          d.advance(step.advance);
          let c = step.guided ? canonicalNext(d.state, d.now) : noise[step.noise](d.state, d.now);
          if (step.impostor !== null) c = { ...c, actor: { ...ALL_ACTORS[step.impostor] } } as Command;
          if (step.sameOrg && step.impostor !== null) c = { ...c, actor: { ...c.actor, organisation: d.state.undertakingUnit } } as Command;

          // The driver deep-freezes its state: a rule that tried to change it while checking would throw.
          const before = d.state;
          const refusal = d.try(c);
          if (refusal) {
            refusals++;
            // Every refusal says why, and names at least one article; nothing changed.
            expect(refusal.message.length).toBeGreaterThan(0);
            expect(refusal.citations.length).toBeGreaterThan(0);
            expect(refusal.citations.every((x) => /第.+条|《.+》/.test(x))).toBe(true);
            expect(d.state).toBe(before);
            continue;
          }
          const after = d.state;
          expect(after.timeline.length).toBe(before.timeline.length + 1);

          // No decision is adopted without a passing legality review of the very draft, after every required stage.
          if (c.action === 'decide' && (c.payload.outcome === 'adopt' || c.payload.outcome === 'adopt_with_changes')) {
            decided++;
            expect(legalityPassed(before)).toBe(true);
            expect(publicParticipationDone(before) && expertDone(before) && riskDone(before)).toBe(true);
            const l = before.legality!;
            const doneAt = [before.publicParticipation?.adoptionReport?.at, before.expert?.completed?.at, before.risk?.at].filter((x): x is number => x !== undefined);
            expect(doneAt.every((t) => t <= l.submittedAt)).toBe(true);
            expect(before.discussion?.draftVersion).toBe(l.draftVersion);
            expect(before.discussion!.at).toBeGreaterThanOrEqual(l.opinion!.at);
          }

          // The deciding organ acts as itself: an adoption follows its judgment that the risk is controllable (Art. 24);
          // execution reports come from the unit it designated (Art. 34), evaluations from the unit it named (Art. 36),
          // third-party assessments from an organisation engaged (Art. 23); adjustments are started by its chief executive (Art. 37).
          if (c.action === 'decide' && (c.payload.outcome === 'adopt' || c.payload.outcome === 'adopt_with_changes')) {
            const r = before.applicability?.riskAssessment;
            if (r?.required && !r.priorAssessmentRef) expect(before.risk?.judgement?.controllable).toBe(true);
          }
          if (c.action === 'submitExecutionReport') expect(before.executionUnits?.organisations).toContain(c.actor.organisation);
          if (c.action === 'startEvaluation') expect([before.evaluationCommission?.organisation, !!before.evaluationCommission?.started]).toEqual([c.actor.organisation, false]);
          if (c.action === 'submitRiskAssessment' && c.payload.thirdParty) expect(before.riskEngagements?.map((e) => e.organisation)).toContain(c.actor.organisation);
          if (c.action === 'startAdjustment' || c.action === 'designateExecutionUnit' || c.action === 'commissionEvaluation' || c.action === 'judgeRisk') expect(c.actor.role).toBe('chief_executive');

          // The organ's remaining acts: it starts (Arts. 10, 11), reports and records the reply (Art. 31), publishes (Art. 32) and
          // supervises (Art. 34); the undertaking unit's steps come from the lead unit it designated; nothing is published over
          // the Party committee's objections.
          if (['decideToStart', 'recordPartyCommitteeReply', 'publish', 'superviseExecution', 'reportToPartyCommittee'].includes(c.action)) expect(['chief_executive', 'meeting_secretary']).toContain(c.actor.role);
          if (c.action === 'decideToStart') expect(c.actor.role).toBe('chief_executive');
          if (c.actor.role === 'undertaking_unit' && before.initiation) expect(c.actor.organisation).toBe(before.initiation.undertakingUnit);
          if (c.action === 'publish' && before.partyReply && before.partyReply.answers === before.partyReport?.seq) expect(before.partyReply.outcome).toBe('agreed');

          // The consultation the decree names: the units concerned consulted and the special groups heard before the legality
          // review (Arts. 13, 14 para. 3), the groups before the adoption report; a disagreement left goes to the organ with the
          // materials (Arts. 13, 29); nothing is published before the people's congress handled it (Art. 8); opinions in
          // execution are recorded by the designated execution unit or the organ (Art. 35).
          if (c.action === 'submitForLegalityReview') expect([unconsulted(before), unheard(before)]).toEqual([[], []]);
          if (c.action === 'submitAdoptionReport') expect(unheard(before)).toEqual([]);
          if (c.action === 'recordDiscussion' && unresolved(before).length) expect(c.payload.materials.disagreementHash).toBeDefined();
          if (c.action === 'publish') expect(congressDone(before)).toBe(true);
          if (c.action === 'recordPublicFeedback') {
            expect(['execution_unit', 'chief_executive', 'meeting_secretary']).toContain(c.actor.role);
            if (c.actor.role === 'execution_unit') expect(before.executionUnits?.organisations).toContain(c.actor.organisation);
          }

          // What is published is the text adopted; what is adopted is the text reviewed, or a changed text a supplementary review found lawful (Arts. 25, 30, 32).
          if (c.action === 'publish') {
            const dec = before.decision!;
            expect(c.payload.documentHash).toBe(dec.adoptedTextHash);
            if (dec.outcome === 'adopt') expect(dec.adoptedTextHash).toBe(reviewedText(before));
            else expect(dec.changesReview).toMatchObject({ outcome: 'lawful', textHash: dec.adoptedTextHash });
            published++;
          }

          // No period closes early without a recorded reason, unless the one it protects waived it:
          // the legality reviewer its review time (Art. 26), recorded by name.
          for (const dl of after.deadlines.filter((x) => x.type === 'minimum')) {
            const was = before.deadlines.find((x) => x.id === dl.id);
            const closedNow = was?.status === 'running' && (dl.status === 'met' || dl.status === 'elapsed');
            const waived = dl.waivedBy !== undefined && dl.waivedBy === c.actor.id && c.actor.role === 'legality_reviewer' && c.action === 'issueLegalityOpinion';
            if (closedNow && dl.dueAt !== undefined && d.now < dl.dueAt) expect(dl.shortenedReason || waived).toBeTruthy();
          }
          const comment = after.publicParticipation?.comment;
          if (comment?.closedAt) {
            const dl = after.deadlines.find((x) => x.id === comment.deadlineId)!;
            expect(comment.closedAt).toBeGreaterThanOrEqual(dl.dueAt!);
            if (comment.days < d.profile.minCommentDays.value) expect(comment.shortenedReason).toBeTruthy();
          }
        }
      }),
      { numRuns: 2000, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // The sequences really exercise the procedure: both refusals and adoptions happen.
    expect(refusals).toBeGreaterThan(1000);
    expect(decided).toBeGreaterThan(50);
    expect(published).toBeGreaterThan(10);
  });
});

/**
 * What 我的待办 offers is a step the procedure takes now (the fresh-eyes tester, D3: hearings offered with none scheduled,
 * expert opinions where no panel argues, the legality review during the comment period): for every task offered in every
 * state random runs reach, some content the state itself gives (the right hashes, an expert of the panel who has not
 * argued, a hearing scheduled) is accepted, or refused only for the time (a period still running, a notice too short),
 * which the task shows with its deadline.
 */
describe('open tasks under random action sequences (fast-check)', () => {
  const TIME_ONLY = new Set(['PERIOD_RUNNING', 'NOTICE_TOO_SHORT']);
  /**
   * A task that waits on what its own role organises, offered with its time limit meanwhile: the review opinion, whose
   * reviewer has the legal advisers' and public lawyers' opinions given first (Art. 28).
   */
  // Offered as waiting for the legal opinions the reviewer organises (waitingFor): the review's, and the changes' review's.
  const organised = (s: ProcedureState, action: ActionName, r: Refusal) =>
    r.code === 'PREREQUISITE_MISSING' && ((action === 'issueLegalityOpinion' && !s.legality?.legalOpinions.length) || (action === 'reviewAdoptedChanges' && !s.decision?.changesLegalOpinions?.length));

  it('every task offered can be taken now, with the right content', () => {
    const offered = new Map<ActionName, number>();
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(PROFILES)), fc.subarray(MATTER_TYPE_IDS, { maxLength: 2 }), fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }), (profile, matterTypes, seq) => {
        const d = new Driver(profile, undefined, undefined, matterTypes);
        for (const step of seq) {
          d.advance(step.advance);
          const c = step.guided ? canonicalNext(d.state, d.now) : noise[step.noise](d.state, d.now);
          d.try(c);
          for (const task of openTasks(d.state, d.profile)) {
            offered.set(task.action, (offered.get(task.action) ?? 0) + 1);
            const tries = contentFor(d.state, task.action, task.role, d.now, d.profile);
            const refusals = tries.map((x) => check(d.state, x, d.ctx));
            if (refusals.some((r) => r === undefined || TIME_ONLY.has(r.code) || organised(d.state, task.action, r))) continue;
            throw new Error(`offered ${task.role}:${task.action} in phase ${d.state.phase}, but refused: ${refusals.map((r) => `${r!.code} ${r!.zh}`).join(' | ') || '(no content to try)'}`);
          }
        }
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // The runs reach the tasks of every chapter, the tester's cases among them.
    const reached: ActionName[] = ['submitForLegalityReview', 'submitExpertOpinion', 'completeExpertArgumentation', 'submitRiskAssessment', 'deliverHearingMaterials', 'recordHearing', 'issueLegalityOpinion', 'decide', 'publish', 'submitExecutionReport'];
    expect(reached.filter((a) => !offered.get(a))).toEqual([]);
  });

  /**
   * 我的待办 offers a task to each holder of its role but the persons the rules keep from it (`notFor`, `person`): a
   * drafter also appointed legal adviser or chief executive is not offered the opinion or the decision on his own draft,
   * the secretary who minuted the meeting not the decision (Arts. 25, 28, 30). Each task offered is tried, with the
   * content its usual holder takes it with, by the drafter and by an outsider in the same office: refused by separation of
   * duties only where the task says it is not for them, and refused some way wherever it says so.
   */
  it('a task is offered to every holder of its role but those the rules keep from it', () => {
    let kept = 0;
    let free = 0;
    const outsider = 'x-waiwei';
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(PROFILES)), fc.array(stepArb, { minLength: 1, maxLength: 80, size: 'max' }), (profile, seq) => {
        const d = new Driver(profile);
        for (const step of seq) {
          d.advance(step.advance);
          d.try(step.guided ? canonicalNext(d.state, d.now) : noise[step.noise](d.state, d.now));
          for (const task of openTasks(d.state, d.profile).filter((x) => x.role !== Role.UndertakingUnit)) {
            const taken = contentFor(d.state, task.action, task.role, d.now, d.profile).filter((c) => c.actor.role === task.role && check(d.state, c, d.ctx) === undefined);
            for (const person of [actors.unit.id, outsider, d.state.discussion?.recordedBy, d.state.legality?.submittedBy].filter((x): x is string => !!x)) {
              for (const c of taken) {
                const r = check(d.state, { ...c, actor: { ...c.actor, id: person } } as Command, d.ctx);
                if (taskIsFor(task, person)) {
                  if (r?.code === 'SEPARATION_OF_DUTIES') throw new Error(`${task.role}:${task.action} offered to ${person}, who is refused: ${r.zh}`);
                  free++;
                } else {
                  if (r === undefined) throw new Error(`${task.role}:${task.action} not offered to ${person}, who may take it`);
                  kept++;
                }
              }
            }
          }
        }
      }),
      { numRuns: 100, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // Both sides are reached: persons kept from tasks, and persons offered them.
    expect(kept).toBeGreaterThan(0);
    expect(free).toBeGreaterThan(0);
  });
});

/** A hearing announced twenty days ahead (Art. 16 paras 2–3): its time, place and selection method. */
function announcing(hearingId: string, now: number, organisedBy?: string): Command {
  return cmd('announceHearing', actors.unit, { hearingId, date: new Date(now + 20 * DAY).toISOString(), place: '市民中心听证室', selectionMethodHash: h('hearing-selection'), ...(organisedBy ? { organisedBy } : {}) });
}

/** The time, place and method a hearing was announced with; twenty days ahead where it was not (refused so). */
function announcedAs(s: ProcedureState, hearingId: string, now: number) {
  const a = s.publicParticipation?.hearingsAnnounced?.find((x) => x.id === hearingId);
  return { date: new Date(a?.date ?? now + 20 * DAY).toISOString(), place: a?.place ?? '市民中心听证室', selectionMethodHash: h('hearing-selection') };
}

/** The organisation that organises the hearing, where the decision's matter types' laws name one (the price department). */
function hearingOrganiser(s: ProcedureState): string | undefined {
  return (s.matterTypes ?? []).some((id) => MATTER_TYPES[id].hearing?.organiser) ? '市发展改革委' : undefined;
}

/** A hearing of ten, composed and organised as the decision's matter types' laws ask (price hearings, expropriation). */
function hearingAsTheLawsAsk(s: ProcedureState, now: number, hearingId = 'H-2'): Command {
  const laws = (s.matterTypes ?? []).map((id) => MATTER_TYPES[id].hearing).filter((x) => !!x);
  const categories = laws.flatMap((x) => x.composition ?? []).flatMap((r) => Array<HearingCategory>(Math.max(r.min ?? 0, Math.ceil((r.minShare ?? 0) * 10))).fill(r.category));
  const participants = Array.from({ length: 10 }, (_, i) => ({ id: `q-${i}`, name: `参加人${i}`, interested: true, category: categories[i] ?? ('public' as HearingCategory) }));
  const organisedBy = hearingOrganiser(s);
  return cmd('scheduleHearing', actors.unit, { hearingId, ...announcedAs(s, hearingId, now), participants, ...(organisedBy ? { organisedBy } : {}) });
}

/** The person of each role the tests act as. */
const ACTOR_OF: Record<Role, Actor> = {
  [Role.UndertakingUnit]: actors.unit,
  [Role.LegalityReviewer]: actors.reviewer,
  [Role.LegalAdviser]: actors.adviser,
  [Role.PublicLawyer]: actors.lawyer,
  [Role.Expert]: actors.expert1,
  [Role.RiskAssessor]: actors.assessor,
  [Role.MeetingSecretary]: actors.secretary,
  [Role.ChiefExecutive]: actors.mayor,
  [Role.ExecutionUnit]: actors.executor,
  [Role.Evaluator]: actors.evaluator,
} as Record<Role, Actor>;

/** The contents a diligent official of the role would try for the task, read from the state. */
function contentFor(s: ProcedureState, action: ActionName, role: Role, now: number, profile: ProcedureProfile): Command[] {
  return contentOn(s, action, role, now, profile).map((c) => ofThisPass(s, c));
}

function contentOn(s: ProcedureState, action: ActionName, role: Role, now: number, profile: ProcedureProfile): Command[] {
  const by = ACTOR_OF[role];
  const as = (c: Command): Command => ({ ...c, actor: by }) as Command;
  const v = s.drafts.length;
  const hearings = s.publicParticipation?.hearings ?? [];
  const reasons = '依据讨论情况 (on the discussion)';
  switch (action) {
    case 'decideToStart': return [as(steps.start())];
    case 'submitDraft': return [steps.draft(v + 1, true), steps.draft(v + 1, false)];
    // With a hearing and the market concerned too, as some matter types' laws require.
    // (A matter declared withheld is declared again as withheld, or put out for comment only on a basis for disclosure.)
    case 'declareApplicability': return [steps.applicability(), steps.applicability({ hearing: true, market: true }), declaring('decide'), steps.applicability({ pp: false })];
    case 'consultDepartment': return unconsulted(s).map((u) => steps.consultDepartment(true, u));
    case 'consultSpecialGroup': return unheard(s).map((g) => steps.consultGroup(g, ['representatives']));
    case 'openPublicComment': return [steps.openComment()];
    case 'closePublicComment': return [steps.closeComment()];
    case 'announceHearing': return [announcing('H-1', now), announcing('H-2', now, hearingOrganiser(s))];
    // For each hearing announced: the participants of the noise's hearing, and as the laws ask.
    case 'scheduleHearing': return (s.publicParticipation?.hearingsAnnounced?.map((a) => a.id) ?? ['H-1']).flatMap((id) => [
      cmd('scheduleHearing', actors.unit, { hearingId: id, ...announcedAs(s, id, now), participants: HEARING_PARTICIPANTS }),
      hearingAsTheLawsAsk(s, now, id),
    ]);
    case 'deliverHearingMaterials':
    case 'recordHearing': return hearings.map((x) => cmd(action, actors.unit, action === 'deliverHearingMaterials' ? { hearingId: x.id } : { hearingId: x.id, transcriptHash: h('hearing-transcript'), signedBy: x.participants.map((p) => p.id) }));
    case 'cancelHearing': return hearings.filter((x) => !x.held).map((x) => cmd('cancelHearing', actors.unit, { hearingId: x.id, reason: '听证场地因台风不能使用，另行公布' }));
    case 'recordParticipationForm': return [cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h('symposium') })];
    case 'submitAdoptionReport': return [steps.adoptionReport()];
    case 'appointExpertPanel': return [steps.panel()];
    case 'submitExpertOpinion': return (s.expert?.panel ?? []).map((e) => steps.expertOpinion({ ...actors.expert1, id: e.id, name: e.name, organisation: e.organisation }));
    case 'submitExpertMinutes': return [cmd('submitExpertMinutes', actors.unit, { minutesHash: h('expert-minutes'), signedBy: (s.expert?.panel ?? []).map((e) => e.id) })];
    case 'completeExpertArgumentation': return [steps.completeExperts()];
    case 'engageRiskAssessor': return [as(steps.engage('hz-wdpg-2'))];
    case 'submitRiskAssessment': return [steps.risk(true, v), { ...steps.risk(true, v), payload: { ...steps.risk(true, v).payload, level: 'low', reportHash: h(`own-risk-${v}`), thirdParty: false } } as Command];
    case 'judgeRisk': return [steps.judgeRisk(s.risk?.controllable ?? true, reasons)];
    case 'submitForLegalityReview': return [review(s, v)];
    case 'pauseLegalityReview': return [cmd('pauseLegalityReview', actors.reviewer, { kind: 'consultation', reason: '征求有关部门意见' })];
    case 'resumeLegalityReview': return [cmd('resumeLegalityReview', actors.unit, { materialsHash: h('supplement') }), cmd('resumeLegalityReview', actors.reviewer, {})];
    // Each adviser or lawyer gives one: another of the role may still give one.
    // An adjustment's opinions and report are its own documents, not an earlier pass's (Art. 37).
    case 'submitLegalOpinion': return [steps.legalOpinion(by, s.cycle), steps.legalOpinion({ ...by, id: `${by.id}-2`, name: `另一${by.name}` }, s.cycle)];
    case 'issueLegalityOpinion': return [steps.legalityOpinion('lawful', { opinionHash: h(`legality-lawful-pass${s.cycle}`) }), steps.legalityOpinion('returned', { opinionHash: h(`legality-returned-pass${s.cycle}`) })];
    case 'recordDiscussion': return [steps.discussion(materials(s))];
    case 'decide': return [steps.decide('adopt', { reasons }), steps.decide('further_study', { reasons }), steps.decide('not_adopt', { reasons })];
    case 'reviewAdoptedChanges': return [steps.reviewChanges(s.decision?.adoptedTextHash ?? '')];
    case 'reportToPartyCommittee': return [as(steps.partyReport(s.timeline.length + 1))];
    case 'recordPartyCommitteeReply': return [as(steps.partyReply('agreed'))];
    case 'recordCongressAction': return [as(steps.congress()), as(steps.congress('approved', 'congress'))];
    case 'publish': return [as(steps.publish(s, by))];
    case 'recordFurtherPublication': return [as(cmd('recordFurtherPublication', by, { channels: ['杭州日报'], documentHash: s.publication?.documentHash ?? h('decision'), reference: '2026年12月1日第3版' }))];
    case 'interpretDecision': return [as(steps.interpret())];
    case 'archive': return [as(steps.archive())];
    case 'designateExecutionUnit': return [steps.designate()];
    case 'submitExecutionReport': return [cmd('submitExecutionReport', { ...actors.executor, organisation: s.executionUnits?.organisations[0] ?? actors.executor.organisation }, { reportHash: h(`exec-${now}`), problem: false })];
    case 'superviseExecution': return [as(steps.supervise())];
    case 'recordPublicFeedback': return [as(steps.feedback(by))];
    // Any unit that did not argue or assess before the decision (Art. 36 para. 2).
    case 'commissionEvaluation': return [steps.commission(), steps.commission('hz-pgzx')];
    case 'startEvaluation': return [cmd('startEvaluation', { ...actors.evaluator, organisation: s.evaluationCommission?.organisation ?? actors.evaluator.organisation }, { trigger: '实施满一年' })];
    case 'submitEvaluation': {
      const open = s.evaluations.find((e) => !e.report);
      return [steps.evaluate('continue', { ...actors.evaluator, ...open?.evaluator })];
    }
    case 'suspendExecution': return [steps.suspend('紧急情况')];
    case 'resumeExecution': return [cmd('resumeExecution', actors.mayor, { reason: '恢复' })];
    case 'startAdjustment': return [steps.adjust('adjust', '情况变化')];
    // Each step the decision's matter types and the profile's requirements add, with each conclusion it may reach.
    case 'recordMatterStep':
      return [...(s.matterTypes ?? []).map((id) => MATTER_TYPES[id]), ...(profile.requirements ?? [])].flatMap((r) => r.steps.flatMap((st) => (st.conclusions ? Object.keys(st.conclusions.values) : [undefined]).map((c) => steps.matterStep(r.id, st.id, c))));
    case 'withdraw': return [as(cmd('withdraw', by, { reason: '撤回' }))];
    case 'postpone': return [cmd('postpone', actors.mayor, { reason: '暂缓', reviewDate: new Date(now + 30 * DAY).toISOString() })];
    case 'resumeFromPostponement': return [cmd('resumeFromPostponement', actors.mayor, { reason: '恢复' })];
  }
}
