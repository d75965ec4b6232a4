import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * Applies the SQL migrations under prisma/migrations/ offline, the way
 * `prisma migrate deploy` would: each once, in name order, inside its own
 * transaction, recorded in Prisma's own `_prisma_migrations` table with the
 * same SHA-256 checksum, so either tool can take over from the other.
 */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

/** prisma/migrations/ of this checkout, found from here whether run from source or from dist/. */
export function defaultMigrationsDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
  }
  throw new MigrationError(`no prisma/migrations directory above ${__dirname}`);
}

// Same table as Prisma's migrate engine creates.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Serialises concurrent migrators (two processes starting at once).
const MIGRATION_LOCK_KEY = 7_130_2019;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function applyMigrations(
  connectionString: string,
  opts: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrationResult> {
  const dir = opts.dir ?? defaultMigrationsDir();
  const log = opts.log ?? (() => undefined);
  const migrations = listMigrations(dir);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const recorded = new Map(rows.map((r) => [r.migration_name, r]));
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      const done = recorded.get(m.name);
      if (done) {
        if (!done.finished_at) throw new MigrationError(`migration ${m.name} started earlier and did not finish; repair the database by hand`);
        if (done.checksum !== m.checksum) {
          throw new MigrationError(`migration ${m.name} was changed after it was applied (checksum ${done.checksum} in the database, ${m.checksum} on disk); add a new migration instead`);
        }
        result.alreadyApplied.push(m.name);
        continue;
      }
      log(`applying migration ${m.name}`);
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
      }
      result.applied.push(m.name);
    }
    for (const name of recorded.keys()) {
      if (!migrations.some((m) => m.name === name)) log(`warning: the database has migration ${name}, which is not on disk`);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** The role the API and the worker connect as (created by a migration): it may append to the record, never alter it. */
export const APP_ROLE = 'decision_app';

/**
 * Sets the password of the applications' role, for a PostgreSQL server that
 * asks for one (the embedded cluster trusts local connections). PostgreSQL
 * stores it as a SCRAM-SHA-256 verifier; the password itself is not kept.
 */
export async function setAppRolePassword(connectionString: string, password: string): Promise<void> {
  if (password.length < 12) throw new MigrationError(`the password of ${APP_ROLE} must be at least 12 characters`);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query(`SET password_encryption = 'scram-sha-256'`);
    // DDL takes no parameters: the literal is escaped by the driver.
    await client.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}
