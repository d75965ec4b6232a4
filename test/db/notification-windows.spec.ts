import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { planNotifications } from '../../libs/notify/planner';
import { createTestDatabase } from '../support/db';

/**
 * The notifier's bookkeeping does not grow with the years (libs/notify/planner.ts): it plans the clock events of the
 * last seven days only, and forgets the marks it made more than eight days ago, as the application's own role
 * (decision_app), which may delete them and nothing of the record.
 */
describe('the notifier looks back a week and forgets what it planned before', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Client;
  let app: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.url });
    await owner.connect();
    app = createPrismaClient(db.appUrl);
  });
  afterAll(async () => {
    await app?.$disconnect();
    await owner?.end();
    await db?.drop();
  });

  it('plans a clock event of this week, not one of a fortnight ago, and forgets marks older than eight days', async () => {
    const day = 86_400_000;
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO clock_events (decision_id, deadline_id, kind, at) VALUES ('W-1', 'd-old', 'overdue', $1), ('W-1', 'd-new', 'overdue', $2) RETURNING id`,
      [new Date(Date.now() - 14 * day), new Date(Date.now() - day)],
    );
    const [old, fresh] = rows.map((r) => `clock:${r.id}`);
    await owner.query(`INSERT INTO notification_sources (source, planned_at) VALUES ('step:GONE:1', $1), ('step:KEPT:1', $2)`, [new Date(Date.now() - 9 * day), new Date(Date.now() - 7 * day)]);

    await planNotifications(app, { appUrl: 'https://jc.example.gov.cn', email: false });

    const marks = (await owner.query<{ source: string }>('SELECT source FROM notification_sources ORDER BY source')).rows.map((r) => r.source);
    expect(marks).toContain(fresh);
    expect(marks).not.toContain(old);
    expect(marks).toContain('step:KEPT:1');
    expect(marks).not.toContain('step:GONE:1');
    // The record itself stays out of reach of the same role.
    await expect(app.$executeRawUnsafe(`DELETE FROM clock_events WHERE decision_id = 'W-1'`)).rejects.toThrow(/permission denied/);
  });
});
