import { art, type Citation } from '../procedure/articles';
import { ProcedureViolation, refusal, refuse, RefusalCode as R, type Refusal } from '../procedure/refusal';
import { Role, type Actor } from '../procedure/roles';
import { roleZh } from '../procedure/rules/words';
import { MEETING_MEMBER, PER_DECISION_ROLES } from './appointments';
import { isGovernmentDepartment, isWithin, OrganisationKind, type PathStep } from './organisations';

/**
 * The office a signer relied on for a step, as the API found it among the
 * registrars' appointments and as the record keeps it: the appointment, its
 * validity, and the organisation acted for with every one above it (nearest
 * first). The offline verifier checks all of it against the appointments and
 * organisations in the bundle, then the relations below again.
 */
export interface OfficeHeld {
  appointmentId: string;
  validFrom: string;
  validTo: string;
  path: PathStep[];
}

/** Whose decision it is: fixed at registration from the undertaking department's place in the hierarchy. */
export interface DecisionAuthority {
  /** The government the undertaking department belongs to. */
  government: string;
  /**
   * 决策机关: the government itself (Art. 2); or, where the registration names one, a department of it deciding its own
   * major matter (Art. 42), whose head then acts as the chief executive and whose 办公室 as the general office.
   */
  decidingOrgan: string;
  /**
   * 负责合法性审查的部门 (Art. 25): the government's. For a department's own decision the decree names no body (Art. 25
   * says only 负责合法性审查的部门, Art. 42 applies it 参照): the department's own legality body (法制机构, registered as a
   * legality_review_body under the department) where it has one, else the government's justice department.
   */
  legalityReviewBody: string;
}

/** Whether the decision's deciding organ is a department of its government (Art. 42), not the government (Art. 2). */
export const organIsDepartment = (authority: Pick<DecisionAuthority, 'government' | 'decidingOrgan'> | undefined): boolean => !!authority && authority.decidingOrgan !== authority.government;

/** The article that says who holds each role's office. */
const OFFICE_BASIS: Partial<Record<Role, Citation>> = {
  undertaking_unit: art(11),
  legality_reviewer: art(25),
  legal_adviser: art(28),
  public_lawyer: art(28),
  risk_assessor: art(22),
  meeting_secretary: art(30),
  chief_executive: art(30),
  execution_unit: art(34),
  evaluator: art(36),
};

/** Roles that may not be held inside the undertaking unit, on its own draft (Arts. 25, 28, 30). */
const SEPARATED: readonly Role[] = [Role.LegalityReviewer, Role.LegalAdviser, Role.PublicLawyer, Role.MeetingSecretary, Role.ChiefExecutive];

/** The article that says who holds the role's office. */
export const officeBasis = (role: Role): Citation => OFFICE_BASIS[role] ?? art(33);

/** The refusal of a step whose signer holds no appointment to the role claimed in the organisation claimed. */
export function noOffice(actor: Actor, organisationName?: string): Refusal {
  // The organisation as a clerk knows it, where its name is known, with the id the request gave.
  const where = organisationName ? `${organisationName}（${actor.organisation}）` : actor.organisation;
  return refusal(
    R.NoOffice,
    { zh: `${actor.name}（${actor.id}）此时没有在${where}担任${roleZh(actor.role)}的任职，不得以该身份办理此步骤`, en: `${actor.id} holds no standing appointment as ${actor.role} in ${actor.organisation}` },
    officeBasis(actor.role),
  );
}

const nameOf = (path: readonly PathStep[], id: string) => path.find((p) => p.id === id)?.name ?? id;

/** The steps the organ's general office (会议秘书) signs, each with what it is and its article. */
const ORGAN_OFFICE_ACTS: Record<string, { zh: [string, string]; en: string; basis: Citation }> = {
  recordDiscussion: { zh: ['集体讨论', '记录'], en: 'the collective discussion is recorded', basis: art(30) },
  publish: { zh: ['决策', '公布'], en: 'the decision is published', basis: art(32) },
  reportToPartyCommittee: { zh: ['向同级党委请示报告', '办理'], en: 'the report to the Party committee is made', basis: art(31) },
  recordPartyCommitteeReply: { zh: ['同级党委的答复', '记录'], en: "the Party committee's reply is recorded", basis: art(31) },
};

/**
 * Refuses a step whose signer did not hold, at its time, the office the
 * statute gives the step's role in this decision. Decisions registered before
 * offices were checked carry no authority and are not checked here (their
 * entries verify as made without office checks). Experts act by the panel that
 * names them, which the rules check.
 */
