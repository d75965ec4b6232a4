import type { Client } from 'pg';
import { AuthorityService, standingAt } from '../../apps/api/src/authority/authority.service';
import type { PrismaClient } from '../../libs/db/prisma';
import { authorityOverTestDatabase } from '../support/authority-db';

/**
 * Whose appointment stands at an instant is one rule said twice: `standingAt` (a Prisma filter, for the reads that are
 * not hot) and the statement `standingAppointments` sends straight to the pool on every sign-off. Both give the same
 * appointments at every edge: starting at the instant, ending at it, ended at it or a millisecond after.
 */
describe('standing appointments: the hot statement and standingAt agree', () => {
  let setup: Awaited<ReturnType<typeof authorityOverTestDatabase>>;
  let client: Client;
  let prisma: PrismaClient;
  let authority: AuthorityService;
  const at = new Date('2026-06-01T02:00:00.000Z');
  const ms = (d: number) => new Date(at.getTime() + d);
  const day = 86_400_000;

  const appoint = (id: string, person: string, from: Date, to: Date, endedAt: Date | null = null) =>
    client.query(
      `INSERT INTO appointments (id, person_id, person_name, role, organisation_id, valid_from, valid_to, endorsed_by, endorsement, ended_at)
       VALUES ($1, $2, '张三', 'undertaking_unit', 'sz-jtj', $3, $4, 'k', 'e', $5)`,
      [id, person, from, to, endedAt],
    );

  beforeAll(async () => {
    setup = await authorityOverTestDatabase();
    ({ client, prisma, authority } = setup);
    await client.query(`INSERT INTO organisations (id, name, kind, parent_id, endorsed_by, endorsement) VALUES ('sz', '深圳市人民政府', 'government', NULL, 'k', 'e'), ('sz-jtj', '深圳市交通运输局', 'department', 'sz', 'k', 'e')`);
    await appoint('starts-now', 'p1', at, ms(day));
    await appoint('starts-later', 'p1', ms(1), ms(day));
    await appoint('ends-now', 'p1', ms(-day), at);
    await appoint('ends-later', 'p1', ms(-day), ms(1));
    await appoint('ended-now', 'p1', ms(-day), ms(day), at);
    await appoint('ended-later', 'p1', ms(-day), ms(day), ms(1));
    await appoint('ended-before', 'p1', ms(-day), ms(day), ms(-1));
    await appoint('plain', 'p1', ms(-day), ms(day));
    await appoint('someone-else', 'p2', ms(-day), ms(day));
  });
  afterAll(() => setup?.close());

  it('the same appointments, with the same fields, at every edge of the instant', async () => {
    const hot = await authority.standingAppointments('p1', at);
    const filtered = await prisma.appointment.findMany({
      where: { personId: 'p1', ...standingAt(at) },
      select: { id: true, personName: true, role: true, organisationId: true, validFrom: true, validTo: true, endedAt: true },
    });
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(hot).map((a) => a.id)).toEqual(['ended-later', 'ends-later', 'plain', 'starts-now']);
    expect(byId(hot)).toEqual(byId(filtered));
  });
});
