import { art } from '../procedure/articles';
import { refusal, RefusalCode, type Refusal } from '../procedure/refusal';
import { Role } from '../procedure/roles';
import { roleZh } from '../procedure/rules/words';
import type { PathStep } from './organisations';

/**
 * The offices whose holders take the decision through its procedure: the undertaking unit drafts it, the legality
 * review body reviews it, the deciding organ's chief executive and general office decide and minute it. One who holds
 * such an office in the decision cannot also argue it as an expert: experts are chosen for neutrality and argue
 * independently (Arts. 19 para. 2, 20). The API asks the appointments; the rules cannot.
 */
export const NOT_NEUTRAL_ROLES: readonly string[] = [Role.UndertakingUnit, Role.LegalityReviewer, Role.ChiefExecutive, Role.MeetingSecretary];

/** The refusal of a panel naming, as its `index`-th expert, one who holds such an office in the decision. */
export function panelMemberInOffice(index: number, expert: { id: string; name?: string }, office: { role: string; organisation: Pick<PathStep, 'id' | 'name'> }): Refusal {
  const who = expert.name ? `${expert.name}（${expert.id}）` : expert.id;
  return refusal(
    RefusalCode.ConflictOfInterest,
    {
      zh: `experts.${index}：${who}此时在${office.organisation.name}担任${roleZh(office.role as Role)}，办理本决策，不能同时作为论证专家：选择专家应当坚持中立性，专家应当独立开展论证`,
      en: `experts.${index}: ${expert.id} holds, now, the office of ${office.role} in ${office.organisation.id}, which acts in this decision, and cannot also argue it as an expert: experts are chosen for their neutrality and argue independently`,
    },
    art(20),
    art(19, 2),
  );
}
