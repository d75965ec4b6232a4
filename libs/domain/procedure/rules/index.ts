import { assertOffice } from '../../authority/offices';
import { art, type Citation } from '../articles';
import type { PeriodRequest, PeriodResult } from '../calendar';
import type { ActionName, Command } from '../commands';
import { NATIONAL_BASELINE, type ProcedureProfile } from '../profiles';
import { ProcedureViolation, refusal, refuse, RefusalCode as R, type Refusal } from '../refusal';
import { Role, signerOf, SYSTEM_ACTOR, type Actor } from '../roles';
import { Hold, Phase, type ProcedureState } from '../state';
import { anyTimeRules } from './anytime';
import { decisionRules } from './decision';
import { draftingRules } from './drafting';
import { executionRules } from './execution';
import { expertAndRiskRules } from './expert-risk';
import { isStr } from './guards';
import { initiationRules } from './initiation';
import { legalityRules } from './legality';
import { checkMatters, matterRules, mattersOpen } from './matters';
import { participationRules } from './participation';
import type { ActionRule, RuleTable, StepContext } from './rule';
import { personsForUnit, personsWhoArgued } from './duties';
import { actsFor, notFromEarlierPassAnywhere, structuredCloneJson } from './shared';
import { ALL_OPEN, closedBecause, outOfStage, PRE_DECISION } from './stage';
import { actionZh, roleZh } from './words';
import { explainedReasons } from './reasons';

export type { StepContext } from './rule';
export { adoptionExplanationNeeded, changesAwaitingReview, CORRECTION_PREFIX, expertDone, isoMinute, legalityPassed, publicParticipationDone, REVIEW_DATE_PREFIX, reviewedText, riskDone, structuredCloneJson, textChainOf, withheldBy, zhMinute } from './shared';
export { hearingsToHold, participationSuperseded } from './participation';
export { saysNothing } from './reasons';
export { materialsOnRecord } from './decision';
export { draftingUnits, undertakerEvaluating } from './execution';
export { actionZh, roleZh } from './words';
export { TEXT_MAX } from './guards';

/**
 * The statutory procedure as pure rules, one file per chapter of Decree 713
 * (drafting, public participation, expert argumentation and risk assessment,
 * legality review, discussion and decision, execution and adjustment, and the
 * steps open at any time before the decision), and what other laws add for some
 * matter types (matters.ts). `check` says whether a step may
 * be taken now (and which article forbids it if not), `periodsFor` says which
 * periods the step starts (computed on the working calendar outside), and
 * `apply` returns the state after the step. The workflow's Update validators
 * call `check`, its handlers `apply`; the property tests drive the same code.
 */

/** The chapters, in the order of the statute. */
type Chapters = [typeof initiationRules, typeof draftingRules, typeof participationRules, typeof expertAndRiskRules, typeof legalityRules, typeof decisionRules, typeof executionRules, typeof anyTimeRules, typeof matterRules];

/** The action names two chapters both claim: none, or the spread below would silently keep only the later rule. */
type Overlap<T extends readonly object[], Seen = never> = T extends readonly [infer H, ...infer Rest extends readonly object[]]
  ? [keyof H & Seen] extends [never]
    ? Overlap<Rest, Seen | keyof H>
    : keyof H & Seen
  : never;
const _noActionInTwoChapters: [Overlap<Chapters>] extends [never] ? true : Overlap<Chapters> = true;

/**
 * Every action's rule, complete by construction: TypeScript refuses the table
 * if an action of `Payloads` (and so of ACTION_NAMES) has no rule, and each
 * chapter's type refuses a rule that names no action.
 */
const RULES = {
  ...initiationRules,
  ...draftingRules,
  ...participationRules,
  ...expertAndRiskRules,
  ...legalityRules,
  ...decisionRules,
  ...executionRules,
  ...anyTimeRules,
  ...matterRules,
} satisfies RuleTable;

// ---------- the public face ----------

/** Throws ProcedureViolation with the refusal when the step may not be taken now. */
export function assertAllowed(s: ProcedureState, cmd: Command, ctx: StepContext): void {
  const { rule, actor: a } = assertMayAct(s, cmd, ctx);
  if (typeof cmd.payload !== 'object' || cmd.payload === null) refuse(R.InvalidPayload, { zh: 'payload：必须是对象', en: 'payload must be an object' }, ...rule.basis);
  rule.shape(cmd.payload);
  rule.validate?.(s, cmd.payload, a, cmd.office ? { ...ctx, office: cmd.office } : ctx);
  // After the rule's own checks, which say more where they have something to say of the same text.
  if (ctx.profile.reasonsExplained) explainedReasons(cmd.action, cmd.payload, rule.basis);
  if (ctx.profile.disclosureBasisExplained) explainedReasons(cmd.action, cmd.payload, rule.basis, true);
  // An adjustment's documents are its own (Art. 37): no opinion, report, minutes or contract of an earlier pass.
  if (ctx.profile.freshDocumentsPerCycle) notFromEarlierPassAnywhere(s, cmd.payload, ...rule.basis);
  // What other laws add for the decision's matter types (Art. 3 para. 2), once the step is lawful under the decree.
  checkMatters(s, cmd, ctx);
}

