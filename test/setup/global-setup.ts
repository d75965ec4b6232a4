import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations } from '../../libs/db/migrate';
import { startPostgres } from '../../infra/postgres';
import { freePort, startTemporalDevServer, type TemporalDevServer } from '../../infra/temporal';
import { startTemporalServer, TEMPORAL_SERVER_VERSION } from '../../infra/temporal-server';
import { DEFAULT_AUDIENCE, DEFAULT_REDIRECT_URIS, ensureAccountsFile, startOidcProvider, type OidcProvider } from '../../infra/oidc/provider';
import { OTHER_AUDIENCE, TEST_ACCOUNTS } from '../support/auth';
import { TEMPLATE_DATABASE } from '../support/db';

/**
 * Brings up the real servers the integration and end-to-end tests use: a
 * throwaway PostgreSQL cluster (a migrated template database that each test
 * file copies), an in-memory Temporal dev server, and the embedded OpenID
 * Connect provider with the test accounts (test/support/auth.ts), the same
 * program `npm start` runs. Their addresses reach the test workers through the
 * environment.
 *
 * TEMPORAL_SERVER=full puts the full Temporal server (built from Go,
 * infra/temporal-server.ts) in the dev server's place, its databases
 * `temporal` and `temporal_visibility` on the same throwaway cluster: the
 * production server's persistence, matching and history services under the
 * same tests (`npm run test:temporal-server`). TEMPORAL_SERVER=dev (or unset):
 * the dev server.
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
  const which = process.env.TEMPORAL_SERVER ?? 'dev';
  if (which !== 'dev' && which !== 'full') throw new Error(`TEMPORAL_SERVER=${which}: must be dev (the Temporal CLI's dev server, the default) or full (the server built from Go on PostgreSQL)`);
  const pgStarted = startPostgres({ dataDir: join(dir, 'pg'), port: pgPort, database: TEMPLATE_DATABASE });
  const temporalStarted: Promise<TemporalDevServer> =
    which === 'full'
      ? pgStarted.then(() => startTemporalServer({ dir: join(dir, 'temporal'), db: { host: '127.0.0.1', port: pgPort, user: 'postgres' } }))
      : startTemporalDevServer({ port: temporalPort });
  const started3 = await Promise.allSettled([
    pgStarted,
    temporalStarted,
    // Tokens live two hours: a run never sees one expire unless a test asks for it.
    startOidcProvider({ port: oidcPort, accountsFile: join(dir, 'oidc', 'accounts.json'), keysFile: join(dir, 'oidc', 'signing-key.json'), audience: DEFAULT_AUDIENCE, otherAudiences: [OTHER_AUDIENCE], accessTokenTtlSeconds: 7200, redirectUris: [...DEFAULT_REDIRECT_URIS, ...webPorts.map((p) => `http://127.0.0.1:${p}/app/auth/callback`)] }),
  ] as const);
  // One that did not start: stop those that did (the full Temporal server starts after PostgreSQL, and fails without it), then say why.
  const failed = started3.find((r) => r.status === 'rejected');
  if (failed) {
    for (const r of [...started3].reverse()) if (r.status === 'fulfilled') await r.value.stop().catch(() => undefined);
    throw failed.reason;
  }
  const [pg, temporal, oidc] = started3.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [Awaited<typeof pgStarted>, TemporalDevServer, OidcProvider];
  await applyMigrations(pg.url);
  process.env.TEST_PG_PORT = String(pgPort);
  process.env.TEMPORAL_ADDRESS = temporal.address;
  Object.assign(process.env, { OIDC_ISSUER: oidc.issuer, OIDC_AUDIENCE: oidc.audience, OIDC_TEST_TOKEN_DIR: join(dir, 'oidc', 'tokens'), OIDC_TEST_ACCOUNTS_FILE: join(dir, 'oidc', 'accounts.json'), WEB_TEST_PORTS: webPorts.join(',') });
  (globalThis as Record<string, unknown>).__TEST_SERVERS__ = { pg, temporal, oidc, dir };
  const temporalKind = which === 'full' ? `the full Temporal server ${TEMPORAL_SERVER_VERSION} (PostgreSQL persistence)` : 'the Temporal dev server';
  console.log(`\ntest servers: PostgreSQL on ${pgPort}, ${temporalKind} on ${temporal.address}, OpenID Connect provider ${oidc.issuer} (${Date.now() - started} ms)`);
}
