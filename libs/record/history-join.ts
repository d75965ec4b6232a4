import type { RecordEntry } from './chain';

/** Where a recorded step stands in the Temporal history of its run: the update that brought it, and the activity that recorded it. */
export interface StepInHistory {
  runId: string;
  /** The Update that carried the signed step (its id is the step's idempotency key); null for steps the workflow took itself (the registration at start, clock-driven entries). */
  updateId: string | null;
  updateAcceptedEventId: string | null;
  updateAcceptedAt: string | null;
  /** The recordStep activity: scheduled, then completed once the entry was stored. */
  activityId: string;
  scheduledEventId: string;
  scheduledAt: string | null;
  completedEventId: string | null;
  completedAt: string | null;
}

/** One entry of the record beside its place in the workflow history (null where the history has none: the verifier's history-match check fails then). */
export interface RecordHistoryRow {
  seq: number;
  action: string;
  at: string;
  actor: { id: string; name: string; role: string; organisation: string };
  /** The organisation the signer acted for, where the entry relied on an office. */
  office: string | null;
  entryHash: string;
  keyId: string | null;
  articles: string[];
  history: StepInHistory | null;
}

type HistoryEvent = Record<string, unknown> & { eventId?: string | number; eventTime?: string };
/** The Temporal histories of a decision's runs, as bundles carry them (proto3 JSON). */
type Histories = { runId: string; history: { events?: unknown[] } }[];

/**
 * The record joined with the Temporal history, step by step, for inspectors:
 * each entry with the Update that carried it and the recordStep activity that
 * stored it (event ids and times), read from the histories the bundle carries
 * (archived runs from the record, an open run from Temporal).
 */
export function recordWithHistory(bundle: { entries: { seq: number; canonical: string; hash: string }[]; histories: Histories }): RecordHistoryRow[] {
  const found = stepsInHistories(bundle.histories ?? []);
  return bundle.entries.map((e) => {
    const entry = parse(e.canonical);
    return {
      seq: e.seq,
      action: entry?.action ?? '',
      at: entry?.at ?? '',
      actor: entry?.actor ?? { id: '', name: '', role: '', organisation: '' },
      office: entry?.office?.path?.[0]?.name ?? null,
      entryHash: e.hash,
      keyId: entry?.signature?.keyId ?? null,
      articles: entry?.articles ?? [],
      history: (entry && found.get(`${e.seq}:${entry.action}`)) ?? null,
    };
  });
}

/** Every step the workflow histories record (their recordStep activities), by `seq:action`. */
export function stepsInHistories(histories: Histories): Map<string, StepInHistory> {
  return new Map([...recordStepsInHistories(histories)].map(([key, { row }]) => [key, row]));
}

/**
 * `stepsInHistories` with what each recordStep activity was given to record (the StepEntry as the workflow sent it):
 * the verifier compares the record's entries with it, field by field.
 */
export function recordStepsInHistories(histories: Histories): Map<string, { row: StepInHistory; input: Record<string, unknown> }> {
  const found = new Map<string, { row: StepInHistory; input: Record<string, unknown> }>();
  for (const { runId, history } of histories) {
    const scheduled = new Map<string, StepInHistory>();
    let update: { id: string; eventId: string; at: string | null } | undefined;
    for (const ev of (history?.events ?? []) as HistoryEvent[]) {
      const eventId = String(ev.eventId);
      const at = typeof ev.eventTime === 'string' ? ev.eventTime : null;
      const accepted = ev.workflowExecutionUpdateAcceptedEventAttributes as { acceptedRequest?: { meta?: { updateId?: string } } } | undefined;
      if (accepted) update = { id: String(accepted.acceptedRequest?.meta?.updateId ?? ''), eventId, at };
      const attrs = ev.activityTaskScheduledEventAttributes as { activityId?: string; activityType?: { name?: string }; input?: { payloads?: { data?: string }[] } } | undefined;
      if (attrs?.activityType?.name === 'recordStep') {
        const step = parsePayload(attrs.input?.payloads?.[0]?.data);
        if (step) {
          const row: StepInHistory = {
            runId,
            updateId: update?.id ?? null,
            updateAcceptedEventId: update?.eventId ?? null,
            updateAcceptedAt: update?.at ?? null,
            activityId: String(attrs.activityId),
            scheduledEventId: eventId,
            scheduledAt: at,
            completedEventId: null,
            completedAt: null,
          };
          scheduled.set(eventId, row);
          found.set(`${step.seq}:${step.action}`, { row, input: step as Record<string, unknown> });
          update = undefined; // one update, one step recorded
        }
      }
      const done = ev.activityTaskCompletedEventAttributes as { scheduledEventId?: string | number; result?: { payloads?: { data?: string }[] } } | undefined;
      const row = done && scheduled.get(String(done.scheduledEventId));
      if (!row) continue;
      Object.assign(row, { completedEventId: eventId, completedAt: at });
      // A step whose idempotency key an earlier entry holds (sent again into a later run) was not recorded: the activity
      // answered with that entry (`duplicateOf`), and the workflow refused the step. Its seq is free for the next step.
      const answer = parsePayload(done.result?.payloads?.[0]?.data) as { duplicateOf?: number } | undefined;
      if (answer?.duplicateOf !== undefined) {
        for (const [key, r] of found) if (r.row === row) found.delete(key);
      }
    }
  }
  return found;
}

function parsePayload(data: string | undefined): { seq: number; action: string } | undefined {
  try {
    return data ? (JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { seq: number; action: string }) : undefined;
  } catch {
    return undefined;
  }
}

function parse(canonical: string): RecordEntry | undefined {
  try {
    return JSON.parse(canonical) as RecordEntry;
  } catch {
    return undefined;
  }
}
