import { parseInstant } from './instant';
import type { ActionName, Payloads } from './commands';
import { refusal, RefusalCode, type Refusal } from './refusal';
import { basisOf } from './rules';
import { nameProblem } from '../input';

/**
 * The fields each step's payload may carry, by action, as `Payloads` declares them: an object lists its fields, a list
 * its items' shape (`[shape]`), and `true` is a value the rules read whole. TypeScript holds this table to `Payloads`:
 * a field declared there and missing here, or named here and not declared there, does not compile.
 *
 * A field no rule reads would be signed and kept in the record as if it counted: a misspelt `shortenedReasn` leaves
 * the period unshortened while the record seems to give a reason. So the Update validator refuses it, naming the
 * field and those the step takes. It is not one of the rules the offline verifier replays (records kept before
 * this check, with such a field, still verify).
 */
export type Fields<T> = [T] extends [readonly (infer E)[]]
  ? readonly [Fields<E>]
  : [T] extends [object]
    ? { readonly [K in KeysOf<T>]-?: Fields<NonNullable<ValueAt<T, K>>> }
    : [T] extends [boolean]
      ? 'boolean'
      : [T] extends [number]
        ? 'number'
        : [T] extends [string]
          ? 'text'
          : 'instant';
/** Every key of every member of a union (`{ required: true } | { required: false; nonDisclosureBasis: string }`). */
type KeysOf<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** A document hash ('sha256:…' or 'sm3:…'): text, its form the rules' to check. */
const HASH = 'text';
const TEXT = 'text';
const CHOICE = 'text';
const FLAG = 'boolean';
const NUMBER = 'number';
/**
 * A moment: ISO 8601 text with its offset. Records made before may hold epoch milliseconds, which the rules still read;
 * a new step gives the text (a number is no time a reader of the record can see, and 1e300 was taken as one).
 */
const INSTANT = 'instant';

