import { useQuery } from '@tanstack/react-query';
import { Role, ROLES, standsAt, type Appointment } from '../../../libs/domain';
import { roleText } from './format';
import { appointedName, useOrganisationName, usePersonAppointments } from './names';
import { loadKey } from './signing/keystore';

/**
 * Who is using this browser: the one place the application asks. The person
 * signed in through the identity provider (the token's subject, which the API
 * also checks); with sign-in off, the one whose signing key was enrolled here
 * (签署 page).
 */
export interface Me {
  personId: string;
  name: string;
  source: 'signed-in' | 'enrolled-key';
}

let signedIn: (Me & { named: boolean }) | undefined;
/** Called once the session is known (main.tsx). */
export function setSignedIn(person: { sub: string; name?: string } | undefined): void {
  const named = !!person?.name && person.name !== person.sub;
  signedIn = person && { personId: person.sub, name: named ? person.name! : person.sub, source: 'signed-in', named };
}

/**
 * The person, by name: the identity provider's where it gives one, otherwise
 * the name the registrar appointed them under, the id only when neither is known.
 */
export function useMe(): { me: Me | undefined; loading: boolean } {
  const key = useQuery({ queryKey: ['signing-key'], queryFn: async () => (await loadKey()) ?? null, enabled: !signedIn });
  const appointments = usePersonAppointments(signedIn && !signedIn.named ? signedIn.personId : undefined);
  if (signedIn) {
    const { named, ...me } = signedIn;
    return { me: named ? me : { ...me, name: appointedName(appointments.data) ?? me.name }, loading: false };
  }
  const actor = key.data?.actor;
  return { me: actor ? { personId: actor.id, name: actor.name, source: 'enrolled-key' } : undefined, loading: key.isLoading };
}

/** An office the person holds now in which they may sign steps: the appointment, by role and organisation name. */
export interface MyOffice {
  appointmentId: string;
  /** The name the person was appointed under (a step under another name is refused). */
  personName: string;
  role: Role;
  organisation: string;
  /** 合法性审查部门 · 杭州市司法局 */
  label: string;
}

/** The appointments standing at `now` whose role signs steps of the procedure, earliest appointed first. */
export function standingOffices<A extends Pick<Appointment, 'role' | 'validFrom' | 'validTo' | 'endedAt'>>(appointments: readonly A[] | undefined, now: number): (A & { role: Role })[] {
  return (appointments ?? [])
    .filter((a): a is A & { role: Role } => (ROLES as readonly string[]).includes(a.role) && (a.role as string) !== Role.System && standsAt({ ...a, endedAt: a.endedAt ?? undefined }, now))
    .sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom));
}

/** The person's standing offices (GET /appointments, cached), labelled with the organisations' names. */
export function useMyOffices(personId: string | undefined): { offices: MyOffice[]; settled: boolean } {
  const appointments = usePersonAppointments(personId);
  const orgName = useOrganisationName();
  const offices = standingOffices(appointments.data, Date.now()).map((a) => ({
    appointmentId: a.id,
    personName: a.personName,
    role: a.role,
    organisation: a.organisationId,
    label: `${roleText(a.role)} · ${orgName(a.organisationId)}`,
  }));
  return { offices, settled: !personId || !appointments.isLoading };
}
