import type { ActionName, Payloads } from './commands';
import { refusal, RefusalCode, type Bilingual, type Refusal } from './refusal';
import { basisOf } from './rules';

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
export type Fields<T> = [T] extends [readonly (infer E)[]] ? readonly [Fields<E>] : [T] extends [object] ? { readonly [K in KeysOf<T>]-?: Fields<NonNullable<ValueAt<T, K>>> } : true;
/** Every key of every member of a union (`{ required: true } | { required: false; nonDisclosureBasis: string }`). */
type KeysOf<T> = T extends unknown ? keyof T : never;
type ValueAt<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

const HASH = true;
const TEXT = true;
const VALUE = true;

export const PAYLOAD_FIELDS: { readonly [A in ActionName]: Fields<Payloads[A]> } = {
  decideToStart: { proposal: { source: VALUE, proposer: TEXT, documentHash: HASH, argumentationHash: HASH, catalogRef: TEXT }, undertakingUnit: TEXT, coUnits: [TEXT], documentHash: HASH },
  submitDraft: { documentHash: HASH, explanationHash: HASH, alternatives: [{ title: TEXT, documentHash: HASH }], comparisonHash: HASH, material: VALUE, reason: TEXT },
  declareApplicability: {
    publicParticipation: { required: VALUE, nonDisclosureBasis: TEXT },
    hearingRequired: VALUE,
    expertArgumentation: { required: VALUE, reason: TEXT },
    riskAssessment: { required: VALUE, reason: TEXT, priorAssessmentRef: TEXT },
    affectsMarket: VALUE,
    unitsConcerned: [TEXT],
    specialGroups: [TEXT],
    peoplesCongress: VALUE,
  },
  consultDepartment: { unit: TEXT, opinionHash: HASH, agreed: VALUE, disputedIssues: TEXT },
  consultSpecialGroup: { group: TEXT, with: [{ kind: VALUE, name: TEXT }], recordHash: HASH },
  openPublicComment: { days: VALUE, channels: [TEXT], shortenedReason: TEXT },
  closePublicComment: {},
  scheduleHearing: { hearingId: TEXT, date: VALUE, selectionMethodHash: HASH, participants: [{ id: TEXT, name: TEXT, interested: VALUE, category: VALUE }], organisedBy: TEXT, online: VALUE },
  deliverHearingMaterials: { hearingId: TEXT },
  recordHearing: { hearingId: TEXT, transcriptHash: HASH, signedBy: [TEXT], refusals: [{ participantId: TEXT, witness: TEXT }] },
  recordParticipationForm: { form: VALUE, recordHash: HASH },
  submitAdoptionReport: {
    reportHash: HASH,
    groups: [{ groupHash: HASH, response: VALUE, reason: TEXT, commentHashes: [HASH], commentCount: VALUE }],
    commentsAnswered: { draftVersion: VALUE, count: VALUE, root: HASH },
  },
  appointExpertPanel: { form: VALUE, experts: [{ id: TEXT, name: TEXT, organisation: TEXT, field: TEXT, directInterest: VALUE, institution: VALUE }] },
  submitExpertOpinion: { opinionHash: HASH, signed: VALUE, sealed: VALUE },
  submitExpertMinutes: { minutesHash: HASH, signedBy: [TEXT] },
  completeExpertArgumentation: { adoptionReportHash: HASH },
  submitRiskAssessment: { level: VALUE, controllable: VALUE, reportHash: HASH, thirdParty: VALUE, departmentsHeard: [TEXT], riskPoints: TEXT, measures: TEXT, contingencyPlan: TEXT },
  engageRiskAssessor: { organisation: TEXT, contractHash: HASH },
  judgeRisk: { controllable: VALUE, reasons: TEXT },
  submitForLegalityReview: { materialsHash: HASH, procedureExplanationHash: HASH },
  pauseLegalityReview: { kind: VALUE, reason: TEXT },
  resumeLegalityReview: { materialsHash: HASH },
  submitLegalOpinion: { opinionHash: HASH },
  issueLegalityOpinion: { form: VALUE, outcome: VALUE, opinionHash: HASH, draftHash: HASH, requiredChanges: TEXT, legalRisks: TEXT, earlyReason: TEXT },
  recordDiscussion: {
    meeting: { kind: VALUE, date: VALUE, presidingId: TEXT, chiefExecutiveId: TEXT },
    membersTotal: VALUE,
    members: [{ id: TEXT, name: TEXT, present: VALUE, view: VALUE, statement: TEXT, confirmation: { confirmed: VALUE, by: TEXT, signatureHash: HASH } }],
    speakingOrder: [TEXT],
    legalAdviserPresent: VALUE,
    minutesHash: HASH,
    materials: { draftHash: HASH, legalityOpinionHash: HASH, adoptionReportHash: HASH, expertReportHash: HASH, riskReportHash: HASH, fairCompetitionReviewHash: HASH, disagreementHash: HASH },
  },
  decide: { outcome: VALUE, reasons: TEXT, changesHash: HASH, adoptedTextHash: HASH, reviewDate: VALUE },
  reviewAdoptedChanges: { form: VALUE, outcome: VALUE, textHash: HASH, opinionHash: HASH, reasons: TEXT },
  reportToPartyCommittee: { reportHash: HASH },
  recordPartyCommitteeReply: { replyHash: HASH, outcome: VALUE, reasons: TEXT },
  recordCongressAction: { body: VALUE, documentHash: HASH, outcome: VALUE },
  publish: { channels: [TEXT], documentHash: HASH, adoptionExplanationHash: HASH },
  archive: { archiveRef: TEXT },
  designateExecutionUnit: { organisations: [TEXT], documentHash: HASH },
  submitExecutionReport: { reportHash: HASH, problem: VALUE },
  superviseExecution: { findingsHash: HASH, units: [TEXT], correction: { order: TEXT, dueBy: VALUE } },
  recordPublicFeedback: { channel: VALUE, feedbackHash: HASH, handling: TEXT, handlingHash: HASH },
  commissionEvaluation: { organisation: TEXT, trigger: TEXT, documentHash: HASH },
  startEvaluation: { trigger: TEXT },
  submitEvaluation: { reportHash: HASH, recommendation: VALUE },
  suspendExecution: { reason: TEXT },
  resumeExecution: { reason: TEXT },
  startAdjustment: { kind: VALUE, reason: TEXT },
  recordMatterStep: { matterType: TEXT, step: TEXT, recordHash: HASH, organisedBy: TEXT, conclusion: TEXT },
  withdraw: { reason: TEXT },
  postpone: { reason: TEXT, reviewDate: VALUE },
  resumeFromPostponement: { reason: TEXT },
};

