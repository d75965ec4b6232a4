import { art } from '../procedure/articles';
import { refusal, RefusalCode, type Refusal } from '../procedure/refusal';

/**
 * An expert or institution disqualified under Art. 41 (取消评估资格) for the expert pool of a government (Art. 21), as
 * its registrar entered it: in force from `validFrom` until `validTo` (none: until further notice). `registeredAt`, where
 * known, is when the register took it: a record made before then could not have known it.
 */
export interface ExpertDisqualificationFacts {
  id: string;
  expertId: string;
  expertName: string;
  governmentId: string;
  reason: string;
  validFrom: string | Date;
  validTo?: string | Date | null;
  registeredAt?: string | Date | null;
}

const ms = (t: string | Date) => (t instanceof Date ? t.getTime() : Date.parse(t));

/** Whether the disqualification holds at the instant (ms), entered by then where the time of its entry is known. */
export function disqualifiedAt(d: ExpertDisqualificationFacts, at: number): boolean {
  if (d.registeredAt && ms(d.registeredAt) > at) return false;
  return ms(d.validFrom) <= at && (!d.validTo || at < ms(d.validTo));
}

/**
 * Art. 41 (with Arts. 20, 21): the refusal of a panel (appointExpertPanel `experts`) that names, at `at`, an expert
 * disqualified for the pool of one of `governments`: the decision's government and those above it, whose pools it may
 * use (Art. 21 para. 3); undefined for a decision that knows no government (registered before offices were checked),
 * for which every pool's disqualifications hold. The first disqualification in the order given (as entered) is named.
 * One rule for the API, which looks the register up, and the offline verifier, which reads the bundle's.
 */
export function panelDisqualification(
  experts: unknown,
  disqualifications: readonly ExpertDisqualificationFacts[],
  governments: readonly string[] | undefined,
  at: number,
  /** A government's name where it is known (the register's, the bundle's organisations), so the refusal says whose pool. */
  nameOf: (governmentId: string) => string | undefined = () => undefined,
): Refusal | undefined {
  if (!Array.isArray(experts)) return undefined;
  const ids = experts.map((e) => (e as { id?: unknown } | null)?.id);
  const found = disqualifications.find((d) => ids.includes(d.expertId) && (!governments || governments.includes(d.governmentId)) && disqualifiedAt(d, at));
  if (!found) return undefined;
  // The expert's id, so the form marks the expert's own card (the second tester: the whole item was marked nowhere).
  const field = `experts.${ids.indexOf(found.expertId)}.id`;
  const name = nameOf(found.governmentId);
  const by = name ? `${name}（${found.governmentId}）` : found.governmentId;
  return refusal(RefusalCode.ExpertDisqualified, {
    zh: `${field}：专家${found.expertName}（${found.expertId}）已被${by}取消评估资格（${found.reason}，记录 ${found.id}），不得选择其参与论证`,
    en: `${field}: expert ${found.expertId} was disqualified by ${found.governmentId} (${found.reason}, record ${found.id}) and may not be chosen for the argumentation`,
  }, art(41), art(20), art(21));
}

/**
 * Art. 41: the refusal of an expert's opinion (submitExpertOpinion, by `expert`) when the expert was disqualified, at
 * `at`, for the pool of one of `governments` after the panel was named: the disqualification ends the expert's part in
 * the argumentation, as it would have kept the expert off the panel (fresh-eyes tester: an opinion was taken from an
 * expert disqualified the minute before). The same reading of the register as panelDisqualification.
 */
export function opinionDisqualification(
  expert: { id: string; name?: string },
  disqualifications: readonly ExpertDisqualificationFacts[],
  governments: readonly string[] | undefined,
  at: number,
  nameOf: (governmentId: string) => string | undefined = () => undefined,
  /** Where the expert is named: the opinion's signer (actor.id), or one who signed the expert meeting's minutes (signedBy.N). */
  field = 'actor.id',
): Refusal | undefined {
  const found = disqualifications.find((d) => d.expertId === expert.id && (!governments || governments.includes(d.governmentId)) && disqualifiedAt(d, at));
  if (!found) return undefined;
  const name = nameOf(found.governmentId);
  const by = name ? `${name}（${found.governmentId}）` : found.governmentId;
  return refusal(RefusalCode.ExpertDisqualified, {
    zh: `${field}：专家${found.expertName}（${found.expertId}）已被${by}取消评估资格（${found.reason}，记录 ${found.id}），不得再提出论证意见，也不得在论证会纪要上签字；决策承办单位应当另行选择专家`,
    en: `${field}: expert ${found.expertId} was disqualified by ${found.governmentId} (${found.reason}, record ${found.id}) and gives no further opinion in the argumentation, nor signs its minutes; the undertaking unit chooses another expert`,
  }, art(41), art(20));
}
