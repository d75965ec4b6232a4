import { pathOf, type Organisation } from '../domain';
import type { RecordEntry } from './chain';
import type { ActorKeyInfo } from './key-info';
import type { RegistrarKeyInfo } from './offices';

/**
 * Offline, as the API checks it when a step is signed (KeysService.checkStepSignature): a key signs in the government
 * whose registrar vouched for it and below. The entry's office path (an expert's, who holds none: the decision's
 * government's) names that government, or the key reached past where its registrar vouches. A key whose registrar is of
 * no government, or not among those the inspector trusts, is not judged here (its endorsement is the signature check's).
 */
export function verifyKeyScope(
  entries: readonly RecordEntry[],
  actorKeys: readonly ActorKeyInfo[],
  registrarKeys: readonly RegistrarKeyInfo[],
  organisations: readonly Organisation[] | undefined,
): { ok: true } | { ok: false; failure: string; seq: number } {
  const keys = new Map(actorKeys.map((k) => [k.keyId, k]));
  const governmentOf = new Map(registrarKeys.filter((r) => r.governmentId).map((r) => [r.keyId, r.governmentId!]));
  const orgs = new Map((Array.isArray(organisations) ? organisations : []).map((o) => [o?.id, o]));
  const decisionGovernment = entries[0]?.authority?.government;
  const decisionPath = decisionGovernment ? pathOf(decisionGovernment, orgs) : undefined;
  for (const e of entries) {
    const key = e.signature ? keys.get(e.signature.keyId) : undefined;
    const vouchedIn = key?.endorsedBy ? governmentOf.get(key.endorsedBy) : undefined;
    const path = e.office?.path ?? decisionPath;
    if (!vouchedIn || !path || path.some((p) => p.id === vouchedIn)) continue;
    return { ok: false, seq: e.seq, failure: `entry ${e.seq}: key ${key!.keyId} was vouched for by a registrar of ${vouchedIn}, which does not reach ${path[0].id} (a key signs in its registrar's government and below)` };
  }
  return { ok: true };
}
