import type { INestApplication } from '@nestjs/common';
import { AuthorityService } from '../../apps/api/src/authority/authority.service';
import type { AppointDto, RegisterOrganisationDto } from '../../apps/api/src/authority/dto/authority.dto';
import { MEETING_MEMBER, type Actor, type AppointmentRole, type Organisation } from '../../libs/domain';
import { endorsedAppointment, endorsedOrganisation, type RegistrarSigner } from '../../infra/authority-seed';
import { PERSON } from './auth';
import { actors } from './procedure';

/**
 * The tests' governments: Zhejiang province, Hangzhou city under it with its
 * departments, offices and outside bodies, and Jiangsu province beside it.
 * Every actor of test/support/procedure.ts holds an appointment here, so the
 * end-to-end tests act in real offices.
 */
export const ORGANISATIONS: Organisation[] = [
  // Their 统一社会信用代码 place them (characters 3–8, the division code: 330000 浙江省, 330100 杭州市) for the profiles' areas.
  { id: 'zj', name: '浙江省人民政府', kind: 'government', parentId: null, level: 'province', creditCode: '11330000002482000F' },
  { id: 'hz', name: '杭州市人民政府', kind: 'government', parentId: 'zj', level: 'city', creditCode: '11330100002482000L' },
  { id: 'hz-bgt', name: '杭州市人民政府办公厅', kind: 'general_office', parentId: 'hz' },
  { id: 'hz-bgt-flgws', name: '杭州市人民政府法律顾问室', kind: 'office', parentId: 'hz-bgt' },
  { id: 'hz-jtj', name: '杭州市交通运输局', kind: 'department', parentId: 'hz' },
  { id: 'hz-jtj-fgc', name: '杭州市交通运输局政策法规处', kind: 'office', parentId: 'hz-jtj' },
  { id: 'hz-czj', name: '杭州市财政局', kind: 'department', parentId: 'hz' },
  { id: 'hz-jyj', name: '杭州市教育局', kind: 'department', parentId: 'hz' },
  { id: 'hz-sfj', name: '杭州市司法局', kind: 'legality_review_body', parentId: 'hz' },
  { id: 'hz-sfj-hfc', name: '杭州市司法局合法性审查处', kind: 'office', parentId: 'hz-sfj' },
  { id: 'hz-wdpg', name: '杭州市社会稳定风险评估中心', kind: 'outside_body', parentId: 'hz' },
  { id: 'hz-gjjt', name: '杭州市公交集团', kind: 'outside_body', parentId: 'hz' },
  { id: 'hz-dsfpg', name: '杭州某第三方评估公司', kind: 'outside_body', parentId: 'hz' },
  { id: 'js', name: '江苏省人民政府', kind: 'government', parentId: null, level: 'province' },
  { id: 'js-sft', name: '江苏省司法厅', kind: 'legality_review_body', parentId: 'js' },
  { id: 'js-jtt', name: '江苏省交通运输厅', kind: 'department', parentId: 'js' },
];

export const TERM = { validFrom: '2020-01-01T00:00:00.000Z', validTo: '2099-01-01T00:00:00.000Z' };

/** The appointment that lets an actor act as they do in the tests. */
export const appointmentOf = (a: Actor, id = `ap-${a.id}-${a.role}-${a.organisation}`) => ({
  id,
  personId: a.id,
  personName: a.name,
  role: a.role as AppointmentRole,
  organisationId: a.organisation,
  ...TERM,
});

/** Registers the governments and appoints every test actor but the experts (who act by the panel). */
export async function seedGovernment(api: INestApplication, registrars: Record<'zj' | 'hz' | 'js', RegistrarSigner>): Promise<void> {
  const authority = api.get(AuthorityService);
  const registrarFor = (o: Organisation): RegistrarSigner => {
    if (o.id === 'zj' || o.id === 'hz' || o.id === 'js') return registrars[o.id === 'hz' ? 'zj' : o.id];
    return o.id.startsWith('js') ? registrars.js : registrars.hz;
  };
  for (const o of ORGANISATIONS) await authority.registerOrganisation(endorsedOrganisation(registrarFor(o), o) as unknown as RegisterOrganisationDto);
  for (const a of Object.values(actors)) {
    if (a.role === 'expert') continue;
    await authority.appoint(endorsedAppointment(registrars.hz, appointmentOf(a)) as AppointDto);
  }
  // The tests' reader: an inspector of the province, who sees every decision of Zhejiang's governments.
  const reader = { id: PERSON, name: '测试员', role: 'inspector', organisation: 'zj' } as unknown as Actor;
  await authority.appoint(endorsedAppointment(registrars.zj, appointmentOf(reader)) as AppointDto);
  // … and of Hangzhou's general office, which publishes the city's catalog (Art. 3).
  const publisher = { id: PERSON, name: '测试员', role: 'meeting_secretary', organisation: 'hz-bgt' } as Actor;
  await authority.appoint(endorsedAppointment(registrars.hz, appointmentOf(publisher)) as AppointDto);
  // The other members of Hangzhou's executive meeting the tests' minutes name (Art. 30): the secretary-general and a deputy mayor.
  for (const [id, name] of MEETING_MEMBERS) {
    const member = { id, name, role: MEETING_MEMBER, organisation: 'hz' } as unknown as Actor;
    await authority.appoint(endorsedAppointment(registrars.hz, appointmentOf(member)) as AppointDto);
  }
}

/** The members of Hangzhou's executive meeting besides the mayor and the deputy (actors.deputy), as test/support/procedure.ts minutes them. */
export const MEETING_MEMBERS = [['m-3', '秘书长'], ['m-4', '副市长乙']] as const;

/** Appoints one more person (a test's own actor) with the Hangzhou registrar. */
export async function appoint(api: INestApplication, registrar: RegistrarSigner, a: Actor, term = TERM) {
  return api.get(AuthorityService).appoint(endorsedAppointment(registrar, { ...appointmentOf(a), ...term }) as AppointDto);
}
