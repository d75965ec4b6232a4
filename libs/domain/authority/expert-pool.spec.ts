import { NATIONAL_BASELINE, PROFILES, type ProcedureProfile } from '../procedure/profiles';
import type { ExpertDisqualificationFacts } from './disqualifications';
import { inUsablePool, panelOutsidePool, poolStanding, type ExpertPoolEntryFacts } from './expert-pool';

/**
 * The expert pools of Art. 21: where an entry stands (its term, its end, a disqualification under Art. 41 for its pool
 * or one above it), which pools a decision may use (its government's and those above, para. 3), and the profile rule
 * `expertsFromPool`, off in the national baseline (the decree does not ask that panel experts come from a pool).
 */
const AT = Date.parse('2027-03-01T00:00:00Z');
const entry = (over: Partial<ExpertPoolEntryFacts> = {}): ExpertPoolEntryFacts => ({
  id: 'pool-1',
  expertId: 'e-1',
  expertName: '专家甲',
  governmentId: 'zj',
  fields: ['交通运输'],
  validFrom: '2027-01-01T00:00:00Z',
  validTo: '2030-01-01T00:00:00Z',
  ...over,
});
const dq = (governmentId: string, over: Partial<ExpertDisqualificationFacts> = {}): ExpertDisqualificationFacts => ({
  id: `dq-${governmentId}`,
  expertId: 'e-1',
  expertName: '专家甲',
  governmentId,
  reason: '论证中弄虚作假',
  validFrom: '2027-02-01T00:00:00Z',
  ...over,
});
/** A decision of 杭州市 (hz), under 浙江省 (zj). */
const PATH = ['hz', 'zj'];
/** A test-only profile that requires panel experts from a pool (no shipped profile does). */
const FROM_POOL: ProcedureProfile = { ...NATIONAL_BASELINE, id: 'test-pool', name: '测试规则 (test rules)', expertsFromPool: { value: true, basis: { source: 'sd-rules', article: 4 } } };
const panel = (...experts: object[]) => experts;

describe('an entry of an expert pool (Art. 21)', () => {
  it('is in force within its term, not before it, not after it, not once ended', () => {
    expect(poolStanding(entry(), [], PATH, AT)).toBe('in-force');
    expect(poolStanding(entry({ validFrom: '2027-04-01T00:00:00Z' }), [], PATH, AT)).toBe('not-yet');
    expect(poolStanding(entry({ validTo: '2027-02-01T00:00:00Z' }), [], PATH, AT)).toBe('expired');
    expect(poolStanding(entry({ validTo: null }), [], PATH, AT)).toBe('in-force');
    expect(poolStanding(entry({ endedAt: '2027-02-15T00:00:00Z' }), [], PATH, AT)).toBe('ended');
    expect(poolStanding(entry({ endedAt: '2027-03-15T00:00:00Z' }), [], PATH, AT)).toBe('in-force');
  });

  it('is taken out by a disqualification (Art. 41) of its government or one above it, in force then; not by one below it, nor by another province’s', () => {
    expect(poolStanding(entry({ governmentId: 'hz' }), [dq('zj')], PATH, AT)).toBe('disqualified');
    expect(poolStanding(entry(), [dq('zj')], PATH, AT)).toBe('disqualified');
    // The city's disqualification binds the city's pool and those below, not the province's.
    expect(poolStanding(entry(), [dq('hz')], PATH, AT)).toBe('in-force');
    expect(poolStanding(entry(), [dq('js')], PATH, AT)).toBe('in-force');
    // Not yet, or no longer, in force; another expert's.
    expect(poolStanding(entry(), [dq('zj', { validFrom: '2027-04-01T00:00:00Z' })], PATH, AT)).toBe('in-force');
    expect(poolStanding(entry(), [dq('zj', { validTo: '2027-02-15T00:00:00Z' })], PATH, AT)).toBe('in-force');
    expect(poolStanding(entry(), [dq('zj', { expertId: 'e-2' })], PATH, AT)).toBe('in-force');
  });

  it('is usable by a decision of its government or of one below it (Art. 21 para. 3), not by one above it or elsewhere', () => {
    expect(inUsablePool('e-1', [entry()], [], PATH, AT).map((e) => e.id)).toEqual(['pool-1']);
    expect(inUsablePool('e-1', [entry({ governmentId: 'hz' })], [], PATH, AT)).toHaveLength(1);
    expect(inUsablePool('e-1', [entry({ governmentId: 'hz' })], [], ['zj'], AT)).toEqual([]);
    expect(inUsablePool('e-1', [entry({ governmentId: 'js' })], [], PATH, AT)).toEqual([]);
    expect(inUsablePool('e-2', [entry()], [], PATH, AT)).toEqual([]);
  });
});