type Shape = true | readonly [Shape] | { readonly [field: string]: Shape };

/** A field the step does not take: where it is (`payload.openPublicComment.shortenedReasn`), and the fields taken there. */
export interface UnknownField {
  path: string;
  taken: string[];
}

/**
 * The first field of `payload` that the action does not take, if any. Only the names are checked: a value of the
 * wrong kind (a text where a list belongs) is left to the rules, which name the article it is for.
 */
export function findUnknownField(action: string, payload: unknown): UnknownField | undefined {
  if (!Object.hasOwn(PAYLOAD_FIELDS, action)) return undefined; // the rules refuse an action they do not know
  const stack: { value: unknown; shape: Shape; path: string }[] = [{ value: payload, shape: PAYLOAD_FIELDS[action as ActionName] as Shape, path: 'payload' }];
  while (stack.length) {
    const { value, shape, path } = stack.pop()!;
    if (shape === true || value === null || typeof value !== 'object') continue;
    if (Array.isArray(shape)) {
      if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, shape: shape[0], path: `${path}.${i}` }));
      continue;
    }
    if (Array.isArray(value)) continue;
    const fields = shape as { readonly [field: string]: Shape };
    const keys = Object.keys(value);
    for (const key of keys) {
      if (!Object.hasOwn(fields, key)) return { path: `${path}.${key}`, taken: Object.keys(fields) };
    }
    for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (value as Record<string, unknown>)[keys[i]], shape: fields[keys[i]], path: `${path}.${keys[i]}` });
  }
  return undefined;
}

/** The unknown field in both languages, with the fields taken where it stands. */
export function unknownFieldText(u: UnknownField): Bilingual {
  return {
    zh: `${u.path}：此步骤没有这个字段，未予接受（此处可填写的字段：${u.taken.join('、') || '无'}）`,
    en: `${u.path} is not a field of this step and was not taken (the fields here: ${u.taken.join(', ') || 'none'})`,
  };
}

/** The step refused for it, citing the articles the step rests on, as a malformed field of it is refused. */
export function unknownFieldRefusal(action: ActionName, u: UnknownField): Refusal {
  return refusal(RefusalCode.InvalidPayload, unknownFieldText(u), ...basisOf(action));
}
