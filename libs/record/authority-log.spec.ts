import {
  appointmentEndEventBody,
  appointmentEventBody,
  authorityEventCanonical,
  authorityLeafHash,
  keyEventBody,
  keyRevocationEventBody,
  organisationEventBody,
  verifyAuthorityLog,
  type AuthorityEventKind,
  type BundleAuthorityEvent,
  type LoggedKeyInfo,
} from './authority-log';
import { MerkleTree } from './merkle';
import type { AppointmentInfo, OrganisationInfo } from './offices';

/** The registrars' acts as leaves of the global log, checked offline against what a bundle carries. */
const organisation: OrganisationInfo = { id: 'hz-jtj', name: '杭州市交通运输局', kind: 'department', parentId: 'hz', level: null, creditCode: null, endorsedBy: 'ed25519:reg', endorsement: 'c2ln' };
const appointment: AppointmentInfo = {
  id: 'ap-1',
  personId: 'u-zhang',
  personName: '张承办',
  role: 'undertaking_unit',
  organisationId: 'hz-jtj',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2029-01-01T00:00:00.000Z',
  endorsedBy: 'ed25519:reg',
  endorsement: 'YXBwdA==',
  endedAt: '2026-06-01T00:00:00.000Z',
  endReason: '调任',
  endEndorsedBy: 'ed25519:reg',
  endEndorsement: 'ZW5k',
};
const key: LoggedKeyInfo = { keyId: 'ed25519:k1', actorId: 'u-zhang', algorithm: 'ed25519', publicKey: 'ab'.repeat(32), validFrom: '2026-01-01T00:00:00.000Z', validTo: '2028-01-01T00:00:00.000Z', revokedAt: '2026-07-01T00:00:00.000Z', endorsedBy: 'ed25519:reg', endorsement: 'a2V5', revocationReason: '遗失', revocationEndorsedBy: 'ed25519:reg', revocationEndorsement: 'cmV2' };
const carried = { organisations: [organisation], appointments: [appointment], actorKeys: [key] };

/** A log holding a decision leaf, then the acts (in the order given), with a checkpoint over the first `covered` leaves. */
function logOf(acts: [AuthorityEventKind, string, Record<string, unknown>][], covered?: number) {
  const tree = new MerkleTree();
  tree.append(Buffer.alloc(32, 7)); // some decision's entry
  const placed = acts.map(([kind, subjectId, body], seq) => {
    const canonical = authorityEventCanonical({ seq, kind, subjectId, body });
    tree.append(Buffer.from(authorityLeafHash(canonical), 'hex'));
    return { canonical, leafIndex: tree.size - 1 };
  });
  const size = covered ?? tree.size;
  const checkpoint = { treeSize: size, rootHash: tree.rootAt(size).toString('hex') };
  const events: BundleAuthorityEvent[] = placed.map((p) => ({ ...p, proof: p.leafIndex < size ? tree.inclusionProof(p.leafIndex, size).map((h) => h.toString('hex')) : null }));
  return { events, checkpoint };
}
const ALL: [AuthorityEventKind, string, Record<string, unknown>][] = [
  ['organisation', 'hz-jtj', organisationEventBody(organisation)],
  ['key', key.keyId, keyEventBody(key)],
  ['appointment', 'ap-1', appointmentEventBody(appointment)],
  ['appointment-end', 'ap-1', appointmentEndEventBody(appointment)],
  ['key-revocation', key.keyId, keyRevocationEventBody(key)],
];

describe('the authority log, offline', () => {
  it('holds when every organisation, appointment, end, key and revocation carried is the logged one, included under the checkpoint', () => {
    const { events, checkpoint } = logOf(ALL);
    expect(verifyAuthorityLog(events, carried, checkpoint)).toEqual({ ok: true, events: 5, pending: 0 });
  });

  it('counts events beyond the checkpoint as pending', () => {
    const { events, checkpoint } = logOf(ALL, 3);
    expect(verifyAuthorityLog(events, carried, checkpoint)).toEqual({ ok: true, events: 5, pending: 3 });
  });

  it.each([
    ['an appointment whose term was lengthened after it was logged', { ...carried, appointments: [{ ...appointment, validTo: '2099-01-01T00:00:00.000Z' }] }, /appointment ap-1 differs from its logged event/],
    ['an end left out of the appointment while the log holds it', { ...carried, appointments: [{ ...appointment, endedAt: null, endReason: null, endEndorsedBy: null, endEndorsement: null }] }, /the log holds the end of appointment ap-1/],
    ['an end moved later than the one logged', { ...carried, appointments: [{ ...appointment, endedAt: '2026-12-01T00:00:00.000Z' }] }, /appointment-end ap-1 differs/],
    ['a revocation left out of the key while the log holds it', { ...carried, actorKeys: [{ ...key, revokedAt: null }] }, /the log holds the revocation of key/],
    ['a key whose validity was changed', { ...carried, actorKeys: [{ ...key, validTo: '2099-01-01T00:00:00.000Z' }] }, /key ed25519:k1 differs/],
    ['an organisation moved under another parent', { ...carried, organisations: [{ ...organisation, parentId: 'zj' }] }, /organisation hz-jtj differs/],
  ])('fails for %s', (_what, bundle, failure) => {
    const { events, checkpoint } = logOf(ALL);
    expect(verifyAuthorityLog(events, bundle, checkpoint)).toEqual({ ok: false, failure: expect.stringMatching(failure) });
  });

  it('fails when an act carried has no logged event, when an event is altered, or when it is not where it says in the log', () => {
    const { events, checkpoint } = logOf(ALL);
    expect(verifyAuthorityLog(events.filter((e) => !e.canonical.includes('"appointment-end"')), carried, checkpoint)).toMatchObject({ ok: false, failure: expect.stringMatching(/appointment-end ap-1 is not in the log/) });
    const altered = events.map((e) => (e.canonical.includes('"kind":"appointment"') ? { ...e, canonical: e.canonical.replace('2029-01-01', '2099-01-01') } : e));
    expect(verifyAuthorityLog(altered, { ...carried, appointments: [{ ...appointment, validTo: '2099-01-01T00:00:00.000Z' }] }, checkpoint)).toMatchObject({ ok: false, failure: expect.stringMatching(/not included in the log/) });
    const moved = events.map((e, i) => (i === 0 ? { ...e, leafIndex: 0 } : e));
    expect(verifyAuthorityLog(moved, carried, checkpoint)).toMatchObject({ ok: false, failure: expect.stringMatching(/organisation hz-jtj event is not included/) });
    expect(verifyAuthorityLog([...events, events[0]], carried, checkpoint)).toMatchObject({ ok: false, failure: expect.stringMatching(/appears twice/) });
    expect(verifyAuthorityLog([{ ...events[0], canonical: '{"log":"x"}' }], carried, checkpoint)).toMatchObject({ ok: false, failure: expect.stringMatching(/not a canonical/) });
  });
});
