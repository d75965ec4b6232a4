import { createHash, randomBytes } from 'node:crypto';
import { derDecode as derDecodeBytes, derEncode as derEncodeBytes, parsePublicKey, publicKeyOf, SM2_DEFAULT_USER_ID, sm2Over } from './sm2-curve';

/**
 * SM2 signatures with SM3, as the record fixes them (sm2-curve.ts), over Node's SM3 and random bytes, in Buffers. Node's
 * crypto knows the curve and SM3 but not this signature scheme (nodejs/node#37066).
 */
const scheme = sm2Over({
  sm3: (...parts) => {
    const h = createHash('sm3');
    for (const p of parts) h.update(p);
    return h.digest();
  },
  randomBytes: (n) => randomBytes(n),
});
const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export { parsePublicKey, publicKeyOf, SM2_DEFAULT_USER_ID };
export const generateKeyPair = scheme.generateKeyPair;
export const userHash = (publicKeyHex: string, userId?: string): Buffer => Buffer.from(scheme.userHash(publicKeyHex, userId)); // a copy: the scheme keeps its own
export const messageDigest = (publicKeyHex: string, message: Uint8Array, userId?: string): Buffer => buffer(scheme.messageDigest(publicKeyHex, message, userId));
export const sign = (privateKeyHex: string, message: Uint8Array, opts?: { userId?: string; k?: string }): Buffer => buffer(scheme.sign(privateKeyHex, message, opts));
export const verify = scheme.verify;
export const derEncode = (r: bigint, s: bigint): Buffer => buffer(derEncodeBytes(r, s));
export const derDecode = derDecodeBytes;
