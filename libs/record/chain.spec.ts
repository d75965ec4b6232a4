import { documentHashes, documentReferences, sealEntry, verifyChain, type RecordEntry, type StoredEntry } from './chain';

const h = (c: string) => `sha256:${c.repeat(64)}`;

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev: string | null = null;
  for (let seq = 0; seq < n; seq++) {
    const entry: RecordEntry = {
      v: 1,
      decisionId: 'D-1',
      seq,
      action: seq === 0 ? 'register' : 'submitDraft',
      phaseAfter: 'drafting',
      actor: { id: 'u-1', name: '张承办', role: 'undertaking_unit', organisation: '市交通运输局' },
      at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      payload: { documentHash: h(String(seq % 10)) },
      documents: [h(String(seq % 10))],
      articles: ['decree-713:12'],
      workflowId: 'D-1',
      runId: 'run-1',
      prevHash: prev,
    };
    const { canonical, hash } = sealEntry(entry);
    out.push({ seq, canonical, hash });
    prev = hash;
  }
  return out;
}

describe('the hash chain of a decision record', () => {
  it('an untouched chain verifies', () => {
    expect(verifyChain('D-1', chain(20))).toMatchObject({ ok: true, entries: 20 });
  });

  // A fixed set of mutations here; the randomised thousand-mutation test belongs to the record export (issue 4).
  it.each([
    ['a flipped byte in an entry', (c: StoredEntry[]) => { c[7] = { ...c[7], canonical: c[7].canonical.replace('张', '李') }; }, 7],
    ['an entry re-hashed after editing', (c: StoredEntry[]) => {
      const edited = c[7].canonical.replace('submitDraft', 'withdraw');
      c[7] = { ...c[7], canonical: edited, hash: sealEntry(JSON.parse(edited)).hash };
    }, 8],
    ['a deleted entry', (c: StoredEntry[]) => { c.splice(5, 1); }, 6],
    ['two entries swapped', (c: StoredEntry[]) => { [c[3], c[4]] = [c[4], c[3]]; }, 4],
    ['a duplicated entry', (c: StoredEntry[]) => { c.splice(9, 0, c[9]); }, 9],
    ['an entry from another decision', (c: StoredEntry[]) => {
      const e = JSON.parse(c[2].canonical);
      const sealed = sealEntry({ ...e, decisionId: 'D-2' });
      c[2] = { seq: 2, canonical: sealed.canonical, hash: sealed.hash };
    }, 2],
    ['non-canonical whitespace', (c: StoredEntry[]) => {
      const spaced = JSON.stringify(JSON.parse(c[1].canonical), null, 1);
      c[1] = { seq: 1, canonical: spaced, hash: sealEntry(JSON.parse(spaced)).hash };
    }, 1],
  ])('detects %s and names the first bad entry', (_what, mutate, firstBad) => {
    const c = chain(20);
    mutate(c);
    const verdict = verifyChain('D-1', c);
    expect(verdict.ok).toBe(false);
    expect((verdict as { seq: number }).seq).toBe(firstBad);
  });

  it('says a seq that is not a number is none (attacker tester: "expected entry 0 here, found entry 0")', () => {
    const c = chain(3);
    c[0] = { ...c[0], seq: '0' as unknown as number };
    expect(verifyChain('D-1', c)).toMatchObject({ ok: false, reason: 'expected entry 0 here, found a seq that is not a number ("0")' });
  });

  it('collects every document hash of a payload, sorted and once', () => {
    expect(documentHashes({ a: h('b'), list: [{ x: h('a') }, h('b')], note: 'sha256:short' })).toEqual([h('a'), h('b')]);
  });

  it('names the field path where each document hash first appears, for the refusal of one not uploaded', () => {
    expect(documentReferences({ a: h('b'), list: [{ x: h('a') }, h('b')], note: 'sha256:short', sm: `sm3:${'0'.repeat(64)}` })).toEqual([
      { path: 'a', hash: h('b') },
      { path: 'list.0.x', hash: h('a') },
      { path: 'sm', hash: `sm3:${'0'.repeat(64)}` },
    ]);
    expect(documentReferences([h('a')])).toEqual([{ path: '0', hash: h('a') }]);
    expect(documentReferences(null)).toEqual([]);
    expect(documentReferences({ groups: [{ groupHash: h('a'), commentHashes: [h('b')] }] }, new Set(['commentHashes']))).toEqual([{ path: 'groups.0.groupHash', hash: h('a') }]);
  });
});
