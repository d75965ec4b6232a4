import { findUnknownField, unknownFieldRefusal } from './payload-fields';

describe('the fields a step takes', () => {
  it('passes a payload that uses only its fields, optional ones included', () => {
    expect(findUnknownField('openPublicComment', { days: 30, channels: ['网站'], shortenedReason: '紧急' })).toBeUndefined();
    expect(findUnknownField('declareApplicability', { publicParticipation: { required: false, nonDisclosureBasis: '依法不公开' }, hearingRequired: false, expertArgumentation: { required: false, reason: '' }, riskAssessment: { required: false, reason: '' }, affectsMarket: false })).toBeUndefined();
    expect(findUnknownField('closePublicComment', {})).toBeUndefined();
  });

  it('names the first field the step does not take, at any depth, with the fields taken there', () => {
    expect(findUnknownField('openPublicComment', { days: 30, channels: [], shortenedReasn: '紧急' })).toEqual({ path: 'payload.shortenedReasn', taken: ['days', 'channels', 'shortenedReason'] });
    expect(findUnknownField('recordDiscussion', { members: [{ id: 'a' }, { id: 'b', confirmation: { confirmed: true, by: 'b', signature: 'x' } }] })).toEqual({ path: 'payload.members.1.confirmation.signature', taken: ['confirmed', 'by', 'signatureHash'] });
    expect(findUnknownField('closePublicComment', { reason: 'x' })).toEqual({ path: 'payload.reason', taken: [] });
    // Keys of objects nested in a field the rules read whole are theirs to judge (a text where an object belongs, say).
    expect(findUnknownField('withdraw', { reason: { any: 'thing' } })).toBeUndefined();
  });

  it('leaves values of the wrong kind, and actions it does not know, to the rules', () => {
    expect(findUnknownField('openPublicComment', { days: 30, channels: 'web' })).toBeUndefined();
    expect(findUnknownField('openPublicComment', [1, 2])).toBeUndefined();
    expect(findUnknownField('noSuchAction', { x: 1 })).toBeUndefined();
    expect(findUnknownField('toString', { x: 1 })).toBeUndefined();
  });

  it('refuses as a malformed field of the step is, citing the articles the step rests on', () => {
    const r = unknownFieldRefusal('openPublicComment', { path: 'payload.x', taken: ['days'] });
    expect(r.code).toBe('INVALID_PAYLOAD');
    expect(r.message).toBe('payload.x：此步骤没有这个字段，未予接受（此处可填写的字段：days）（payload.x is not a field of this step and was not taken (the fields here: days)）');
    expect(r.citations.length).toBeGreaterThan(0);
  });
});
