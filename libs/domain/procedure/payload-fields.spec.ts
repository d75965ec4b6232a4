import { findMistypedField, findNumberAsTime, findUnknownField, findWordlessText, payloadFieldRefusal } from './payload-fields';

describe('the fields a step takes', () => {
  it('passes a payload that uses only its fields, optional ones included', () => {
    expect(findUnknownField('openPublicComment', { days: 30, channels: ['网站'], shortenedReason: '紧急' })).toBeUndefined();
    expect(findUnknownField('declareApplicability', { publicParticipation: { required: false, nonDisclosureBasis: '依法不公开' }, hearingRequired: false, expertArgumentation: { required: false, reason: '' }, riskAssessment: { required: false, reason: '' }, affectsMarket: false })).toBeUndefined();
    expect(findUnknownField('closePublicComment', {})).toBeUndefined();
  });

  it('names the first field the step does not take, at any depth, with the fields taken there', () => {
    expect(findUnknownField('openPublicComment', { days: 30, channels: [], shortenedReasn: '紧急' })).toMatchObject({ path: 'payload.shortenedReasn', zh: '此步骤没有这个字段，未予接受（此处可填写的字段：days、channels、shortenedReason）' });
    expect(findUnknownField('recordDiscussion', { members: [{ id: 'a' }, { id: 'b', confirmation: { confirmed: true, by: 'b', signature: 'x' } }] })).toMatchObject({ path: 'payload.members.1.confirmation.signature', zh: expect.stringContaining('confirmed、by、signatureHash') });
    expect(findUnknownField('closePublicComment', { reason: 'x' })).toMatchObject({ path: 'payload.reason', zh: expect.stringContaining('此处可填写的字段：无') });
    // Keys of objects nested in a field the rules read whole are theirs to judge (a text where an object belongs, say).
    expect(findUnknownField('withdraw', { reason: { any: 'thing' } })).toBeUndefined();
  });

  it('leaves values of the wrong kind, and actions it does not know, to the rules', () => {
    expect(findUnknownField('openPublicComment', { days: 30, channels: 'web' })).toBeUndefined();
    expect(findUnknownField('openPublicComment', [1, 2])).toBeUndefined();
    expect(findUnknownField('noSuchAction', { x: 1 })).toBeUndefined();
    expect(findUnknownField('toString', { x: 1 })).toBeUndefined();
  });

  it('finds a value of another kind than its field’s, at any depth, where the rules let it pass', () => {
    const draft = { documentHash: 'h', explanationHash: 'h' };
    expect(findMistypedField('submitDraft', { ...draft, material: true, reason: '修改' })).toBeUndefined();
    expect(findMistypedField('submitDraft', { ...draft, material: 'true' })).toMatchObject({ path: 'payload.material', zh: '应为 true 或 false' });
    expect(findMistypedField('submitDraft', { ...draft, material: { junk: 1 } })).toMatchObject({ path: 'payload.material' });
    expect(findMistypedField('submitDraft', { ...draft, alternatives: { title: 'x' } })).toMatchObject({ path: 'payload.alternatives', zh: '应为列表' });
    const member = { id: 'm', name: '某人', present: false };
    expect(findMistypedField('recordDiscussion', { members: [member, { ...member, view: { any: 1 } }] })).toMatchObject({ path: 'payload.members.1.view', zh: '应为文字' });
    expect(findMistypedField('recordDiscussion', { members: [{ ...member, statement: null }] })).toMatchObject({ path: 'payload.members.0.statement' });
    expect(findMistypedField('scheduleHearing', { date: '2026-12-04T09:00:00+08:00' })).toBeUndefined();
    // Epoch milliseconds, as records made before hold: the rules still read them there, a new step names the time.
    expect(findMistypedField('scheduleHearing', { date: 1_796_000_000_000 })).toMatchObject({ path: 'payload.date', zh: '应为带时区的 ISO 8601 时间' });
    expect(findMistypedField('superviseExecution', { findingsHash: 'x', units: [], correction: { order: '整改', dueBy: 1e300 } })).toMatchObject({ path: 'payload.correction.dueBy' });
    // Asked before the rules, the times alone (second tester: 20270101 was told it must be a future date).
    expect(findNumberAsTime('postpone', { reason: '待议', reviewDate: 20270101 })).toMatchObject({ path: 'payload.reviewDate', zh: '应为带时区的 ISO 8601 时间' });
    expect(findNumberAsTime('recordDiscussion', { meeting: { kind: 'executive', date: Date.now() }, members: 'not a list' })).toMatchObject({ path: 'payload.meeting.date' });
    expect(findNumberAsTime('postpone', { reason: 5, reviewDate: '2027-01-01T09:00:00+08:00' })).toBeUndefined();
    expect(findMistypedField('scheduleHearing', { date: true })).toMatchObject({ path: 'payload.date', zh: '应为带时区的 ISO 8601 时间' });
    expect(findMistypedField('openPublicComment', { days: '30' })).toMatchObject({ path: 'payload.days', zh: '应为数字' });
    // A text that is no time, where the rules do not read it (a review date beside an adoption; attacker): named.
    for (const reviewDate of ['banana', '+010000-01-01T00:00:00Z', '2027-02-30T09:00:00+08:00']) {
      expect(findMistypedField('decide', { outcome: 'adopt', reviewDate })).toMatchObject({ path: 'payload.reviewDate', zh: '应为带时区的 ISO 8601 时间' });
    }
    expect(findMistypedField('decide', { outcome: 'postpone', reasons: '待议', reviewDate: '1960-01-01T09:00:00+08:00' })).toBeUndefined();
  });

  it('refuses a basis for not disclosing a matter signed beside a matter put out for comment (Art. 14)', () => {
    const base = { hearingRequired: false, expertArgumentation: { required: false, reason: '' }, riskAssessment: { required: false, reason: '' }, affectsMarket: false };
    expect(findMistypedField('declareApplicability', { ...base, publicParticipation: { required: false, nonDisclosureBasis: '《保守国家秘密法》' } })).toBeUndefined();
    expect(findMistypedField('declareApplicability', { ...base, publicParticipation: { required: true } })).toBeUndefined();
    expect(findMistypedField('declareApplicability', { ...base, publicParticipation: { required: true, nonDisclosureBasis: '《保守国家秘密法》' } })).toMatchObject({ path: 'payload.publicParticipation.nonDisclosureBasis', zh: expect.stringMatching(/^只在依法不予公开/) });
  });

  it('refuses as a malformed field of the step is, citing the articles the step rests on', () => {
    const r = payloadFieldRefusal('openPublicComment', { path: 'payload.x', zh: '应为数字', en: 'must be a number' });
    expect(r.code).toBe('INVALID_PAYLOAD');
    expect(r.message).toBe('payload.x：应为数字（payload.x must be a number）');
    expect(r.citations.length).toBeGreaterThan(0);
  });
});