/**
 * Who acts, and when, before anything the step's content says: the actor's shape, the role, the stage, the hold, the
 * designated unit and the office held. What a refusal about the content would be told after these.
 */
function assertMayAct(s: ProcedureState, cmd: Command, ctx: StepContext): { rule: ActionRule<ActionName>; actor: Actor } {
  const a = cmd.actor as Actor | undefined;
  if (!a || !isStr(a.id, 100) || !isStr(a.name, 200) || !isStr(a.organisation, 200) || typeof a.role !== 'string') {
    refuse(R.InvalidPayload, { zh: 'actor：必须载明 id、name、role 和 organisation', en: 'actor must name id, name, role and organisation' }, art(33));
  }
  const rule = assertOpen(s, cmd.action, a.role, ctx.profile);
  // Art. 11: the undertaking unit's steps come from the lead unit the deciding organ designated, where it did.
  undertakenAsDesignated(s, cmd, a, ctx);
  // The signer held the role's office in this decision at the time (Arts. 11, 25, 30…), when the decision knows its offices.
  assertOffice(s.authority, s.undertakingUnit, a, cmd.office, ctx.now, cmd.action);
  return { rule, actor: a };
}

/**
 * The refusal of who acts and when (assertMayAct), or undefined: what the API tells a step it refuses for its content
 * before the rules see it (a document not uploaded, a register's check), when the step was not the signer's to take
 * now anyway: a wrong role is told that, not that a document it cites is missing.
 */
export function mayActRefusal(s: ProcedureState, cmd: Command, ctx: StepContext): Refusal | undefined {
  return refusalOf(() => assertMayAct(s, cmd, ctx));
}

/** The refusal a check of the rules throws, or undefined where it passes. */
function refusalOf(assert: () => unknown): Refusal | undefined {
  try {
    assert();
    return undefined;
  } catch (err) {
    if (err instanceof ProcedureViolation) return err.refusal;
    throw err;
  }
}

/** The steps of executing the decision in force that go on between the change's adoption and its archive (Art. 37). */
const EXECUTED_THROUGH_CHANGE: readonly ActionName[] = ['submitExecutionReport', 'superviseExecution', 'suspendExecution', 'resumeExecution', 'recordPublicFeedback', 'submitEvaluation'];

/**
 * The payload-independent part of the rules: the role, the phase, the hold and
 * the rule's own preconditions. What passes it is an open task.
 */
function assertOpen(s: ProcedureState, action: ActionName, role: Role, profile: ProcedureProfile): ActionRule<ActionName> {
  const rule = RULES[action] as ActionRule<ActionName> | undefined;
  if (!rule) refuse(R.InvalidPayload, { zh: `未知的步骤 ${String(action)}`, en: `unknown action ${String(action)}` }, art(33));
  if (rule.since && !profile[rule.since]) {
    refuse(R.WrongStage, {
      zh: `本决策登记时适用的程序规则（${profile.id}）没有“${actionZh(action)}”这一步骤，本决策按登记时的规则办理`,
      en: `the rules this decision was registered under (${profile.id}) have no step ${action}; the decision keeps the rules it started with`,
    }, ...rule.basis);
  }
  const roles = rolesFor(action, profile);
  if (!roles.includes(role)) refuse(R.WrongRole, { zh: `${actionZh(action)}应当由${roles.map(roleZh).join('或者')}办理，不能由${roleZh(role)}办理`, en: `${action} is for ${roles.join(' or ')}, not ${role}` }, ...(rule.roleBasis ?? rule.basis));
  if (s.phase === Phase.Closed) {
    const why = closedBecause(s);
    refuse(R.Closed, why, ...why.articles);
  }
  // The decision in force is executed until the change replaces it (Art. 37; decisions under `executionThroughAdjustment`):
  // between the change's adoption and its archive too, a termination only until it is published. Its execution, that is:
  // reports, supervision, suspension, opinions, an evaluation's report; not a new designation or evaluation.
  const throughChange = !!profile.executionThroughAdjustment && EXECUTED_THROUGH_CHANGE.includes(action) && s.inForce !== undefined && (s.phase === Phase.Decided || (s.phase === Phase.Published && !s.decision?.terminates));
  const adjusting = (rule.duringAdjustment && s.pendingChange !== undefined && PRE_DECISION.includes(s.phase)) || throughChange;
  const openedOnceDecided = s.phase === Phase.Decided && !!rule.decidedIf?.(s);
  const reopened = !!rule.reopenedIf?.(s, profile);
  if (!(rule.phases ?? ALL_OPEN).includes(s.phase) && !adjusting && !openedOnceDecided && !reopened) {
    const why = outOfStage(s, action, rule);
    refuse(R.WrongStage, why, ...why.articles);
  }
  // A postponement holds the whole procedure; a suspension holds execution, while the
  // adjustment procedure that may follow it (Art. 37) goes on. Under `executionThroughAdjustment`, the postponement of an
  // adjustment holds the adjustment, not the execution of the decision in force.
  const adjustmentPostponed = !!profile.executionThroughAdjustment && s.hold === Hold.Postponed && s.pendingChange !== undefined && !!rule.duringAdjustment;
  const held = (s.hold === Hold.Postponed && !adjustmentPostponed) || (s.hold === Hold.Suspended && (s.phase === Phase.Execution || throughChange));
  if (held && !rule.duringHold && !(s.hold === Hold.Suspended && rule.suspendedIf?.(s, profile))) {
    refuse(
      R.OnHold,
      {
        zh: `决策${s.hold === Hold.Suspended ? '已中止执行' : '已暂缓'}${s.holdInfo ? `（${s.holdInfo.reason}）` : ''}，恢复前不得办理此步骤`,
        en: `the decision is ${s.hold}${s.holdInfo ? ` (${s.holdInfo.reason})` : ''}`,
      },
      s.hold === Hold.Suspended ? art(37) : art(30),
    );
  }
  startedByTheOrgan(s, action, profile);
  rule.when?.(s, profile, role);
  // What other laws put before the step for the decision's matter types, where the state alone decides it (Art. 3 para. 2).
  mattersOpen(s, action, profile);
  return rule;
}

