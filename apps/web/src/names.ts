import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { ORGANISATION_ID_PATTERN, type Appointment, type Organisation } from '../../../libs/domain';
import { apiGet, apiGetPages, enc } from './api/client';
import { nextBatch } from './name-batches';

/**
 * Names instead of ids: the organisations' Chinese names, asked by id for the
 * ids a page shows (GET /organisations?ids=…, one request for all a render
 * names, kept for the session), and people's names from their appointments
 * (GET /appointments), so every page says 杭州市交通运输局 where the record
 * says hz-jtj. The country registers some hundreds of thousands of
 * organisations: no browser reads them all. Where a name is not known (not
 * signed in, an organisation not registered, the API not answering) the id is
 * shown, as before.
 */
const MINUTES = 60_000;
/** How long a request for names is waited for, and how long after a failure they are asked again. */
const GIVE_UP_MS = 15_000;
const AGAIN_MS = 30_000;

/** An organisation's name as asked: its name, or null when it is not registered (asked again after a while). */
const names = new Map<string, { name: string | null; at: number }>();
const wanted = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;
let asking = false;

function changed(): void {
  version++;
  for (const l of listeners) l();
}

function want(id: string): void {
  const known = names.get(id);
  if ((known && (known.name !== null || Date.now() - known.at < 10 * MINUTES)) || wanted.has(id) || !ORGANISATION_ID_PATTERN.test(id)) return;
  wanted.add(id);
  // Every name the render asks for joins one request, sent after it.
  if (!asking) setTimeout(() => void askWanted(), 0);
  asking = true;
}

async function askWanted(): Promise<void> {
  while (wanted.size) {
    const { ids, query } = nextBatch(wanted);
    try {
      const found = await apiGet<Pick<Organisation, 'id' | 'name'>[]>(`/organisations?ids=${query}`, AbortSignal.timeout(GIVE_UP_MS));
      const now = Date.now();
      for (const id of ids) names.set(id, { name: null, at: now });
      for (const o of found) names.set(o.id, { name: o.name, at: now });
      for (const id of ids) wanted.delete(id);
      changed();
    } catch {
      // The API not answering (or not in time): the same names are asked again half a minute later, by themselves,
      // so a page shows them once it answers without waiting for something else to draw it again.
      setTimeout(() => void askWanted(), AGAIN_MS);
      return;
    }
  }
  asking = false;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** After a registrar's act: an organisation just registered is asked for again rather than shown as unknown. */
export function forgetUnknownOrganisations(): void {
  for (const [id, n] of names) if (n.name === null) names.delete(id);
  changed();
}

/** `name(id)`: an organisation's Chinese name, or its id until (or unless) the name is known. */
export function useOrganisationName(): (id: string | null | undefined) => string {
  useSyncExternalStore(subscribe, () => version);
  return (id) => {
    if (!id) return '—';
    const known = names.get(id)?.name;
    if (known) return known;
    want(id);
    return id;
  };
}

/** A person's appointments, all of them (standing or not), as the registrar made them. */
export function usePersonAppointments(personId: string | undefined) {
  return useQuery({
    queryKey: ['appointments', personId],
    queryFn: async () => (await apiGetPages<Appointment>(`/appointments?personId=${enc(personId!)}`)).items,
    enabled: !!personId,
    staleTime: MINUTES,
  });
}

/** The name a person was appointed under, the latest appointment's; undefined when none is known. */
export function appointedName(appointments: readonly Pick<Appointment, 'personName' | 'validFrom'>[] | undefined): string | undefined {
  const latest = [...(appointments ?? [])].sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom))[0];
  return latest?.personName || undefined;
}
