import {
  appointmentEndorsementText,
  appointmentEndText,
  expertDisqualificationText,
  expertPoolEndText,
  expertPoolEntryText,
  keyEndorsementText,
  organisationEndorsementText,
  revocationEndorsementText,
  type AppointmentEnd,
  type AppointmentRecord,
  type ExpertDisqualificationRecord,
  type ExpertPoolEnd,
  type ExpertPoolEntryRecord,
  type KeyEndorsement,
  type OrganisationRecord,
} from './endorsement-text';

/**
 * What a registrar signs to let an actor's key sign steps, or to stop it, to
 * register an organisation, and to make or end an appointment: the UTF-8 of
 * the texts of endorsement-text.ts (which the registrars' browsers sign too).
 */
const utf8 = (text: string) => Buffer.from(text, 'utf8');

export const keyEndorsementMessage = (k: KeyEndorsement): Buffer => utf8(keyEndorsementText(k));
export const revocationEndorsementMessage = (r: { keyId: string; reason: string }): Buffer => utf8(revocationEndorsementText(r));
/** What a registrar signs to register an organisation: exactly its record. */
export const organisationEndorsementMessage = (o: OrganisationRecord): Buffer => utf8(organisationEndorsementText(o));
/** What a registrar signs to appoint a person to a role in an organisation for a period. */
export const appointmentEndorsementMessage = (a: AppointmentRecord): Buffer => utf8(appointmentEndorsementText(a));
/** What a registrar signs to end an appointment (免职) from a moment on. */
export const appointmentEndMessage = (e: AppointmentEnd): Buffer => utf8(appointmentEndText(e));
/** What a registrar signs to disqualify an expert under Art. 41, for its government's expert pool. */
export const expertDisqualificationMessage = (d: ExpertDisqualificationRecord): Buffer => utf8(expertDisqualificationText(d));
/** What a registrar signs to enter an expert into its government's expert pool (Art. 21). */
export const expertPoolEntryMessage = (e: ExpertPoolEntryRecord): Buffer => utf8(expertPoolEntryText(e));
/** What a registrar signs to end an expert's membership of its government's pool (退出, Art. 21). */
export const expertPoolEndMessage = (e: ExpertPoolEnd): Buffer => utf8(expertPoolEndText(e));
