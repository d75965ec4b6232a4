import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../libs/db/migrate';
import { startPostgres } from '../../infra/postgres';
import { freePort, startTemporalDevServer } from '../../infra/temporal';
import { TEMPLATE_DATABASE } from '../support/db';

/**
 * Brings up the real servers the integration and end-to-end tests use: a
 * throwaway PostgreSQL cluster (a migrated template database that each test
 * file copies) and an in-memory Temporal dev server. Their addresses reach the
 * test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'decisions-test-'));
  chmodSync(dir, 0o755); // the cluster inside runs as the postgres user when we are root
  process.env.PG_FSYNC = 'off';
  const [pgPort, temporalPort] = [await freePort(), await freePort()];
  const [pg, temporal] = await Promise.all([
    startPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: TEMPLATE_DATABASE }),
    startTemporalDevServer({ port: temporalPort }),
  ]);
  await applyMigrations(pg.url);
  process.env.TEST_PG_PORT = String(pgPort);
  process.env.TEMPORAL_ADDRESS = temporal.address;
  (globalThis as Record<string, unknown>).__TEST_SERVERS__ = { pg, temporal, dir };
  console.log(`\ntest servers: PostgreSQL on ${pgPort}, Temporal on ${temporal.address} (${Date.now() - started} ms)`);
}
