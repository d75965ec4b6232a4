import { art } from '../procedure/articles';
import { refusal, RefusalCode, type Refusal } from '../procedure/refusal';
import { Role } from '../procedure/roles';
import { MEETING_MEMBER } from './appointments';
import { roleZh } from '../procedure/rules/words';
import type { PathStep } from './organisations';

/**
 * The offices whose holders take the decision through its procedure: the undertaking unit drafts it, the legality
 * review body reviews it with the legal advisers and public lawyers it calls on (Art. 28), the deciding organ's chief
 * executive and general office decide and minute it, and the members of its meeting discuss it (Art. 30; statute
 * tester: a deputy mayor argued as an "independent" expert the draft he then discussed). One who holds such an office
 * in the decision cannot also argue it as an expert: experts are chosen for neutrality and argue independently (Arts. 19
 * para. 2, 20). The API asks the appointments; the rules cannot.
 */
export const NOT_NEUTRAL_ROLES: readonly string[] = [Role.UndertakingUnit, Role.LegalityReviewer, Role.LegalAdviser, Role.PublicLawyer, Role.ChiefExecutive, Role.MeetingSecretary, MEETING_MEMBER];

/**
 * The refusal of an expert (named at `field`: a panel's `experts.N`, or the `actor` of an opinion) who holds such an
 * office in the decision, or is such a unit (`expert.id` the organisation's own).
 */
export function panelMemberInOffice(field: string, expert: { id: string; name?: string }, office: { role: string; organisation: Pick<PathStep, 'id' | 'name'> }): Refusal {
  const who = expert.name ? `${expert.name}（${expert.id}）` : expert.id;
  const role = office.role === MEETING_MEMBER ? '决策机关会议组成人员' : roleZh(office.role as Role);
  const unit = office.organisation.id === expert.id;
  return refusal(
    RefusalCode.ConflictOfInterest,
    {
      zh: unit
        ? `${field}：${who}是办理本决策的单位（${role}），不能同时作为论证的专业机构：选择专业机构应当坚持中立性，专业机构应当独立开展论证`
        : `${field}：${who}此时在${office.organisation.name}任职（${role}），办理本决策，不能同时作为论证专家：选择专家应当坚持中立性，专家应当独立开展论证${field.startsWith('actor') ? '（该任职结束后，方可提交论证意见）' : ''}`,
      en: unit
        ? `${field}: ${expert.id} is a unit that takes this decision through its procedure (as ${office.role}'s) and cannot also argue it as an expert institution: institutions are chosen for their neutrality and argue independently`
        : `${field}: ${expert.id} holds, now, the office of ${office.role} in ${office.organisation.id}, which acts in this decision, and cannot also argue it as an expert: experts are chosen for their neutrality and argue independently`,
    },
    art(20),
    art(19, 2),
  );
}
