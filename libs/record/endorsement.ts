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

/** What a registrar signs to register an organisation: exactly its record. */
export function organisationEndorsementMessage(o: { id: string; name: string; kind: string; parentId?: string | null; level?: string | null; creditCode?: string | null }): Buffer {
  return Buffer.from(
    canonicalize({ purpose: 'register-organisation', id: o.id, name: o.name, kind: o.kind, parentId: o.parentId ?? null, level: o.level ?? null, creditCode: o.creditCode ?? null }),
    'utf8',
  );
}

/** What a registrar signs to appoint a person to a role in an organisation for a period. */
export function appointmentEndorsementMessage(a: { id: string; personId: string; personName: string; role: string; organisationId: string; validFrom: Date | string; validTo: Date | string }): Buffer {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return Buffer.from(
    canonicalize({ purpose: 'appoint', id: a.id, personId: a.personId, personName: a.personName, role: a.role, organisationId: a.organisationId, validFrom: iso(a.validFrom), validTo: iso(a.validTo) }),
    'utf8',
  );
}

/** What a registrar signs to end an appointment (免职) from a moment on. */
export function appointmentEndMessage(e: { appointmentId: string; endedAt: Date | string; reason: string }): Buffer {
  return Buffer.from(canonicalize({ purpose: 'end-appointment', appointmentId: e.appointmentId, endedAt: new Date(e.endedAt).toISOString(), reason: e.reason }), 'utf8');
}
