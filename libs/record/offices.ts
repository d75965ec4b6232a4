import { checkDecidingOrgan, checkProfileArea, governmentOf, MEETING_MEMBER, officeActsIn, organIsDepartment, OrganisationKind, pathOf, registeringGovernment, Role, type DecisionAuthority, type Organisation, type PathStep, type ProcedureProfile } from '../domain';
import type { RecordEntry } from './chain';
import { appointmentEndMessage, appointmentEndorsementMessage, organisationEndorsementMessage } from './endorsement';
import { verifySignature, type SignatureAlgorithm } from './signatures';

/**
 * The offices behind a decision's record, checked offline: every entry that
 * relied on an appointment names one the bundle carries, endorsed by a trusted
 * registrar of the organisation's government, held by the signer in the role
 * and organisation the entry claims, standing at the entry's time (an end the
 * registrar signed before then fails it), in organisations the registrars
 * registered where the entry says they stand. The procedure's replay then
 * checks how each office relates to the decision (libs/domain/authority).
 */
export interface OrganisationInfo extends Organisation {
  endorsedBy: string;
  endorsement: string;
}

export interface AppointmentInfo {
  id: string;
  personId: string;
  personName: string;
  role: string;
  organisationId: string;
  validFrom: string;
  validTo: string;
  endorsedBy: string;
  endorsement: string;
  endedAt?: string | null;
  endReason?: string | null;
  endEndorsedBy?: string | null;
  endEndorsement?: string | null;
}

export interface RegistrarKeyInfo {
  keyId: string;
  algorithm: SignatureAlgorithm;
  publicKey: string;
  /** The government whose registrar it is; only such a registrar vouches for organisations and appointments. */
  governmentId?: string | null;
}

/** The offices in which one sits in the deciding organ's meeting (Art. 30). */
export const MEETING_ROLES = [Role.ChiefExecutive, MEETING_MEMBER] as const;

/** Whom a recordDiscussion entry names as sitting in the organ's meeting: every member minuted, and the one presiding. */
export function minutedPersons(e: { action?: unknown; payload?: unknown } | undefined): string[] {
  if (e?.action !== 'recordDiscussion') return [];
  const p = e.payload as { members?: unknown; meeting?: { presidingId?: unknown } } | null;
  const members = Array.isArray(p?.members) ? p.members.map((m: { id?: unknown } | null) => m?.id) : [];
  return [...members, p?.meeting?.presidingId].filter((id): id is string => typeof id === 'string');
}

export type OfficesVerdict = { ok: true; withoutOfficeCheck: number } | { ok: false; failure: string; seq?: number };

