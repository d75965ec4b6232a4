import { bilingualText, splitBilingual } from '../../apps/web/src/bilingual';

describe('the API’s bilingual messages, as the pages read them', () => {
  it('split at the bracket that matches the last, whatever brackets the reader’s own words hold (web tester)', () => {
    expect(splitBilingual('依据《保守国家秘密法》第九条（测试）不予公开（withheld under 《保守国家秘密法》第九条（测试）, and Art. 32）')).toEqual([
      '依据《保守国家秘密法》第九条（测试）不予公开',
      'withheld under 《保守国家秘密法》第九条（测试）, and Art. 32',
    ]);
    expect(splitBilingual('只有中文')).toEqual(['只有中文', undefined]);
    expect(splitBilingual('不成对）')).toEqual(['不成对）', undefined]);
  });

  it('say the field without the request’s wrapping, which means nothing to the public (web tester: "body.text：")', () => {
    expect(bilingualText('body.text：含有改变文字显示方向的控制字符（body.text contains a bidirectional control character）')).toBe('text：含有改变文字显示方向的控制字符');
    expect(bilingualText('body.payload.reason：文字过长（body.payload.reason is too long）')).toBe('reason：文字过长');
    expect(bilingualText('unit：没有编号为 hz-x 的已登记机构（unit: no organisation hz-x is registered）')).toBe('unit：没有编号为 hz-x 的已登记机构');
  });
});
