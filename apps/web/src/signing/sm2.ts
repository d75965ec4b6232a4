import { sm3 } from 'sm-crypto';
import { concat, fromHex, sm2Over } from '../../../../libs/record/sm2-curve';

/**
 * SM2 with SM3 in the browser, which has neither in WebCrypto: the record's own scheme (libs/record/sm2-curve.ts, the
 * one the API verifies with), over sm-crypto's SM3 and WebCrypto's random bytes. The private key is a hex string the
 * page holds, not a WebCrypto key: the signing page says so where the key is made.
 */
export const sm2 = sm2Over({
  sm3: (...parts) => fromHex(sm3(concat(...parts))),
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
});
