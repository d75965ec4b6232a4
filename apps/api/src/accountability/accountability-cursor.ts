import { textProblem } from '../../../../libs/domain';

/** The keyset of GET /people/:personId/accountability: the last row's (at, decisionId, seq), base64url of a JSON triple. */
export interface AccountabilityCursor {
  at: Date;
  decisionId: string;
  seq: number;
}

export function encodeAccountabilityCursor(c: AccountabilityCursor): string {
  return Buffer.from(JSON.stringify([c.at.toISOString(), c.decisionId, c.seq]), 'utf8').toString('base64url');
}

/** The cursor, or undefined when the text is not one this API made. */
export function decodeAccountabilityCursor(text: string): AccountabilityCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3 || typeof v[0] !== 'string' || typeof v[1] !== 'string' || !v[1] || textProblem(v[1])) return undefined;
    // A step's number as the record keeps it (PostgreSQL's integer): a larger one is no cursor this API made (retest).
    if (!Number.isSafeInteger(v[2]) || v[2] < 0 || v[2] > 2_147_483_647) return undefined;
    const at = new Date(v[0]);
    if (Number.isNaN(at.getTime()) || at.toISOString() !== v[0] || at.getUTCFullYear() < 2000 || at.getUTCFullYear() > 9999) return undefined;
    return { at, decisionId: v[1], seq: v[2] };
  } catch {
    return undefined;
  }
}
