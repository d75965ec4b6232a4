import { actors, cmd, h, steps } from '../../../test/support/procedure';
import { consulted, Driver } from '../../../test/support/driver';
import { NATIONAL_BASELINE } from './profiles';
import { saysNothing } from './rules';

/**
 * `reasonsExplained`: a reason the statute asks for says something (statute tester: 缩短理由：无 went to the public; a
 * one-character urgency, a trigger of 'x' were taken). The engine cannot judge a reason; it tells a placeholder.
 */
describe('reasons that say nothing', () => {
  it('tells placeholders, single characters and repeats from reasons, however short', () => {
    for (const empty of ['无', ' 无。', '暂无', '略', '待定', '同上', 'N/A', 'n.a.', 'none', 'TBD', 'x', 'xxx', '。。。', '111', '急', '—', '测试']) expect([empty, saysNothing(empty)]).toEqual([empty, true]);
    // Saying there is none, or pointing elsewhere (retest).
    for (const empty of ['暂无理由', '没有理由', '无特殊原因', '不适用', '见附件', '详见说明', '同前', 'ok', '12']) expect([empty, saysNothing(empty)]).toEqual([empty, true]);
    // And what passed for a basis of disclosure (retest): an attachment by number, a word of the field's own.
    for (const empty of ['见附件1', '附件2', '见文件', '见说明1', '不公开', '公开', '未定', '空白', '暂时无', '无依据', '无/略']) expect([empty, saysNothing(empty)]).toEqual([empty, true]);
    for (const reason of ['救灾', '情况紧急', '台风过境，需在汛期前完成', '超出本决策范围', '与上位法不一致', 'Out of scope', '无障碍设施不足', '没有听取残疾人代表意见', 'A 区 B 线', '经定密机关审查，已于2026年11月解密', '无，见2号文件第3条']) expect([reason, saysNothing(reason)]).toEqual([reason, false]);
  });

  it('refuses a shortened comment period “because 无”, naming the field and the article; a reason is taken', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    const r = d.try(steps.openComment(7, '无'));
    expect(r).toMatchObject({ code: 'INVALID_PAYLOAD', zh: 'shortenedReason：“无”没有说明理由；应当写明具体的理由或者情况' });
    expect(r!.citations.join(' ')).toContain('Art. 15');
    d.do(steps.openComment(7, '台风灾后重建，情况紧急'));
  });

  it('refuses a group of comments not adopted “because x”, and a review returning a draft “for 略”', () => {
    const d = new Driver().do(steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment());
    d.advance(31 * 86_400_000).do(steps.closeComment());
    const report = cmd('submitAdoptionReport', actors.unit, { reportHash: h('adoption-report'), groups: [{ groupHash: h('group-fares'), response: 'not_adopted', reason: 'x' }] });
    expect(d.try(report)?.zh).toMatch(/^groups\.0\.reason：“x”没有说明理由/);
    const reviewing = consulted().do(steps.submitReview(), steps.legalOpinion());
    expect(reviewing.try(steps.legalityOpinion('returned', { requiredChanges: '略' }))?.zh).toMatch(/^requiredChanges：“略”没有说明理由/);
  });

  it('decisions under the rules before keep them', () => {
    const d = new Driver({ ...NATIONAL_BASELINE, reasonsExplained: undefined }).do(steps.draft(), steps.applicability({ expert: false, risk: false }));
    d.do(steps.openComment(7, '无'));
  });
});