export const PAYLOAD_FIELDS: { readonly [A in ActionName]: Fields<Payloads[A]> } = {
  decideToStart: { proposal: { source: CHOICE, proposer: TEXT, documentHash: HASH, argumentationHash: HASH, catalogRef: TEXT }, undertakingUnit: TEXT, coUnits: [TEXT], documentHash: HASH },
  submitDraft: { documentHash: HASH, explanationHash: HASH, alternatives: [{ title: TEXT, documentHash: HASH }], comparisonHash: HASH, material: FLAG, reason: TEXT },
  declareApplicability: {
    publicParticipation: { required: FLAG, nonDisclosureBasis: TEXT, disclosureBasis: TEXT },
    hearingRequired: FLAG,
    expertArgumentation: { required: FLAG, reason: TEXT },
    riskAssessment: { required: FLAG, reason: TEXT, priorAssessmentRef: TEXT },
    affectsMarket: FLAG,
    unitsConcerned: [TEXT],
    specialGroups: [TEXT],
    peoplesCongress: CHOICE,
  },
  consultDepartment: { unit: TEXT, opinionHash: HASH, agreed: FLAG, disputedIssues: TEXT },
  consultSpecialGroup: { group: TEXT, with: [{ kind: CHOICE, name: TEXT }], recordHash: HASH },
  openPublicComment: { days: NUMBER, channels: [TEXT], shortenedReason: TEXT },
  closePublicComment: {},
  announceHearing: { hearingId: TEXT, date: INSTANT, place: TEXT, selectionMethodHash: HASH, organisedBy: TEXT, online: FLAG },
  scheduleHearing: { hearingId: TEXT, date: INSTANT, place: TEXT, selectionMethodHash: HASH, participants: [{ id: TEXT, name: TEXT, interested: FLAG, category: CHOICE }], organisedBy: TEXT, online: FLAG },
  deliverHearingMaterials: { hearingId: TEXT },
  cancelHearing: { hearingId: TEXT, reason: TEXT },
  recordHearing: { hearingId: TEXT, transcriptHash: HASH, signedBy: [TEXT], refusals: [{ participantId: TEXT, witness: TEXT }], absent: [{ participantId: TEXT, reason: TEXT }] },
  recordParticipationForm: { form: CHOICE, recordHash: HASH },
  submitAdoptionReport: {
    reportHash: HASH,
    groups: [{ groupHash: HASH, response: CHOICE, reason: TEXT, commentHashes: [HASH], commentCount: NUMBER }],
    commentsAnswered: { draftVersion: NUMBER, count: NUMBER, root: HASH },
  },
  appointExpertPanel: { form: CHOICE, experts: [{ id: TEXT, name: TEXT, organisation: TEXT, field: TEXT, directInterest: FLAG, institution: FLAG }], changeReason: TEXT },
  submitExpertOpinion: { opinionHash: HASH, signed: FLAG, sealed: FLAG },
  submitExpertMinutes: { minutesHash: HASH, signedBy: [TEXT] },
  completeExpertArgumentation: { adoptionReportHash: HASH },
  submitRiskAssessment: { level: CHOICE, controllable: FLAG, reportHash: HASH, thirdParty: FLAG, departmentsHeard: [TEXT], riskPoints: TEXT, measures: TEXT, contingencyPlan: TEXT },
  engageRiskAssessor: { organisation: TEXT, contractHash: HASH },
  judgeRisk: { controllable: FLAG, reasons: TEXT },
  submitForLegalityReview: { materialsHash: HASH, procedureExplanationHash: HASH },
  pauseLegalityReview: { kind: CHOICE, reason: TEXT },
  resumeLegalityReview: { materialsHash: HASH },
  submitLegalOpinion: { opinionHash: HASH },
  issueLegalityOpinion: { form: CHOICE, outcome: CHOICE, opinionHash: HASH, draftHash: HASH, requiredChanges: TEXT, legalRisks: TEXT, earlyReason: TEXT },
  recordDiscussion: {
    meeting: { kind: CHOICE, date: INSTANT, presidingId: TEXT, chiefExecutiveId: TEXT },
    membersTotal: NUMBER,
    members: [{ id: TEXT, name: TEXT, present: FLAG, view: CHOICE, statement: TEXT, confirmation: { confirmed: FLAG, by: TEXT, signatureHash: HASH } }],
    speakingOrder: [TEXT],
    legalAdviserPresent: FLAG,
    minutesHash: HASH,
    materials: { draftHash: HASH, legalityOpinionHash: HASH, adoptionReportHash: HASH, expertReportHash: HASH, riskReportHash: HASH, fairCompetitionReviewHash: HASH, disagreementHash: HASH, evaluationReportHash: HASH },
  },
  decide: { outcome: CHOICE, reasons: TEXT, changesHash: HASH, adoptedTextHash: HASH, reviewDate: INSTANT },
  reviewAdoptedChanges: { form: CHOICE, outcome: CHOICE, textHash: HASH, opinionHash: HASH, reasons: TEXT },
  reportToPartyCommittee: { reportHash: HASH },
  recordPartyCommitteeReply: { replyHash: HASH, outcome: CHOICE, reasons: TEXT },
  recordCongressAction: { body: CHOICE, documentHash: HASH, outcome: CHOICE },
  publish: { channels: [TEXT], documentHash: HASH, adoptionExplanationHash: HASH, disclosureBasis: TEXT },
  recordFurtherPublication: { channels: [TEXT], documentHash: HASH, reference: TEXT },
  interpretDecision: { form: CHOICE, recordHash: HASH, description: TEXT },
  archive: { archiveRef: TEXT },
  designateExecutionUnit: { organisations: [TEXT], documentHash: HASH },
  submitExecutionReport: { reportHash: HASH, problem: FLAG },
  superviseExecution: { findingsHash: HASH, units: [TEXT], correction: { order: TEXT, dueBy: INSTANT } },
  recordPublicFeedback: { channel: CHOICE, feedbackHash: HASH, handling: TEXT, handlingHash: HASH },
  commissionEvaluation: { organisation: TEXT, trigger: TEXT, situation: CHOICE, documentHash: HASH },
  startEvaluation: { trigger: TEXT },
  submitEvaluation: { reportHash: HASH, recommendation: CHOICE, publicOpinionHash: HASH, participants: [{ kind: CHOICE, name: TEXT }] },
  suspendExecution: { reason: TEXT, situation: CHOICE, urgency: TEXT },
  resumeExecution: { reason: TEXT },
  startAdjustment: { kind: CHOICE, reason: TEXT },
  recordMatterStep: { matterType: TEXT, step: TEXT, recordHash: HASH, organisedBy: TEXT, conclusion: TEXT },
  withdraw: { reason: TEXT },
  postpone: { reason: TEXT, reviewDate: INSTANT },
  resumeFromPostponement: { reason: TEXT },
};

