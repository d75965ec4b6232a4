import { canonicalize } from './jcs';

/**
 * What a registrar signs to let an actor's key sign steps, or to stop it:
 * RFC 8785 canonical JSON, with a purpose so neither can pass for the other
 * or for a step. Times as ISO 8601 UTC with milliseconds.
 */
export function keyEndorsementMessage(k: { actorId: string; algorithm: string; publicKey: string; validFrom: Date | string; validTo: Date | string }): Buffer {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return Buffer.from(
    canonicalize({ purpose: 'register-actor-key', actorId: k.actorId, algorithm: k.algorithm, publicKey: k.publicKey.toLowerCase(), validFrom: iso(k.validFrom), validTo: iso(k.validTo) }),
    'utf8',
  );
}

export function revocationEndorsementMessage(r: { keyId: string; reason: string }): Buffer {
  return Buffer.from(canonicalize({ purpose: 'revoke-actor-key', keyId: r.keyId, reason: r.reason }), 'utf8');
}
