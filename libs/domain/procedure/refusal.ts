import { formatCitation, type Citation } from './articles';

/** Why a step was refused, and the rules that require it. Every refusal names at least one article. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  articles: Citation[];
  /** The articles as users read them, e.g. 《重大行政决策程序暂行条例》第二十五条 (Decree No. 713, Art. 25). */
  citations: string[];
}

export const RefusalCode = {
  InvalidPayload: 'INVALID_PAYLOAD',
  WrongRole: 'WRONG_ROLE',
  WrongStage: 'WRONG_STAGE',
  OnHold: 'ON_HOLD',
  Closed: 'CLOSED',
  PeriodRunning: 'PERIOD_RUNNING',
  NoticeTooShort: 'NOTICE_TOO_SHORT',
  MissingDocument: 'MISSING_DOCUMENT',
  PrerequisiteMissing: 'PREREQUISITE_MISSING',
  SeparationOfDuties: 'SEPARATION_OF_DUTIES',
  ConflictOfInterest: 'CONFLICT_OF_INTEREST',
  ReasonRequired: 'REASON_REQUIRED',
  NotReplaceable: 'NOT_REPLACEABLE',
  RiskUncontrollable: 'RISK_UNCONTROLLABLE',
  Duplicate: 'DUPLICATE',
  BadSignature: 'BAD_SIGNATURE',
  /** The idempotency key is held by an earlier entry of the decision: the step is not recorded again. */
  DuplicateKey: 'DUPLICATE_IDEMPOTENCY_KEY',
  /** The record's database refused the entry for good; the decision stays where it was. */
  NotStorable: 'NOT_STORABLE',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

export function refusal(code: RefusalCode, message: string, ...articles: Citation[]): Refusal {
  return { code, message, articles, citations: articles.map(formatCitation) };
}

/** Thrown inside the rules; carries the refusal out. */
export class ProcedureViolation extends Error {
  constructor(readonly refusal: Refusal) {
    super(`${refusal.message} [${refusal.citations.join('; ')}]`);
    this.name = 'ProcedureViolation';
  }
}

export function refuse(code: RefusalCode, message: string, ...articles: Citation[]): never {
  throw new ProcedureViolation(refusal(code, message, ...articles));
}
