import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { planNotifications } from '../../libs/notify/planner';
import { createTestDatabase } from '../support/db';

/**
 * The notifier's bookkeeping does not grow with the years (libs/notify/planner.ts): it plans the clock events of the
 * last seven days only, and forgets the marks it made more than eight days ago, as the application's own role
 * (decision_app), which may delete them and nothing of the record. Nor does a pass read the whole week's steps: it
 * starts where the last pass that planned them all left off.
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

  it('reads the steps from where the last pass that planned all it found left off, less a margin for late commits; a full batch leaves the mark', async () => {
    const minute = 60_000;
    // Steps as the record holds them, written here without the record's checks (this test is about the planner's reading).
    await owner.query('SET session_replication_role = replica');
    const record = (decisionId: string, count: number, recordedAt: Date) =>
      owner.query(
        `INSERT INTO decision_steps (decision_id, seq, action, actor_id, actor_name, actor_role, actor_organisation, payload, at, phase_after, hold_after, workflow_id, run_id, recorded_at)
         SELECT $1, n, 'submitDraft', 'u', 'u', 'undertaking_unit', 'o', '{}', $2, 'drafting', 'none', $1, 'r', $2 FROM generate_series(0, $3 - 1) n`,
        [decisionId, recordedAt, count],
      );
    const planned = async (decisionId: string) => (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM notification_sources WHERE source LIKE $1`, [`step:${decisionId}:%`])).rows[0].n;
    const mark = async () => (await owner.query<{ caught_up: Date }>(`SELECT caught_up FROM notification_marks WHERE kind = 'steps'`)).rows[0]?.caught_up;
    const plan = () => planNotifications(app, { appUrl: 'https://jc.example.gov.cn', email: false });
    await owner.query('DELETE FROM notification_marks');

    // 201 steps of an hour ago: a batch of 200, then the last one; the mark is made only by the pass that planned all.
    await record('M-1', 201, new Date(Date.now() - 60 * minute));
    await plan();
    expect(await planned('M-1')).toBe(200);
    expect(await mark()).toBeUndefined();
    await plan();
    expect(await planned('M-1')).toBe(201);
    expect((await mark())!.getTime()).toBeGreaterThan(Date.now() - minute);

    // Since then: a step whose transaction began five minutes ago (within the margin) is planned; one of an hour ago,
    // before the mark and its margin, is not read again.
    await record('M-2', 1, new Date(Date.now() - 5 * minute));
    await record('M-3', 1, new Date(Date.now() - 60 * minute));
    await plan();
    expect([await planned('M-2'), await planned('M-3')]).toEqual([1, 0]);
  });
});
