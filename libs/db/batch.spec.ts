import { Batcher } from './batch';

/** A value PostgreSQL refuses (SQLSTATE 22021, invalid byte sequence), as the pg driver reports it. */
const dataError = () => Object.assign(new Error('invalid byte sequence for encoding "UTF8"'), { code: '22021' });

describe('Batcher: many callers, one statement', () => {
  it('answers what arrives together in one run, each caller with its own result, in order', async () => {
    const runs: number[][] = [];
    const batcher = new Batcher<number, number>(async (xs) => {
      runs.push(xs);
      return xs.map((x) => x * 10);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((x) => batcher.add(x)));
    expect(answers).toEqual([10, 20, 30, 40]);
    expect(runs).toEqual([[1, 2, 3, 4]]);
  });

  it('keeps no more than maxInFlight runs going, and no run larger than maxItems', async () => {
    let going = 0;
    let most = 0;
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(
      async (xs) => {
        going++;
        most = Math.max(most, going);
        sizes.push(xs.length);
        await new Promise((r) => setTimeout(r, 5));
        going--;
        return xs;
      },
      { maxItems: 3, maxInFlight: 2 },
    );
    const xs = Array.from({ length: 20 }, (_, i) => i);
    expect(await Promise.all(xs.map((x) => batcher.add(x)))).toEqual(xs);
    expect(most).toBeLessThanOrEqual(2);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b)).toBe(20);
  });

  it('fails only the bad item when the data is refused, and every item when the database is away', async () => {
    const batcher = new Batcher<string, string>(async (xs) => {
      if (xs.includes('down')) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      if (xs.includes('bad')) throw dataError();
      return xs.map((x) => x.toUpperCase());
    });
    const mixed = await Promise.allSettled(['a', 'bad', 'c'].map((x) => batcher.add(x)));
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(mixed[0]).toEqual({ status: 'fulfilled', value: 'A' });
    const away = await Promise.allSettled(['a', 'down', 'c'].map((x) => batcher.add(x)));
    expect(away.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  it('refuses a run that answers too few results, rather than answering some callers with nothing', async () => {
    const batcher = new Batcher<number, number>(async (xs) => xs.slice(1));
    await expect(Promise.all([1, 2].map((x) => batcher.add(x)))).rejects.toThrow('a batch of 2 was answered with 1 results');
  });
});
