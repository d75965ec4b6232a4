/** Who may act on a decision (see shared/procedure, Roles). */
export const Role = {
  /** 决策承办单位 (Art. 11): drafts, runs participation, submits for review and discussion. */
  UndertakingUnit: 'undertaking_unit',
  /** 负责合法性审查的部门 (Art. 25): the justice department. */
  LegalityReviewer: 'legality_reviewer',
  /** 法律顾问 (Art. 28). */
  LegalAdviser: 'legal_adviser',
  /** 公职律师 (Art. 28). */
  PublicLawyer: 'public_lawyer',
  /** 专家、专业机构 (Art. 19). */
  Expert: 'expert',
  /** 风险评估单位 / 第三方 (Art. 22, 23). */
  RiskAssessor: 'risk_assessor',
  /** Records the collective discussion (Art. 30). */
  MeetingSecretary: 'meeting_secretary',
  /** 行政首长 (Art. 30, 37). */
  ChiefExecutive: 'chief_executive',
  /** 决策执行单位 (Art. 34, 35). */
  ExecutionUnit: 'execution_unit',
  /** 决策后评估 (Art. 36). */
  Evaluator: 'evaluator',
  /** The engine itself: timers and reminders. */
  System: 'system',
} as const;

export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  undertaking_unit: '决策承办单位 (undertaking unit)',
  legality_reviewer: '合法性审查部门 (legality-review department)',
  legal_adviser: '法律顾问 (legal adviser)',
  public_lawyer: '公职律师 (public-sector lawyer)',
  expert: '专家 (expert)',
  risk_assessor: '风险评估单位 (risk assessor)',
  meeting_secretary: '政府办公厅（会议秘书） (the general office: meeting secretary)',
  chief_executive: '行政首长 (chief executive)',
  execution_unit: '决策执行单位 (execution unit)',
  evaluator: '决策后评估单位 (post-decision evaluator)',
  system: '系统 (system)',
};

/** The person acting, as the caller vouches for them (signatures prove it; see the record). */
export interface Actor {
  id: string;
  name: string;
  role: Role;
  organisation: string;
}

/** The actor as the record names them: who, in which role, for which organisation, and nothing else an object carries. */
export const signerOf = ({ id, name, role, organisation }: Actor): Actor => ({ id, name, role, organisation });

/** The engine itself, as the actor of what it records on its own (history archives). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: '重大行政决策系统 (the decision engine)', role: Role.System, organisation: 'system' };
