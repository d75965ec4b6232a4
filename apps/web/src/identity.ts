import { useQuery } from '@tanstack/react-query';
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

let signedIn: Me | undefined;
/** Called once the session is known (main.tsx). */
export function setSignedIn(person: { sub: string; name?: string } | undefined): void {
  signedIn = person && { personId: person.sub, name: person.name ?? person.sub, source: 'signed-in' };
}

export function useMe(): { me: Me | undefined; loading: boolean } {
  const key = useQuery({ queryKey: ['signing-key'], queryFn: async () => (await loadKey()) ?? null, enabled: !signedIn });
  if (signedIn) return { me: signedIn, loading: false };
  const actor = key.data?.actor;
  return { me: actor ? { personId: actor.id, name: actor.name, source: 'enrolled-key' } : undefined, loading: key.isLoading };
}