/**
 * Arts. 10, 11 (decisions under `organStartsAndIssues` whose profile has the organ start each decision): nothing but the
 * organ's decision to start (or the matter's withdrawal) is taken before the organ decided to start the procedure and
 * designated the undertaking unit.
 */
function startedByTheOrgan(s: ProcedureState, action: ActionName, profile: ProcedureProfile): void {
  if (!profile.organStartsAndIssues || profile.startDecision?.value !== 'organ' || s.initiation || s.cycle > 1) return;
  if (action === 'decideToStart' || action === 'withdraw') return;
  const own = profile.startDecision.basis;
  refuse(R.PrerequisiteMissing, {
    zh: `决策机关尚未决定启动本决策程序、明确决策承办单位（decideToStart），不能${actionZh(action)}`,
    en: `the deciding organ has not decided to start this procedure nor designated its undertaking unit (decideToStart): ${action} waits for it`,
  }, art(10), art(11), ...(own.source === 'decree-713' && (own.article === 10 || own.article === 11) ? [] : [own]));
}

/**
 * Art. 11 (decisions under `organStartsAndIssues`): once the organ designated the undertaking unit, the undertaking
 * unit's steps come from the lead unit it designated (or an office of it); a unit sharing the work (a co-unit) does not
 * sign them, and neither does any other.
 */
function undertakenAsDesignated(s: ProcedureState, cmd: Command, actor: Actor, ctx: StepContext): void {
  const started = s.initiation;
  if (!ctx.profile.organStartsAndIssues || !started || actor.role !== Role.UndertakingUnit) return;
  if (actsFor(actor, cmd.office ? { ...ctx, office: cmd.office } : ctx, started.undertakingUnit)) return;
  const co = started.coUnits.includes(actor.organisation);
  refuse(R.NotDesignated, co
    ? {
        zh: `${actor.organisation}是决策机关明确的共同承办单位，决策草案的拟订等工作由牵头的决策承办单位（${started.undertakingUnit}）负责办理`,
        en: `${actor.organisation} shares the work as a unit the organ named, but the lead undertaking unit (${started.undertakingUnit}) takes the undertaking unit's steps`,
      }
    : {
        zh: `${actor.organisation}不是决策机关明确的决策承办单位（${started.undertakingUnit}），不能${actionZh(cmd.action)}`,
        en: `${actor.organisation} is not the undertaking unit the deciding organ designated (${started.undertakingUnit})`,
      }, art(11));
}

/**
 * The refusal of any step on a closed decision, saying why it closed (Arts. 10, 30, 37): for the API, which learns of a
 * finished workflow from Temporal (an Update to it is not found) and answers it as the rules would, not as 404.
 */
export function closedRefusal(s: Pick<ProcedureState, 'closedReason'>): Refusal {
  const why = closedBecause(s);
  return refusal(R.Closed, why, ...why.articles);
}

