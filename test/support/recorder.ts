import type { RecordEntry } from '../../libs/record/chain';
import { apply, check, computePeriod, initialState, NATIONAL_BASELINE, periodsFor, registrationPayload, tick, WEEKDAY_CALENDAR, type Command, type ProcedureProfile, type ProcedureState } from '../../libs/domain';
import { actors, UNIT } from './procedure';

const ID = 'D-RECORD';
const CATALOG_REF = '2026-目录-07';

/**
 * Takes the steps as the workflow does and writes the entries it would record (unsigned: the replay does not look at signatures),
 * for the tests of the offline verifier's replay of the procedure (libs/record/*.spec.ts).
 */
export class Recorder {
  state: ProcedureState;
  now = Date.UTC(2026, 2, 2, 2);
  entries: RecordEntry[] = [];
  /** `matterTypes`: the catalog item's, signed in the registration (Art. 3 para. 2). */
  constructor(
    readonly profile: ProcedureProfile = NATIONAL_BASELINE,
    matterTypes?: string[],
  ) {
    this.state = initialState({ decisionId: ID, profileId: profile.id, undertakingUnit: UNIT, catalogRef: CATALOG_REF, matterTypes });
    const payload = registrationPayload({ id: ID, title: '票价调整', undertakingDepartment: UNIT, catalogRef: CATALOG_REF, legalBasis: [], profile: profile.id, matterTypes });
    this.entries.push(this.entry('register', actors.unit, payload, 'drafting', profile as unknown as RecordEntry['profile']));
  }
  private entry(action: string, actor: RecordEntry['actor'], payload: unknown, phaseAfter: string, profile?: RecordEntry['profile'], periods?: RecordEntry['periods']): RecordEntry {
    return { v: 1, decisionId: ID, seq: this.entries.length, action, phaseAfter, actor, at: new Date(this.now).toISOString(), payload, documents: [], articles: [], workflowId: ID, runId: 'run-1', periods, profile, prevHash: null };
  }
  do(...cmds: Command[]): this {
    for (const c of cmds) {
      const ctx = { now: this.now, profile: this.profile };
      this.state = tick(this.state, this.now).state;
      const refusal = check(this.state, c, ctx);
      if (refusal) throw new Error(`${c.action} refused: ${refusal.message}`);
      const periods = periodsFor(this.state, c, ctx).map((r) => computePeriod(r, WEEKDAY_CALENDAR));
      this.state = apply(this.state, c, ctx, periods);
      this.entries.push(this.entry(c.action, c.actor, c.payload, this.state.phase, undefined, periods.length ? periods : undefined));
      this.now += 3_600_000;
    }
    return this;
  }
  advance(ms: number): this {
    this.now += ms;
    return this;
  }
  /** The entries with one step's payload changed, as a forger re-signing and re-sealing it would leave them. */
  forged(action: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): RecordEntry[] {
    return this.entries.map((e) => (e.action === action ? { ...e, payload: change(e.payload as Record<string, unknown>) } : e));
  }
}

