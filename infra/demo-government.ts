import { Client } from 'pg';
import type { Organisation } from '../libs/domain';
import { endorsedAppointment, endorsedOrganisation, type AppointmentPlan, type RegistrarSigner } from './authority-seed';

/**
 * The embedded default's demo government (npm start): Shenzhen under
 * Guangdong, with the departments, offices and outside bodies a decision
 * passes through, and one official in each office the procedure needs. Their
 * ids are the ids the README's walk-through signs with. A real deployment
 * registers its own through POST /organisations and POST /appointments,
 * endorsed by its registrars (README, Offices).
 */
export const DEMO_ORGANISATIONS: Organisation[] = [
  { id: 'gd', name: '广东省人民政府', kind: 'government', parentId: null, level: 'province' },
  { id: 'sz', name: '深圳市人民政府', kind: 'government', parentId: 'gd', level: 'city' },
  { id: 'sz-bgt', name: '深圳市人民政府办公厅', kind: 'general_office', parentId: 'sz' },
  { id: 'sz-jtj', name: '深圳市交通运输局', kind: 'department', parentId: 'sz' },
  { id: 'sz-jtj-fgc', name: '深圳市交通运输局政策法规处', kind: 'office', parentId: 'sz-jtj' },
  { id: 'sz-sfj', name: '深圳市司法局', kind: 'legality_review_body', parentId: 'sz' },
  { id: 'sz-wdpg', name: '深圳市社会稳定风险评估中心', kind: 'outside_body', parentId: 'sz' },
  { id: 'sz-bus', name: '深圳巴士集团', kind: 'outside_body', parentId: 'sz' },
  { id: 'sz-eval', name: '深圳某第三方评估机构', kind: 'outside_body', parentId: 'sz' },
  { id: 'gd-sjt', name: '广东省审计厅', kind: 'department', parentId: 'gd' },
];

const TERM = { validFrom: '2026-01-01T00:00:00.000Z', validTo: '2031-01-01T00:00:00.000Z' };
const person = (personId: string, personName: string, role: AppointmentPlan['role'], organisationId: string): AppointmentPlan => ({ id: `demo-${personId}-${role}`, personId, personName, role, organisationId, ...TERM });

export const DEMO_APPOINTMENTS: AppointmentPlan[] = [
  person('u-zhang', '张承办', 'undertaking_unit', 'sz-jtj'),
  person('j-li', '李审查', 'legality_reviewer', 'sz-sfj'),
  person('a-wang', '王顾问', 'legal_adviser', 'sz-bgt'),
  person('r-chen', '陈评估', 'risk_assessor', 'sz-wdpg'),
  person('s-zhou', '周秘书', 'meeting_secretary', 'sz-bgt'),
  person('m-sun', '孙市长', 'chief_executive', 'sz'),
  // The other members of Shenzhen's executive meeting (Art. 30; ORG Art. 78): minuted as present, they must hold the office.
  person('m-li', '李副市长', 'meeting_member', 'sz'),
  person('m-zhao', '赵秘书长', 'meeting_member', 'sz'),
  person('x-wu', '吴执行', 'execution_unit', 'sz-bus'),
  person('v-zheng', '郑评估', 'evaluator', 'sz-eval'),
  person('i-feng', '冯监督', 'inspector', 'gd-sjt'),
];

/** Experts a demo panel may name (Arts. 19, 20): no office, an account to sign in with (infra/oidc/demo-accounts.ts). */
export const DEMO_EXPERTS = [
  { id: 'e-liu', name: '刘专家', organisation: '深圳大学交通研究中心', field: '交通运输' },
  { id: 'e-he', name: '何专家', organisation: '深圳市城市规划设计研究院', field: '城市规划' },
] as const;

/**
 * Enters the demo government as its registrars endorse it (Guangdong's
 * registers Shenzhen; Shenzhen's its departments and appointments), through
 * the database owner's connection; what is there already stays.
 */
export async function seedDemoGovernment(connectionString: string, registrars: { gd: RegistrarSigner; sz: RegistrarSigner }): Promise<void> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    for (const o of DEMO_ORGANISATIONS) {
      const body = endorsedOrganisation(o.id === 'gd' || o.id === 'sz' || o.parentId === 'gd' ? registrars.gd : registrars.sz, o) as { endorsement: { keyId: string; value: string } };
      await client.query(
        'INSERT INTO organisations (id, name, kind, parent_id, level, credit_code, endorsed_by, endorsement) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING',
        [o.id, o.name, o.kind, o.parentId, o.level ?? null, o.creditCode ?? null, body.endorsement.keyId, body.endorsement.value],
      );
    }
    for (const a of DEMO_APPOINTMENTS) {
      const registrar = a.organisationId.startsWith('gd') ? registrars.gd : registrars.sz;
      const { endorsement } = endorsedAppointment(registrar, a);
      await client.query(
        'INSERT INTO appointments (id, person_id, person_name, role, organisation_id, valid_from, valid_to, endorsed_by, endorsement) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING',
        [a.id, a.personId, a.personName, a.role, a.organisationId, a.validFrom, a.validTo, endorsement.keyId, endorsement.value],
      );
    }
  } finally {
    await client.end();
  }
}
