import { governmentOf, OrganisationKind, pathOf, panelDisqualification, type ExpertDisqualificationFacts } from '../domain';
import type { RecordEntry } from './chain';
import { expertDisqualificationMessage } from './endorsement';
import type { OrganisationInfo, RegistrarKeyInfo } from './offices';
import { verifySignature } from './signatures';

/**
 * The disqualifications under Art. 41 (取消评估资格) the record's panels were checked against, as a bundle carries them:
 * every one entered for an expert a panel of the decision names, with the registrar's signature over exactly the record
 * (endorsement.ts) and the time the register took it. The verifier (check 'experts') replays the API's rule on them.
 */
export interface ExpertDisqualificationInfo extends ExpertDisqualificationFacts {
  validFrom: string;
  validTo: string | null;
  registeredAt: string;
  basisHash: string | null;
  endorsedBy: string;
  endorsement: string;
}

export type ExpertsVerdict = { ok: true } | { ok: false; failure: string; seq?: number };

/**
 * Check 'experts', offline: each disqualification the bundle carries is one a trusted registrar of its government
 * entered, and no panel (appointExpertPanel) names, at its entry's time, an expert disqualified then, entered by then,
 * for the pool of the decision's government or of one above it (Art. 21 para. 3; for a decision that knows no
 * government, every pool's). The rule is the API's own (panelDisqualification). Bundles exported before the
 * disqualifications were carried (none given) verify as before: there is nothing to check them against.
 */
export function verifyExpertDisqualifications(
  entries: readonly RecordEntry[],
  disqualifications: readonly ExpertDisqualificationInfo[] | undefined,
  organisations: readonly OrganisationInfo[] | undefined,
  registrarKeys: readonly RegistrarKeyInfo[],
): ExpertsVerdict {
  if (disqualifications === undefined) return { ok: true };
  const fail = (failure: string, seq?: number): ExpertsVerdict => ({ ok: false, failure: seq === undefined ? failure : `entry ${seq}: ${failure}`, seq });
  if (!Array.isArray(disqualifications)) return fail('the bundle’s expert disqualifications are not a list');
  const registrars = new Map(registrarKeys.filter((r) => r.governmentId).map((r) => [r.keyId, r]));
  for (const d of disqualifications) {
    const r = registrars.get(d?.endorsedBy);
    const endorsed = !!r && r.governmentId === d.governmentId && typeof d.endorsement === 'string' && verifySignature(r.algorithm, r.publicKey, expertDisqualificationMessage(d), d.endorsement);
    if (!endorsed) return fail(`disqualification ${d?.id} of expert ${d?.expertId} is not entered by a trusted registrar of ${d?.governmentId}`);
  }
  // The pools the decision may use: its government's and those above it, as the bundle's organisations place it.
  const government = entries[0]?.authority?.government;
  const orgs = new Map((Array.isArray(organisations) ? organisations : []).map((o) => [o?.id, o]));
  const path = government ? pathOf(government, orgs) : undefined;
  const governments = government ? (path ? path.filter((p) => p.kind === OrganisationKind.Government).map((p) => p.id) : [government]) : undefined;
  if (path && governmentOf(path)?.id !== government) return fail(`the decision's government ${government} is not a government among the bundle's organisations`, 0);
  for (const e of entries) {
    if (e.action !== 'appointExpertPanel') continue;
    const refused = panelDisqualification((e.payload as { experts?: unknown } | null)?.experts, disqualifications, governments, Date.parse(e.at), (id) => orgs.get(id)?.name);
    if (refused) return fail(`the procedure forbids it: ${refused.message} [${refused.citations.join('; ')}]`, e.seq);
  }
  return { ok: true };
}
