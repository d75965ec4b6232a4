import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../../test/support/db';
import { applyMigrations, defaultMigrationsDir, listMigrations, setAppRolePassword } from './migrate';

async function query<T extends Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('applyMigrations (real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(() => db.drop());

  it('applies every migration once, in order, recorded as Prisma records them', async () => {
    const names = listMigrations(defaultMigrationsDir()).map((m) => m.name);
    expect(await applyMigrations(db.url)).toEqual({ applied: names, alreadyApplied: [] });
    expect(await applyMigrations(db.url)).toEqual({ applied: [], alreadyApplied: names });
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date }>(
      db.url,
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at)).toBe(true);
  });

  it('gives decision_app a password, stored as a SCRAM verifier, escaping what it is given; refuses a short one', async () => {
    await applyMigrations(db.url);
    await setAppRolePassword(db.url, "o'brien; DROP TABLE x; --");
    const [role] = await query<{ rolpassword: string; rolcanlogin: boolean }>(db.url, `SELECT rolpassword, rolcanlogin FROM pg_authid WHERE rolname = 'decision_app'`);
    expect(role.rolcanlogin).toBe(true);
    expect(role.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
    await expect(setAppRolePassword(db.url, 'short')).rejects.toThrow(/at least 12 characters/);
    // The roles are the cluster's: leave the shared test cluster as it was.
    await query(db.url, 'ALTER ROLE decision_app PASSWORD NULL');
  });

  it('two migrators at once apply each migration only once', async () => {
    const results = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(listMigrations(defaultMigrationsDir()).map((m) => m.name));
  });

  describe('with a copy of the migrations', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'migrations-'));
      cpSync(defaultMigrationsDir(), dir, { recursive: true });
    });

    it('refuses a migration edited after it was applied', async () => {
      await applyMigrations(db.url, { dir });
      const [first] = listMigrations(dir);
      writeFileSync(join(dir, first.name, 'migration.sql'), first.sql + '\n-- edited\n');
      await expect(applyMigrations(db.url, { dir })).rejects.toThrow(/was changed after it was applied/);
    });

    it('rolls a failing migration back whole and records nothing for it', async () => {
      await applyMigrations(db.url, { dir });
      mkdirSync(join(dir, '99999999999999_broken'));
      writeFileSync(join(dir, '99999999999999_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT no_such_column FROM decisions;');
      await expect(applyMigrations(db.url, { dir })).rejects.toThrow(/99999999999999_broken failed and was rolled back/);
      const tables = await query(db.url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
      const recorded = await query(db.url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`);
      expect([tables.length, recorded.length]).toEqual([0, 0]);
    });
  });
});
