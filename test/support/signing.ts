import { registrationIdempotencyKey, type Actor, type Command, type DecisionRegistration } from '../../libs/domain';
import type { PrismaClient } from '../../libs/db/prisma';
import { keyEndorsementMessage, revocationEndorsementMessage } from '../../libs/record/endorsement';
import { generateSigningKey, keyIdOf, registrationSignOffMessage, signMessage, signOffMessage, type SignatureAlgorithm } from '../../libs/record/signatures';

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
  const message = registrationSignOffMessage(fields, actor);
  return { ...fields, actor, signature: { keyId: key.keyId, value: signMessage(key.algorithm, key.privateKey, message) } };
}

/**
 * Keys for the actors of workflow tests, made on first use and registered in
 * the test database's actor_keys, so the steps such tests send straight to
 * Temporal are signed as the API would have required, and the record verifies.
 */
export class Keyring {
  private readonly keys = new Map<string, TestKey>();
  constructor(private readonly prisma: PrismaClient, private readonly algorithm: SignatureAlgorithm = 'ed25519') {}

  async keyOf(actorId: string): Promise<TestKey> {
    let key = this.keys.get(actorId);
    if (!key) {
      const made = newKey(this.algorithm);
      key = { ...made, keyId: keyIdOf(made.algorithm, made.publicKey) };
      this.keys.set(actorId, key);
      await this.prisma.actorKey.create({
        data: { keyId: key.keyId, actorId, algorithm: key.algorithm, publicKey: key.publicKey, validFrom: new Date('2020-01-01T00:00:00Z'), validTo: new Date('2099-01-01T00:00:00Z') },
      });
    }
    return key;
  }

  /** The command with its actor's signature, as the API passes it to the workflow. */
  async sign(decisionId: string, c: Command, idempotencyKey: string): Promise<Command> {
    const key = await this.keyOf(c.actor.id);
    const value = signMessage(key.algorithm, key.privateKey, signOffMessage({ decisionId, action: c.action, actor: c.actor, payload: c.payload, idempotencyKey }));
    return { ...c, signature: { keyId: key.keyId, algorithm: key.algorithm, value, idempotencyKey } } as Command;
  }

  /** The registration signed by the official it names. */
  async signRegistration(r: DecisionRegistration & { registeredBy: Actor }): Promise<DecisionRegistration> {
    const key = await this.keyOf(r.registeredBy.id);
    const value = signMessage(key.algorithm, key.privateKey, registrationSignOffMessage(r, r.registeredBy));
    return { ...r, signature: { keyId: key.keyId, algorithm: key.algorithm, value, idempotencyKey: registrationIdempotencyKey(r) } };
  }
}

export const LONG_VALIDITY = { validFrom: '2020-01-01T00:00:00Z', validTo: '2099-01-01T00:00:00Z' };

/** The body of POST /actor-keys, endorsed by a registrar. */
export function endorsedKey(registrar: TestKey, actorId: string, key: { algorithm: SignatureAlgorithm; publicKey: string }, validity: { validFrom: string; validTo: string } = LONG_VALIDITY) {
  const body = { actorId, algorithm: key.algorithm, publicKey: key.publicKey, ...validity };
  return { ...body, endorsement: { keyId: registrar.keyId, value: signMessage(registrar.algorithm, registrar.privateKey, keyEndorsementMessage(body)) } };
}

/** The body of POST /actor-keys/:keyId/revocation, endorsed by a registrar. */
export function endorsedRevocation(registrar: TestKey, keyId: string, reason: string) {
  return { reason, endorsement: { keyId: registrar.keyId, value: signMessage(registrar.algorithm, registrar.privateKey, revocationEndorsementMessage({ keyId, reason })) } };
}
