import { createPrismaClient } from '../../libs/db/prisma';
import { ownerDatabase } from '../support/db';

/**
 * The application reads and writes instants in UTC whatever PostgreSQL's TimeZone is: Prisma's pg adapter sends a Date
 * as a timestamp without its zone, which a session in China time read eight hours off (a database initialised on a
 * host set to China time listed a year's decisions so: the fresh-eyes tester).
 */
describe('instants whatever the server’s time zone', () => {
  const owner = ownerDatabase();

  it('stores and compares a Date as the instant it is, for a role whose sessions run in Asia/Shanghai', async () => {
    const [{ db }] = (await owner.client.query<{ db: string }>('SELECT current_database() AS db')).rows;
    await owner.client.query(`ALTER ROLE decision_app IN DATABASE ${db} SET timezone = 'Asia/Shanghai'`);
    const app = createPrismaClient(owner.db.appUrl);
    try {
      const instant = new Date('2026-12-31T16:00:00.000Z');
      const [row] = await app.$queryRaw<{ same: boolean; back: Date }[]>`SELECT ${instant}::timestamptz = timestamptz '2026-12-31T16:00:00Z' AS same, ${instant}::timestamptz AS back`;
      expect(row.same).toBe(true);
      expect(row.back.toISOString()).toBe(instant.toISOString());
      await app.catalogItem.create({ data: { ref: 'TZ-1', year: 2027, title: 't', organ: 'o', partyConsentRef: 'p', publishedAt: instant } });
      expect((await app.catalogItem.findUniqueOrThrow({ where: { ref: 'TZ-1' } })).publishedAt.toISOString()).toBe(instant.toISOString());
      const stored = (await owner.client.query<{ at: Date }>("SELECT published_at AS at FROM catalog_items WHERE ref = 'TZ-1'")).rows[0].at;
      expect(stored.toISOString()).toBe(instant.toISOString());
    } finally {
      await app.$disconnect();
    }
  });
});
