import { Role } from '../procedure/roles';

/**
 * An appointment: this person holds this role in this organisation from this
 * date to that date. Made and ended by a registrar of the organisation's
 * government (its personnel office), by a signature over exactly the
 * appointment (libs/record/endorsement.ts). Keys belong to persons;
 * appointments to persons in organisations.
 */
export interface Appointment {
  id: string;
  personId: string;
  personName: string;
  role: AppointmentRole;
  organisationId: string;
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** When it was ended early (免职), if it was. */
  endedAt?: string | null;
}

/** 会议组成人员 (Art. 30): a member of the deciding organ's executive or plenary meeting (or a department's 局务会, Art. 42). */
export const MEETING_MEMBER = 'meeting_member';

/**
 * The roles a registrar appoints to: the standing roles of the procedure;
 * inspectors (监督、审计、上级政府), whose scope is their organisation's
 * government and every government under it; and the members of the deciding
 * organ's meeting (会议组成人员: the deputy heads and the secretary-general of a
 * government, ORG Art. 78; the leadership of a department deciding its own
 * matter, Art. 42), appointed in the organ itself, who take no step but sit in
 * the collective discussion (Art. 30) that the minutes record. Experts are
 * named by the panel (appointExpertPanel), not appointed here; the engine's own
 * role never is.
 */
export const APPOINTMENT_ROLES = [
  Role.UndertakingUnit,
  Role.LegalityReviewer,
  Role.LegalAdviser,
  Role.PublicLawyer,
  Role.RiskAssessor,
  Role.MeetingSecretary,
  Role.ChiefExecutive,
  Role.ExecutionUnit,
  Role.Evaluator,
  'inspector',
  MEETING_MEMBER,
] as const;
export type AppointmentRole = (typeof APPOINTMENT_ROLES)[number];

/** Roles that exist only inside one decision: granted by the step that names them (the panel), not by an appointment. */
export const PER_DECISION_ROLES: readonly Role[] = [Role.Expert];

/** Whether the appointment stands at the instant (ms): begun, not expired, not ended. */
export function standsAt(a: Pick<Appointment, 'validFrom' | 'validTo' | 'endedAt'>, at: number): boolean {
  if (at < Date.parse(a.validFrom) || at >= Date.parse(a.validTo)) return false;
  return !a.endedAt || at < Date.parse(a.endedAt);
}
