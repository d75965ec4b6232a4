import { generateCorpus } from '../../../../libs/comments/corpus';
import { exactKey, groupNearDuplicates, signature, SIGNATURE_BYTES } from '../../../../libs/comments/similarity';
import { ThreadPool } from './thread-pool';

describe('the API worker threads', () => {
  const pool = new ThreadPool(1);
  afterAll(() => pool.close());

  const packed = (texts: { id: string; text: string }[]) => {
    const signatures = new Uint8Array(texts.length * SIGNATURE_BYTES);
    texts.forEach((c, i) => signatures.set(signature(c.text), i * SIGNATURE_BYTES));
    return { ids: texts.map((c) => c.id), exactKeys: texts.map((c) => exactKey(c.text)), signatures };
  };

  it('group comments on a thread as on the event loop, the signatures moved in one buffer', async () => {
    const corpus = generateCorpus({ templates: 5, copies: 1500, uniques: 500 });
    const input = packed(corpus);
    const expected = groupNearDuplicates(corpus.map((c, i) => ({ id: c.id, exactKey: input.exactKeys[i], signature: signature(c.text) }))).groups;
    const groups = await pool.run('groupNearDuplicates', input, [input.signatures.buffer]);
    expect(input.signatures.byteLength).toBe(0); // moved, not copied
    expect(groups).toEqual(expected);
    expect(groups.slice(0, 5).reduce((n, g) => n + g.count, 0)).toBeGreaterThan(1490);
  });

  it('answer a job that fails with its error, and go on with the next', async () => {
    const bad = { ids: ['a', 'b'], exactKeys: ['k', 'l'], signatures: new Uint8Array(SIGNATURE_BYTES + 3) };
    await expect(pool.run('groupNearDuplicates', bad)).rejects.toThrow(/groupNearDuplicates failed: comment b: a MinHash signature of \d+ bytes is expected/);
    expect(await pool.run('groupNearDuplicates', packed([{ id: 'x', text: '保留现行票价' }]))).toMatchObject([{ groupId: 'x', ids: ['x'], count: 1 }]);
  });
});
