import type { SignatureAlgorithm } from './signatures';

/** Public keys as bundles carry them: the system's, and the actors' with what the registrars signed of them. */
export interface PublicKeyInfo {
  keyId: string;
  algorithm: SignatureAlgorithm;
  publicKey: string;
}
export interface ActorKeyInfo extends PublicKeyInfo {
  actorId: string;
  validFrom: string;
  validTo: string;
  revokedAt?: string | null;
  /** The registrar key that endorsed it, and its signature (endorsement.ts). */
  endorsedBy?: string | null;
  endorsement?: string | null;
  /** Its revocation as the registrar signed it. */
  revocationReason?: string | null;
  revocationEndorsedBy?: string | null;
  revocationEndorsement?: string | null;
}
