import type { DecisionAuthority, OfficeHeld } from './authority/offices';
import type { Actor, Command, DeadlineEvent, PeriodRequest, PeriodResult, Phase, Hold, ProcedureProfile, StepSignature } from './procedure';
import type { DecisionRegistration, RegistrationReceipt } from './registration';

/**
 * The activities the decision workflow calls. Workflows depend on these
 * interfaces only; `activities/` implements them.
 */
export interface RegistryActivities {
  /** Stores the registration; storing the same registration again returns the first receipt. */
  recordRegistration(input: DecisionRegistration & { workflowId: string; runId: string }): Promise<RegistrationReceipt>;
  /**
   * Takes back the decision's row of a registration whose own entry the record refused (its key or office lapsed while
   * it waited for a worker): only the row this run wrote, and only while no entry of it is recorded.
   */
  withdrawRegistration(input: { id: string; runId: string }): Promise<void>;
}

/** One accepted step, as the record keeps it. */
export interface StepEntry {
  decisionId: string;
  seq: number;
  action: Command['action'] | 'register' | 'archiveHistory';
  actor: Actor;
  payload: unknown;
  articles: string[];
  at: number;
  phaseAfter: Phase;
  holdAfter: Hold;
  overdue: boolean;
  workflowId: string;
  runId: string;
  /** The actor's signature of the step, where the step came signed through the API. */
  signature?: StepSignature;
  /** The periods the step started, as computed on the calendar: what its deadlines rest on. */
  periods?: PeriodResult[];
  /** Registration only: the procedure profile's rules as they stood, which the decision keeps for life. */
  profile?: ProcedureProfile;
  /** The appointment the signer relied on (checked by the API, related to the decision by the rules). */
  office?: OfficeHeld;
  /** Registration only: whose decision it is (the deciding organ and its legality review body). */
  authority?: DecisionAuthority;
}

export interface RecordActivities {
  /**
   * Appends an accepted step to the decision's record; the same entry twice
   * (a retry) returns the first. A step whose idempotency key an earlier entry
   * of the decision holds is not recorded: `duplicateOf` names that entry.
   */
  recordStep(entry: StepEntry): Promise<{ seq: number; duplicateOf?: number }>;
  /** Stores the history of a closed run of the decision's workflow and enters its hash in the record at `seq`. */
  archiveRun(input: { decisionId: string; workflowId: string; runId: string; seq: number; recordedInRunId: string }): Promise<void>;
  /** Records what the clocks did (reminders, elapsed periods, missed time limits). */
  recordClockEvents(input: { decisionId: string; events: DeadlineEvent[]; overdue: boolean; phase: Phase; hold: Hold }): Promise<void>;
}

export interface CalendarActivities {
  /** Periods on the Chinese working calendar (public holidays and adjusted workdays). */
  computePeriods(requests: PeriodRequest[]): Promise<PeriodResult[]>;
}