describe('expertsFromPool: a profile that requires panel experts from a pool', () => {
  it('is off in the national baseline and in every shipped profile: the decree does not require it (Arts. 20, 21)', () => {
    expect(NATIONAL_BASELINE.expertsFromPool).toEqual({ value: false, basis: { source: 'decree-713', article: 21, paragraph: undefined } });
    for (const p of Object.values(PROFILES)) expect([p.id, p.expertsFromPool?.value ?? false]).toEqual([p.id, false]);
    expect(panelOutsidePool(NATIONAL_BASELINE, panel({ id: 'e-9', name: '库外专家' }), [], [], PATH, AT)).toBeUndefined();
    expect(panelOutsidePool(undefined, panel({ id: 'e-9', name: '库外专家' }), [], [], PATH, AT)).toBeUndefined();
  });

  it('where on, refuses a panel naming an expert in no usable pool, naming the field, citing Art. 21 and the profile’s basis', () => {
    const r = panelOutsidePool(FROM_POOL, panel({ id: 'e-1', name: '专家甲' }, { id: 'e-9', name: '库外专家' }), [entry()], [], PATH, AT);
    expect(r).toMatchObject({ code: 'EXPERT_NOT_IN_POOL' });
    expect(r!.zh).toMatch(/^experts\.1\.id：专家库外专家（e-9）不在本决策可以使用的决策咨询论证专家库中（hz、zj），测试规则 \(test rules\)要求从专家库中选择论证专家（《山东省重大行政决策程序规定》第四条）$/);
    expect(r!.citations[0]).toMatch(/第二十一条/);
    expect(r!.articles).toEqual([{ source: 'decree-713', article: 21, paragraph: undefined }, { source: 'sd-rules', article: 4 }]);
  });

  it('where on, refuses an expert whose only entry is ended, out of term, disqualified, or of a pool the decision may not use; accepts one in force', () => {
    const refused = (e: ExpertPoolEntryFacts, d: ExpertDisqualificationFacts[] = []) => panelOutsidePool(FROM_POOL, panel({ id: 'e-1', name: '专家甲' }), [e], d, PATH, AT)?.code;
    expect(refused(entry())).toBeUndefined();
    expect(refused(entry({ governmentId: 'hz' }))).toBeUndefined();
    expect(refused(entry({ endedAt: '2027-02-01T00:00:00Z' }))).toBe('EXPERT_NOT_IN_POOL');
    expect(refused(entry({ validTo: '2027-02-01T00:00:00Z' }))).toBe('EXPERT_NOT_IN_POOL');
    expect(refused(entry(), [dq('zj')])).toBe('EXPERT_NOT_IN_POOL');
    expect(refused(entry({ governmentId: 'js' }))).toBe('EXPERT_NOT_IN_POOL');
    // Two entries: one ended, one in force: in the pool.
    expect(panelOutsidePool(FROM_POOL, panel({ id: 'e-1' }), [entry({ endedAt: '2027-02-01T00:00:00Z' }), entry({ id: 'pool-2', governmentId: 'hz' })], [], PATH, AT)).toBeUndefined();
  });

  it('asks nothing of a professional institution (an expert pool holds experts), nor of a malformed panel (the rules refuse its shape)', () => {
    expect(panelOutsidePool(FROM_POOL, panel({ id: 'inst-1', name: '某研究院', institution: true }), [], [], PATH, AT)).toBeUndefined();
    expect(panelOutsidePool(FROM_POOL, 'not a list', [], [], PATH, AT)).toBeUndefined();
    expect(panelOutsidePool(FROM_POOL, panel(null as never, { name: '无编号' }), [], [], PATH, AT)).toBeUndefined();
  });
});