describe('texts with something said in them (statute tester)', () => {
  it('names the first text of punctuation or symbols alone, at any depth; takes words in any script, numbers and empty texts', () => {
    expect(findWordlessText({ reason: '。' })).toMatchObject({ path: 'payload.reason', zh: '只有标点或符号，没有文字：应当如实写明' });
    expect(findWordlessText({ members: [{ id: 'm-1', statement: '同意' }, { id: 'm-2', statement: '——' }] })).toMatchObject({ path: 'payload.members.1.statement' });
    expect(findWordlessText({ channels: ['政府网站', '-'] })).toMatchObject({ path: 'payload.channels.1' });
    for (const name of ['ー', 'ˉ', '①', '—ー—']) expect(findWordlessText({ name })).toMatchObject({ path: 'payload.name' });
    expect(findWordlessText({ publicParticipation: { required: false, nonDisclosureBasis: '…' } })).toMatchObject({ path: 'payload.publicParticipation.nonDisclosureBasis' });
    expect(findWordlessText({ reason: '情况紧急。', archiveRef: '2026-7', name: 'བཀྲ་ཤིས', n: 3, hash: 'sha256:00', optional: '' })).toBeUndefined();
    // A name with an invisible character in it passes for another's (statute tester: '王\u200b某' beside '王某').
    expect(findWordlessText({ participants: [{ kind: 'deputy', name: '王某' }, { kind: 'deputy', name: '王\u200b某' }] })).toMatchObject({ path: 'payload.participants.1.name', zh: expect.stringContaining('看不见的字符') });
    expect(findWordlessText({ expertName: '李\n四' })).toMatchObject({ path: 'payload.expertName' });
    expect(findWordlessText({ reason: '情况\n紧急', name: 'محمد\u200f', organisationName: '杭州市交通运输局', group: '残疾人', departmentsHeard: ['杭州市公安局'] })).toBeUndefined();
    // Nor by a direction mark, a padding space, a space beside a Han character, a combining mark (retest).
    for (const name of ['王\u200e某', '王\u3000某', '王 某', ' 王某', 'John  Smith', 'John\u00a0Smith', '王\u0301某']) expect(findWordlessText({ participants: [{ name }] })).toMatchObject({ path: 'payload.participants.0.name' });
    expect(findWordlessText({ participants: [{ name: 'John Smith' }, { name: 'ئابدۇللا' }, { name: 'བཀྲ་ཤིས' }] })).toBeUndefined();
    expect(findWordlessText({ group: '残疾\u200b人' })).toMatchObject({ path: 'payload.group' });
    expect(findWordlessText({ departmentsHeard: ['杭州市公安局', '杭州市\u3000财政局'] })).toMatchObject({ path: 'payload.departmentsHeard.1' });
  });
});
