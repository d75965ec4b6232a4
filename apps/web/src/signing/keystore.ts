import type { Actor } from '../../../../libs/domain';
import { fromHex, publicKeyOf } from '../../../../libs/record/sm2-curve';
import { sm2 } from './sm2';

/**
 * The official's signing key, kept in IndexedDB with the identity it signs for
 * and the public half in hex, which a registrar endorses (POST /actor-keys).
 * Ed25519: made with WebCrypto as a non-extractable key, which can sign here and
 * can never be read out, not even by this application. SM2 (国密, the national
 * algorithm): browsers have none, so its private half is a hex string the page
 * holds and signs with (signing/sm2.ts), readable by the application's scripts.
 */
export type EnrolledKey = {
  /** Its place here: the official's signing key, or a registrar's endorsing key (one of each per browser profile). */
  id: KeySlot;
  actor: Actor;
  publicKey: string;
  createdAt: string;
} & ({ algorithm: 'ed25519'; privateKey: CryptoKey } | { algorithm: 'sm2-sm3'; privateKey: string });

export type KeyAlgorithm = EnrolledKey['algorithm'];

export type KeySlot = 'current' | 'registrar';

const DB = 'major-decisions';
const STORE = 'signing-keys';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = run(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export const loadKey = (slot: KeySlot = 'current') => tx<EnrolledKey | undefined>('readonly', (s) => s.get(slot) as IDBRequest<EnrolledKey | undefined>);
export const forgetKey = (slot: KeySlot = 'current') => tx('readwrite', (s) => s.delete(slot));

export const hex = (bytes: ArrayBuffer | Uint8Array) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** Whether this browser signs with Ed25519 in WebCrypto. */
export async function ed25519Supported(): Promise<boolean> {
  try {
    await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

/** Makes a new key for the actor (replacing any kept in the slot) and keeps it; an Ed25519 private half is not extractable. */
export async function enrol(actor: Actor, slot: KeySlot = 'current', algorithm: KeyAlgorithm = 'ed25519'): Promise<EnrolledKey> {
  const createdAt = new Date().toISOString();
  if (algorithm === 'sm2-sm3') {
    const { privateKey, publicKey } = sm2.generateKeyPair();
    return keep({ id: slot, actor, algorithm, publicKey, privateKey, createdAt });
  }
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  return keep({ id: slot, actor, algorithm: 'ed25519', publicKey: hex(await crypto.subtle.exportKey('raw', pair.publicKey)), privateKey: pair.privateKey, createdAt });
}

async function keep(key: EnrolledKey): Promise<EnrolledKey> {
  await tx('readwrite', (s) => s.put(key));
  return key;
}

/** PKCS #8 wrapping of a raw Ed25519 private key (RFC 8410), as the key files of dist/infra/sign.js hold it bare. */
const ED25519_PKCS8_PREFIX = '302e020100300506032b657004220420';

/**
 * Imports a key file of `sign.js keygen` or `npm start` ({algorithm, privateKey, publicKey}, hex) into the slot: an
 * Ed25519 key not extractable from then on; an SM2 key (the embedded default registrar's, say) held as its hex.
 */
export async function importKeyFile(text: string, actor: Actor, slot: KeySlot): Promise<EnrolledKey> {
  let file: { algorithm?: string; privateKey?: string; publicKey?: string };
  try {
    file = JSON.parse(text) as typeof file;
  } catch {
    throw new Error('密钥文件不是有效的 JSON（the key file is not JSON）');
  }
  const mismatch = () => new Error("密钥文件的公钥与私钥不相配（the key file's public key is not its private key's）");
  if (file?.algorithm === 'sm2-sm3') {
    if (!/^[0-9a-f]{64}$/i.test(file.privateKey ?? '') || !/^04[0-9a-f]{128}$/i.test(file.publicKey ?? '')) throw new Error('SM2 密钥文件的 privateKey 须为 64 位十六进制，publicKey 须为 04 加 128 位十六进制（an SM2 key file holds a 64-digit hex private key and a 04-prefixed 128-digit hex public key）');
    let derived: string;
    try {
      derived = publicKeyOf(file.privateKey!);
    } catch {
      throw mismatch();
    }
    if (derived !== file.publicKey!.toLowerCase()) throw mismatch();
    return keep({ id: slot, actor, algorithm: 'sm2-sm3', publicKey: derived, privateKey: file.privateKey!.toLowerCase(), createdAt: new Date().toISOString() });
  }
  if (file?.algorithm !== 'ed25519') throw new Error(`只能导入 Ed25519 或 SM2（sm2-sm3）密钥文件，该文件的算法是 ${file?.algorithm ?? '未载明'}（only Ed25519 or SM2 key files can be imported）`);
  if (!/^[0-9a-f]{64}$/i.test(file.privateKey ?? '') || !/^[0-9a-f]{64}$/i.test(file.publicKey ?? '')) throw new Error('密钥文件的 privateKey 与 publicKey 必须是 64 位十六进制（the key file must hold hex keys）');
  const privateKey = await crypto.subtle.importKey('pkcs8', fromHex(ED25519_PKCS8_PREFIX + file.privateKey!), { name: 'Ed25519' }, false, ['sign']);
  // The file's public half must be the private half's: sign and verify once.
  const probe = new TextEncoder().encode('probe');
  const publicKey = await crypto.subtle.importKey('raw', fromHex(file.publicKey!), { name: 'Ed25519' }, true, ['verify']);
  if (!(await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, probe), probe))) {
    throw mismatch();
  }
  return keep({ id: slot, actor, algorithm: 'ed25519', publicKey: file.publicKey!.toLowerCase(), privateKey, createdAt: new Date().toISOString() });
}

/** A key's id as the API derives it: the algorithm and the start of the SHA-256 of its hex (libs/record/signatures.ts keyIdOf). */
export async function keyIdOf(algorithm: string, publicKey: string): Promise<string> {
  return `${algorithm}:${hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(publicKey.toLowerCase()))).slice(0, 24)}`;
}
