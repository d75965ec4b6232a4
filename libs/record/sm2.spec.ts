import { createHash } from 'node:crypto';
import { sm2 as smCrypto } from 'sm-crypto';
import { derDecode, derEncode, generateKeyPair, messageDigest, publicKeyOf, sign, userHash, verify } from './sm2';

// GM/T 0003.5-2012 / GB/T 32918.5 Annex A: the signature example on the recommended curve.
const D = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
const PUB = '0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13'.toLowerCase();
const K = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';
const M = Buffer.from('message digest');
const R = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
const S = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';

describe('SM3 (GM/T 0004)', () => {
  it('hashes the standard examples', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('SM2 signatures (GM/T 0003)', () => {
  it('reproduces the standard example: public key, Z, e and the signature', () => {
    expect(publicKeyOf(D)).toBe(PUB);
    expect(userHash(PUB).toString('hex')).toBe('b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3');
    expect(messageDigest(PUB, M).toString('hex')).toBe('f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640');
    const sig = sign(D, M, { k: K });
    expect(derDecode(sig).map((n) => n.toString(16).toUpperCase())).toEqual([R, S]);
    expect(verify(PUB, M, sig)).toBe(true);
  });

  it('refuses a changed message, key, user id or signature', () => {
    const sig = sign(D, M);
    expect(verify(PUB, Buffer.from('message digesT'), sig)).toBe(false);
    expect(verify(generateKeyPair().publicKey, M, sig)).toBe(false);
    expect(verify(PUB, M, sig, '8765432187654321')).toBe(false);
    const [r, s] = derDecode(sig);
    expect(verify(PUB, M, derEncode(r, s + 1n))).toBe(false);
    expect(verify(PUB, M, Buffer.concat([sig, Buffer.of(0)]))).toBe(false);
  });

  // sm-crypto (npm, an independent implementation): its default is the same user id, SM3 preprocessing with {hash: true}.
  it('sm-crypto verifies our signatures, and we verify sm-crypto\'s', () => {
    for (let i = 0; i < 10; i++) {
      const { privateKey, publicKey } = generateKeyPair();
      const msg = Buffer.from(`决策记录 ${i} ${'x'.repeat(i * 37)}`);
      const ours = sign(privateKey, msg);
      expect(smCrypto.doVerifySignature(Array.from(msg) as never, ours.toString('hex'), publicKey, { der: true, hash: true, userId: '1234567812345678' } as never)).toBe(true);

      const keys = smCrypto.generateKeyPairHex();
      const theirs = smCrypto.doSignature(Array.from(msg) as never, keys.privateKey, { der: true, hash: true } as never);
      expect(verify(keys.publicKey, msg, Buffer.from(theirs, 'hex'))).toBe(true);
      expect(publicKeyOf(keys.privateKey)).toBe(keys.publicKey);
    }
  });

  // A key seen again is verified through its precomputed window table: the same verdicts, first use or later.
  it('verifies a key the same on first use and through its window table, honest or altered', () => {
    const keys = smCrypto.generateKeyPairHex();
    for (let i = 0; i < 6; i++) {
      const msg = Buffer.from(`第${i}次签名`);
      const theirs = Buffer.from(smCrypto.doSignature(Array.from(msg) as never, keys.privateKey, { der: true, hash: true } as never), 'hex');
      const [r, s] = derDecode(theirs);
      expect([verify(keys.publicKey, msg, theirs), verify(keys.publicKey, Buffer.from(`第${i + 1}次签名`), theirs), verify(keys.publicKey, msg, derEncode(r, s === 1n ? 2n : s - 1n))]).toEqual([true, false, false]);
    }
    expect(verify(PUB, M, sign(D, M, { k: K }))).toBe(true);
    expect(verify(PUB, M, sign(D, M, { k: K }))).toBe(true);
  });
});
