import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../libs/db/migrate';
import { startPostgres } from '../../infra/postgres';
import { freePort, startTemporalDevServer } from '../../infra/temporal';
import { DEFAULT_AUDIENCE, DEFAULT_REDIRECT_URIS, ensureAccountsFile, startOidcProvider } from '../../infra/oidc/provider';
import { OTHER_AUDIENCE, TEST_ACCOUNTS } from '../support/auth';
import { TEMPLATE_DATABASE } from '../support/db';

/**
 * Brings up the real servers the integration and end-to-end tests use: a
 * throwaway PostgreSQL cluster (a migrated template database that each test
 * file copies), an in-memory Temporal dev server, and the embedded OpenID
 * Connect provider with the test accounts (test/support/auth.ts), the same
 * program `npm start` runs. Their addresses reach the test workers through the
 * environment.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'decisions-test-'));
  chmodSync(dir, 0o755); // the cluster inside runs as the postgres user when we are root
  process.env.PG_FSYNC = 'off';
  // The browser tests' APIs listen on ports known here (one per test worker), so their sign-in callbacks are ones the provider accepts.
  const [pgPort, temporalPort, oidcPort] = [await freePort(), await freePort(), await freePort()];
  const webPorts = [await freePort(), await freePort(), await freePort()];
  ensureAccountsFile(join(dir, 'oidc', 'accounts.json'), TEST_ACCOUNTS);
  const [pg, temporal, oidc] = await Promise.all([
    startPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: TEMPLATE_DATABASE }),
    startTemporalDevServer({ port: temporalPort }),
    // Tokens live two hours: a run never sees one expire unless a test asks for it.
    startOidcProvider({ port: oidcPort, accountsFile: join(dir, 'oidc', 'accounts.json'), keysFile: join(dir, 'oidc', 'signing-key.json'), audience: DEFAULT_AUDIENCE, otherAudiences: [OTHER_AUDIENCE], accessTokenTtlSeconds: 7200, redirectUris: [...DEFAULT_REDIRECT_URIS, ...webPorts.map((p) => `http://127.0.0.1:${p}/app/auth/callback`)] }),
  ]);
  await applyMigrations(pg.url);
  process.env.TEST_PG_PORT = String(pgPort);
  process.env.TEMPORAL_ADDRESS = temporal.address;
  Object.assign(process.env, { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: oidc.audience, OIDC_TEST_TOKEN_DIR: join(dir, 'oidc', 'tokens'), OIDC_TEST_ACCOUNTS_FILE: join(dir, 'oidc', 'accounts.json'), WEB_TEST_PORTS: webPorts.join(',') });
  (globalThis as Record<string, unknown>).__TEST_SERVERS__ = { pg, temporal, oidc, dir };
  console.log(`\ntest servers: PostgreSQL on ${pgPort}, Temporal on ${temporal.address}, OpenID Connect provider ${oidc.issuer} (${Date.now() - started} ms)`);
}
