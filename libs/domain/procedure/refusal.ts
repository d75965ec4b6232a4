import { formatCitation, type Citation } from './articles';

/** A message in Chinese, the language of the record and of the clerks who read it, with its English beside it. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** How a bilingual message reads as one line: the Chinese first, the English beside it in full-width brackets. */
export const bilingual = (m: Bilingual): string => `${m.zh}（${m.en}）`;

/** Why a step was refused, and the rules that require it. Every refusal names at least one article. */
export interface Refusal {
  code: RefusalCode;
  /** The reason in Chinese, e.g. 合法性审查尚未完成，不得提交集体讨论. */
  zh: string;
  /** The same reason in English. */
  en: string;
  /** Both as one line, Chinese first: `${zh}（${en}）`. */
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
  /** The step would take the state the decision's workflow carries past what it can carry (carried.ts). */
  TooLarge: 'TOO_LARGE',
  /**
   * The adoption report (Art. 18) does not answer every comment received on the draft, each once: comments answered by no
   * group, receipts not received on the draft, or a summary whose count or root is not that of the answers held.
   */
  CommentsUnanswered: 'COMMENTS_UNANSWERED',
  /** The signer held no appointment to the claimed role in the claimed organisation at the time. */
  NoOffice: 'NO_OFFICE',
  /** The office is held, but it is not the one the statute gives the role in this decision (another department, another government). */
  WrongOffice: 'WRONG_OFFICE',
  /**
   * The texts do not follow one from the other (Arts. 25, 30, 32): the text adopted is not the one the legality review
   * found lawful (and no supplementary review covers the changes), or the text published is not the one adopted.
   */
  TextMismatch: 'TEXT_MISMATCH',
  /**
   * The signer's organisation is not the one the deciding organ designated or engaged for this decision (Arts. 23, 34,
   * 36): an execution report from a unit not designated, an evaluation from a unit not commissioned, a third-party risk
   * assessment from an organisation not engaged.
   */
  NotDesignated: 'NOT_DESIGNATED',
  /**
   * The minutes do not record what Art. 30 asks (decisions under `meetingRecord`): the order the members spoke in with
   * the chief executive last, each view confirmed by its member, the chief executive named.
   */
  MinutesIncomplete: 'MINUTES_INCOMPLETE',
  /**
   * The expert panel names an expert disqualified under Art. 41 (取消评估资格) for the decision's government's expert
   * pool or one above it, as a registrar entered it (checked by the API against its register, not by the pure rules).
   */
  ExpertDisqualified: 'EXPERT_DISQUALIFIED',
  /**
   * The expert panel names an expert in force in no expert pool the decision may use (Art. 21), where the decision's
   * profile requires panel experts to come from a pool (`expertsFromPool`; the decree itself does not).
   */
  ExpertNotInPool: 'EXPERT_NOT_IN_POOL',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];

export function refusal(code: RefusalCode, reason: Bilingual, ...articles: Citation[]): Refusal {
  return { code, zh: reason.zh, en: reason.en, message: bilingual(reason), articles, citations: articles.map(formatCitation) };
}

/** Thrown inside the rules; carries the refusal out. */
export class ProcedureViolation extends Error {
  constructor(readonly refusal: Refusal) {
    super(`${refusal.message} [${refusal.citations.join('; ')}]`);
    this.name = 'ProcedureViolation';
  }
}

export function refuse(code: RefusalCode, reason: Bilingual, ...articles: Citation[]): never {
  throw new ProcedureViolation(refusal(code, reason, ...articles));
}
