import { NATIONAL_PROFILE, registrationIdempotencyKey, registrationPayload, type Actor, type Command, type DecisionRegistration } from '../../libs/domain';
import { generateSigningKey, signMessage, signOffMessage, type SignatureAlgorithm } from '../../libs/record/signatures';

/** An actor's signing key, as a client holds it. */
export interface TestKey {
  keyId: string;
  algorithm: SignatureAlgorithm;
  privateKey: string;
  publicKey: string;
}

export function newKey(algorithm: SignatureAlgorithm): Omit<TestKey, 'keyId'> {
  return { algorithm, ...generateSigningKey(algorithm) };
}

/** The body of POST /decisions/:id/steps, signed by the actor's key. */
export function signedStep(decisionId: string, c: Command, key: TestKey, idempotencyKey: string, actor: Actor = c.actor) {
  const message = signOffMessage({ decisionId, action: c.action, actor, payload: c.payload, idempotencyKey });
  return { action: c.action, actor, payload: c.payload, idempotencyKey, signature: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, message) } };
}

/** The body of POST /decisions: the registration, signed by the undertaking unit's key. */
export function signedRegistration(fields: Omit<DecisionRegistration, 'profile' | 'registeredBy' | 'signature'> & { profile?: string }, actor: Actor, key: TestKey) {
  const registration = { ...fields, profile: fields.profile ?? NATIONAL_PROFILE };
  const message = signOffMessage({ decisionId: fields.id, action: 'register', actor, payload: registrationPayload(registration), idempotencyKey: registrationIdempotencyKey(fields) });
  return { ...fields, actor, signature: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, message) } };
}
