import dayjs from 'dayjs';
import { payloadOf, valuesOf } from '../../apps/web/src/forms/payload';
import { STEP_FORMS } from '../../apps/web/src/forms/step-forms';
import { ACTION_NAMES } from '../../libs/domain';

/** The generic step form's reading of what was filled in: the payload the procedure's types describe, and nothing left empty. */
describe('the step forms’ payloads', () => {
  const H = `sha256:${'a'.repeat(64)}`;

  it('a legality opinion: its fields under their names, the optional ones left empty left out', () => {
    const { fields } = STEP_FORMS.issueLegalityOpinion!;
    expect(payloadOf(fields, { form: 'review', outcome: 'lawful', opinionHash: H, requiredChanges: '', legalRisks: undefined })).toEqual({ form: 'review', outcome: 'lawful', opinionHash: H });
  });

  it('lists, groups, dates with their offset, and boxes: a required box is false when unticked, an optional one left out', () => {
    const { fields } = STEP_FORMS.recordDiscussion!;
    const payload = payloadOf(fields, {
      meeting: { kind: 'executive', date: dayjs('2026-12-04T09:00:00+08:00'), presidingId: 'm-1', chiefExecutiveId: 'm-1' },
      membersTotal: 2,
      members: [{ id: 'm-1', name: '市长', present: true, view: 'agree' }, { id: 'm-2', name: '副市长' }],
      speakingOrder: ['m-1'],
      minutesHash: H,
      materials: { draftHash: H, legalityOpinionHash: H, riskReportHash: '' },
    });
    expect(payload).toEqual({
      meeting: { kind: 'executive', date: dayjs('2026-12-04T09:00:00+08:00').format('YYYY-MM-DDTHH:mm:ssZ'), presidingId: 'm-1', chiefExecutiveId: 'm-1' },
      membersTotal: 2,
      members: [{ id: 'm-1', name: '市长', present: true, view: 'agree' }, { id: 'm-2', name: '副市长', present: false }],
      speakingOrder: ['m-1'],
      legalAdviserPresent: false,
      minutesHash: H,
      materials: { draftHash: H, legalityOpinionHash: H },
    });
    expect(Date.parse((payload.meeting as { date: string }).date)).toBe(Date.parse('2026-12-04T09:00:00+08:00'));
  });

  it('the minutes of the meeting (Art. 30): the chief executive, the speaking order, each member’s own confirmation; an absent member’s empty confirmation left out', () => {
    const { fields } = STEP_FORMS.recordDiscussion!;
    const payload = payloadOf(fields, {
      meeting: { kind: 'department', date: dayjs('2026-12-04T09:00:00+08:00'), presidingId: 'm-1', chiefExecutiveId: 'm-1' },
      membersTotal: 3,
      members: [
        { id: 'm-2', name: '副局长', present: true, view: 'reserve', statement: '建议分步实施', confirmation: { confirmed: true, by: 'm-2', signatureHash: H } },
        { id: 'm-1', name: '局长', present: true, view: 'agree', confirmation: { confirmed: true, by: 'm-1' } },
        { id: 'm-3', name: '副局长乙', present: false, confirmation: { by: '' } },
      ],
      speakingOrder: ['m-2', 'm-1'],
      minutesHash: H,
      materials: { draftHash: H, legalityOpinionHash: H },
    });
    expect(payload).toMatchObject({
      meeting: { kind: 'department', chiefExecutiveId: 'm-1' },
      members: [
        { id: 'm-2', view: 'reserve', statement: '建议分步实施', confirmation: { confirmed: true, by: 'm-2', signatureHash: H } },
        { id: 'm-1', confirmation: { confirmed: true, by: 'm-1' } },
        { id: 'm-3', present: false },
      ],
      speakingOrder: ['m-2', 'm-1'],
    });
    expect((payload.members as Record<string, unknown>[])[2]).not.toHaveProperty('confirmation');
  });

  it('a required field left empty stays, for the server to name; a form filled from a template never takes its placeholder hashes', () => {
    expect(payloadOf(STEP_FORMS.submitLegalOpinion!.fields, {})).toEqual({ opinionHash: '' });
    const values = valuesOf(STEP_FORMS.submitAdoptionReport!.fields, { reportHash: H, groups: [{ groupHash: H, response: 'adopted' }] });
    expect(values).toEqual({ groups: [{ response: 'adopted' }] });
  });

  it('the deciding organ’s acts have forms: the units it designates, the unit it commissions, its judgment of the risk', () => {
    expect(payloadOf(STEP_FORMS.designateExecutionUnit!.fields, { organisations: ['hz-gjjt'], documentHash: '' })).toEqual({ organisations: ['hz-gjjt'] });
    expect(payloadOf(STEP_FORMS.commissionEvaluation!.fields, { organisation: 'hz-dsfpg', trigger: '实施满一年', documentHash: H })).toEqual({ organisation: 'hz-dsfpg', trigger: '实施满一年', documentHash: H });
    expect(payloadOf(STEP_FORMS.judgeRisk!.fields, { reasons: '' })).toEqual({ controllable: false });
    expect(payloadOf(STEP_FORMS.engageRiskAssessor!.fields, { organisation: 'hz-wdpg' })).toEqual({ organisation: 'hz-wdpg' });
    expect(payloadOf(STEP_FORMS.startAdjustment!.fields, { kind: 'adjust', reason: '评估建议调整' })).toEqual({ kind: 'adjust', reason: '评估建议调整' });
  });

  it('the deciding organ’s remaining acts have forms: its decision to start, the Party committee’s reply, its supervision', () => {
    expect(payloadOf(STEP_FORMS.decideToStart!.fields, { proposal: { source: 'department', proposer: 'hz-jtj', documentHash: '', argumentationHash: H, catalogRef: '' }, undertakingUnit: 'hz-jtj', coUnits: ['hz-czj'], documentHash: '' }))
      .toEqual({ proposal: { source: 'department', proposer: 'hz-jtj', argumentationHash: H }, undertakingUnit: 'hz-jtj', coUnits: ['hz-czj'] });
    expect(payloadOf(STEP_FORMS.recordPartyCommitteeReply!.fields, { replyHash: H, outcome: 'objections', reasons: '幅度再作研究' })).toEqual({ replyHash: H, outcome: 'objections', reasons: '幅度再作研究' });
    expect(payloadOf(STEP_FORMS.superviseExecution!.fields, { findingsHash: H, units: ['hz-gjjt'], correction: { order: '', dueBy: undefined } })).toEqual({ findingsHash: H, units: ['hz-gjjt'] });
    const ordered = payloadOf(STEP_FORMS.superviseExecution!.fields, { findingsHash: H, correction: { order: '限期整改', dueBy: dayjs('2027-06-30T17:00:00+08:00') } });
    expect(ordered).toMatchObject({ findingsHash: H, correction: { order: '限期整改' } });
    expect(Date.parse((ordered.correction as { dueBy: string }).dueBy)).toBe(Date.parse('2027-06-30T17:00:00+08:00'));
  });

  it('the consultation the decree names has forms: the units and groups declared, a unit consulted, a group heard, the people’s congress, an opinion in execution', () => {
    const declared = payloadOf(STEP_FORMS.declareApplicability!.fields, {
      publicParticipation: { required: true },
      expertArgumentation: { required: false, reason: '非专业事项' },
      riskAssessment: { required: false, reason: '无稳定风险' },
      unitsConcerned: ['hz-czj'],
      specialGroups: ['残疾人'],
      peoplesCongress: 'report',
    });
    expect(declared).toMatchObject({ unitsConcerned: ['hz-czj'], specialGroups: ['残疾人'], peoplesCongress: 'report', affectsMarket: false });
    const plain = payloadOf(STEP_FORMS.declareApplicability!.fields, { publicParticipation: { required: true }, expertArgumentation: { reason: 'x' }, riskAssessment: { reason: 'y' }, unitsConcerned: [], peoplesCongress: undefined });
    expect(plain).not.toHaveProperty('peoplesCongress');
    expect(plain).not.toHaveProperty('unitsConcerned');
    expect(payloadOf(STEP_FORMS.consultDepartment!.fields, { unit: 'hz-czj', opinionHash: H, disputedIssues: '补贴由谁承担' })).toEqual({ unit: 'hz-czj', opinionHash: H, agreed: false, disputedIssues: '补贴由谁承担' });
    expect(payloadOf(STEP_FORMS.consultSpecialGroup!.fields, { group: '残疾人', with: [{ kind: 'representatives', name: '残疾人代表' }], recordHash: H })).toEqual({ group: '残疾人', with: [{ kind: 'representatives', name: '残疾人代表' }], recordHash: H });
    expect(payloadOf(STEP_FORMS.recordCongressAction!.fields, { body: 'standing_committee', documentHash: H, outcome: undefined })).toEqual({ body: 'standing_committee', documentHash: H });
    expect(payloadOf(STEP_FORMS.recordPublicFeedback!.fields, { channel: 'email', feedbackHash: H, handling: '已答复', handlingHash: '' })).toEqual({ channel: 'email', feedbackHash: H, handling: '已答复' });
    expect(payloadOf(STEP_FORMS.recordDiscussion!.fields, { materials: { draftHash: H, legalityOpinionHash: H, disagreementHash: H } })).toMatchObject({ materials: { disagreementHash: H } });
  });

  it('every form is of a real step', () => {
    for (const action of Object.keys(STEP_FORMS)) expect(ACTION_NAMES).toContain(action);
  });
});
