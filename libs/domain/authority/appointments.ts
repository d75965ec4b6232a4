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

/**
 * The roles a registrar appoints to: the standing roles of the procedure, and
 * inspectors (监督、审计、上级政府), whose scope is their organisation's
 * government and every government under it. Experts are named by the panel
 * (appointExpertPanel), not appointed here; the engine's own role never is.
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
] as const;
export type AppointmentRole = (typeof APPOINTMENT_ROLES)[number];

/** Roles that exist only inside one decision: granted by the step that names them (the panel), not by an appointment. */
export const PER_DECISION_ROLES: readonly Role[] = [Role.Expert];

/** Whether the appointment stands at the instant (ms): begun, not expired, not ended. */
export function standsAt(a: Pick<Appointment, 'validFrom' | 'validTo' | 'endedAt'>, at: number): boolean {
  if (at < Date.parse(a.validFrom) || at >= Date.parse(a.validTo)) return false;
  return !a.endedAt || at < Date.parse(a.endedAt);
}