type Leaf = 'text' | 'boolean' | 'number' | 'instant';
type Shape = Leaf | readonly [Shape] | { readonly [field: string]: Shape };
const shapeOf = (action: string): Shape | undefined => (Object.hasOwn(PAYLOAD_FIELDS, action) ? (PAYLOAD_FIELDS[action as ActionName] as unknown as Shape) : undefined);

/** What is wrong with a field of a step's payload, where (`payload.groups.0.reason`), in both languages. */
export interface PayloadFieldProblem {
  path: string;
  zh: string;
  en: string;
}

/**
 * The first field of `payload` that the action does not take, if any, with the fields taken where it stands. Asked
 * before the rules: a misspelt field is named as such, not as the field it should have been missing.
 */
export function findUnknownField(action: string, payload: unknown): PayloadFieldProblem | undefined {
  const shape = shapeOf(action);
  if (!shape) return undefined; // the rules refuse an action they do not know
  const stack: { value: unknown; shape: Shape; path: string }[] = [{ value: payload, shape, path: 'payload' }];
  while (stack.length) {
    const { value, shape, path } = stack.pop()!;
    if (typeof shape === 'string' || value === null || typeof value !== 'object') continue;
    if (Array.isArray(shape)) {
      if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, shape: shape[0], path: `${path}.${i}` }));
      continue;
    }
    if (Array.isArray(value)) continue;
    const fields = shape as { readonly [field: string]: Shape };
    const keys = Object.keys(value);
    const unknown = keys.find((key) => !Object.hasOwn(fields, key));
    if (unknown !== undefined) {
      const taken = Object.keys(fields);
      return {
        path: `${path}.${unknown}`,
        zh: `此步骤没有这个字段，未予接受（此处可填写的字段：${taken.join('、') || '无'}）`,
        en: `is not a field of this step and was not taken (the fields here: ${taken.join(', ') || 'none'})`,
      };
    }
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]], shape: fields[keys[i]], path: `${path}.${keys[i]}` });
  }
  return undefined;
}

/** A field that names a person, a body or a group: `name`, a field ending in `Name`, a special group, a department heard. */
const NAMED = /\.(?:name|group|[a-z][A-Za-z]*Name)$|\.departmentsHeard\.\d+$/;

/**
 * The first text of a step's payload with no letter or digit in it, only punctuation or symbols: a dissent '。', reasons
 * against the majority '。', a basis for not disclosing '-', a channel '-' were taken where the statute asks for what was
 * said or done (statute tester). And the first name (NAMED) with an invisible or line-breaking character in it. Asked
 * after the rules, so that an empty or missing text is refused in their words; the Update validator's check, not
 * replayed (records kept before, with such a text, still verify).
 */
export function findWordlessText(payload: unknown): PayloadFieldProblem | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: payload, path: 'payload' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      // An empty text is the rules' to judge (an optional reason left empty, say).
      // Not a modifier letter or a circled number that passes for a dash or a mark (retest: 'ー', 'ˉ', '①').
      if (value !== '' && !/(?=[\p{L}\p{N}])[^\p{Lm}\p{No}]/u.test(value)) return { path, zh: '只有标点或符号，没有文字：应当如实写明', en: 'has only punctuation or symbols, no word: write what it is' };
      // A name written one way: '王\u200b某' beside '王某' passed as another participant (statute tester).
      const unnamed = NAMED.test(path) ? nameProblem(value) : undefined;
      if (unnamed) return { path, ...unnamed };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], path: `${path}.${entries[i][0]}` });
  }
  return undefined;
}

const KIND_TEXT: Record<Leaf | 'list' | 'object', { zh: string; en: string }> = {
  text: { zh: '应为文字', en: 'must be text' },
  boolean: { zh: '应为 true 或 false', en: 'must be true or false' },
  number: { zh: '应为数字', en: 'must be a number' },
  instant: { zh: '应为带时区的 ISO 8601 时间', en: 'must be an ISO 8601 date-time with its offset' },
  list: { zh: '应为列表', en: 'must be a list' },
  object: { zh: '应为对象 {…}', en: 'must be an object {…}' },
};
// A time is one the instant form reads: any text passed for one where the rules do not read it (a review date beside an
// adoption, "banana" or "+010000-01-01T00:00:00Z", was signed and kept; attacker).
const isKind = (value: unknown, leaf: Leaf): boolean =>
  leaf === 'text' ? typeof value === 'string' : leaf === 'boolean' ? typeof value === 'boolean' : leaf === 'number' ? typeof value === 'number' : typeof value === 'string' && parseInstant(value) !== undefined;