export function assertOffice(authority: DecisionAuthority | undefined, undertakingUnit: string, actor: Actor, office: OfficeHeld | undefined, now: number, action?: string): void {
  if (!authority || PER_DECISION_ROLES.includes(actor.role)) return;
  const basis = officeBasis(actor.role);
  if (!office || !Array.isArray(office.path) || !office.path.length) throw new ProcedureViolation(noOffice(actor));
  const path = office.path;
  if (path[0].id !== actor.organisation) {
    refuse(R.NoOffice, { zh: `所依据的任职在${path[0].name}，而不是步骤载明的${actor.organisation}`, en: `the appointment relied on is in ${path[0].id}, not in ${actor.organisation} as the step says` }, basis);
  }
  if (!(now >= Date.parse(office.validFrom) && now < Date.parse(office.validTo))) {
    refuse(R.NoOffice, { zh: `${actor.name}在${path[0].name}的任职（${office.appointmentId}）此时不在任期内`, en: `appointment ${office.appointmentId} of ${actor.id} does not stand at this time` }, basis);
  }
  const wrong = (zh: string, en: string): never => refuse(R.WrongOffice, { zh, en }, basis);
  switch (actor.role) {
    case Role.UndertakingUnit:
      if (!isWithin(path, undertakingUnit)) wrong(`${path[0].name}不是本决策的决策承办单位（${undertakingUnit}）或者其内设机构`, `${path[0].id} is not the undertaking unit (${undertakingUnit}) of this decision nor an office of it`);
      break;
    case Role.LegalityReviewer:
      if (!isWithin(path, authority.legalityReviewBody) && organIsDepartment(authority)) {
        wrong(`部门作为决策机关的，合法性审查由本决策登记时确定的负责合法性审查的部门（${authority.legalityReviewBody}）办理，${path[0].name}不是`, `the legality review of a department's own decision is for the body fixed at its registration (${authority.legalityReviewBody}), not ${path[0].id}`);
      }
      if (!isWithin(path, authority.legalityReviewBody)) {
        wrong(`合法性审查应当由决策机关所属政府的合法性审查机构（${authority.legalityReviewBody}）办理，${path[0].name}不是`, `the legality review is for the legality review body (${authority.legalityReviewBody}) of the deciding organ's government, not ${path[0].id}`);
      }
      break;
    case Role.ChiefExecutive:
      if (path[0].id !== authority.decidingOrgan) wrong(`${path[0].name}不是本决策的决策机关（${authority.decidingOrgan}），其行政首长不能主持本决策`, `${path[0].id} is not the deciding organ (${authority.decidingOrgan}) of this decision`);
      break;
    case Role.MeetingSecretary: {
      const ofOrgan = path[0].id === authority.decidingOrgan || (path[0].kind === OrganisationKind.GeneralOffice && path[1]?.id === authority.decidingOrgan);
      if (!ofOrgan) {
        // What the organ's office does here, in the words and article of the step refused.
        const act = ORGAN_OFFICE_ACTS[action ?? ''] ?? { zh: ['决策机关的事务', '办理'], en: "the organ's business is done", basis };
        refuse(R.WrongOffice, { zh: `${act.zh[0]}应当由决策机关（${authority.decidingOrgan}）或者其办公厅（室）${act.zh[1]}，${path[0].name}不是`, en: `${act.en} by the deciding organ (${authority.decidingOrgan}) or its general office, not ${path[0].id}` }, act.basis);
      }
      break;
    }
    case Role.ExecutionUnit:
      if (!isWithin(path, authority.government)) wrong(`${path[0].name}不属于本决策所属政府（${authority.government}）`, `${path[0].id} does not belong to the government (${authority.government}) of this decision`);
      break;
  }
  // Separation of duties along the hierarchy: an office under the undertaking unit is the undertaking unit.
  if (SEPARATED.includes(actor.role) && isWithin(path, undertakingUnit)) {
    refuse(
      R.SeparationOfDuties,
      { zh: `${path[0].name}隶属于决策承办单位（${nameOf(path, undertakingUnit)}），不得以${roleZh(actor.role)}身份办理本单位起草的决策`, en: `${path[0].id} belongs to the undertaking unit (${undertakingUnit}) and cannot act as ${actor.role} on its own draft` },
      basis,
    );
  }
}

/**
 * Whether an office (a role held in the organisation at `officePath`) acts in
 * the decisions of the undertaking unit at `unitPath`: the relations
 * assertOffice checks, read the other way round, to find a person's work. The
 * undertaking unit's officials act in their department's decisions (and an
 * office's in its department's); the legality review body, the deciding organ
 * and its general office, and the government's other offices in their
 * government's, never on their own unit's draft. Inspectors take no steps.
 */
