import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CalendarActivities, DecisionAuthority, DecisionRegistration, OpenTask, RecordActivities, RegistrationReceipt, RegistryActivities, StepEntry } from '../libs/domain';
import {
  apply,
  appendSystemEntry,
  assertAllowed,
  carriedBytesOf,
  tasksWithRoom,
  carriedRefusal,
  stepRefusal,
  art,
  DomainErrorType,
  formatCitation,
  initialState,
  isOverdue,
  withheldBy,
  nextWakeUp,
  openTasks,
  Hold,
  Phase,
  periodsFor,
  ProcedureViolation,
  profileAsKeptBefore,
  refusal,
  RefusalCode,
  registrationPayload,
  Role,
  signerOf,
  tick,
  type Actor,
  type Command,
  type Deadline,
  type ProcedureProfile,
  type ProcedureState,
  type Refusal,
} from '../libs/domain';

/** What a decision workflow is started with; `carried` continues a long-lived decision in a new run. */
export interface MajorDecisionInput {
  registration: DecisionRegistration;
  /** The profile's rules as they stood when the decision started; kept for the decision's whole life. */
  profile?: ProcedureProfile;
  carried?: { procedure: ProcedureState; receipt: RegistrationReceipt };
  /**
   * Continue as new after this many steps in one run, besides when Temporal
   * suggests it: bounds a run's history for decisions that live for years.
   */
  maxStepsPerRun?: number;
}

/** What the `state` query returns. */
export interface DecisionState {
  id: string;
  profile: string;
  phase: Phase;
  hold: ProcedureState['hold'];
  closedReason?: ProcedureState['closedReason'];
  draftVersion: number;
  overdue: boolean;
  registration?: RegistrationReceipt;
  /** Whose decision it is: the deciding organ and the body reviewing its legality (absent where registered before offices were checked). */
  authority?: DecisionAuthority;
  /** The basis on which the matter was declared not to be disclosed (Art. 14), where it was: its publication names no channel but on a basis for disclosure (Art. 32). */
  withheldBy?: string;
  /** Who signed the registration (entry 0), as the timeline names each step's signer (absent where registered unsigned, before). */
  registeredBy?: Actor;
  /** Why the decision is held, while it is: the reason, and for a suspension the Art. 35 situation and its urgency (Art. 37). */
  holdInfo?: { reason: string; situation?: string; urgency?: string };
  /** The decision in force suspended beneath a postponement of its adjustment (Art. 37): why, as for a suspension. */
  suspensionBeneath?: { reason: string; situation?: string; urgency?: string };
}

export interface StepResult {
  seq: number;
  phase: Phase;
  hold: ProcedureState['hold'];
}

/** The error type of a refused step; its details hold the Refusal. */
export const PROCEDURE_VIOLATION = DomainErrorType.ProcedureViolation;
/** Patches of the running workflow, newest last (see README, Changing a running workflow). */
export const Patches = {
  /** Registration is entered in the decision's record as step 0. */
  RecordRegistrationStep: 'record-registration-step',
  /**
   * A step is checked against what the state can carry again as it is applied, not only when it arrives: steps sent at
   * once were each checked against the state before the others (fresh-eyes tester: six of 425 KB taken, the decision frozen).
   */
  CarriedStateChecked: 'carried-state-checked',
  /**
   * The registration's own entry refused by the record (its key or office lapsed while it waited for a worker): the
   * decision's row is taken back and the run fails with the refusal, which the API answers (retest: recorded after the
   * lapse, the decision never verified).
   */
  RegistrationRefusedAtRecord: 'registration-refused-at-record',
} as const;

export const stateQuery = defineQuery<DecisionState>('state');
export const procedureQuery = defineQuery<ProcedureState>('procedure');
export const tasksQuery = defineQuery<OpenTask[]>('tasks');
export const deadlinesQuery = defineQuery<Deadline[]>('deadlines');
export const timelineQuery = defineQuery<ProcedureState['timeline']>('timeline');
/** The seq of the last entry the procedure has taken in (the registration is 0): a step recorded at or below it is part of it. */
export const stepsTakenQuery = defineQuery<number>('stepsTaken');
/** Completes once the registration is stored; the API starts the workflow with it (update-with-start). */
export const registeredUpdate = defineUpdate<RegistrationReceipt>('registered');
/** Every human step: validated before anything is written; the update id is the idempotency key. */
export const stepUpdate = defineUpdate<StepResult, [Command]>('step');

const registry = proxyActivities<RegistryActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });
const recorder = proxyActivities<RecordActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });
const calendar = proxyActivities<CalendarActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

/**
 * Records an accepted step. A step the database refuses for good (the record
 * activity says so, not retrying) is refused like an unlawful one: nothing is
 * recorded, the decision stays where it was and can move on.
 */