export function verifyOffices(
  entries: readonly RecordEntry[],
  organisations: readonly OrganisationInfo[] | undefined,
  appointments: readonly AppointmentInfo[] | undefined,
  registrarKeys: readonly RegistrarKeyInfo[],
): OfficesVerdict {
  const fail = (failure: string, seq?: number): OfficesVerdict => ({ ok: false, failure: seq === undefined ? failure : `entry ${seq}: ${failure}`, seq });
  const registrars = new Map(registrarKeys.filter((r) => r.governmentId).map((r) => [r.keyId, r]));
  const orgs = new Map((Array.isArray(organisations) ? organisations : []).map((o) => [o?.id, o]));
  const appts = new Map((Array.isArray(appointments) ? appointments : []).map((a) => [a?.id, a]));
  const endorsedBy = (keyId: string | null | undefined, government: string | undefined, message: () => Buffer, value: string | null | undefined) => {
    const r = keyId ? registrars.get(keyId) : undefined;
    return !!r && !!value && r.governmentId === government && verifySignature(r.algorithm, r.publicKey, message(), value);
  };
  /** The path of a registered organisation, each one on it endorsed by a trusted registrar of the government that registers it. */
  const trustedPath = (id: string): { path: PathStep[] } | { failure: string } => {
    const path = pathOf(id, orgs);
    if (!path) return { failure: `organisation ${id} (or one above it) is missing from the bundle` };
    for (let i = 0; i < path.length; i++) {
      const o = orgs.get(path[i].id)!;
      const government = registeringGovernment(path.slice(i))?.id;
      if (!endorsedBy(o.endorsedBy, government, () => organisationEndorsementMessage(o), o.endorsement)) return { failure: `organisation ${o.id} is not registered by a trusted registrar of ${government}` };
    }
    return { path };
  };

  // An appointment a trusted registrar of its government made, and the time from which one it signed ended it (if any):
  // what the signers' offices and the meeting's members are both checked against.
  const appointed = (a: AppointmentInfo, government: string | undefined) => endorsedBy(a.endorsedBy, government, () => appointmentEndorsementMessage(a), a.endorsement);
  const inTerm = (a: AppointmentInfo, at: number) => at >= Date.parse(a.validFrom) && at < Date.parse(a.validTo);
  const endedBy = (a: AppointmentInfo, government: string | undefined, at: number) =>
    !!a.endedAt && Date.parse(a.endedAt) <= at && endorsedBy(a.endEndorsedBy, government, () => appointmentEndMessage({ appointmentId: a.id, endedAt: a.endedAt!, reason: a.endReason ?? '' }), a.endEndorsement);

  const registration = entries[0];
  const authority = registration?.authority;
  let unitPath: PathStep[] | undefined;
  let withoutOfficeCheck = 0;
  // The API fixes both at registration: an office without the decision's authority is one stripped of it.
  if (registration?.office && !authority) return fail('the registration relied on an office but names no authority for the decision', 0);
  if (authority) {
    const unit = (registration.payload as { undertakingDepartment?: unknown })?.undertakingDepartment;
    const found = trustedPath(String(unit));
    if ('failure' in found) return fail(`the undertaking unit: ${found.failure}`, 0);
    const government = governmentOf(found.path)?.id;
    unitPath = found.path;
    if (authority.government !== government) return fail(`the decision is recorded as ${authority.government}'s, but its undertaking unit belongs to ${government}`, 0);
    // The deciding organ: the government (Art. 2), or the department the signed registration names (Art. 42), under
    // the API's rule (checkDecidingOrgan) replayed on the registered organisations.
    const named = (registration.payload as { decidingOrgan?: unknown })?.decidingOrgan;
    const organ = named === undefined ? government : named;
    if (authority.decidingOrgan !== organ) return fail(`the decision is recorded as decided by ${authority.decidingOrgan}, but its signed registration names ${String(organ)}`, 0);
    const department = organIsDepartment(authority);
    if (department) {
      const refused = checkDecidingOrgan(found.path, authority.decidingOrgan, orgs.get(government)?.level);
      if (refused) return fail(`the procedure forbids it: ${refused.message} [${refused.citations.join('; ')}]`, 0);
    }
    const reviewer = trustedPath(authority.legalityReviewBody);
    if ('failure' in reviewer) return fail(`the legality review body: ${reviewer.failure}`, 0);
    // A department's own decision is reviewed by its 法制机构 or by the government's body (the decree is silent on which, Art. 25).
    const reviewsFor = department ? [government, authority.decidingOrgan] : [government];
    if (reviewer.path[0].kind !== OrganisationKind.LegalityReviewBody || !reviewsFor.includes(String(reviewer.path[1]?.id))) {
      return fail(`${authority.legalityReviewBody} is not the legality review body of ${reviewsFor.join(' or ')}`, 0);
    }
  }
  for (const e of entries) {
    if (e.action === 'archiveHistory') continue;
    const office = e.office;
    if (!office) {
      if (!authority) withoutOfficeCheck++;
      continue; // in a decision with offices, the replay refuses the step (only experts act without one)
    }
    const a = appts.get(office.appointmentId);
    if (!a) return fail(`it relies on appointment ${office.appointmentId}, which the bundle does not carry`, e.seq);
    const found = trustedPath(a.organisationId);
    if ('failure' in found) return fail(`appointment ${a.id}: ${found.failure}`, e.seq);
    const government = governmentOf(found.path)?.id;
    if (!appointed(a, government)) return fail(`appointment ${a.id} is not endorsed by a trusted registrar of ${government}`, e.seq);
    if (a.personId !== e.actor.id || a.role !== e.actor.role || a.organisationId !== e.actor.organisation) {
      return fail(`appointment ${a.id} makes ${a.personId} ${a.role} in ${a.organisationId}, not ${e.actor.id} ${e.actor.role} in ${e.actor.organisation}`, e.seq);
    }
    const at = Date.parse(e.at);
    if (!inTerm(a, at)) return fail(`made outside the term of appointment ${a.id} (${a.validFrom} to ${a.validTo})`, e.seq);
    if (endedBy(a, government, at)) return fail(`made after appointment ${a.id} ended on ${a.endedAt}`, e.seq);
    if (office.validFrom !== new Date(a.validFrom).toISOString() || Date.parse(office.validTo) > Date.parse(a.validTo)) return fail(`its office does not state the term of appointment ${a.id}`, e.seq);
    const same = office.path.length === found.path.length && office.path.every((p, i) => p.id === found.path[i].id && p.name === found.path[i].name && p.kind === found.path[i].kind);
    if (!same) return fail(`its office places ${office.path[0]?.id} where the registered organisations do not`, e.seq);
  }
  // Art. 30: whom the minutes name sat in the organ's meeting then, as the API checked when they came in.
  if (authority && unitPath && (registration.profile as ProcedureProfile | undefined)?.meetingMembersCarried) {
    const sat = (personId: string, at: number): AppointmentInfo | undefined =>
      [...appts.values()].find((a) => {
        if (a?.personId !== personId || !(MEETING_ROLES as readonly string[]).includes(a.role) || !inTerm(a, at)) return false;
        const found = trustedPath(a.organisationId);
        if ('failure' in found || !officeActsIn(a.role, found.path, unitPath!, authority as DecisionAuthority)) return false;
        const government = governmentOf(found.path)?.id;
        return appointed(a, government) && !endedBy(a, government, at);
      });
    for (const e of entries) {
      if (e.action !== 'recordDiscussion') continue;
      const p = e.payload as { meeting?: { date?: unknown; presidingId?: unknown }; members?: { id?: unknown; name?: unknown; present?: unknown }[] };
      const at = typeof p.meeting?.date === 'string' ? Date.parse(p.meeting.date) : NaN;
      for (const personId of minutedPersons(e)) {
        const office = sat(personId, at);
        const who = personId === p.meeting?.presidingId ? `the one presiding, ${personId},` : `member ${personId}`;
        if (!office) return fail(`the minutes name ${who} as sitting in the deciding organ's meeting on ${String(p.meeting?.date)}, and the bundle carries no office of theirs there then (Art. 30)`, e.seq);
        // A member present under the name the registrar appointed them by, in that office (any of its terms), as the API
        // took it (it asks no name of a member absent, nor of the one presiding, whom the minutes name by id).
        const minutedName = (Array.isArray(p.members) ? p.members : []).find((m) => m?.id === personId && m.present === true)?.name;
        const names = [...appts.values()].filter((a) => a?.personId === personId && a.role === office.role && a.organisationId === office.organisationId).map((a) => a.personName);
        if (minutedName !== undefined && !names.includes(String(minutedName))) return fail(`the minutes name ${who} ${JSON.stringify(minutedName)}, not as appointed (${names.join(', ')})`, e.seq);
      }
    }
  }
  return { ok: true, withoutOfficeCheck };
}

