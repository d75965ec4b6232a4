import type { Actor } from '../../../../libs/domain';

/**
 * The official's signing key, made in this browser with WebCrypto (Ed25519)
 * as a non-extractable key: the private half can sign here and can never be
 * read out, not even by this application. It is kept in IndexedDB (which
 * stores CryptoKey objects as they are), with the identity it signs for and
 * the public half in hex, which a registrar endorses (POST /actor-keys).
 */
export interface EnrolledKey {
  /** One key per browser profile in this slice. */
  id: 'current';
  actor: Actor;
  algorithm: 'ed25519';
  publicKey: string;
  privateKey: CryptoKey;
  createdAt: string;
}

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

export const loadKey = () => tx<EnrolledKey | undefined>('readonly', (s) => s.get('current') as IDBRequest<EnrolledKey | undefined>);
export const forgetKey = () => tx('readwrite', (s) => s.delete('current'));

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

/** Makes a new key for the actor (replacing any kept here) and keeps it; the private half is not extractable. */
export async function enrol(actor: Actor): Promise<EnrolledKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = hex(await crypto.subtle.exportKey('raw', pair.publicKey));
  const key: EnrolledKey = { id: 'current', actor, algorithm: 'ed25519', publicKey, privateKey: pair.privateKey, createdAt: new Date().toISOString() };
  await tx('readwrite', (s) => s.put(key));
  return key;
}
