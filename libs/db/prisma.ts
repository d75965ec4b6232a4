import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma/client';

export { Prisma, PrismaClient };
export type { Decision } from './generated/prisma/client';

/**
 * A Prisma client over the pg driver adapter: no query engine binary, no
 * download. With `timeoutMs`, connecting and each query give up after that
 * long, so a hung server is an error the caller can answer, not a hang.
 */
export function createPrismaClient(connectionString: string, opts: { timeoutMs?: number } = {}): PrismaClient {
  const limits = opts.timeoutMs ? { connectionTimeoutMillis: opts.timeoutMs, query_timeout: opts.timeoutMs } : {};
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, ...limits }) });
}
