import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalize } from './jcs';
import { generateSigningKey, keyIdOf, signMessage, SIGNATURE_ALGORITHMS, verifySignature, type SignatureAlgorithm } from './signatures';

/**
 * The system's own key: it seals every record entry (a signature over the
 * entry hash) and every checkpoint of the global log. The private key lives in
 * a file only the worker reads (SEAL_KEY_FILE); the public key is registered
 * in system_keys and given to inspectors.
 */
export interface SealKey {
  keyId: string;
  algorithm: SignatureAlgorithm;
  privateKey: string;
  publicKey: string;
}

export function loadSealKey(file: string): SealKey {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<SealKey>;
  if (!raw.algorithm || !SIGNATURE_ALGORITHMS.includes(raw.algorithm) || !raw.privateKey || !raw.publicKey) {
    throw new Error(`${file}: a seal key file holds {"algorithm": "sm2-sm3" | "ed25519", "privateKey": hex, "publicKey": hex}`);
  }
  const key = { algorithm: raw.algorithm, privateKey: raw.privateKey, publicKey: raw.publicKey.toLowerCase() };
  const probe = Buffer.from('seal key self-test');
  if (!verifySignature(key.algorithm, key.publicKey, probe, signMessage(key.algorithm, key.privateKey, probe))) {
    throw new Error(`${file}: the private and public key do not belong together`);
  }
  return { ...key, keyId: keyIdOf(key.algorithm, key.publicKey) };
}

/** Makes a new seal key file (mode 0600) unless one exists; returns the key. */
export function ensureSealKeyFile(file: string, algorithm: SignatureAlgorithm = 'ed25519'): SealKey {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ algorithm, ...generateSigningKey(algorithm) }, null, 2) + '\n', { mode: 0o600 });
  }
  return loadSealKey(file);
}

/** The seal of an entry: the system's signature over its hash ('sha256:…', as UTF-8). */
export function sealOf(key: SealKey, entryHash: string): string {
  return signMessage(key.algorithm, key.privateKey, Buffer.from(entryHash, 'utf8'));
}

/** The name a checkpoint carries, so a checkpoint of this log cannot pass for another's. */
export const LOG_ORIGIN = 'major-administrative-decisions/v1';

export interface Checkpoint {
  treeSize: number;
  rootHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

/** What a checkpoint's signature covers. */
export function checkpointMessage(c: Pick<Checkpoint, 'treeSize' | 'rootHash' | 'signedAt'>): Buffer {
  return Buffer.from(canonicalize({ origin: LOG_ORIGIN, treeSize: c.treeSize, rootHash: c.rootHash, signedAt: c.signedAt }), 'utf8');
}

export function signCheckpoint(key: SealKey, treeSize: number, rootHash: string, signedAt: string): Checkpoint {
  return { treeSize, rootHash, signedAt, keyId: key.keyId, signature: signMessage(key.algorithm, key.privateKey, checkpointMessage({ treeSize, rootHash, signedAt })) };
}
