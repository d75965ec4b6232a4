import request from 'supertest';
import { PERSON } from '../support/auth';
import { ORGANISATIONS } from '../support/government';
import { endorsedKey, newKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * GET /catalog-items is public (Art. 3: the catalog is published), so it never answers the whole country's catalog at
 * once: a page in the order of the refs, by year and by government, the next page named in the Link header. So too the
 * lists that grow with the country's offices (organisations, appointments, keys, disqualifications), in the order of
 * their ids: no browser reads some hundreds of thousands of organisations to put names on a page.
 */
describe('the published catalog and the registers, a page at a time', () => {
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

  /** Every page of `first`, following the Link header: the rows' ids, each page's size, the links followed. */
  async function pagesOf(first: string, key = 'id') {
    const ids: string[] = [];
    const links: string[] = [];
    for (let next: string | undefined = first; next; ) {
      const res: request.Response = await system.as(PERSON).get(next).expect(200);
      ids.push(...(res.body as Record<string, string>[]).map((r) => r[key]));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.link ?? '')?.[1];
      if (next) links.push(next);
    }
    return { ids, links };
  }

  it('answers the organisations a page at a time in the order of their ids, or those named, or one level of the tree', async () => {
    const { ids, links } = await pagesOf('/organisations?limit=3');
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(ORGANISATIONS.map((o) => o.id)));
    expect(links.length).toBeGreaterThanOrEqual(Math.ceil(ORGANISATIONS.length / 3) - 1);
    for (const l of links) expect(l).toMatch(/^\/organisations\?after=[^&]+&limit=3$/);

    // Names for a page: exactly the ids asked (one not registered is simply not there).
    const named = (await system.as(PERSON).get('/organisations?ids=hz-jtj,hz,nowhere').expect(200)).body as { id: string; name: string }[];
    expect(named.map((o) => [o.id, o.name])).toEqual([['hz', '杭州市人民政府'], ['hz-jtj', '杭州市交通运输局']]);
    // One level of the tree: the children of one, or the roots.
    const children = (await pagesOf('/organisations?parentId=hz&limit=4')).ids;
    expect(children).toEqual(ORGANISATIONS.filter((o) => o.parentId === 'hz').map((o) => o.id).sort());
    const roots = (await system.as(PERSON).get('/organisations?roots=true').expect(200)).body as { parentId: string | null }[];
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.every((o) => o.parentId === null)).toBe(true);
    expect(roots.map((o) => (o as unknown as { id: string }).id)).toEqual(expect.arrayContaining(['zj', 'js']));
  });

  it("answers the appointments, the keys and the disqualifications a page at a time: all, one person's or one office's", async () => {
    const all = await pagesOf('/appointments?limit=5');
    expect(all.ids).toEqual([...all.ids].sort());
    expect(new Set(all.ids).size).toBe(all.ids.length);
    expect(all.links.length).toBeGreaterThan(0);
    const inReview = (await system.as(PERSON).get('/appointments?organisationId=hz-sfj').expect(200)).body as { id: string; organisationId: string }[];
    expect(inReview.length).toBeGreaterThan(0);
    expect(inReview.every((a) => a.organisationId === 'hz-sfj')).toBe(true);
    expect(all.ids).toEqual(expect.arrayContaining(inReview.map((a) => a.id)));
    const mine = (await system.as(PERSON).get(`/appointments?personId=${PERSON}&limit=1`).expect(200)).body as { personId: string }[];
    expect(mine).toEqual([expect.objectContaining({ personId: PERSON })]);

    for (let i = 0; i < 5; i++) await system.as(PERSON).post('/actor-keys').send(endorsedKey(system.registrar, `u-page-${stamp}-${i}`, newKey('ed25519'))).expect(201);
    const keys = await pagesOf('/actor-keys?limit=2', 'keyId');
    expect(keys.ids).toEqual([...keys.ids].sort());
    expect(keys.ids.length).toBeGreaterThanOrEqual(5);
    expect(keys.links.length).toBeGreaterThanOrEqual(2);
    expect((await system.as(PERSON).get(`/actor-keys?actorId=u-page-${stamp}-3`).expect(200)).body).toEqual([expect.objectContaining({ actorId: `u-page-${stamp}-3` })]);
    for (const l of keys.links) expect(l).toMatch(/^\/actor-keys\?after=[^&]+&limit=2$/);
    expect((await system.as(PERSON).get('/expert-disqualifications?limit=1').expect(200)).body).toEqual(expect.any(Array));
  });

  it('refuses a register page it cannot answer as asked, saying why in Chinese first', async () => {
    for (const [path, said] of [
      ['/organisations?ids=', /^ids：每一项都必须是机构编号/],
      ['/organisations?ids=hz,,hz-jtj', /^ids：每一项都必须是机构编号/],
      [`/organisations?ids=${Array.from({ length: 201 }, (_, i) => `o${i}`).join(',')}`, /^ids：最多列出200项/],
      ['/organisations?roots=false', /^roots：必须是以下之一：true/],
      ['/organisations?roots=true&parentId=zj', /^roots：不能与 parentId 同时使用/],
      ['/organisations?parentId=%3Cscript%3E', /^parentId：必须是机构编号/],
      ['/appointments?limit=0', /^limit：必须是 1 至 1000 之间的整数/],
      ['/appointments?organisationId=', /^organisationId：必须是非空字符串/],
      ['/actor-keys?after=', /^after：/],
      ['/actor-keys?after=a%E2%80%AEb', /^query\.after：含有改变文字显示方向的控制字符/],
      ['/expert-disqualifications?page=2', /^page：此接口不接受该查询参数/],
    ] as const) {
      const res = await system.as(PERSON).get(path).expect(400);
      expect([path, (res.body.message as string[]).join('；')]).toEqual([path, expect.stringMatching(said)]);
    }
  });
});
