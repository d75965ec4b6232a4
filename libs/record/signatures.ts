import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { NATIONAL_PROFILE, registrationIdempotencyKey, registrationPayload, type Actor, type DecisionRegistration } from '../domain';
import { signOffText, type SignOff } from './sign-off';
import * as sm2 from './sm2';

/**
 * The signature algorithms of the record: SM2 with SM3 (the national
 * algorithms of Chinese e-government; see sm2.ts for the fixed user id,
 * preprocessing and DER encoding) and Ed25519. Public keys are hex: SM2
 * uncompressed (04 ‖ x ‖ y), Ed25519 the raw 32 bytes. Signatures are base64:
 * SM2 DER, Ed25519 the raw 64 bytes.
 */
export const SIGNATURE_ALGORITHMS = ['sm2-sm3', 'ed25519'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export interface ActorSignature {
  keyId: string;
  /** base64 */
  value: string;
}

/** What an actor signs to sign off a step: the step as requested, canonically serialised (sign-off.ts, shared with the browser). */
export function signOffMessage(step: SignOff): Buffer {
  return Buffer.from(signOffText(step), 'utf8');
}

/**
 * What the registering official signs: the sign-off of the 'register' step,
 * whose payload is the registration as the record keeps it (the profile
 * defaulting to the national one) and whose idempotency key is the decision id.
 */
export function registrationSignOffMessage(r: Omit<DecisionRegistration, 'profile' | 'registeredBy' | 'signature'> & { profile?: string }, actor: Actor): Buffer {
  const registration = { ...r, profile: r.profile ?? NATIONAL_PROFILE };
  return signOffMessage({ decisionId: r.id, action: 'register', actor, payload: registrationPayload(registration), idempotencyKey: registrationIdempotencyKey(r) });
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

// Making a KeyObject costs more than a verification: keep the ones in use.
function cache(make: (hex: string) => KeyObject): (hex: string) => KeyObject {
  const keys = new Map<string, KeyObject>();
  return (hex) => {
    let k = keys.get(hex);
    if (!k) {
      if (keys.size >= 1000) keys.clear();
      k = make(hex);
      keys.set(hex, k);
    }
    return k;
  };
}
const ed25519Public = cache((hex) => {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('an Ed25519 public key is 64 hex digits');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
});
const ed25519Private = cache((hex) => createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'pkcs8' }));

/** What each algorithm does, in one place: a new algorithm is one more entry, not one more branch in each function. */
interface Algorithm {
  /** Throws with what is wrong with the public key's form. */
  checkPublicKey(publicKey: string): void;
  verify(publicKey: string, message: Buffer, signature: Buffer): boolean;
  sign(privateKey: string, message: Buffer): Buffer;
  generate(): { privateKey: string; publicKey: string };
}

const ALGORITHMS: Record<SignatureAlgorithm, Algorithm> = {
  'sm2-sm3': {
    checkPublicKey: (publicKey) => void sm2.parsePublicKey(publicKey),
    verify: (publicKey, message, signature) => sm2.verify(publicKey, message, signature),
    sign: (privateKey, message) => sm2.sign(privateKey, message),
    generate: () => sm2.generateKeyPair(),
  },
  ed25519: {
    checkPublicKey: (publicKey) => void ed25519Public(publicKey),
    verify: (publicKey, message, signature) => signature.length === 64 && nodeVerify(null, message, ed25519Public(publicKey), signature),
    sign: (privateKey, message) => nodeSign(null, message, ed25519Private(privateKey)),
    generate: () => {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      return {
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(ED25519_PKCS8_PREFIX.length).toString('hex'),
        publicKey: publicKey.export({ format: 'der', type: 'spki' }).subarray(ED25519_SPKI_PREFIX.length).toString('hex'),
      };
    },
  },
};

/** The algorithm's operations; a name the record does not know (from a bundle, say) is said to be unknown. */
function algorithmOf(algorithm: SignatureAlgorithm): Algorithm {
  const a = Object.hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm] : undefined;
  if (!a) throw new Error(`unknown signature algorithm ${String(algorithm)}: one of ${SIGNATURE_ALGORITHMS.join(', ')}`);
  return a;
}

/** Checks a public key's form; throws with what is wrong. */
export function checkPublicKey(algorithm: SignatureAlgorithm, publicKey: string): void {
  algorithmOf(algorithm).checkPublicKey(publicKey);
}

export function verifySignature(algorithm: SignatureAlgorithm, publicKey: string, message: Buffer, signatureB64: string): boolean {
  try {
    return algorithmOf(algorithm).verify(publicKey, message, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

export function signMessage(algorithm: SignatureAlgorithm, privateKey: string, message: Buffer): string {
  return algorithmOf(algorithm).sign(privateKey, message).toString('base64');
}

/** A new key pair, hex (for tests, tools and the system's own seal key). */
export function generateSigningKey(algorithm: SignatureAlgorithm): { privateKey: string; publicKey: string } {
  return algorithmOf(algorithm).generate();
}

/** A key's id, derived from the key: the algorithm and the start of the SHA-256 of its hex. */
export function keyIdOf(algorithm: SignatureAlgorithm, publicKey: string): string {
  return `${algorithm}:${createHash('sha256').update(publicKey.toLowerCase()).digest('hex').slice(0, 24)}`;
}
