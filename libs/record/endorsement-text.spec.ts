import { webcrypto } from 'node:crypto';
import { appointmentEndMessage, appointmentEndorsementMessage, expertPoolEndMessage, expertPoolEntryMessage, keyEndorsementMessage, organisationEndorsementMessage, revocationEndorsementMessage } from './endorsement';
import { appointmentEndorsementText, appointmentEndText, expertPoolEndText, expertPoolEntryText, keyEndorsementText, organisationEndorsementText, revocationEndorsementText } from './endorsement-text';
import { verifySignature } from './signatures';

/**
 * The registrar page signs endorsement-text.ts's texts in the browser; the API
 * checks endorsement.ts's messages. Both are pinned here to the bytes the API
 * checked before the texts were moved out (so neither can drift), and a
 * WebCrypto signature over the text's UTF-8, as the browser makes it, holds
 * under the API's own verifier.
 */
const key = { actorId: 'u-王', algorithm: 'ed25519', publicKey: 'AB'.repeat(32), validFrom: '2026-11-25T00:00:00+08:00', validTo: new Date('2028-01-01T00:00:00+08:00') };
const organisation = { id: 'sz-jtj-ysc', name: '深圳市交通运输局运输处', kind: 'office', parentId: 'sz-jtj' };
const appointment = { id: 'ap-2026-0101', personId: 'u-liu', personName: '刘科员', role: 'undertaking_unit', organisationId: 'sz-jtj-ysc', validFrom: '2026-01-01T00:00:00+08:00', validTo: '2029-01-01T00:00:00+08:00' };
const end = { appointmentId: 'ap-2026-0101', endedAt: '2026-12-01T00:00:00+08:00', reason: '调任 "x"\n' };
const poolEntry = { id: 'pool-2026-0001', expertId: 'e-1', expertName: '专家甲', governmentId: 'zj', fields: ['交通运输', '价格'], validFrom: '2026-12-01T00:00:00+08:00' };
const poolEnd = { entryId: 'pool-2026-0001', endedAt: '2027-12-01T00:00:00+08:00', reason: '诚信考核不合格' };

const cases: [string, string, Buffer, string][] = [
  [
    'a key endorsement',
    keyEndorsementText(key),
    keyEndorsementMessage(key),
    '{"actorId":"u-王","algorithm":"ed25519","publicKey":"abababababababababababababababababababababababababababababababab","purpose":"register-actor-key","validFrom":"2026-11-24T16:00:00.000Z","validTo":"2027-12-31T16:00:00.000Z"}',
  ],
  ['a revocation', revocationEndorsementText({ keyId: 'ed25519:abc', reason: '遗失' }), revocationEndorsementMessage({ keyId: 'ed25519:abc', reason: '遗失' }), '{"keyId":"ed25519:abc","purpose":"revoke-actor-key","reason":"遗失"}'],
  [
    'an organisation',
    organisationEndorsementText(organisation),
    organisationEndorsementMessage(organisation),
    '{"creditCode":null,"id":"sz-jtj-ysc","kind":"office","level":null,"name":"深圳市交通运输局运输处","parentId":"sz-jtj","purpose":"register-organisation"}',
  ],
  [
    'an appointment',
    appointmentEndorsementText(appointment),
    appointmentEndorsementMessage(appointment),
    '{"id":"ap-2026-0101","organisationId":"sz-jtj-ysc","personId":"u-liu","personName":"刘科员","purpose":"appoint","role":"undertaking_unit","validFrom":"2025-12-31T16:00:00.000Z","validTo":"2028-12-31T16:00:00.000Z"}',
  ],
  [
    "an expert entered into a government's pool",
    expertPoolEntryText(poolEntry),
    expertPoolEntryMessage(poolEntry),
    '{"expertId":"e-1","expertName":"专家甲","fields":["交通运输","价格"],"governmentId":"zj","id":"pool-2026-0001","institution":null,"purpose":"enter-expert-pool","validFrom":"2026-11-30T16:00:00.000Z","validTo":null}',
  ],
  ['the end of a pool membership', expertPoolEndText(poolEnd), expertPoolEndMessage(poolEnd), '{"endedAt":"2027-11-30T16:00:00.000Z","entryId":"pool-2026-0001","purpose":"end-expert-pool-entry","reason":"诚信考核不合格"}'],
  ['the end of an appointment', appointmentEndText(end), appointmentEndMessage(end), '{"appointmentId":"ap-2026-0101","endedAt":"2026-11-30T16:00:00.000Z","purpose":"end-appointment","reason":"调任 \\"x\\"\\n"}'],
];

describe('the registrar texts the browser signs are the bytes the API checks', () => {
  it.each(cases)('%s', async (_what, text, message, pinned) => {
    expect(text).toBe(pinned);
    expect(Buffer.from(new TextEncoder().encode(text)).equals(message)).toBe(true);
    const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const publicKey = Buffer.from(await webcrypto.subtle.exportKey('raw', pair.publicKey)).toString('hex');
    const signature = Buffer.from(await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new TextEncoder().encode(text))).toString('base64');
    expect(verifySignature('ed25519', publicKey, message, signature)).toBe(true);
  });
});
