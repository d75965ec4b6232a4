import { sqlState } from '../../libs/db/failures';
import { createPrismaClient, hotExecute, hotQuery, type PrismaClient } from '../../libs/db/prisma';
import { createTestDatabase } from '../support/db';

/**
 * The hot path's statements (libs/db/prisma.ts): through the client's own pg pool, or through Prisma inside a
 * transaction; either way the same rows, the same SQLSTATE on a refusal, and the transaction's own connection.
 */
describe('hot-path statements beside Prisma', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    await prisma.$executeRawUnsafe('CREATE TABLE hot_t (id int PRIMARY KEY, tags text[] NOT NULL)');
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('answer the same rows through the pool and inside a transaction', async () => {
    await hotExecute(prisma, 'INSERT INTO hot_t VALUES ($1::int, $2::text[])', [1, ['甲', 'b']]);
    const direct = await hotQuery<{ id: number; tags: string[] }>(prisma, 'SELECT id, tags FROM hot_t WHERE id = $1::int', [1]);
    const inTx = await prisma.$transaction(async (tx) => {
      await hotExecute(tx, 'INSERT INTO hot_t VALUES ($1::int, $2::text[])', [2, ['乙']]);
      return hotQuery<{ id: number; tags: string[] }>(tx, 'SELECT id, tags FROM hot_t WHERE id = $1::int', [1]);
    });
    expect(direct).toEqual([{ id: 1, tags: ['甲', 'b'] }]);
    expect(inTx).toEqual(direct);
    expect(await hotQuery(prisma, 'SELECT id FROM hot_t ORDER BY id', [])).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('a statement inside a transaction is the transaction’s: rolled back with it', async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await hotExecute(tx, 'INSERT INTO hot_t VALUES ($1::int, $2::text[])', [3, []]);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await hotQuery(prisma, 'SELECT id FROM hot_t WHERE id = 3', [])).toEqual([]);
  });

  it('a refusal carries its SQLSTATE either way', async () => {
    const direct = await hotExecute(prisma, 'INSERT INTO hot_t VALUES ($1::int, $2::text[])', [1, []]).catch((e: unknown) => e);
    const inTx = await prisma.$transaction((tx) => hotExecute(tx, 'INSERT INTO hot_t VALUES ($1::int, $2::text[])', [1, []])).catch((e: unknown) => e);
    expect([sqlState(direct), sqlState(inTx)]).toEqual(['23505', '23505']);
  });

  it('an idle connection lost is told to onIdleError, and the next statement opens another', async () => {
    const lost: Error[] = [];
    const other = createPrismaClient(db.url, { onIdleError: (err) => lost.push(err) });
    const [{ pid }] = await hotQuery<{ pid: number }>(other, 'SELECT pg_backend_pid() AS pid', []);
    await hotQuery(prisma, 'SELECT pg_terminate_backend($1::int)', [pid]);
    for (let i = 0; i < 100 && !lost.length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lost).toEqual([expect.objectContaining({ message: expect.stringMatching(/terminat/i) })]);
    expect(await hotQuery(other, 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
    await other.$disconnect();
  });

  it('the pool ends with the client, used by Prisma or not', async () => {
    const other = createPrismaClient(db.url);
    await hotQuery(other, 'SELECT 1', []);
    await other.$disconnect();
    await expect(hotQuery(other, 'SELECT 1', [])).rejects.toThrow(/pool/i);
  });
});
