import { canonicalize } from './jcs';
import { InclusionVerifier, leafHash } from './merkle';
import type { AppointmentInfo, OrganisationInfo } from './offices';
import type { ActorKeyInfo } from './key-info';

/**
 * The registrars' acts as leaves of the global log (issue 9): every
 * organisation registered, appointment made or ended, key registered or
 * revoked is an event appended to the same Merkle log as the decisions'
 * entries, under the same lock and checkpoints. What a registrar signed
 * cannot then be altered or quietly dropped after a checkpoint covers it, and
 * a bundle carries the events of the offices and keys its signers relied on,
 * each proven included, so an inspector who trusts only the registrars' keys
 * and the system's checkpoint sees the ends and revocations as logged.
 *
 * An event's leaf is the hash of its canonical JSON, which names the authority
 * log (so no decision entry is ever read as one). Its place in log_leaves is
 * under the pseudo-decision id AUTHORITY_LOG_ID, which no decision id can be.
 */
export const AUTHORITY_LOG_ID = '@authority';
export const AUTHORITY_LOG_FORMAT = 'major-decision-authority-event/v1';

export const AUTHORITY_EVENT_KINDS = ['organisation', 'appointment', 'appointment-end', 'key', 'key-revocation'] as const;
export type AuthorityEventKind = (typeof AUTHORITY_EVENT_KINDS)[number];

/** An event as the log holds it. */
export interface AuthorityEvent {
  log: typeof AUTHORITY_LOG_FORMAT;
  seq: number;
  kind: AuthorityEventKind;
  subjectId: string;
  /** What the registrar's act fixed, with the registrar's key and signature. */
  body: Record<string, unknown>;
}

/** An event in a bundle: its canonical text and where it stands in the log (proof null while pending). */
export interface BundleAuthorityEvent {
  canonical: string;
  leafIndex: number;
  proof: string[] | null;
}

/** An actor key as a bundle carries it, with what its registration and revocation fixed. */
export type LoggedKeyInfo = ActorKeyInfo;

export const authorityEventCanonical = (e: Omit<AuthorityEvent, 'log'>): string => canonicalize({ log: AUTHORITY_LOG_FORMAT, seq: e.seq, kind: e.kind, subjectId: e.subjectId, body: e.body });
export const authorityLeafHash = (canonical: string): string => leafHash(Buffer.from(canonical, 'utf8')).toString('hex');

// The bodies: what each act fixed, from the same shapes the bundle carries (so the verifier rebuilds them).
export const organisationEventBody = (o: OrganisationInfo) => ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parentId ?? null, level: o.level ?? null, creditCode: o.creditCode ?? null, endorsedBy: o.endorsedBy, endorsement: o.endorsement });
export const appointmentEventBody = (a: AppointmentInfo) => ({ id: a.id, personId: a.personId, personName: a.personName, role: a.role, organisationId: a.organisationId, validFrom: a.validFrom, validTo: a.validTo, endorsedBy: a.endorsedBy, endorsement: a.endorsement });
export const appointmentEndEventBody = (a: AppointmentInfo) => ({ appointmentId: a.id, endedAt: a.endedAt ?? null, reason: a.endReason ?? null, endorsedBy: a.endEndorsedBy ?? null, endorsement: a.endEndorsement ?? null });
export const keyEventBody = (k: LoggedKeyInfo) => ({ keyId: k.keyId, actorId: k.actorId, algorithm: k.algorithm, publicKey: k.publicKey, validFrom: k.validFrom, validTo: k.validTo, endorsedBy: k.endorsedBy ?? null, endorsement: k.endorsement ?? null });
export const keyRevocationEventBody = (k: LoggedKeyInfo) => ({ keyId: k.keyId, revokedAt: k.revokedAt ?? null, reason: k.revocationReason ?? null, endorsedBy: k.revocationEndorsedBy ?? null, endorsement: k.revocationEndorsement ?? null });

