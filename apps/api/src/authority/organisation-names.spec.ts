import { localNames, namesBody, withNames } from './organisation-names';

describe('organisations named in a refusal', () => {
  const names = new Map([
    ['hz', '杭州市人民政府'],
    ['hz-jtj', '杭州市交通运输局'],
  ]);

  it('gives each registered id its name, in brackets of its own where it stands alone and beside it where it is bracketed', () => {
    expect(withNames('catalogRef：目录事项 C-DEPT-HZ 是hz的决策事项目录所列，不是本决策的决策机关（hz-jtj）的目录', names)).toBe(
      'catalogRef：目录事项 C-DEPT-HZ 是杭州市人民政府（hz）的决策事项目录所列，不是本决策的决策机关（杭州市交通运输局，hz-jtj）的目录',
    );
  });

  it('leaves an id named beside its name already, words that only contain an id, and unregistered ids as they are', () => {
    expect(withNames('张承办（u-zhang）此时没有在杭州市交通运输局（hz-jtj）担任任职', names)).toBe('张承办（u-zhang）此时没有在杭州市交通运输局（hz-jtj）担任任职');
    expect(withNames('hz-jtj-bgt 与 hz.x 与 sha256:hz 不是hz', names)).toBe('hz-jtj-bgt 与 hz.x 与 sha256:hz 不是杭州市人民政府（hz）');
    expect(withNames('nj 不是本市', names)).toBe('nj 不是本市');
  });

  it('names a list of ids in brackets by their names alone, and leaves a value repeated as sent, set off by spaces (retest)', () => {
    expect(withNames('不是决策机关明确的决策执行单位（hz、hz-jtj）', names)).toBe('不是决策机关明确的决策执行单位（杭州市人民政府、杭州市交通运输局）');
    expect(withNames('catalogRef：决策事项目录中没有 hz，请先公布', names)).toBe('catalogRef：决策事项目录中没有 hz，请先公布');
    expect(withNames('hz-jtj不是决策机关', names)).toBe('杭州市交通运输局（hz-jtj）不是决策机关');
  });

  it('does not name an id whose registered name is the id itself', () => {
    expect(withNames('是x的目录', new Map([['x', 'x']]))).toBe('是x的目录');
  });
});

describe('a body as people name it (Art. 20: the expert of the undertaking unit, retest)', () => {
  it('the local names of a body of a government: without the place, with its level or its stem', () => {
    expect(localNames('深圳市交通运输局', '深圳市人民政府')).toEqual(['市交通运输局', '深圳交通运输局', '交通运输局']);
    expect(localNames('深圳市交通运输局政策法规处', '深圳市人民政府')).toEqual(['市交通运输局政策法规处', '深圳交通运输局政策法规处', '交通运输局政策法规处']);
    expect(localNames('某评估公司', '深圳市人民政府')).toEqual([]);
    expect(localNames('深圳市局', '深圳市人民政府')).toEqual([]);
  });

  it('names the bureau by a local name at the start of the text, never another city’s bureau', () => {
    const bureau = { id: 'sz-jtj', name: '深圳市交通运输局', prefixes: localNames('深圳市交通运输局', '深圳市人民政府') };
    for (const text of ['市交通运输局（政策法规处）', '市交通运输局政策法规处', '交通运输局政策法规处', '深圳交通运输局', '深圳 交通运输局 政策法规处', '深圳市交通运输局（综合规划处）']) expect([text, namesBody(text, bureau)]).toEqual([text, true]);
    for (const text of ['广州市交通运输局', '广州市交通运输局政策法规处', '深圳市司法局', '某交通运输研究院']) expect([text, namesBody(text, bureau)]).toEqual([text, false]);
  });
});
