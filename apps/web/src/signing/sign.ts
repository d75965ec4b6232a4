import { signOffText, type SignOff } from '../../../../libs/record/sign-off';
import { hex, type EnrolledKey } from './keystore';
import { sm2 } from './sm2';

/**
 * Signing a step in the browser: the text shown to the official before they
 * confirm is exactly the text signed (RFC 8785 canonical JSON of {decisionId,
 * action, actor, payload, idempotencyKey}, libs/record/sign-off.ts, the same
 * function the API's check is built on), and the bytes signed are its UTF-8.
 */
export { signOffText };

export async function signText(key: EnrolledKey, text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  if (key.algorithm === 'sm2-sm3') return base64(sm2.sign(key.privateKey, bytes));
  return base64(new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes)));
}

export function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** A document's hash as the record names it: 'sha256:' and 64 hex digits, computed here from the file. */
export async function sha256Of(file: Blob): Promise<string> {
  return `sha256:${hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()))}`;
}

/** A fresh idempotency key for a step (8–128 of letters, digits, . _ : -). */
export const newIdempotencyKey = (decisionId: string, action: string) => `${decisionId}:${action}:${crypto.randomUUID()}`.slice(0, 128);

export type { SignOff };