/** Every event a bundle's offices and keys need: the subject's registration, and its end or revocation where it has one. */
export function expectedAuthorityEvents(b: { organisations?: readonly OrganisationInfo[]; appointments?: readonly AppointmentInfo[]; actorKeys?: readonly LoggedKeyInfo[] }): { kind: AuthorityEventKind; subjectId: string; body: Record<string, unknown> }[] {
  const wanted: { kind: AuthorityEventKind; subjectId: string; body: Record<string, unknown> }[] = [];
  for (const o of b.organisations ?? []) wanted.push({ kind: 'organisation', subjectId: o.id, body: organisationEventBody(o) });
  for (const a of b.appointments ?? []) {
    wanted.push({ kind: 'appointment', subjectId: a.id, body: appointmentEventBody(a) });
    if (a.endedAt) wanted.push({ kind: 'appointment-end', subjectId: a.id, body: appointmentEndEventBody(a) });
  }
  for (const k of b.actorKeys ?? []) {
    wanted.push({ kind: 'key', subjectId: k.keyId, body: keyEventBody(k) });
    if (k.revokedAt) wanted.push({ kind: 'key-revocation', subjectId: k.keyId, body: keyRevocationEventBody(k) });
  }
  return wanted;
}

export type AuthorityLogVerdict = { ok: true; events: number; pending: number } | { ok: false; failure: string };

/**
 * Offline: every organisation, appointment and key the bundle carries is as
 * its logged event says, with the event of its end or revocation where it
 * has one, and no logged end or revocation is missing from what the bundle
 * says; each event is included in the log under the (already verified)
 * checkpoint, or lies beyond it (pending).
 */
export function verifyAuthorityLog(
  events: readonly BundleAuthorityEvent[],
  carried: { organisations?: readonly OrganisationInfo[]; appointments?: readonly AppointmentInfo[]; actorKeys?: readonly LoggedKeyInfo[] },
  checkpoint: { treeSize: number; rootHash: string } | null,
): AuthorityLogVerdict {
  const fail = (failure: string): AuthorityLogVerdict => ({ ok: false, failure });
  if (!Array.isArray(events)) return fail('the bundle carries no list of authority events');
  const treeSize = checkpoint?.treeSize ?? 0;
  const inclusion = checkpoint ? new InclusionVerifier(treeSize, Buffer.from(checkpoint.rootHash, 'hex')) : undefined;
  const logged = new Map<string, AuthorityEvent>();
  let pending = 0;
  for (const e of events) {
    let event: AuthorityEvent;
    try {
      event = JSON.parse(e?.canonical) as AuthorityEvent;
    } catch {
      return fail('an authority event that is not JSON');
    }
    if (event?.log !== AUTHORITY_LOG_FORMAT || !AUTHORITY_EVENT_KINDS.includes(event.kind) || typeof event.subjectId !== 'string' || authorityEventCanonical(event) !== e.canonical) {
      return fail(`authority event ${JSON.stringify(String(e?.canonical).slice(0, 80))} is not a canonical ${AUTHORITY_LOG_FORMAT} event`);
    }
    const name = `${event.kind} ${event.subjectId}`;
    if (logged.has(name)) return fail(`the ${name} event appears twice`);
    logged.set(name, event);
    if (!Number.isSafeInteger(e.leafIndex) || e.leafIndex < 0) return fail(`the ${name} event has no place in the log`);
    if (e.leafIndex >= treeSize) {
      pending++;
      continue;
    }
    if (!Array.isArray(e.proof) || !inclusion?.verify(e.leafIndex, Buffer.from(authorityLeafHash(e.canonical), 'hex'), e.proof)) {
      return fail(`the ${name} event is not included in the log at leaf ${e.leafIndex} of the checkpoint of size ${treeSize}`);
    }
  }
  for (const want of expectedAuthorityEvents(carried)) {
    const name = `${want.kind} ${want.subjectId}`;
    const event = logged.get(name);
    if (!event) return fail(`the ${name} is not in the log: the bundle carries no logged event of it`);
    if (canonicalize(event.body) !== canonicalize(want.body)) return fail(`the ${name} differs from its logged event`);
  }
  // An end or revocation the log holds is one the bundle must not leave out.
  for (const event of logged.values()) {
    if (event.kind === 'appointment-end' && !(carried.appointments ?? []).some((a) => a.id === event.subjectId && a.endedAt)) return fail(`the log holds the end of appointment ${event.subjectId}, which the bundle's appointment does not show`);
    if (event.kind === 'key-revocation' && !(carried.actorKeys ?? []).some((k) => k.keyId === event.subjectId && k.revokedAt)) return fail(`the log holds the revocation of key ${event.subjectId}, which the bundle's key does not show`);
  }
  return { ok: true, events: logged.size, pending };
}
