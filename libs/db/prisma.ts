import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { Prisma, PrismaClient } from './generated/prisma/client';

export { Prisma, PrismaClient };
export type { Decision } from './generated/prisma/client';

/** A Prisma client or a transaction's: what a hot-path statement is sent through. */
export type SqlClient = Pick<PrismaClient, '$queryRawUnsafe' | '$executeRawUnsafe'>;

/** The pg pool under each client made here: the one set of connections both doors use. */
const pools = new WeakMap<object, Pool>();

/**
 * A Prisma client over the pg driver adapter: no query engine binary, no
 * download. With `timeoutMs`, connecting and each query give up after that
 * long, so a hung server is an error the caller can answer, not a hang.
 * `onIdleError` hears of an idle connection lost (for the process's log).
 */
export function createPrismaClient(connectionString: string, opts: { timeoutMs?: number; onIdleError?: (err: Error) => void } = {}): PrismaClient {
  const limits = opts.timeoutMs ? { connectionTimeoutMillis: opts.timeoutMs, query_timeout: opts.timeoutMs } : {};
  // In UTC whatever the server's or the role's TimeZone: the adapter sends a Date as a timestamp without its zone, which
  // the session's zone would otherwise read (a database initialised on a host in China time listed a year's decisions
  // eight hours off: the fresh-eyes tester).
  const pool = new Pool({ connectionString, options: '-c TimeZone=UTC', ...limits });
  // An idle connection lost (the server restarting, the database dropped) is dropped by the pool, and the next query
  // opens another; unheard, its error would end the process.
  pool.on('error', (err) => opts.onIdleError?.(err));
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  // The pool is ours: ended with the client, whether or not Prisma itself ever used it.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!pool.ending) await pool.end();
  };
  pools.set(client, pool);
  return client;
}

/**
 * One statement of the hot path (a sign-off's checks, the record's append), with `$1`… placeholders: straight to the
 * client's own pg pool, which costs a fraction of a Prisma query's CPU (measured: the record append 0.9 against 1.3 ms,
 * half the CPU); through Prisma where the client is a transaction's or not made here. pg's own types come back (an
 * int8 as a string, a timestamptz as a Date), and its errors, which libs/db/failures.ts reads as it reads Prisma's.
 */
export async function hotQuery<T>(db: SqlClient, text: string, values: unknown[]): Promise<T[]> {
  const pool = pools.get(db);
  if (pool) return (await pool.query(text, values)).rows as T[];
  return db.$queryRawUnsafe<T[]>(text, ...values);
}

/** `hotQuery` for a statement whose rows are not wanted (a function returning void, which Prisma cannot read). */
export async function hotExecute(db: SqlClient, text: string, values: unknown[]): Promise<void> {
  const pool = pools.get(db);
  if (pool) await pool.query(text, values);
  else await db.$executeRawUnsafe(text, ...values);
}
