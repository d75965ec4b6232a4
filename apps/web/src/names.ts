import { useQuery } from '@tanstack/react-query';
import type { Appointment, Organisation } from '../../../libs/domain';
import { apiGet, enc } from './api/client';

/**
 * Names instead of ids: the organisations' Chinese names (GET /organisations)
 * and people's names from their appointments (GET /appointments), each read
 * once and kept in the query cache, so every page says 杭州市交通运输局 where
 * the record says hz-jtj. Where a name is not known (not signed in, an
 * organisation not registered, the API not answering) the id is shown, as before.
 */
const MINUTES = 60_000;

/** The id's name among the organisations given; the id itself when it is not among them. */
export function organisationNamer(organisations: readonly Pick<Organisation, 'id' | 'name'>[] | undefined): (id: string | null | undefined) => string {
  const byId = new Map((organisations ?? []).map((o) => [o.id, o.name]));
  return (id) => (id ? (byId.get(id) ?? id) : '—');
}

/** The registered organisations, shared by every page that names one (the registrar's tree too). */
export function useOrganisations() {
  return useQuery({ queryKey: ['organisations'], queryFn: () => apiGet<Organisation[]>('/organisations'), staleTime: 10 * MINUTES });
}

/** `name(id)`: an organisation's Chinese name, or its id until (or unless) the name is known. */
export function useOrganisationName(): (id: string | null | undefined) => string {
  const organisations = useOrganisations();
  return organisationNamer(organisations.data);
}

/** A person's appointments, all of them (standing or not), as the registrar made them. */
export function usePersonAppointments(personId: string | undefined) {
  return useQuery({
    queryKey: ['appointments', personId],
    queryFn: () => apiGet<Appointment[]>(`/appointments?personId=${enc(personId!)}`),
    enabled: !!personId,
    staleTime: MINUTES,
  });
}

/** The name a person was appointed under, the latest appointment's; undefined when none is known. */
export function appointedName(appointments: readonly Pick<Appointment, 'personName' | 'validFrom'>[] | undefined): string | undefined {
  const latest = [...(appointments ?? [])].sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom))[0];
  return latest?.personName || undefined;
}
