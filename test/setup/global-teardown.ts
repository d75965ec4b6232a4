import { rmSync } from 'node:fs';
import type { PostgresCluster } from '../../infra/postgres';
import type { TemporalDevServer } from '../../infra/temporal';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__TEST_SERVERS__ as
    | { pg: PostgresCluster; temporal: TemporalDevServer; dir: string }
    | undefined;
  if (!servers) return;
  await servers.temporal.stop();
  await servers.pg.stop();
  rmSync(servers.dir, { recursive: true, force: true });
  rmSync(servers.pg.dataDir, { recursive: true, force: true }); // the cluster, if it had to live elsewhere
}
