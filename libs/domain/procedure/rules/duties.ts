import type { Citation } from '../articles';
import { refuse, RefusalCode as R, type Bilingual } from '../refusal';
import type { Actor } from '../roles';
import type { ProcedureState } from '../state';

/** Separation of duties: the undertaking unit does not review, record or decide on its own draft. */
export function separate(actor: Actor, s: ProcedureState, what: Bilingual, basis: Citation): void {
  if (actor.organisation === s.undertakingUnit) {
    refuse(R.SeparationOfDuties, { zh: `决策承办单位（${s.undertakingUnit}）不得对本单位起草的决策草案${what.zh}`, en: `${what.en} cannot be done by the undertaking unit (${s.undertakingUnit}) of its own draft` }, basis);
  }
}
