import { rmSync } from 'node:fs';
import type { PostgresCluster } from '../../infra/postgres';
import type { TemporalDevServer } from '../../infra/temporal';
import type { OidcProvider } from '../../infra/oidc/provider';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__TEST_SERVERS__ as
    | { pg: PostgresCluster; temporal: TemporalDevServer; oidc: OidcProvider; dir: string }
    | undefined;
  if (!servers) return;
  await servers.oidc.stop();
  await servers.temporal.stop();
  await servers.pg.stop();
  rmSync(servers.dir, { recursive: true, force: true });
  rmSync(servers.pg.dataDir, { recursive: true, force: true }); // the cluster, if it had to live elsewhere
}
