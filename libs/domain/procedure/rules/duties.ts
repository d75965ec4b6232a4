import type { Citation } from '../articles';
import type { ProcedureProfile } from '../profiles';
import { refuse, RefusalCode as R, type Bilingual } from '../refusal';
import { Role, type Actor } from '../roles';
import type { ProcedureState } from '../state';

/**
 * Separation of duties: the undertaking unit does not review, advise on, record or decide on its own draft. Under the
 * profile's `personsSeparate`, neither does a person who acted for it on this decision, whatever other office they hold
 * (a drafter also appointed legal adviser or meeting secretary: fresh-eyes tester).
 */
export function separate(actor: Actor, s: ProcedureState, what: Bilingual, basis: Citation, profile: ProcedureProfile): void {
  if (actor.organisation === s.undertakingUnit) {
    refuse(R.SeparationOfDuties, { zh: `决策承办单位（${s.undertakingUnit}）不得对本单位起草的决策草案${what.zh}`, en: `${what.en} cannot be done by the undertaking unit (${s.undertakingUnit}) of its own draft` }, basis);
  }
  if (!profile.personsSeparate) return;
  const acted = actedForUnit(s, actor.id);
  if (acted !== undefined) {
    refuse(R.SeparationOfDuties, {
      zh: `${actor.name}（${actor.id}）已经作为决策承办单位办理本决策（第${acted}条记录${acted === 0 ? '，登记' : ''}），不得再对本决策草案${what.zh}`,
      en: `${actor.id} acted for the undertaking unit on this decision (entry ${acted}${acted === 0 ? ', the registration' : ''}) and cannot also do ${what.en}`,
    }, basis);
  }
}

/**
 * The entry by which the person acted for the undertaking unit on the decision, if they did: the registration (entry 0,
 * signed for the unit, not in the timeline) counts as much as any later step of the unit's.
 */
export function actedForUnit(s: ProcedureState, personId: string): number | undefined {
  return s.registeredBy === personId ? 0 : s.timeline.find((e) => e.actor.id === personId && e.actor.role === Role.UndertakingUnit)?.seq;
}

/** Everyone who acted for the undertaking unit on the decision: its registrant, and each signer of a step of the unit's. */
export function personsForUnit(s: ProcedureState): string[] {
  const signers = s.timeline.filter((e) => e.actor.role === Role.UndertakingUnit).map((e) => e.actor.id);
  return [...new Set([...(s.registeredBy === undefined ? [] : [s.registeredBy]), ...signers])];
}

/**
 * Everyone who argued or assessed the decision before it was made, in any pass (Art. 36 para. 2): the experts' and
 * assessors' signers, and the experts who argued at a meeting by signing its minutes (retest: one who argued so alone
 * evaluated the decision).
 */
export function personsWhoArgued(s: ProcedureState): string[] {
  const signers = s.timeline.filter((e) => e.actor.role === Role.Expert || e.actor.role === Role.RiskAssessor).map((e) => e.actor.id);
  return [...new Set([...signers, ...(s.arguedInMinutes ?? [])])];
}
