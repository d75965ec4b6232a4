import dayjs from 'dayjs';
import { unavailableRefusal } from '../../apps/api/src/documents/cited-documents';
import { placeApiMessages } from '../../apps/web/src/forms/api-errors';
import { visibleText } from '../../apps/web/src/forms/rules';
import { dependsOnRules, fieldsFor, payloadOf, valuesOf, type Field } from '../../apps/web/src/forms/payload';
import { fieldLabel, STEP_FORMS } from '../../apps/web/src/forms/step-forms';
import { ACTION_NAMES, PAYLOAD_FIELDS, type ActionName, type Payloads } from '../../libs/domain';
import { HEILONGJIANG, NATIONAL_BASELINE, PROFILES, QINGDAO, SHANDONG, SICHUAN } from '../../libs/domain/procedure/profiles';
import { Driver } from '../support/driver';
import { actors, announcedHearing, cmd, DAY, h, HEARING_PLACE, steps } from '../support/procedure';

/** The generic step form's reading of what was filled in: the payload the procedure's types describe, and nothing left empty. */
describe('the step forms’ payloads', () => {
  const H = `sha256:${'a'.repeat(64)}`;

  it('every field of every form, at every depth, is one its step takes (the Update validator refuses any other)', () => {
    const unknown: string[] = [];
    const walk = (fields: readonly Field[], shape: unknown, at: string) => {
      for (const f of fields) {
        const inner = (shape as Record<string, unknown>)[f.name];
        if (!Object.hasOwn(shape as object, f.name)) unknown.push(`${at}.${f.name}`);
        else if (f.kind === 'list') walk(f.item, (inner as unknown[])[0], `${at}.${f.name}.0`);
        else if (f.kind === 'group') walk(f.fields, inner, `${at}.${f.name}`);
      }
    };
    for (const [action, form] of Object.entries(STEP_FORMS)) walk(form!.fields as Field[], PAYLOAD_FIELDS[action as ActionName], action);
    expect(unknown).toEqual([]);
    expect(Object.keys(STEP_FORMS).length).toBeGreaterThan(10);
  });

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

  it('a list of items typed in drops an item of nothing (web tester: organisations ["", "sz-bus"] sent and refused naming a blank id)', () => {
    const { fields } = STEP_FORMS.designateExecutionUnit!;
    expect(payloadOf(fields, { organisations: ['', ' ', 'sz-bus'] })).toMatchObject({ organisations: ['sz-bus'] });
  });

  it('a required field left empty stays, for the server to name; a form filled from a template never takes its placeholder hashes', () => {
    expect(payloadOf(STEP_FORMS.submitLegalOpinion!.fields, {})).toEqual({ opinionHash: '' });
    const values = valuesOf(STEP_FORMS.submitAdoptionReport!.fields, { reportHash: H, groups: [{ groupHash: H, response: 'adopted' }] });
    expect(values).toEqual({ groups: [{ response: 'adopted' }] });
  });

  it('a publication withheld by law sends no channel, as an empty list the step reads; one published after all sends its basis (Art. 32)', () => {
    expect(payloadOf(STEP_FORMS.publish!.fields, { channels: [], documentHash: H, disclosureBasis: '' })).toEqual({ channels: [], documentHash: H });
    expect(payloadOf(STEP_FORMS.publish!.fields, { documentHash: H })).toEqual({ channels: [], documentHash: H });
    expect(payloadOf(STEP_FORMS.publish!.fields, { channels: ['政府公报'], documentHash: H, disclosureBasis: '已经解密' })).toEqual({ channels: ['政府公报'], documentHash: H, disclosureBasis: '已经解密' });
  });

  it('the deciding organ’s acts have forms: the units it designates, the unit it commissions, its judgment of the risk', () => {
    expect(payloadOf(STEP_FORMS.designateExecutionUnit!.fields, { organisations: ['hz-gjjt'], documentHash: '' })).toEqual({ organisations: ['hz-gjjt'] });
    expect(payloadOf(STEP_FORMS.commissionEvaluation!.fields, { organisation: 'hz-dsfpg', situation: 'below_expectations', trigger: '实施满一年，客流未达预期', documentHash: H })).toEqual({ organisation: 'hz-dsfpg', situation: 'below_expectations', trigger: '实施满一年，客流未达预期', documentHash: H });
    expect(payloadOf(STEP_FORMS.judgeRisk!.fields, { reasons: '' })).toEqual({ controllable: false });
    expect(payloadOf(STEP_FORMS.engageRiskAssessor!.fields, { organisation: 'hz-wdpg' })).toEqual({ organisation: 'hz-wdpg' });
    expect(payloadOf(STEP_FORMS.startAdjustment!.fields, { kind: 'adjust', reason: '评估建议调整' })).toEqual({ kind: 'adjust', reason: '评估建议调整' });
  });

  it('every step has a form (none left to the JSON editor), each reading into its payload', () => {
    expect(ACTION_NAMES.filter((a) => !STEP_FORMS[a])).toEqual([]);
    expect(payloadOf(STEP_FORMS.recordHearing!.fields, { hearingId: 'H-1', transcriptHash: H, signedBy: ['p-1', 'p-2'], refusals: [{ participantId: 'p-3', witness: '公证员王某' }] }))
      .toEqual({ hearingId: 'H-1', transcriptHash: H, signedBy: ['p-1', 'p-2'], refusals: [{ participantId: 'p-3', witness: '公证员王某' }] });
    expect(payloadOf(STEP_FORMS.recordHearing!.fields, { hearingId: 'H-1', transcriptHash: H, signedBy: ['p-1'], refusals: [] })).toEqual({ hearingId: 'H-1', transcriptHash: H, signedBy: ['p-1'] });
    expect(payloadOf(STEP_FORMS.appointExpertPanel!.fields, { form: 'meeting', experts: [{ id: 'e-1', name: '陈教授', organisation: '浙江大学', field: '交通运输', directInterest: false, institution: undefined }] }))
      .toEqual({ form: 'meeting', experts: [{ id: 'e-1', name: '陈教授', organisation: '浙江大学', field: '交通运输', directInterest: false }] });
    expect(payloadOf(STEP_FORMS.submitExecutionReport!.fields, { reportHash: H })).toEqual({ reportHash: H, problem: false });
    const participants = [{ kind: 'npc_deputy', name: '市人大代表王某' }, { kind: 'social_organisation', name: '市交通运输协会' }];
    expect(payloadOf(STEP_FORMS.submitEvaluation!.fields, { reportHash: H, recommendation: 'adjust', publicOpinionHash: H, participants }))
      .toEqual({ reportHash: H, recommendation: 'adjust', publicOpinionHash: H, participants });
    expect(payloadOf(STEP_FORMS.recordParticipationForm!.fields, { form: 'poll', recordHash: H })).toEqual({ form: 'poll', recordHash: H });
    expect(payloadOf(STEP_FORMS.submitExpertMinutes!.fields, { minutesHash: H, signedBy: ['e-1', 'e-2'] })).toEqual({ minutesHash: H, signedBy: ['e-1', 'e-2'] });
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

  it('a hearing (Arts. 16–17) has a form; the online choice is asked only where the decision’s rules provide online hearings (Qingdao), and what it signs is taken', () => {
    const form = STEP_FORMS.scheduleHearing!;
    const names = (fields: readonly Field[]) => fields.map((f) => f.name);
    expect(dependsOnRules(form.fields)).toBe(true);
    expect(names(fieldsFor(form.fields, QINGDAO))).toContain('online');
    for (const p of [NATIONAL_BASELINE, SHANDONG, HEILONGJIANG, SICHUAN]) expect(names(fieldsFor(form.fields, p))).not.toContain('online');
    // Rules not known (the decision not found, or not yet read): not asked.
    expect(names(fieldsFor(form.fields, undefined))).not.toContain('online');
    // Every profile that allows it gets it, and only those.
    for (const p of Object.values(PROFILES)) expect(names(fieldsFor(form.fields, p)).includes('online')).toBe(!!p.onlineHearing?.value);
    expect(dependsOnRules(STEP_FORMS.submitDraft!.fields)).toBe(false);

    const start = Date.UTC(2026, 2, 2, 2);
    const filled = {
      hearingId: 'H-1',
      date: dayjs(new Date(start + 20 * DAY).toISOString()),
      selectionMethodHash: h('selection'),
      participants: [{ id: 'p-1', name: '乘客代表', interested: true }, { id: 'p-2', name: '公交企业', interested: true, category: 'operator' }, { id: 'p-3', name: '学者' }],
      organisedBy: '',
      online: true,
    };
    const under = (p: typeof QINGDAO) => payloadOf(fieldsFor(form.fields, p), filled) as Payloads['scheduleHearing'];
    const online = under(QINGDAO);
    expect(online).toMatchObject({ hearingId: 'H-1', online: true, participants: [{ id: 'p-1', interested: true }, { id: 'p-2', category: 'operator' }, { id: 'p-3', interested: false }] });
    expect(online).not.toHaveProperty('organisedBy');
    expect(under(NATIONAL_BASELINE)).not.toHaveProperty('online');
    // The procedure takes what each form signs: Qingdao's online hearing, the national baseline's meeting.
    const consulting = (p: typeof QINGDAO) => new Driver(p, start).do(steps.draft(), steps.applicability({ hearing: true }));
    // Each after its announcement (Art. 16 paras 2–3), at the place announced.
    const announced = (p: Payloads['scheduleHearing']) => announcedHearing(cmd('scheduleHearing', actors.unit, p)).announce;
    const held = consulting(QINGDAO).do(announced(online), cmd('scheduleHearing', actors.unit, online));
    expect(held.state.publicParticipation!.hearings[0]).toMatchObject({ id: 'H-1', online: true, place: HEARING_PLACE });
    const national = under(NATIONAL_BASELINE);
    expect(consulting(NATIONAL_BASELINE).do(announced(national)).try(cmd('scheduleHearing', actors.unit, national))).toBeUndefined();
  });

  it('the forms speak the reader’s language: Chinese by default, word for word; in English, no Chinese left in any label, option, help or introduction', () => {
    const words = (fields: readonly Field[]): string[] =>
      fields.flatMap((f) => [
        f.label,
        ...(f.help ? [f.help] : []),
        ...('placeholder' in f && f.placeholder ? [f.placeholder] : []),
        ...(f.kind === 'select' ? f.options.map((o) => o.label) : []),
        ...(f.kind === 'list' ? [f.itemLabel, ...words(f.item)] : []),
        ...(f.kind === 'group' ? words(f.fields) : []),
      ]);
    expect(STEP_FORMS.submitDraft!.fields[0].label).toBe('决策草案');
    expect(STEP_FORMS.scheduleHearing!.fields.find((f) => f.name === 'online')!.label).toBe('以网络听证方式举行');
    const holder = globalThis as { localStorage?: unknown };
    const before = holder.localStorage;
    holder.localStorage = { getItem: () => 'en', setItem: () => undefined };
    try {
      jest.isolateModules(() => {
        const { STEP_FORMS: english } = jest.requireActual<typeof import('../../apps/web/src/forms/step-forms')>('../../apps/web/src/forms/step-forms');
        const { yearRows } = jest.requireActual<typeof import('../../apps/web/src/pages/year-rows')>('../../apps/web/src/pages/year-rows');
        const all = Object.values(english).flatMap((form) => [form!.intro, ...words(form!.fields)]);
        expect(all.length).toBeGreaterThan(300);
        expect(all.filter((w) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(w))).toEqual([]);
        expect(english.submitDraft!.fields[0].label).toBe('Draft decision');
        const figures = yearRows(
          { year: 2026, government: null, registered: 1, decided: 1, legalityReviewed: 1, legalityReviewRate: 1, publicParticipation: 0, hearings: 0, expertArgumentation: 0, riskAssessments: 0, published: 0, overdueSteps: 0, undecidedPastReview: 0, suspensions: 0, adjustments: 0, comments: { received: 0, distinctTexts: 0, folded: 0, rateLimited: 0 } },
          'en',
        );
        expect(figures.map(([w]) => w).filter((w) => /[\u4e00-\u9fff]/.test(w))).toEqual([]);
      });
    } finally {
      holder.localStorage = before;
    }
  });
});

/** The API's refusals beside the fields they name (forms/api-errors.ts), the rest left for the general alert. */
describe('the API’s messages placed on the form’s fields', () => {
  it('a field the procedure or the API names gets its message, without its name; a list of texts takes its items’; an item of a list its own field’s', () => {
    const { placed, rest } = placeApiMessages(
      [
        'unit：没有编号为 hz-nowhere 的已登记机构（unit: no organisation hz-nowhere is registered）',
        'opinionHash：必须是文件哈希值（sha256: 或 sm3: 后接64位十六进制数字）（opinionHash must be a document hash）',
        'payload.agreed：必须为 true 或 false（payload.agreed must be true or false）',
      ],
      STEP_FORMS.consultDepartment!.fields,
    );
    expect(rest).toEqual([]);
    expect(placed.map(({ name, message }) => ({ name, message }))).toEqual([
      { name: ['unit'], message: '没有编号为 hz-nowhere 的已登记机构（no organisation hz-nowhere is registered）' },
      { name: ['opinionHash'], message: '必须是文件哈希值（sha256: 或 sm3: 后接64位十六进制数字）（must be a document hash）' },
      { name: ['agreed'], message: '必须为 true 或 false（must be true or false）' },
    ]);
    expect(placeApiMessages(['unitsConcerned.1：没有编号为 x 的已登记机构（unitsConcerned.1: no organisation x is registered）'], STEP_FORMS.declareApplicability!.fields).placed[0].name).toEqual(['unitsConcerned']);
    expect(placeApiMessages(['payload.alternatives.1.title：必须是非空文本（payload.alternatives.1.title must be a non-empty text）'], STEP_FORMS.submitDraft!.fields).placed[0].name).toEqual(['alternatives', 1, 'title']);
    expect(placeApiMessages(['expertArgumentation.reason：必须是非空文本（…）'], STEP_FORMS.declareApplicability!.fields).placed[0].name).toEqual(['expertArgumentation', 'reason']);
    // A panel refused for one of its experts (Arts. 20, 21, 41): under that expert's own card, its id.
    expect(placeApiMessages(['experts.1.id：孙市长（m-sun）此时在深圳市人民政府任职（行政首长），办理本决策，不能同时作为论证专家（…）'], STEP_FORMS.appointExpertPanel!.fields).placed[0].name).toEqual(['experts', 1, 'id']);
    // The edge's input check names where in the request (fresh-eyes tester: these stayed in the alert).
    const edge = placeApiMessages(['body.payload.shortenedReason：只有空白或不可见字符，不是可以阅读的文字（body.payload.shortenedReason is only white space or invisible characters, not text one can read）'], STEP_FORMS.openPublicComment!.fields);
    expect(edge.placed).toEqual([{ name: ['shortenedReason'], message: '只有空白或不可见字符，不是可以阅读的文字（is only white space or invisible characters, not text one can read）', source: expect.any(String) }]);
  });

  it("a document refusal beside its field says to choose the file again there, not to call the API (the API's own words)", () => {
    const refused = unavailableRefusal([{ path: 'opinionHash', hash: `sha256:${'a'.repeat(64)}` }])!;
    const { placed } = placeApiMessages([refused.message], STEP_FORMS.consultDepartment!.fields);
    expect(placed[0].name).toEqual(['opinionHash']);
    expect(placed[0].message).toContain('请在此栏重新选择该文件，由您本人上传后再签署');
    expect(placed[0].message).toContain('choose the file again in this field, to upload it yourself, then sign');
    expect(placed[0].message).not.toContain('POST /documents');
    // Beside a text field, which has no file to choose, as the API says it (the second tester: a hash typed into a reason).
    const typed = unavailableRefusal([{ path: 'reason', hash: `sha256:${'a'.repeat(64)}` }])!;
    const beside = placeApiMessages([typed.message], STEP_FORMS.withdraw!.fields).placed[0];
    expect(beside.name).toEqual(['reason']);
    expect(beside.message).toContain('POST /documents');
  });

  it('a revision says whether it is substantial: the box unticked is false, not left out; a first draft (no reason) sends none', () => {
    const { fields } = STEP_FORMS.submitDraft!;
    const H = `sha256:${'a'.repeat(64)}`;
    expect(payloadOf(fields, { documentHash: H, explanationHash: H, reason: '按意见修改' })).toMatchObject({ reason: '按意见修改', material: false });
    expect(payloadOf(fields, { documentHash: H, explanationHash: H, reason: '按意见修改', material: true })).toMatchObject({ material: true });
    expect(payloadOf(fields, { documentHash: H, explanationHash: H })).not.toHaveProperty('material');
  });

  it('text that shows nothing is refused under its field before sending, as the API refuses it', async () => {
    const rule = visibleText('理由');
    await expect(rule(undefined, '\u200b\u2800')).rejects.toThrow('理由只有空白或不可见字符');
    await expect(rule(undefined, ['市政府网站', '\u3164'])).rejects.toThrow();
    await expect(rule(undefined, '情况紧急')).resolves.toBeUndefined();
    await expect(rule(undefined, undefined)).resolves.toBeUndefined();
  });

  it('leaves in the alert what names no field drawn: the step as a whole, the actor, a group or list as a whole, a field of another form, several fields', () => {
    const messages = [
      '提出两个以上方案的，应当附方案比较说明（comparisonHash）',
      'actor.name：必须是非空字符串（must be a non-empty string）',
      'alternatives：必须是列表（alternatives must be a list）',
      'expertArgumentation：必须是对象（must be an object）',
      'governmentId：no-such-gov 不是已登记的人民政府（…）',
      'hearing、expertArgumentation：本决策登记时适用的程序规则没有这些事项（…）',
    ];
    const { placed, rest } = placeApiMessages(messages, [...STEP_FORMS.submitDraft!.fields, ...STEP_FORMS.declareApplicability!.fields]);
    expect(placed).toEqual([]);
    expect(rest).toEqual(messages);
  });
});

describe('the record’s documents named as the forms name them', () => {
  it('gives a payload path the label of the field that fills it, through lists and groups; the path itself where no form draws it', () => {
    expect(fieldLabel('submitDraft', 'documentHash')).toBe('决策草案');
    expect(fieldLabel('submitDraft', 'alternatives.1.documentHash')).toBe('方案文件（第2项）');
    expect(fieldLabel('publish', 'adoptionExplanationHash')).toBe('公众意见、专家论证意见采纳情况说明');
    expect(fieldLabel('submitDraft', 'nowhere')).toBe('nowhere');
    expect(fieldLabel('noSuchAction', 'documentHash')).toBe('documentHash');
  });
});
