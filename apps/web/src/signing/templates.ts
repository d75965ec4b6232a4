import type { ActionName, Payloads } from '../../../../libs/domain';

/**
 * Starting points for the payload editor, typed by the procedure's own
 * payload types (libs/domain Payloads): what the official edits before
 * signing. Hashes are placeholders to be replaced by real documents' hashes.
 */
const H = 'sha256:' + '0'.repeat(64);
export const PAYLOAD_TEMPLATES: { [K in ActionName]?: Payloads[K] } = {
  decideToStart: { proposal: { source: 'department', proposer: '', documentHash: H, argumentationHash: H }, undertakingUnit: '', coUnits: [] },
  declareApplicability: {
    publicParticipation: { required: true },
    hearingRequired: false,
    expertArgumentation: { required: false, reason: '不属于专业性、技术性较强的事项' },
    riskAssessment: { required: false, reason: '不涉及社会稳定、公共安全等方面' },
    affectsMarket: false,
  },
  consultDepartment: { unit: '', opinionHash: H, agreed: true },
  consultSpecialGroup: { group: '', with: [{ kind: 'representatives', name: '' }], recordHash: H },
  openPublicComment: { days: 30, channels: ['市政府网站'] },
  closePublicComment: {},
  submitAdoptionReport: { reportHash: H, groups: [{ groupHash: H, response: 'adopted', commentHashes: [] }] },
  submitForLegalityReview: { materialsHash: H, procedureExplanationHash: H },
  submitLegalOpinion: { opinionHash: H },
  issueLegalityOpinion: { form: 'review', outcome: 'lawful', opinionHash: H },
  decide: { outcome: 'adopt' },
  reviewAdoptedChanges: { form: 'review', outcome: 'lawful', textHash: H, opinionHash: H },
  reportToPartyCommittee: { reportHash: H },
  recordPartyCommitteeReply: { replyHash: H, outcome: 'agreed' },
  recordCongressAction: { body: 'standing_committee', documentHash: H },
  publish: { channels: ['政府公报', '市政府网站'], documentHash: H, adoptionExplanationHash: H },
  interpretDecision: { form: 'press_conference', recordHash: H },
  archive: { archiveRef: 'ARCH-2026-0001' },
  engageRiskAssessor: { organisation: '' },
  judgeRisk: { controllable: true },
  designateExecutionUnit: { organisations: [''] },
  submitExecutionReport: { reportHash: H, problem: false },
  superviseExecution: { findingsHash: H, units: [''] },
  recordPublicFeedback: { channel: 'letter', feedbackHash: H, handling: '' },
  recordMatterStep: { matterType: 'housing-expropriation', step: 'plan-argumentation', recordHash: H, organisedBy: '' },
  commissionEvaluation: { organisation: '', trigger: '' },
  startAdjustment: { kind: 'adjust', reason: '' },
  withdraw: { reason: '' },
  postpone: { reason: '', reviewDate: '2026-12-04T09:00:00+08:00' },
};
