import { art, citationZh, formatCitation } from '../procedure/articles';
import type { ProcedureProfile } from '../procedure/profiles';
import { refusal, RefusalCode, type Refusal } from '../procedure/refusal';
import { disqualifiedAt, type ExpertDisqualificationFacts } from './disqualifications';

/**
 * An expert in the decision-consulting expert pool of a government (决策咨询论证专家库, Art. 21), as its registrar
 * entered it: in the pool from `validFrom` until `validTo` (none: until further notice), or until `endedAt`, where the
 * registrar ended the membership (退出).
 */
export interface ExpertPoolEntryFacts {
  id: string;
  expertId: string;
  expertName: string;
  governmentId: string;
  fields: readonly string[];
  institution?: string | null;
  validFrom: string | Date;
  validTo?: string | Date | null;
  endedAt?: string | Date | null;
}

/**
 * Where an entry stands at an instant: in the pool (`in-force`), not yet or no longer in its term, ended by the
 * registrar, or taken out by a disqualification under Art. 41 for its pool's government or one above it.
 */
export type PoolStanding = 'in-force' | 'not-yet' | 'expired' | 'ended' | 'disqualified';

const ms = (t: string | Date) => (t instanceof Date ? t.getTime() : Date.parse(t));

/**
 * The governments whose disqualifications take an expert out of the pool of `pool`: that government and those above
 * it (Art. 41 with Art. 21). `governments` is a path, a government first and those above it in order; a pool not on it,
 * or no path known, is taken out by every disqualification of the expert (as a panel of a decision that knows no
 * government is refused for any pool's, panelDisqualification).
 */
function bindingOn(pool: string, governments: readonly string[] | undefined): readonly string[] | undefined {
  const at = governments?.indexOf(pool) ?? -1;
  return at < 0 ? undefined : governments!.slice(at);
}

/** The disqualification that takes the entry out of its pool at `at`, if any. */
export function poolDisqualification(entry: ExpertPoolEntryFacts, disqualifications: readonly ExpertDisqualificationFacts[], governments: readonly string[] | undefined, at: number): ExpertDisqualificationFacts | undefined {
  const binding = bindingOn(entry.governmentId, governments);
  return disqualifications.find((d) => d.expertId === entry.expertId && (!binding || binding.includes(d.governmentId)) && disqualifiedAt(d, at));
}

/** Where the entry stands at `at` (ms): see PoolStanding. `governments`: the pool's government and those above it, or a path through it. */
export function poolStanding(entry: ExpertPoolEntryFacts, disqualifications: readonly ExpertDisqualificationFacts[], governments: readonly string[] | undefined, at: number): PoolStanding {
  if (entry.endedAt && ms(entry.endedAt) <= at) return 'ended';
  if (ms(entry.validFrom) > at) return 'not-yet';
  if (entry.validTo && ms(entry.validTo) <= at) return 'expired';
  if (poolDisqualification(entry, disqualifications, governments, at)) return 'disqualified';
  return 'in-force';
}

/**
 * The pools a decision's organ may use (Art. 21 para. 3: an organ without a pool of its own may use a higher
 * administrative organ's): those of the decision's government and of every government above it. `governments` is
 * the path, the decision's government first; an entry of a pool not on it is not usable.
 */
export function usableEntry(entry: ExpertPoolEntryFacts, governments: readonly string[] | undefined): boolean {
  return !governments || governments.includes(entry.governmentId);
}

/** Whether the expert is, at `at`, in force in a pool the decision may use, and the entries that say so. */
export function inUsablePool(expertId: string, entries: readonly ExpertPoolEntryFacts[], disqualifications: readonly ExpertDisqualificationFacts[], governments: readonly string[] | undefined, at: number): ExpertPoolEntryFacts[] {
  return entries.filter((e) => e.expertId === expertId && usableEntry(e, governments) && poolStanding(e, disqualifications, governments, at) === 'in-force');
}

/**
 * The profile's rule that panel experts come from a pool (`expertsFromPool`; the decree does not require it: Arts. 20,
 * 21 ask that a pool be kept, not that every expert be chosen from it, so the national baseline leaves it off): where
 * on, the refusal of a panel (appointExpertPanel `experts`) naming, at `at`, an expert in force in no pool the decision
 * may use. A professional institution (`institution: true`) is no member of an expert pool and is not asked for one.
 * The first such expert, in the panel's order, is named. One rule for the API, which reads the register.
 */
export function panelOutsidePool(
  profile: Pick<ProcedureProfile, 'name' | 'expertsFromPool'> | undefined,
  experts: unknown,
  entries: readonly ExpertPoolEntryFacts[],
  disqualifications: readonly ExpertDisqualificationFacts[],
  governments: readonly string[] | undefined,
  at: number,
): Refusal | undefined {
  const rule = profile?.expertsFromPool;
  if (!rule?.value || !Array.isArray(experts)) return undefined;
  for (const [i, e] of experts.entries()) {
    const expert = (e ?? {}) as { id?: unknown; name?: unknown; institution?: unknown };
    if (typeof expert.id !== 'string' || expert.institution === true) continue;
    if (inUsablePool(expert.id, entries, disqualifications, governments, at).length) continue;
    const name = typeof expert.name === 'string' ? expert.name : expert.id;
    const pools = governments?.length ? governments.join('、') : '—';
    return refusal(
      RefusalCode.ExpertNotInPool,
      {
        zh: `experts.${i}.id：专家${name}（${expert.id}）不在本决策可以使用的决策咨询论证专家库中（${pools}），${profile!.name}要求从专家库中选择论证专家（${citationZh(rule.basis)}）`,
        en: `experts.${i}.id: expert ${expert.id} is in force in no expert pool this decision may use (${pools}); ${profile!.name} requires panel experts to come from a pool (${formatCitation(rule.basis)})`,
      },
      art(21),
      rule.basis,
    );
  }
  return undefined;
}
