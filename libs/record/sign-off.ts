import { canonicalize } from './jcs';

/** A step as its actor signs it off: the step as requested. */
export interface SignOff {
  decisionId: string;
  action: string;
  actor: unknown;
  payload: unknown;
  idempotencyKey: string;
}

/**
 * The text an actor signs to sign off a step: RFC 8785 canonical JSON of
 * exactly {decisionId, action, actor, payload, idempotencyKey}; the signed
 * bytes are its UTF-8. Plain TypeScript with no Node built-ins, so the
 * officials' browsers (apps/web) sign the very same bytes the API checks
 * (signatures.ts, signOffMessage).
 */
export function signOffText(step: SignOff): string {
  const { decisionId, action, actor, payload, idempotencyKey } = step;
  return canonicalize({ decisionId, action, actor, payload, idempotencyKey });
}
