import { createHash, randomBytes } from 'node:crypto';
import { sm2 as browserSm2 } from '../../apps/web/src/signing/sm2';
import { derDecode } from '../../libs/record/sm2-curve';
import { signMessage, verifySignature } from '../../libs/record/signatures';

/**
 * The browser's SM2 (apps/web/src/signing/sm2.ts: the record's scheme over sm-crypto's SM3 and WebCrypto's random
 * bytes) against the API's (Node's SM3): the same hashes, the standard's example, and each verifies the other's.
 */
describe('SM2 in the browser', () => {
  const D = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
  const K = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';

  it('hashes as Node does (Z and e of GM/T 0003.2 over sm-crypto’s SM3)', () => {
    const { publicKey } = browserSm2.generateKeyPair();
    for (const message of [Buffer.alloc(0), Buffer.from('abc'), randomBytes(1000), Buffer.from('关于调整票价的决定')]) {
      const z = browserSm2.userHash(publicKey);
      const e = createHash('sm3').update(z).update(message).digest();
      expect(Buffer.from(browserSm2.messageDigest(publicKey, message)).equals(e)).toBe(true);
    }
  });

  it('reproduces the standard’s example signature (GB/T 32918.5 Annex A)', () => {
    const sig = browserSm2.sign(D, Buffer.from('message digest'), { k: K });
    expect(derDecode(sig).map((n) => n.toString(16).toUpperCase())).toEqual(['F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3', 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA']);
  });

  it('signs what the API verifies, and verifies what the API signs; a changed text fails', () => {
    const { privateKey, publicKey } = browserSm2.generateKeyPair();
    const text = Buffer.from('{"action":"submitDraft","decisionId":"SZ-2026-0001"}');
    const signed = Buffer.from(browserSm2.sign(privateKey, text)).toString('base64');
    expect(verifySignature('sm2-sm3', publicKey, text, signed)).toBe(true);
    expect(verifySignature('sm2-sm3', publicKey, Buffer.from(`${text} `), signed)).toBe(false);
    const byApi = Buffer.from(signMessage('sm2-sm3', privateKey, text), 'base64');
    expect(browserSm2.verify(publicKey, text, byApi)).toBe(true);
    // Fresh randomness each time: two signatures of one text differ.
    expect(Buffer.from(browserSm2.sign(privateKey, text)).equals(Buffer.from(browserSm2.sign(privateKey, text)))).toBe(false);
  });
});