/**
 * Fields that belong to one branch of a choice, taken only where the payload chose it: a basis for not disclosing a
 * matter (Art. 14) signed beside a matter put out for comment would read as if it were withheld.
 */
const ONLY_WHERE: { action: ActionName; path: string[]; holds: (payload: Record<string, unknown>) => boolean; zh: string; en: string }[] = [
  {
    action: 'declareApplicability',
    path: ['publicParticipation', 'nonDisclosureBasis'],
    holds: (p) => (p.publicParticipation as { required?: unknown } | undefined)?.required === false,
    zh: '只在依法不予公开、不征求公众意见（required 为 false）时填写',
    en: 'is given only where the matter may lawfully not be disclosed (required: false)',
  },
  {
    action: 'declareApplicability',
    path: ['publicParticipation', 'disclosureBasis'],
    holds: (p) => (p.publicParticipation as { required?: unknown } | undefined)?.required === true,
    zh: '只在向社会公开征求意见（required 为 true）时填写',
    en: 'is given only where the matter is put out for public participation (required: true)',
  },
];

/**
 * The first field present with a value of another kind than the step declares (a text where a flag belongs:
 * `material: "true"` would be signed and kept while the rules read it as no material change), or given where the
 * payload's own choice excludes it. Asked after the rules, so that what they check is refused in their words.
 */
export function findMistypedField(action: string, payload: unknown): PayloadFieldProblem | undefined {
  return walkKinds(action, payload, false);
}

/**
 * The first time given as a number (epoch milliseconds, as records made before hold them): asked before the rules,
 * which would read it as a moment and refuse it in their words (second tester: 20270101 as a review date was told
 * "必须是将来的日期", a meeting's date in milliseconds was compared with the legality opinion's).
 */
export function findNumberAsTime(action: string, payload: unknown): PayloadFieldProblem | undefined {
  return walkKinds(action, payload, true);
}

/** The walk of both: every field against its kind, or (`timesOnly`) the times alone. */
function walkKinds(action: string, payload: unknown, timesOnly: boolean): PayloadFieldProblem | undefined {
  const shape = shapeOf(action);
  if (!shape || payload === null || typeof payload !== 'object') return undefined;
  const stack: { value: unknown; shape: Shape; path: string }[] = [{ value: payload, shape, path: 'payload' }];
  while (stack.length) {
    const { value, shape, path } = stack.pop()!;
    if (value === undefined) continue;
    const kind = typeof shape === 'string' ? shape : Array.isArray(shape) ? 'list' : 'object';
    const mistyped = typeof shape === 'string' ? !isKind(value, shape) : Array.isArray(shape) ? !Array.isArray(value) : value === null || typeof value !== 'object' || Array.isArray(value);
    if (mistyped && (!timesOnly || (kind === 'instant' && typeof value === 'number'))) return { path, ...KIND_TEXT[kind] };
    if (mistyped) continue;
    if (typeof shape === 'string') continue;
    if (Array.isArray(shape)) {
      (value as unknown[]).forEach((item, i) => stack.push({ value: item, shape: shape[0], path: `${path}.${i}` }));
      continue;
    }
    for (const [key, inner] of Object.entries(value as Record<string, unknown>).reverse()) stack.push({ value: inner, shape: (shape as Record<string, Shape>)[key], path: `${path}.${key}` });
  }
  if (timesOnly) return undefined;
  for (const rule of ONLY_WHERE) {
    if (rule.action !== action) continue;
    const present = rule.path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), payload) !== undefined;
    if (present && !rule.holds(payload as Record<string, unknown>)) return { path: `payload.${rule.path.join('.')}`, zh: rule.zh, en: rule.en };
  }
  return undefined;
}

/** The step refused for a field, citing the articles the step rests on, as a malformed field of it is refused. */
export function payloadFieldRefusal(action: ActionName, p: PayloadFieldProblem): Refusal {
  return refusal(RefusalCode.InvalidPayload, { zh: `${p.path}：${p.zh}`, en: `${p.path} ${p.en}` }, ...basisOf(action));
}
