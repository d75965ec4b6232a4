import { WorkflowNotFoundError } from '@temporalio/client';
import { createPrismaClient, type PrismaClient } from '../../libs/db/prisma';
import { createTestDatabase } from '../support/db';
import type { CommentPeriod, CommentPeriods } from '../../apps/api/src/comments/comment-periods';
import { RateLimitedComments } from '../../apps/api/src/comments/rate-limited-comments';

/** Against the real test PostgreSQL; the periods as Temporal would answer them, or fail to. */
describe('the count of comments the rate limit turned away', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    for (const id of ['RL-1', 'RL-2']) {
      await prisma.$executeRaw`INSERT INTO decisions (id, title, undertaking_department, catalog_ref, legal_basis, profile, workflow_id, run_id) VALUES (${id}, 't', 'hz-jtj', 'c', '{}', 'national', ${id}, 'r')`;
    }
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  const open: CommentPeriod = { everOpened: true, open: true, draftVersion: 1, dueAt: Date.now() + 3_600_000, openedAt: Date.now() - 60_000, timeZone: 'Asia/Shanghai' };
  const counts = async () => Object.fromEntries((await prisma.commentIntakeCount.findMany()).map((c) => [c.decisionId, c.rateLimited]));

  it('keeps what Temporal could not place for the next flush, and drops only what no workflow has', async () => {
    let temporalAway = true;
    const periods = {
      of: async (id: string) => {
        if (id === 'RL-2') throw new WorkflowNotFoundError('workflow not found', id, undefined);
        if (temporalAway) throw new Error('14 UNAVAILABLE: connection refused');
        return open;
      },
    } as unknown as CommentPeriods;
    const limited = new RateLimitedComments(prisma, periods);
    for (let i = 0; i < 3; i++) limited.count('RL-1');
    limited.count('RL-2');
    await limited.flush();
    expect(await counts()).toEqual({});
    temporalAway = false;
    limited.count('RL-1');
    await limited.flush();
    expect(await counts()).toEqual({ 'RL-1': 4 });
    await limited.onModuleDestroy();
    expect(await counts()).toEqual({ 'RL-1': 4 });
  });
});
