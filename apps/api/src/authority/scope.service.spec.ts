import type { PrismaClient } from '../../../../libs/db/prisma';
import type { AuthorityService } from './authority.service';
import { ScopeService } from './scope.service';

/**
 * The query actingOffice asks of the appointments: only the people named, standing then (the query by name in any
 * case, standingAsNamed, against a real database in test/db/scope-indexes.spec.ts; the whole in test/e2e).
 */
describe('ScopeService.actingOffice', () => {
  const at = new Date('2026-12-05T00:00:00Z');
  const scopesWith = () => {
    const findMany = jest.fn().mockResolvedValue([]);
    const queryRaw = jest.fn().mockResolvedValue([]);
    const prisma = { decision: { findUnique: jest.fn().mockResolvedValue({ undertakingDepartment: 'hz-jtj' }) }, appointment: { findMany }, $queryRaw: queryRaw } as unknown as PrismaClient;
    const authority = { pathOf: jest.fn(async (id: string) => (id === 'hz-jtj' ? [{ id, name: '杭州市交通运输局', kind: 'department' }] : undefined)) } as unknown as AuthorityService;
    return { scopes: new ScopeService(prisma, authority), findMany, queryRaw };
  };

  it('asks for the appointments of the ids named, and standing: not every standing office', async () => {
    const { scopes, findMany, queryRaw } = scopesWith();
    expect(await scopes.actingOffice('D-1', ['u-zhang'], at, ['undertaking_unit'])).toBeNull();
    const where = JSON.stringify(findMany.mock.calls[0][0].where);
    // Both conditions stand together: the ids and the standing dates with their own OR (ended or not).
    expect(where).toContain('"personId":{"in":["u-zhang"]}');
    expect(where).toContain('"endedAt":null');
    expect(findMany.mock.calls[0][0].where.AND).toHaveLength(2);
    expect(queryRaw).not.toHaveBeenCalled();
  });

  it('asks by name in any case through the indexed statement, with the ids and the time', async () => {
    const { scopes, findMany, queryRaw } = scopesWith();
    expect(await scopes.actingOffice('D-1', ['U-ZHANG'], at, ['undertaking_unit'], true)).toBeNull();
    expect(findMany).not.toHaveBeenCalled();
    const sql = queryRaw.mock.calls[0][0] as { sql: string; values: unknown[] };
    expect(sql.sql).toContain('lower(a.person_id) = lower(i.id)');
    expect(sql.values).toEqual([['U-ZHANG'], at, at, at, ['undertaking_unit']]);
  });
});
