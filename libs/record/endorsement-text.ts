import type { ExpertPoolEntryFacts } from '../domain';
import { canonicalize } from './jcs';

/**
 * The texts a registrar signs (RFC 8785 canonical JSON, signed as UTF-8), in a
 * module with no Node built-ins, so the registrar page of the web application
 * (apps/web) shows and signs the very bytes the API checks
 * (endorsement.ts wraps these same functions). Each names its purpose, so no
 * endorsement can pass for another or for a step. Times as ISO 8601 UTC with
 * milliseconds.
 */
const iso = (d: Date | string) => new Date(d).toISOString();

export interface KeyEndorsement {
  actorId: string;
  algorithm: string;
  publicKey: string;
  validFrom: Date | string;
  validTo: Date | string;
}
export interface OrganisationRecord {
  id: string;
  name: string;
  kind: string;
  parentId?: string | null;
  level?: string | null;
  creditCode?: string | null;
}
export interface AppointmentRecord {
  id: string;
  personId: string;
  personName: string;
  role: string;
  organisationId: string;
  validFrom: Date | string;
  validTo: Date | string;
}
export interface AppointmentEnd {
  appointmentId: string;
  endedAt: Date | string;
  reason: string;
}

export function keyEndorsementText(k: KeyEndorsement): string {
  return canonicalize({ purpose: 'register-actor-key', actorId: k.actorId, algorithm: k.algorithm, publicKey: k.publicKey.toLowerCase(), validFrom: iso(k.validFrom), validTo: iso(k.validTo) });
}

export function revocationEndorsementText(r: { keyId: string; reason: string }): string {
  return canonicalize({ purpose: 'revoke-actor-key', keyId: r.keyId, reason: r.reason });
}

/** Exactly the organisation's record; absent fields as null. */
export function organisationEndorsementText(o: OrganisationRecord): string {
  return canonicalize({ purpose: 'register-organisation', id: o.id, name: o.name, kind: o.kind, parentId: o.parentId ?? null, level: o.level ?? null, creditCode: o.creditCode ?? null });
}

export function appointmentEndorsementText(a: AppointmentRecord): string {
  return canonicalize({ purpose: 'appoint', id: a.id, personId: a.personId, personName: a.personName, role: a.role, organisationId: a.organisationId, validFrom: iso(a.validFrom), validTo: iso(a.validTo) });
}

export function appointmentEndText(e: AppointmentEnd): string {
  return canonicalize({ purpose: 'end-appointment', appointmentId: e.appointmentId, endedAt: iso(e.endedAt), reason: e.reason });
}

/** An expert disqualified under Art. 41 (取消评估资格), for the expert pool of a government (Art. 21). */
export interface ExpertDisqualificationRecord {
  id: string;
  expertId: string;
  expertName: string;
  governmentId: string;
  reason: string;
  basisHash?: string | null;
  validFrom: Date | string;
  validTo?: Date | string | null;
}

export function expertDisqualificationText(d: ExpertDisqualificationRecord): string {
  return canonicalize({
    purpose: 'disqualify-expert',
    id: d.id,
    expertId: d.expertId,
    expertName: d.expertName,
    governmentId: d.governmentId,
    reason: d.reason,
    basisHash: d.basisHash ?? null,
    validFrom: iso(d.validFrom),
    validTo: d.validTo ? iso(d.validTo) : null,
  });
}

/**
 * An expert entered into the decision-consulting expert pool of a government (决策咨询论证专家库, Art. 21): their
 * fields of expertise (专业领域) in the order given, the institution they work at where named, and the term.
 */
export type ExpertPoolEntryRecord = Omit<ExpertPoolEntryFacts, 'endedAt'>;

export function expertPoolEntryText(e: ExpertPoolEntryRecord): string {
  return canonicalize({
    purpose: 'enter-expert-pool',
    id: e.id,
    expertId: e.expertId,
    expertName: e.expertName,
    governmentId: e.governmentId,
    fields: [...e.fields],
    institution: e.institution ?? null,
    validFrom: iso(e.validFrom),
    validTo: e.validTo ? iso(e.validTo) : null,
  });
}

/** The end of an expert's membership of a pool (退出, Art. 21) from a moment on. */
export interface ExpertPoolEnd {
  entryId: string;
  endedAt: Date | string;
  reason: string;
}

export function expertPoolEndText(e: ExpertPoolEnd): string {
  return canonicalize({ purpose: 'end-expert-pool-entry', entryId: e.entryId, endedAt: iso(e.endedAt), reason: e.reason });
}