export function officeActsIn(role: string, officePath: readonly PathStep[], unitPath: readonly PathStep[], authority?: DecisionAuthority): boolean {
  const unit = unitPath[0];
  if (!unit || !officePath.length || unit.kind === OrganisationKind.Government) return false;
  if (role === Role.UndertakingUnit) return isWithin(officePath, unit.id);
  const government = unitPath.find((p) => p.kind === OrganisationKind.Government);
  if (!government || role === 'inspector' || (SEPARATED.includes(role as Role) && isWithin(officePath, unit.id))) return false;
  const [office, above] = officePath;
  // A department deciding its own matter (Art. 42): its head, its office and the review body fixed at registration act.
  if (authority && organIsDepartment(authority) && authority.government === government.id) {
    const organ = authority.decidingOrgan;
    switch (role) {
      case Role.LegalityReviewer:
        return isWithin(officePath, authority.legalityReviewBody);
      case Role.ChiefExecutive:
      case MEETING_MEMBER:
        return office.id === organ;
      case Role.MeetingSecretary:
        return office.id === organ || (office.kind === OrganisationKind.GeneralOffice && above?.id === organ);
    }
  }
  switch (role) {
    case Role.LegalityReviewer:
      return officePath.some((p, i) => p.kind === OrganisationKind.LegalityReviewBody && officePath[i + 1]?.id === government.id);
    case Role.ChiefExecutive:
    case MEETING_MEMBER:
      return office.id === government.id;
    case Role.MeetingSecretary:
      return office.id === government.id || (office.kind === OrganisationKind.GeneralOffice && above?.id === government.id);
    default:
      return officePath.find((p) => p.kind === OrganisationKind.Government)?.id === government.id;
  }
}

/**
 * The roles an organisation holds in one decision only once it is named there
 * (decisions under the deciding organ's acts, `organActs`): the execution unit
 * the organ designates (Art. 34), the evaluator it commissions (Art. 36), and a
 * third-party risk assessor the organising unit engages (Art. 23 para. 3; a
 * government's own assessors assess as the organiser's own, Art. 22). Before
 * it is named, such an office has nothing to do with the decision.
 */
const NAMED_BY: Partial<Record<string, 'designateExecutionUnit' | 'commissionEvaluation' | 'engageRiskAssessor'>> = {
  [Role.ExecutionUnit]: 'designateExecutionUnit',
  [Role.Evaluator]: 'commissionEvaluation',
  [Role.RiskAssessor]: 'engageRiskAssessor',
};

/** The step that must name the office's organisation before it acts in a decision, if its role is one so named. */
export function namingAction(role: string, officePath: readonly PathStep[]): 'designateExecutionUnit' | 'commissionEvaluation' | 'engageRiskAssessor' | undefined {
  if (role === Role.RiskAssessor && !officePath.some((p) => p.kind === OrganisationKind.OutsideBody)) return undefined;
  return NAMED_BY[role];
}

/** The organisations a decision's steps named, by the naming step. */
export function namedOrganisations(steps: readonly { action: string; payload: unknown }[]): Map<string, string[]> {
  const named = new Map<string, string[]>();
  for (const { action, payload } of steps) {
    const p = payload as { organisations?: unknown; organisation?: unknown } | null;
    const ids = [...(Array.isArray(p?.organisations) ? p.organisations : []), p?.organisation].filter((o): o is string => typeof o === 'string');
    named.set(action, [...(named.get(action) ?? []), ...ids]);
  }
  return named;
}

/**
 * Whether an office may act in some decision the unit at `unitPath` undertakes: in its government's (officeActsIn), or,
 * the unit being an internal office of a department, in that department's own (Art. 42), whichever review body the
 * registration fixed (the department's or the government's). What 我的待办 reads first, before each decision's authority.
 */
export function officeMayActForUnit(role: string, officePath: readonly PathStep[], unitPath: readonly PathStep[]): boolean {
  if (officeActsIn(role, officePath, unitPath)) return true;
  const government = unitPath.find((p) => p.kind === OrganisationKind.Government);
  const department = unitPath.find((_, i) => isGovernmentDepartment(unitPath, i));
  if (!government || !department || unitPath[0].kind !== OrganisationKind.Office) return false;
  const reviewBody = officePath.find((p, i) => p.kind === OrganisationKind.LegalityReviewBody && officePath[i + 1]?.id === department.id)?.id ?? '';
  return officeActsIn(role, officePath, unitPath, { government: government.id, decidingOrgan: department.id, legalityReviewBody: reviewBody });
}

/** Whether an office acts in a decision: related to it as the statute says (officeActsIn), and named where its role is named. */
export function officeActsInDecision(
  role: string,
  officePath: readonly PathStep[],
  unitPath: readonly PathStep[],
  naming: { organActs: boolean; named: Map<string, string[]>; authority?: DecisionAuthority },
): boolean {
  if (!officeActsIn(role, officePath, unitPath, naming.authority)) return false;
  const action = naming.organActs ? namingAction(role, officePath) : undefined;
  return !action || (naming.named.get(action) ?? []).some((o) => isWithin(officePath, o));
}
