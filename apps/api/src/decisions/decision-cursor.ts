import { textProblem } from '../../../../libs/domain';

/**
 * The keyset of GET /decisions: the last row's (registeredAt, id), opaque to
 * clients (base64url of a JSON pair). Newest first, id breaking ties.
 */
export interface DecisionCursor {
  registeredAt: Date;
  id: string;
}

export function encodeCursor(c: DecisionCursor): string {
  return Buffer.from(JSON.stringify([c.registeredAt.toISOString(), c.id]), 'utf8').toString('base64url');
}

/** The cursor, or undefined when the text is not one this API made. */
export function decodeCursor(text: string): DecisionCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string' || !value[1] || textProblem(value[1])) return undefined;
    const registeredAt = new Date(value[0]);
    if (Number.isNaN(registeredAt.getTime()) || registeredAt.toISOString() !== value[0]) return undefined;
    // A time no decision is registered at, and some (year 0) PostgreSQL cannot read: not a cursor this API made (the
    // tester: year 0 got a 400 that did not name the cursor).
    if (registeredAt.getUTCFullYear() < 2000 || registeredAt.getUTCFullYear() > 9999) return undefined;
    return { registeredAt, id: value[1] };
  } catch {
    return undefined;
  }
}
