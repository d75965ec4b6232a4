import type { Appointment, Organisation } from '../libs/domain';
import { appointmentEndorsementMessage, organisationEndorsementMessage } from '../libs/record/endorsement';
import { signMessage, type SignatureAlgorithm } from '../libs/record/signatures';

/**
 * A government's organisations and appointments as a registrar endorses them:
 * the bodies of POST /organisations and POST /appointments. Used to seed the
 * embedded default's demo government and the tests' government.
 */
export interface RegistrarSigner {
  keyId: string;
  algorithm: SignatureAlgorithm;
  privateKey: string;
}

/** An appointment as a registrar makes it (before any end). */
export type AppointmentPlan = Omit<Appointment, 'endedAt'>;

export interface GovernmentPlan {
  /** Parents before children. */
  organisations: Organisation[];
  appointments: AppointmentPlan[];
}

export function endorsedOrganisation(registrar: RegistrarSigner, o: Organisation) {
  const record = { id: o.id, name: o.name, kind: o.kind, parentId: o.parentId ?? null, level: o.level ?? null, creditCode: o.creditCode ?? null };
  const value = signMessage(registrar.algorithm, registrar.privateKey, organisationEndorsementMessage(record));
  const body: Record<string, unknown> = { id: o.id, name: o.name, kind: o.kind, endorsement: { keyId: registrar.keyId, value } };
  if (o.parentId) body.parentId = o.parentId;
  if (o.level) body.level = o.level;
  if (o.creditCode) body.creditCode = o.creditCode;
  return body;
}

export function endorsedAppointment(registrar: RegistrarSigner, a: AppointmentPlan) {
  const value = signMessage(registrar.algorithm, registrar.privateKey, appointmentEndorsementMessage(a));
  return { ...a, endorsement: { keyId: registrar.keyId, value } };
}
