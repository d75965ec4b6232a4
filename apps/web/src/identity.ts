import { useQuery } from '@tanstack/react-query';
import { loadKey } from './signing/keystore';

/**
 * Who is using this browser: the one place the application asks. Today the
 * person is the one whose signing key was enrolled here (签署 page); when
 * sign-in reads the subject from the identity provider, it is answered here
 * instead, and every page follows.
 */
export interface Me {
  personId: string;
  name: string;
  source: 'enrolled-key';
}

export function useMe(): { me: Me | undefined; loading: boolean } {
  const key = useQuery({ queryKey: ['signing-key'], queryFn: async () => (await loadKey()) ?? null });
  const actor = key.data?.actor;
  return { me: actor ? { personId: actor.id, name: actor.name, source: 'enrolled-key' } : undefined, loading: key.isLoading };
}
