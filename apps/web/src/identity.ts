import { useQuery } from '@tanstack/react-query';
import { appointedName, usePersonAppointments } from './names';
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
