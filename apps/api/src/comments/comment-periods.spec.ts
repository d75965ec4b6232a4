import type { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { DecisionNotFoundError } from '../errors';
import { CommentPeriods } from './comment-periods';

/** The intake reads a decision's comment period from its workflow; a running one is kept for a second, nothing else is. */
describe('the comment period as the intake reads it', () => {
  const DUE = Date.parse('2026-12-31T16:00:00Z');
  let state: unknown;
  let queries = 0;
  const temporal = { workflow: { getHandle: () => ({ query: async () => (queries++, state) }) } } as unknown as Client;
  // The record's steps as PostgreSQL holds them: whether a comment period was ever opened (madePublicBy).
  let opened = true;
  const prisma = { $queryRaw: async () => (opened ? [{ profile: 'national', title: 't', undertakingDepartment: 'u' }] : []) } as unknown as PrismaClient;
  const periods = (cacheSeconds = 5) => new CommentPeriods(prisma, temporal, { publicListCacheSeconds: cacheSeconds } as AppConfig);
  const before = { publicParticipation: undefined, deadlines: [], timeline: [], drafts: [] };
  const drafts = [{ version: 1, material: false }, { version: 2, material: true }];
  const running = { publicParticipation: { draftVersion: 2, comment: { deadlineId: 'c' } }, deadlines: [{ id: 'c', status: 'running', dueAt: DUE }], timeline: [{ action: 'openPublicComment' }], drafts };

  beforeEach(() => {
    queries = 0;
    opened = true;
  });

  it('a period about to open is seen the moment it opens (a closed or absent one is never kept)', async () => {
    const p = periods();
    // Never opened: answered as no decision, its workflow not asked (attacker tester: the query timed the difference).
    opened = false;
    state = before;
    await expect(p.of('D-1')).rejects.toBeInstanceOf(DecisionNotFoundError);
    expect(queries).toBe(0);
    opened = true;
    expect(await p.of('D-1')).toMatchObject({ everOpened: false, open: false });
    state = running;
    expect(await p.of('D-1')).toEqual({ everOpened: true, open: true, draftVersion: 2, dueAt: DUE, openedAt: 0, timeZone: 'Asia/Shanghai' });
    expect(queries).toBe(2);
  });

  it('a draft changed in substance while its period runs takes no more comments: no report on the new draft could answer them', async () => {
    state = { ...running, drafts: [...drafts, { version: 3, material: true }] };
    expect(await periods(0).of('D-1')).toMatchObject({ everOpened: true, open: false });
    state = { ...running, drafts: [...drafts, { version: 3, material: false }] };
    expect(await periods(0).of('D-1')).toMatchObject({ open: true });
  });

  it('a running period is read once for the comments of the next second, and afresh where nothing is shared', async () => {
    state = running;
    const p = periods();
    await Promise.all(Array.from({ length: 50 }, () => p.of('D-1')));
    expect(queries).toBe(1);
    const unshared = periods(0);
    await unshared.of('D-1');
    await unshared.of('D-1');
    expect(queries).toBe(3);
  });
});
