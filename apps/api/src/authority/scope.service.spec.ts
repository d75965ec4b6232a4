import type { PrismaClient } from '../../../../libs/db/prisma';
import type { AuthorityService } from './authority.service';
import { ScopeService } from './scope.service';

/** The query actingOffice asks of the appointments: only the people named, standing then (a real database in test/e2e). */
describe('ScopeService.actingOffice', () => {
  it('asks for the appointments of the ids named, in any case when asked so, and standing: not every standing office', async () => {
    const findMany = jest.fn().mockResolvedValue([]);
    const prisma = { decision: { findUnique: jest.fn().mockResolvedValue({ undertakingDepartment: 'hz-jtj' }) }, appointment: { findMany } } as unknown as PrismaClient;
    const authority = { pathOf: jest.fn(async (id: string) => (id === 'hz-jtj' ? [{ id, name: '杭州市交通运输局', kind: 'department' }] : undefined)) } as unknown as AuthorityService;
    const scopes = new ScopeService(prisma, authority);
    const at = new Date('2026-12-05T00:00:00Z');
    expect(await scopes.actingOffice('D-1', ['U-ZHANG'], at, ['undertaking_unit'], true)).toBeNull();
    const where = JSON.stringify(findMany.mock.calls[0][0].where);
    // Both conditions stand together: the names (any case) and the standing dates with their own OR (ended or not).
    expect(where).toContain('"personId":{"equals":"U-ZHANG","mode":"insensitive"}');
    expect(where).toContain('"endedAt":null');
    expect(findMany.mock.calls[0][0].where.AND).toHaveLength(2);
  });
});
