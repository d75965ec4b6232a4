import type { OfficeHeld } from '../../authority/offices';
import type { Citation } from '../articles';
import type { PeriodRequest, PeriodResult } from '../calendar';
import type { ActionName, Payloads } from '../commands';
import type { ProcedureProfile } from '../profiles';
import type { Actor, Role } from '../roles';
import type { Phase, ProcedureState } from '../state';

/** What a rule sees of the moment: the time of the step and the decision's profile. */
export interface StepContext {
  now: number;
  profile: ProcedureProfile;
  /** The office the signer relied on, where the decision checks offices: what `validate` reads of the signer's organisation and those above it. */
  office?: OfficeHeld;
}

/** The profile rules that add steps: a step of one exists only in decisions whose profile has it. */
export type ProfileRule = 'organActs' | 'organJudgesRisk' | 'organStartsAndIssues' | 'consultation' | 'interpretation' | 'hearingAnnounced';

export const DAY = 86_400_000;

/** The rule of one step: who takes it, when, with what content, and what it changes. */
export interface ActionRule<K extends ActionName> {
  roles: readonly Role[];
  /** The roles instead, in decisions where the deciding organ acts as itself (`organActs`, or the rule `organRolesSince` names). */
  organRoles?: readonly Role[];
  /** The profile rule under which `organRoles` take the step; `organActs` when not given. */
  organRolesSince?: ProfileRule;
  /** The profile rule the step belongs to: in a decision whose profile lacks it, there is no such step. */
  since?: ProfileRule;
  /** The articles that govern the step; recorded with it. */
  basis: Citation[];
  /** The articles that say who takes the step, where not all of `basis` does; cited when the role is wrong. */
  roleBasis?: Citation[];
  /** Phases in which the step may be taken; undefined: any open phase. */
  phases?: readonly Phase[];
  /** Allowed while the decision is postponed or suspended. */
  duringHold?: boolean;
  /** Allowed while the execution is suspended where this holds, under the decision's rules (what is not execution: a disclosure). */
  suspendedIf?: (s: ProcedureState, profile: ProcedureProfile) => boolean;
  /**
   * Allowed also while an adjustment runs the procedure again (startAdjustment: the phase goes back to
   * drafting, the decision in force is still executed until the change is decided; Arts. 34–37).
   */
  duringAdjustment?: boolean;
  /** Allowed also once decided where this holds of the decision (a withdrawal where it cannot be issued). */
  decidedIf?: (s: ProcedureState) => boolean;
  /** Open besides in `phases` where this holds, under the decision's rules (a draft whose review returned its materials, back in drafting). */
  reopenedIf?: (s: ProcedureState, profile: ProcedureProfile) => boolean;
  /**
   * The roles in which a person who acted for the undertaking unit on the decision does not take the step, under the
   * profile's `personsSeparate` (its `validate` refuses them: `separate`): 我的待办 does not offer it to them.
   */
  separatedRoles?: readonly Role[];
  shape(p: Payloads[K]): void;
  /**
   * Preconditions that do not depend on the payload; also what makes a step an open task. The profile: the decision's;
   * the role: the one the step is taken (or offered) in.
   */
  when?(s: ProcedureState, profile: ProcedureProfile, role: Role): void;
  /**
   * Whether a step the rules would take is also a task to offer (我的待办), where not always: a step the organ may take
   * at any time (its supervision) is offered only when there is something to do.
   */
  task?(s: ProcedureState, profile: ProcedureProfile): boolean;
  validate?(s: ProcedureState, p: Payloads[K], actor: Actor, ctx: StepContext): void;
  periods?(s: ProcedureState, p: Payloads[K], ctx: StepContext): PeriodRequest[];
  apply(s: ProcedureState, p: Payloads[K], actor: Actor, ctx: StepContext, periods: PeriodResult[]): void;
}

/** The rules of one chapter of the statute, one per action the chapter names. */
export type Chapter<K extends ActionName> = { [A in K]: ActionRule<A> };

/** Every action's rule: the whole procedure. */
export type RuleTable = Chapter<ActionName>;
