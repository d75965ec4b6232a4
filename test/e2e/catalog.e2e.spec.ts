import request from 'supertest';
import { PERSON } from '../support/auth';
import { startSystem } from '../support/system';

/**
 * GET /catalog-items is public (Art. 3: the catalog is published), so it never answers the whole country's catalog at
 * once: a page in the order of the refs, by year and by government, the next page named in the Link header.
 */
describe('the published catalog, a page at a time', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const stamp = Date.now().toString(36);
  const anyone = (path: string) => request(system.api.getHttpServer()).get(path);

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    // Published by the tests' reader, of Hangzhou's general office: Hangzhou's catalog.
    for (const [n, year] of [[3, 2026], [1, 2026], [5, 2026], [2, 2026], [4, 2026], [6, 2027]] as const) {
      await system.as(PERSON).post('/catalog-items').send({ ref: `CAT-${stamp}-${n}`, year, title: `事项${n}`, organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    }
  }, 120_000);
  afterAll(() => system?.close());

  it('pages through a year in the order of the refs, following the Link header, each item once', async () => {
    const refs: string[] = [];
    let next: string | undefined = '/catalog-items?year=2026&limit=2';
    let pages = 0;
    while (next) {
      const res: request.Response = await anyone(next).expect(200);
      expect(res.body.length).toBeLessThanOrEqual(2);
      refs.push(...(res.body as { ref: string; year: number }[]).map((i) => i.ref));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1];
      if (next) expect(next).toMatch(/^\/catalog-items\?year=2026&after=.+&limit=2$/);
      pages++;
    }
    expect(refs).toEqual([...refs].sort());
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.filter((r) => r.startsWith(`CAT-${stamp}-`))).toEqual([1, 2, 3, 4, 5].map((n) => `CAT-${stamp}-${n}`));
    expect(pages).toBeGreaterThanOrEqual(3);
    // The last page names none.
    const all = await anyone('/catalog-items?year=2026').expect(200);
    expect(all.headers.link).toBeUndefined();
    expect((all.body as { ref: string }[]).map((i) => i.ref)).toEqual(refs);
  });

  it("answers a government's catalog of a year, and another government's without it", async () => {
    const refsOf = async (path: string) => ((await anyone(path).expect(200)).body as { ref: string; organName: string | null }[]).map((i) => i.ref);
    expect(await refsOf('/catalog-items?government=hz&year=2027')).toContain(`CAT-${stamp}-6`);
    expect(await refsOf('/catalog-items?government=hz&year=2027')).not.toContain(`CAT-${stamp}-1`);
    expect(await refsOf('/catalog-items?government=nb&year=2027')).not.toContain(`CAT-${stamp}-6`);
    expect(await refsOf(`/catalog-items?after=CAT-${stamp}-5&limit=1`)).toEqual([`CAT-${stamp}-6`]);
  });

  it('refuses a page it cannot answer as asked, saying why in Chinese first', async () => {
    for (const [query, said] of [
      ['limit=0', /^limit：必须是 1 至 1000 之间的整数/],
      ['limit=1001', /^limit：必须是 1 至 1000 之间的整数/],
      ['limit=1e2', /^limit：必须是 1 至 1000 之间的整数/],
      ['year=26', /^year：必须是四位数的年份/],
      ['government=%3Cscript%3E', /^government：必须是机构编号/],
      ['after=', /^after：/],
      ['page=2', /^page：此接口不接受该查询参数/],
    ] as const) {
      const res = await anyone(`/catalog-items?${query}`).expect(400);
      expect([query, (res.body.message as string[]).join('；')]).toEqual([query, expect.stringMatching(said)]);
    }
  });
});
