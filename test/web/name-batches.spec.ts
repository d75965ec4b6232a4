import { nextBatch } from '../../apps/web/src/name-batches';

/**
 * The names a page shows are asked by id, many a request (apps/web/src/names.ts, name-batches.ts): never so many, or so long, that the
 * API could not take the request. An id may be 64 Chinese characters, 576 once percent-encoded, and the API refuses a
 * request line over 16 KiB before it reads the query (the fresh-eyes tester: 200 such ids got 431, and a batch that
 * fails so failed for ever, with every name in it).
 */
describe('asking organisations’ names by id', () => {
  const longId = (i: number) => `${'深圳市交通运输局'.repeat(7)}${String(i).padStart(4, '0')}`.slice(0, 64);

  it('splits long ids into requests the API takes, every id once, in order', () => {
    const ids = Array.from({ length: 450 }, (_, i) => longId(i));
    expect(new Set(ids).size).toBe(450);
    const asked: string[] = [];
    let rest = ids;
    for (let n = 0; rest.length; n++) {
      const { ids: batch, query } = nextBatch(rest);
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(200);
      expect(`GET /organisations?ids=${query} HTTP/1.1`.length).toBeLessThan(8_000);
      expect(query.split(',').map(decodeURIComponent)).toEqual(batch);
      asked.push(...batch);
      rest = rest.slice(batch.length);
      expect(n).toBeLessThan(100);
    }
    expect(asked).toEqual(ids);
  });

  it('asks up to 200 short ids at once', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `hz-${i}`);
    expect(nextBatch(ids).ids).toEqual(ids.slice(0, 200));
    expect(nextBatch([])).toEqual({ ids: [], query: '' });
  });
});
