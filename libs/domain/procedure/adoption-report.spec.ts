import { actors, cmd, DAY, h, steps } from '../../../test/support/procedure';
import { Driver } from '../../../test/support/driver';
import { NATIONAL_BASELINE } from './profiles';
import type { Refusal } from './refusal';

/** The adoption report (Art. 18) naming its answers by their root: the rules check its shape and the draft it answers. */
describe('an adoption report that signs its answers by their root (Art. 18)', () => {
  const closed = () => new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()).advance(31 * DAY).do(steps.closeComment());
  const report = (over: Record<string, unknown> = {}) =>
    cmd('submitAdoptionReport', actors.unit, {
      reportHash: h('report'),
      groups: [
        { groupHash: h('fares'), response: 'adopted', commentCount: 9000 },
        { groupHash: h('routes'), response: 'not_adopted', reason: '超出本决策范围', commentCount: 1000 },
      ],
      commentsAnswered: { draftVersion: 1, count: 10_000, root: h('root') },
      ...over,
    });
  const refused = (r: Refusal | undefined, field: string) => {
    expect(r).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(r!.message).toContain(field);
    expect(r!.citations.join(' ')).toContain('第十八条');
  };

  it('is accepted with counts that add up, for the draft being consulted on, and the state keeps what it signed', () => {
    const d = closed().do(report());
    expect(d.state.publicParticipation!.adoptionReport!.commentsAnswered).toEqual({ draftVersion: 1, count: 10_000, root: h('root') });
  });

  it('refuses counts that do not add up, a missing count, receipts listed beside the root, a group named twice, a bad root', () => {
    refused(closed().try(report({ commentsAnswered: { draftVersion: 1, count: 10_001, root: h('root') } })), '各分组答复的意见条数之和（10000）应当等于答复意见总数（10001）');
    refused(closed().try(report({ groups: [{ groupHash: h('fares'), response: 'adopted' }] })), 'groups.0.commentCount');
    refused(closed().try(report({ groups: [{ groupHash: h('fares'), response: 'adopted', commentCount: 10_000, commentHashes: [h('c')] }] })), 'groups.0.commentHashes');
    refused(closed().try(report({ groups: [{ groupHash: h('fares'), response: 'adopted', commentCount: 5000 }, { groupHash: h('fares'), response: 'adopted', commentCount: 5000 }] })), '分组不能重复');
    refused(closed().try(report({ commentsAnswered: { draftVersion: 1, count: 10_000, root: 'sha256:xyz' } })), 'commentsAnswered.root');
    refused(closed().try(report({ commentsAnswered: { draftVersion: 0, count: 10_000, root: h('root') } })), 'commentsAnswered.draftVersion');
    refused(closed().try(report({ commentsAnswered: 'all of them' })), 'commentsAnswered');
    refused(closed().try(cmd('submitAdoptionReport', actors.unit, { reportHash: h('r'), groups: [{ groupHash: h('g'), response: 'adopted', commentCount: 3 }] })), 'groups.0.commentCount');
  });

  it("refuses the answers to another draft's comments", () => {
    refused(closed().try(report({ commentsAnswered: { draftVersion: 2, count: 10_000, root: h('root') } })), '答复的是第2版草案收到的意见，而正在研究的是第1版草案的意见');
  });
});

/**
 * Art. 18: the opinions received on a draft are studied and reported before it is substantially revised; a revised
 * draft consulted on afresh would otherwise leave the first draft's comments outside every report.
 */
describe('a draft on which the public was consulted is substantially revised only after the adoption report (Art. 18)', () => {
  const opened = (profile = NATIONAL_BASELINE) => new Driver(profile).do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment());
  const refusedRevision = (r: Refusal | undefined, said: string) => {
    expect(r).toMatchObject({ code: 'WRONG_STAGE' });
    expect(r!.message).toContain(said);
    expect(r!.message).toContain('方可对草案作实质性修改');
    expect(r!.citations.join(' ')).toContain('第十八条');
  };

  it('while the period runs: refused, saying until when and what comes first; a revision that is not substantial is taken', () => {
    const d = opened().advance(5 * DAY);
    refusedRevision(d.try(steps.draft(2)), '第1版草案的公开征求意见正在进行，期限至2026年4月1日24时届满；期满结束征求意见（closePublicComment）并报告意见研究采纳情况（submitAdoptionReport）后');
    expect(d.try(steps.draft(2, false))).toBeUndefined();
  });

  it('closed and not reported: refused; once reported, taken, and the revised draft is consulted on afresh', () => {
    const d = opened().advance(31 * DAY).do(steps.closeComment());
    refusedRevision(d.try(steps.draft(2)), '第1版草案公开征求意见收到的意见尚未报告研究采纳情况');
    d.do(steps.adoptionReport(), steps.draft(2), steps.openComment());
    expect(d.state.publicParticipation!.draftVersion).toBe(2);
    expect(d.state.publicParticipation!.adoptionReport).toBeUndefined();
  });

  it('before a comment period a draft is revised freely, after a symposium too; a decision registered before the rule keeps its rules', () => {
    const drafted = () => new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    expect(drafted().try(steps.draft(2))).toBeUndefined();
    expect(drafted().do(cmd('recordParticipationForm', actors.unit, { form: 'symposium', recordHash: h('symposium') })).try(steps.draft(2))).toBeUndefined();
    const before = { ...NATIONAL_BASELINE };
    delete before.reportBeforeRevision;
    expect(opened(before).advance(5 * DAY).try(steps.draft(2))).toBeUndefined();
  });
});
