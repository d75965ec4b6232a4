import { Client } from 'pg';
import type { AuthorityService } from '../../apps/api/src/authority/authority.service';
import type { PrismaClient } from '../../libs/db/prisma';
import { authorityOverTestDatabase } from '../support/authority-db';

/**
 * An organisation's path up its hierarchy (AuthorityService.pathOf), which every step's office and scope checks ask:
 * one statement for the whole walk, the same answers as a walk a level at a time. Rows are entered here as a
 * registrar's would be, straight into PostgreSQL.
 */
describe('the path of an organisation up its hierarchy', () => {
  let setup: Awaited<ReturnType<typeof authorityOverTestDatabase>>;
  let db: typeof setup.db;
  let client: Client;
  let prisma: PrismaClient;
  let authority: AuthorityService;

  const enter = async (id: string, kind: string, parentId: string | null) =>
    client.query(`INSERT INTO organisations (id, name, kind, parent_id, endorsed_by, endorsement) VALUES ($1, $2, $3, $4, 'k', 'e')`, [id, `名称 ${id}`, kind, parentId]);

  beforeAll(async () => {
    setup = await authorityOverTestDatabase();
    ({ db, client, prisma, authority } = setup);
    await enter('gd', 'government', null);
    await enter('sz', 'government', 'gd');
    await enter('sz-jtj', 'department', 'sz');
    await enter('sz-jtj-fgc', 'office', 'sz-jtj');
    // A chain deeper than any government has: the walk stops at its bound (16 levels).
    for (let i = 0; i < 20; i++) await enter(`deep-${i}`, 'office', i ? `deep-${i - 1}` : null);
  });
  afterAll(() => setup?.close());

  it('goes from the office up to the province, nearest first, with names and kinds', async () => {
    expect(await authority.pathOf('sz-jtj-fgc')).toEqual([
      { id: 'sz-jtj-fgc', name: '名称 sz-jtj-fgc', kind: 'office' },
      { id: 'sz-jtj', name: '名称 sz-jtj', kind: 'department' },
      { id: 'sz', name: '名称 sz', kind: 'government' },
      { id: 'gd', name: '名称 gd', kind: 'government' },
    ]);
    expect(await authority.pathOf('gd')).toEqual([{ id: 'gd', name: '名称 gd', kind: 'government' }]);
  });

  it('lists what a government governs itself: all under it down to, not into, the governments under it (我的待办)', async () => {
    await enter('sz-ft', 'government', 'sz');
    await enter('sz-ft-jtj', 'department', 'sz-ft');
    await enter('sz-bgt', 'general_office', 'sz');
    const ids = async (governments: string[]) => (await authority.governedBy(governments)).map((o) => o.id).sort();
    expect(await ids(['sz'])).toEqual(['sz', 'sz-bgt', 'sz-jtj', 'sz-jtj-fgc']);
    expect(await ids(['sz', 'sz-ft'])).toEqual(['sz', 'sz-bgt', 'sz-ft', 'sz-ft-jtj', 'sz-jtj', 'sz-jtj-fgc']);
    expect((await authority.governedBy(['sz-ft'])).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'sz-ft', name: '名称 sz-ft', kind: 'government', parentId: 'sz' },
      { id: 'sz-ft-jtj', name: '名称 sz-ft-jtj', kind: 'department', parentId: 'sz-ft' },
    ]);
    expect(await ids([])).toEqual([]);
  });

  it('has no path for an organisation nobody registered, whatever its id', async () => {
    for (const id of ['nobody', '', "sz' OR '1'='1", 'sz-jtj-fgc\u0000']) expect(await authority.pathOf(id)).toBeUndefined();
  });

  it('keeps a path once found, asking the database once; an id not registered yet is asked again, and found once registered', async () => {
    // What keeping it rests on: the API's role cannot change or remove an organisation once registered.
    const app = new Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      for (const sql of ["UPDATE organisations SET parent_id = 'gd' WHERE id = 'sz-jtj'", "DELETE FROM organisations WHERE id = 'sz-jtj-fgc'"]) {
        await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' }); // insufficient_privilege
      }
    } finally {
      await app.end();
    }
    const asked = jest.spyOn(prisma, '$queryRaw');
    try {
      const first = await authority.pathOf('sz-jtj');
      const again = await authority.pathOf('sz-jtj');
      expect(again).toEqual(first);
      expect(asked).toHaveBeenCalledTimes(1);
      expect(await authority.pathOf('later')).toBeUndefined();
      await enter('later', 'office', 'sz-jtj');
      expect((await authority.pathOf('later'))?.map((p) => p.id)).toEqual(['later', 'sz-jtj', 'sz', 'gd']);
      expect(asked).toHaveBeenCalledTimes(3);
    } finally {
      asked.mockRestore();
    }
  });

  it('stops a walk at 16 levels', async () => {
    const path = await authority.pathOf('deep-19');
    expect(path?.map((p) => p.id)).toEqual(Array.from({ length: 16 }, (_, i) => `deep-${19 - i}`));
  });
});
