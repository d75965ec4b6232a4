import { hash } from 'node:crypto';
import { canonicalize } from './jcs';

/** A Temporal event history as proto3 JSON (historyToJSON). */
export interface HistoryJson {
  events?: { eventType?: string }[];
}

/** The hash the record keeps of an archived history: SHA-256 of its RFC 8785 form. */
export function historyHash(history: unknown): string {
  return `sha256:${hash('sha256', canonicalize(history), 'hex')}`;
}

/** How the run ended (COMPLETED, CONTINUED_AS_NEW, …), or undefined while it is open. */
export function closedBy(history: HistoryJson): string | undefined {
  const last = history.events?.[history.events.length - 1]?.eventType ?? '';
  return /WORKFLOW_EXECUTION_(COMPLETED|FAILED|TIMED_OUT|TERMINATED|CANCELED|CONTINUED_AS_NEW)$/.exec(last)?.[1];
}