async function storeStep(entry: StepEntry) {
  try {
    return await recorder.recordStep(entry);
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && (cause.type === DomainErrorType.RecordRefused || cause.type === DomainErrorType.RecordConflict)) {
      // Where the activity says why in the procedure's terms (the adoption report's answers, Art. 18), that is the refusal.
      const own = cause.details?.[0] as Refusal | undefined;
      if (cause.type === DomainErrorType.RecordRefused && typeof own?.code === 'string' && Array.isArray(own.articles)) throw violation(own);
      throw violation(
        refusal(RefusalCode.NotStorable, { zh: `决策记录无法保存此步骤，故不予接受：${cause.message}`, en: `the record could not store this step, so it is not taken: ${cause.message}` }, art(33)),
      );
    }
    throw err;
  }
}

function isViolation(err: unknown): err is ApplicationFailure {
  return err instanceof ApplicationFailure && err.type === PROCEDURE_VIOLATION;
}

function violation(r: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: PROCEDURE_VIOLATION, message: `${r.message} [${r.citations.join('; ')}]`, details: [r], nonRetryable: true });
}

/** One major administrative decision, from registration to its last evaluation. */
export async function majorDecision(input: MajorDecisionInput): Promise<void> {
  const { registration } = input;
  // A decision started before its profile was kept with it keeps the rules it started with (profileAsKeptBefore): no
  // command changes for any history, so no patch is needed.
  const profile = input.profile ?? profileAsKeptBefore(registration.profile);
  if (!profile) throw ApplicationFailure.create({ type: DomainErrorType.UnknownProfile, message: `unknown procedure profile ${registration.profile}`, nonRetryable: true });
  const { workflowId, runId } = workflowInfo();

  let procedure = input.carried?.procedure ?? initialState({ decisionId: registration.id, profileId: profile.id, undertakingUnit: registration.undertakingDepartment, catalogRef: registration.catalogRef, authority: registration.authority, matterTypes: registration.matterTypes, registeredBy: registration.registeredBy?.id });
  let receipt = input.carried?.receipt;
  /** Why the registration's entry was refused, if it was: the answer to the registration, and the run's failure. */
  let registrationRefused: ApplicationFailure | undefined;
  let changes = 0;
  /** Set once the run has taken what it should: from then on it finishes the steps it accepted and continues as new. */
  let closing = false;
  const runIsFull = () => workflowInfo().continueAsNewSuggested || (input.maxStepsPerRun !== undefined && changes >= input.maxStepsPerRun);

  // Steps run one at a time, in arrival order; each sees the state the previous one left.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const ctx = () => ({ now: Date.now(), profile });
  const carriedBytes = carriedBytesOf();
  /** The one place this workflow builds a record entry: the step, and the state it leaves the decision in. */
  const entryOf = (
    after: ProcedureState,
    seq: number,
    at: number,
    step: Pick<StepEntry, 'action' | 'actor' | 'payload' | 'articles' | 'signature' | 'periods' | 'profile' | 'office' | 'authority'>,
  ): StepEntry => ({ decisionId: registration.id, seq, at, phaseAfter: after.phase, holdAfter: after.hold, overdue: isOverdue(after), workflowId, runId, ...step });
  const record = (action: 'register', actor: Command['actor'], payload: unknown, articles: string[], signature?: Command['signature'], profileSnapshot?: ProcedureProfile) =>
    storeStep(
      entryOf(procedure, procedure.timeline.length, Date.now(), { action, actor, payload, articles, signature, profile: profileSnapshot, office: registration.registeredByOffice, authority: registration.authority }),
    );

  setHandler(stateQuery, () => ({
    id: registration.id,
    profile: profile.id,
    phase: procedure.phase,
    hold: procedure.hold,
    closedReason: procedure.closedReason,
    draftVersion: procedure.drafts.length,
    overdue: isOverdue(procedure),
    registration: receipt,
    ...(procedure.authority ? { authority: procedure.authority } : {}),
    ...(withheldBy(procedure) !== undefined ? { withheldBy: withheldBy(procedure) } : {}),
    ...(registration.registeredBy ? { registeredBy: signerOf(registration.registeredBy) } : {}),
    // A query's answer, never in the history: replay-safe.
    ...(procedure.hold !== Hold.None && procedure.holdInfo ? { holdInfo: { reason: procedure.holdInfo.reason, situation: procedure.holdInfo.situation, urgency: procedure.holdInfo.urgency } } : {}),
    ...(procedure.suspensionBeneath ? { suspensionBeneath: { reason: procedure.suspensionBeneath.reason, situation: procedure.suspensionBeneath.situation, urgency: procedure.suspensionBeneath.urgency } } : {}),
  }));
  setHandler(procedureQuery, () => procedure);
  // The tasks the rules open that the state has room for (a query's answer, never in the history: replay-safe).
  setHandler(tasksQuery, () => tasksWithRoom(openTasks(procedure, profile), carriedBytes(procedure), profile));
  setHandler(deadlinesQuery, () => procedure.deadlines);
  setHandler(timelineQuery, () => procedure.timeline);
  setHandler(stepsTakenQuery, () => procedure.timeline.length);
  setHandler(registeredUpdate, async () => {
    await condition(() => receipt !== undefined || registrationRefused !== undefined);
    if (registrationRefused) throw registrationRefused;
    return receipt!;
  });
  setHandler(
    stepUpdate,
    (cmd) =>
      exclusive(async () => {
        // A step sent while the registration waited to be recorded: refused with it, should it be (the run ends then).
        if (!receipt) await condition(() => receipt !== undefined || registrationRefused !== undefined);
        if (registrationRefused) throw registrationRefused;
        const at = ctx();
        try {
          assertAllowed(procedure, cmd, at);
        } catch (err) {
          // Another step changed the state between validation and now.
          if (err instanceof ProcedureViolation) throw violation(err.refusal);
          throw err;
        }
        // So may its size have (carried.ts): steps arrive at once, each validated against the state before the others.
        if (patched(Patches.CarriedStateChecked)) {
          const tooLarge = carriedRefusal(carriedBytes(procedure), cmd.action, cmd.payload, profile);
          if (tooLarge) throw violation(tooLarge);
        }
        const requests = periodsFor(procedure, cmd, at);
        const periods = requests.length ? await calendar.computePeriods(requests) : [];
        const next = apply(procedure, cmd, at, periods);
        const entry = next.timeline[next.timeline.length - 1];
        const stored = await storeStep(
          entryOf(next, entry.seq, at.now, {
            action: cmd.action,
            actor: cmd.actor,
            payload: cmd.payload,
            articles: entry.articles,
            signature: cmd.signature,
            periods: periods.length ? periods : undefined,
            office: cmd.office,
          }),
        );
        if (stored.duplicateOf !== undefined) {
          const key = cmd.signature!.idempotencyKey;
          throw violation(
            refusal(
              RefusalCode.DuplicateKey,
              { zh: `幂等键 ${key} 已产生本决策的第 ${stored.duplicateOf} 条记录，此步骤不再重复记录`, en: `idempotency key ${key} already made entry ${stored.duplicateOf} of this decision; the step is not recorded again` },
              art(33),
            ),
          );
        }
        procedure = next;
        changes++;
        if (runIsFull()) closing = true;
        return { seq: entry.seq, phase: procedure.phase, hold: procedure.hold };
      }),
    {
      validator: (cmd) => {
        // A closing run takes no new step, or a steady stream of steps would keep it open forever.
        if (closing || runIsFull()) throw ApplicationFailure.create({ type: DomainErrorType.RunContinuing, message: 'the decision is moving to a new run; send the step again', nonRetryable: true });
        const refused = stepRefusal(procedure, cmd, ctx(), () => carriedBytes(procedure));
        if (refused) throw violation(refused);
      },
    },
  );

  if (!receipt) {
    const stored = await registry.recordRegistration({ ...registration, workflowId, runId });
    if (patched(Patches.RecordRegistrationStep)) {
      const articles = [formatCitation({ source: 'decree-713', article: 11 })];
      if (registration.registeredBy) {
        try {
          await record('register', registration.registeredBy, registrationPayload(registration), articles, registration.signature, profile);
        } catch (err) {
          if (!isViolation(err) || !patched(Patches.RegistrationRefusedAtRecord)) throw err;
          await registry.withdrawRegistration({ id: registration.id, runId });
          registrationRefused = err;
          await condition(allHandlersFinished);
          throw err;
        }
      } else {
        // Registered before registrations were signed: the unit itself stands as the actor.
        const actor = { id: `unit:${registration.undertakingDepartment}`, name: registration.undertakingDepartment, role: Role.UndertakingUnit, organisation: registration.undertakingDepartment };
        await record('register', actor, { catalogRef: registration.catalogRef, legalBasis: registration.legalBasis, profile: profile.id }, articles);
      }
    }
    receipt = stored;
  }

  // A continued run first archives the history of the run it continues: closed now, and deleted by Temporal in time.
  const previousRunId = workflowInfo().continuedFromExecutionRunId;
  if (input.carried && previousRunId) {
    await exclusive(async () => {
      const seq = procedure.timeline.length + 1;
      await recorder.archiveRun({ decisionId: registration.id, workflowId, runId: previousRunId, seq, recordedInRunId: runId });
      procedure = appendSystemEntry(procedure, 'archiveHistory', Date.now(), ['decree-713:33']);
    });
  }

  // The clocks: wake for the next reminder or period end, or when a step changes the state.
  for (;;) {
    const seen = changes;
    const wake = nextWakeUp(procedure);
    if (procedure.phase === Phase.Closed && wake === undefined) break;
    if (wake === undefined) await condition(() => changes !== seen || runIsFull());
    else await condition(() => changes !== seen || runIsFull(), Math.max(1, wake - Date.now()));
    await exclusive(async () => {
      const { state, events } = tick(procedure, Date.now());
      if (!events.length) return;
      procedure = state;
      await recorder.recordClockEvents({ decisionId: registration.id, events, overdue: isOverdue(procedure), phase: procedure.phase, hold: procedure.hold });
    });
    if (runIsFull()) {
      closing = true;
      await condition(allHandlersFinished);
      await continueAsNew<typeof majorDecision>({ registration, profile, carried: { procedure, receipt: receipt! }, maxStepsPerRun: input.maxStepsPerRun });
    }
  }
  await condition(allHandlersFinished);
}
