import { apply, check, computePeriod, initialState, NATIONAL_BASELINE, periodsFor, tick, type Command, type ProcedureProfile, type ProcedureState, type Refusal, type WorkdayCalendar, WEEKDAY_CALENDAR } from '../../libs/domain';
import { actors, DAY, steps, UNIT } from './procedure';

/** Drives the pure procedure rules the way the workflow does, on a given calendar and clock. */
export class Driver {
  state: ProcedureState;
  now: number;
  constructor(
    readonly profile: ProcedureProfile = NATIONAL_BASELINE,
    start = Date.UTC(2026, 2, 2, 2), // Monday 2 March 2026, 10:00 CST
    readonly calendar: WorkdayCalendar = WEEKDAY_CALENDAR,
    /** The matter types of the catalog item (libs/domain/procedure/matters.ts), as the registration carries them. */
    matterTypes?: string[],
  ) {
    this.state = deepFreeze(initialState({ decisionId: 'D-1', profileId: profile.id, undertakingUnit: UNIT, matterTypes, registeredBy: actors.unit.id }));
    this.now = start;
  }
  get ctx() {
    return { now: this.now, profile: this.profile };
  }
  /** Checks and applies; returns the refusal instead when refused (and changes nothing). */
  try(c: Command): Refusal | undefined {
    const refusal = check(this.state, c, this.ctx);
    if (refusal) return refusal;
    const periods = periodsFor(this.state, c, this.ctx).map((r) => computePeriod(r, this.calendar));
    this.state = deepFreeze(apply(this.state, c, this.ctx, periods));
    return undefined;
  }
  do(...cmds: Command[]): this {
    for (const c of cmds) {
      const refusal = this.try(c);
      if (refusal) throw new Error(`${c.action} refused: ${refusal.message} [${refusal.citations.join('; ')}]`);
    }
    return this;
  }
  advance(ms: number): this {
    this.now += ms;
    this.state = deepFreeze(tick(this.state, this.now).state);
    return this;
  }
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * Brings a decision through consultation (comment, experts, and a risk assessment by the engaged third party, judged
 * controllable by the deciding organ) to the point of submitting for legality review.
 */
export function consulted(d = new Driver()): Driver {
  // Decisions under the rules before the organ acted as itself (a kept profile without them) take neither step.
  d.do(steps.draft(), steps.applicability(), steps.openComment(), steps.panel(), ...(d.profile.organActs ? [steps.engage()] : []), steps.risk(), ...(d.profile.organJudgesRisk ? [steps.judgeRisk()] : []));
  d.advance(31 * DAY).do(steps.closeComment(), steps.adoptionReport(), steps.expertOpinion(actors.expert1), steps.expertOpinion(actors.expert2), steps.completeExperts());
  return d;
}

/** … and through a legality review that found the draft lawful. */
export function reviewed(d = consulted()): Driver {
  d.do(steps.submitReview(), steps.legalOpinion());
  return d.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
}