/** Whether the role may take the step now, given the right content, under the decision's profile (the national baseline when not given). */
export function isOpen(s: ProcedureState, action: ActionName, role: Role, profile: ProcedureProfile = NATIONAL_BASELINE): boolean {
  return !refusalOf(() => assertOpen(s, action, role, profile));
}

/** The refusal, or undefined when the step is allowed. */
export function check(s: ProcedureState, cmd: Command, ctx: StepContext): Refusal | undefined {
  return refusalOf(() => assertAllowed(s, cmd, ctx));
}

/** The periods a step starts, to be computed on the working calendar before `apply`. */
export function periodsFor(s: ProcedureState, cmd: Command, ctx: StepContext): PeriodRequest[] {
  const rule = RULES[cmd.action] as ActionRule<ActionName>;
  return rule.periods?.(s, cmd.payload, ctx) ?? [];
}

/** The articles a step rests on, as recorded with it. */
export function basisOf(action: ActionName): Citation[] {
  return RULES[action].basis;
}

/** Who takes the step: in a decision where the deciding organ acts as itself, its officers where the rule says so. */
export function rolesFor(action: ActionName, profile: ProcedureProfile = NATIONAL_BASELINE): readonly Role[] {
  const rule = RULES[action] as ActionRule<ActionName>;
  return profile[rule.organRolesSince ?? 'organActs'] && rule.organRoles ? rule.organRoles : rule.roles;
}

/**
 * The persons who may not take the step in the role, under the decision's profile, whatever content they give: under
 * `personsSeparate`, those who acted for the undertaking unit on it, where the step is one they are kept from (Arts. 25,
 * 28, 30); the person who minuted the discussion, from the decision (Art. 30); the person who sent the draft for
 * review, from reviewing it (Art. 25); an adviser who has given a legal opinion, from giving another (Art. 28).
 */
export function personsKeptFrom(s: ProcedureState, action: ActionName, role: Role, profile: ProcedureProfile = NATIONAL_BASELINE): string[] {
  const rule = RULES[action] as ActionRule<ActionName>;
  const unit = profile.personsSeparate && rule.separatedRoles?.includes(role) ? personsForUnit(s) : [];
  const recorder = action === 'decide' && s.discussion ? [s.discussion.recordedBy] : [];
  const submitter = (action === 'issueLegalityOpinion' || action === 'reviewAdoptedChanges') && s.legality ? [s.legality.submittedBy] : [];
  // One opinion each (Art. 28): who has given theirs is not offered it again (second retest).
  const advised = action === 'submitLegalOpinion' && s.legality ? s.legality.legalOpinions.map((o) => o.by) : [];
  // Who gave the round's legal opinion does not review on it (`legalOpinionsByOthers`, Art. 28).
  const opined = !profile.legalOpinionsByOthers ? [] : action === 'issueLegalityOpinion' && s.legality ? s.legality.legalOpinions.map((o) => o.by) : action === 'reviewAdoptedChanges' ? (s.decision?.changesLegalOpinions ?? []).map((o) => o.by) : [];
  // Who drafted, argued or assessed the decision does not evaluate it (`evaluatorNotUndertaker`, Art. 36 para. 2).
  const worked = profile.evaluatorNotUndertaker && (action === 'startEvaluation' || action === 'submitEvaluation')
    ? [...personsForUnit(s), ...personsWhoArgued(s)]
    : [];
  return [...new Set([...unit, ...recorder, ...submitter, ...advised, ...opined, ...worked])];
}

/** Whether a step the rules would take now is also offered as a task (我的待办): see ActionRule.task. */
export function isTask(s: ProcedureState, action: ActionName, profile: ProcedureProfile = NATIONAL_BASELINE): boolean {
  const rule = RULES[action] as ActionRule<ActionName>;
  return rule.task?.(s, profile) ?? true;
}

/** The state after an allowed step. Checks again, so an illegal step can never be applied. */
export function apply(s: ProcedureState, cmd: Command, ctx: StepContext, periods: PeriodResult[]): ProcedureState {
  assertAllowed(s, cmd, ctx);
  const next = structuredCloneJson(s);
  (RULES[cmd.action] as ActionRule<ActionName>).apply(next, cmd.payload, cmd.actor, ctx, periods);
  next.timeline.push({ seq: next.timeline.length + 1, action: cmd.action, actor: signerOf(cmd.actor), at: ctx.now, articles: basisOf(cmd.action).map((c) => `${c.source}:${c.article ?? ''}`) });
  return next;
}

/** Enters one of the engine's own records (not a procedure step) in the timeline, so record numbering stays one sequence. */
export function appendSystemEntry(s: ProcedureState, action: 'archiveHistory', at: number, articles: string[]): ProcedureState {
  const next = structuredCloneJson(s);
  next.timeline.push({ seq: next.timeline.length + 1, action, actor: signerOf(SYSTEM_ACTOR), at, articles });
  return next;
}
