import { OrganisationKind, type Organisation } from '../domain';
import type { RecordEntry } from './chain';
import type { ActorKeyInfo } from './key-info';
import { verifyKeyScope } from './key-scope';

const path = (...ids: string[]) => ids.map((id) => ({ id, name: id, kind: id.includes('-') ? 'department' : 'government' }));
const entry = (seq: number, keyId: string, officePath?: ReturnType<typeof path>): RecordEntry =>
  ({
    seq,
    signature: { keyId, algorithm: 'ed25519', value: 'v', idempotencyKey: `k-${seq}` },
    ...(officePath ? { office: { appointmentId: `ap-${seq}`, validFrom: '', validTo: '', path: officePath } } : {}),
    ...(seq === 0 ? { authority: { government: 'sz', decidingOrgan: 'sz', legalityReviewBody: 'sz-sfj' } } : {}),
  }) as unknown as RecordEntry;
const key = (keyId: string, endorsedBy: string) => ({ keyId, endorsedBy, actorId: 'p', algorithm: 'ed25519', publicKey: '', validFrom: '', validTo: '' }) as ActorKeyInfo;
const registrars = [
  { keyId: 'r-gd', algorithm: 'ed25519' as const, publicKey: '', governmentId: 'gd' },
  { keyId: 'r-sz', algorithm: 'ed25519' as const, publicKey: '', governmentId: 'sz' },
  { keyId: 'r-gz', algorithm: 'ed25519' as const, publicKey: '', governmentId: 'gz' },
  { keyId: 'r-old', algorithm: 'ed25519' as const, publicKey: '', governmentId: null },
];
const organisations: Organisation[] = [
  { id: 'gd', name: '广东', kind: OrganisationKind.Government, parentId: null },
  { id: 'sz', name: '深圳', kind: OrganisationKind.Government, parentId: 'gd' },
];
const keys = [key('k-sz', 'r-sz'), key('k-gd', 'r-gd'), key('k-gz', 'r-gz'), key('k-old', 'r-old')];

describe('offline, a key signs where its registrar vouches for it: its government and below (fresh-eyes tester: Guangzhou’s key signed in Shenzhen)', () => {
  it("takes a key of the office's government or one above it, and one vouched for by a registrar of no government", () => {
    const entries = [entry(0, 'k-sz', path('sz-jtj', 'sz', 'gd')), entry(1, 'k-gd', path('sz-jtj', 'sz', 'gd')), entry(2, 'k-old', path('sz-jtj', 'sz', 'gd'))];
    expect(verifyKeyScope(entries, keys, registrars, organisations)).toEqual({ ok: true });
  });

  it("refuses another government's key, naming the entry; an expert's (no office) against the decision's government", () => {
    expect(verifyKeyScope([entry(0, 'k-sz', path('sz-jtj', 'sz', 'gd')), entry(1, 'k-gz', path('sz-jtj', 'sz', 'gd'))], keys, registrars, organisations)).toEqual({
      ok: false,
      seq: 1,
      failure: 'entry 1: key k-gz was vouched for by a registrar of gz, which does not reach sz-jtj (a key signs in its registrar\'s government and below)',
    });
    expect(verifyKeyScope([entry(0, 'k-sz', path('sz-jtj', 'sz', 'gd')), entry(1, 'k-gz')], keys, registrars, organisations)).toMatchObject({ ok: false, seq: 1 });
    expect(verifyKeyScope([entry(0, 'k-sz', path('sz-jtj', 'sz', 'gd')), entry(1, 'k-gd')], keys, registrars, organisations)).toEqual({ ok: true });
  });
});
