import { Client } from 'pg';
import { pathOf, type Organisation } from '../libs/domain';
import type { RecordEntry } from '../libs/record/chain';
import { verifyOffices } from '../libs/record/offices';
import { generateSigningKey, keyIdOf } from '../libs/record/signatures';
import { createTestDatabase } from '../test/support/db';
import { DEMO_APPOINTMENTS, seedDemoGovernment } from './demo-government';
import { addRegistrarKey } from './registrar';

/** npm start's demo government: entered twice without harm, and every office in it checks out as the verifier checks offices. */
describe('the demo government', () => {
  it('is endorsed by the registrars of the governments concerned, and seeding again changes nothing', async () => {
    const db = await createTestDatabase();
    const registrar = (governmentId: string) => {
      const k = generateSigningKey('sm2-sm3');
      return { ...k, algorithm: 'sm2-sm3' as const, keyId: keyIdOf('sm2-sm3', k.publicKey), governmentId };
    };
    const registrars = { gd: registrar('gd'), sz: registrar('sz') };
    for (const r of Object.values(registrars)) await addRegistrarKey(db.url, r.governmentId, r, r.governmentId);
    await seedDemoGovernment(db.url, registrars);
    await seedDemoGovernment(db.url, registrars);
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const orgs = (await pg.query('SELECT id, name, kind, parent_id AS "parentId", level, credit_code AS "creditCode", endorsed_by AS "endorsedBy", endorsement FROM organisations')).rows;
      const appointments = (await pg.query(`SELECT id, person_id AS "personId", person_name AS "personName", role, organisation_id AS "organisationId", valid_from AS "validFrom", valid_to AS "validTo", endorsed_by AS "endorsedBy", endorsement FROM appointments`)).rows.map((a) => ({ ...a, validFrom: a.validFrom.toISOString(), validTo: a.validTo.toISOString() }));
      expect(appointments).toHaveLength(DEMO_APPOINTMENTS.length);
      const byId = new Map<string, Organisation>(orgs.map((o) => [o.id, o]));
      // One entry per demo official, as if each took a step in a Shenzhen decision at noon on 1 June 2026.
      const entries = appointments.map((a, seq) => ({
        seq,
        action: seq ? 'submitDraft' : 'register',
        actor: { id: a.personId, name: a.personName, role: a.role, organisation: a.organisationId },
        at: '2026-06-01T04:00:00.000Z',
        payload: { undertakingDepartment: 'sz-jtj' },
        office: { appointmentId: a.id, validFrom: a.validFrom, validTo: a.validTo, path: pathOf(a.organisationId, byId)! },
        ...(seq ? {} : { authority: { government: 'sz', decidingOrgan: 'sz', legalityReviewBody: 'sz-sfj' } }),
      })) as unknown as RecordEntry[];
      expect(verifyOffices(entries, orgs, appointments, Object.values(registrars))).toEqual({ ok: true, withoutOfficeCheck: 0 });
      // Trusting only Shenzhen's registrar is not enough: Guangdong registered Shenzhen itself.
      expect(verifyOffices(entries, orgs, appointments, [registrars.sz])).toMatchObject({ ok: false, failure: expect.stringMatching(/not registered by a trusted registrar of gd/) });
    } finally {
      await pg.end();
      await db.drop();
    }
  });
});