/**
 * Art. 43 offline: a decision kept under a profile of a place (its `area`, as the registration entry keeps the profile)
 * belongs to a government of that place, as the registered organisations' 统一社会信用代码 place it: the API's rule
 * (checkProfileArea), replayed on the bundle's organisations, which the offices check has found registered. Records
 * whose kept profile names no area (the national baseline, and every decision registered before) are not checked.
 */
export function verifyProfileArea(entries: readonly RecordEntry[], organisations: readonly OrganisationInfo[] | undefined): OfficesVerdict {
  const registration = entries[0];
  const profile = registration?.profile as ProcedureProfile | undefined;
  const government = registration?.authority?.government;
  if (!profile?.area || !government) return { ok: true, withoutOfficeCheck: 0 };
  const orgs = new Map((Array.isArray(organisations) ? organisations : []).map((o) => [o?.id, o]));
  const governments = (pathOf(government, orgs) ?? [])
    .filter((p) => p.kind === OrganisationKind.Government)
    .map((p) => ({ id: p.id, name: p.name, creditCode: orgs.get(p.id)?.creditCode ?? null }));
  const refused = checkProfileArea(profile, governments);
  return refused ? { ok: false, failure: `entry 0: the procedure forbids it: ${refused.message} [${refused.citations.join('; ')}]`, seq: 0 } : { ok: true, withoutOfficeCheck: 0 };
}
