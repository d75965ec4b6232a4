import { Role, type Actor } from '../procedure/roles';
import { ProcedureViolation } from '../procedure/refusal';
import { assertOffice, officeActsInDecision, type DecisionAuthority, type OfficeHeld } from './offices';
import { pathOf, registeringGovernment, type Organisation } from './organisations';

/** How each role's office relates to a decision, on a small hierarchy: a province, a city, its departments and offices. */
const orgs: Organisation[] = [
  { id: 'p', name: '某省人民政府', kind: 'government', parentId: null, level: 'province' },
  { id: 'c', name: '某市人民政府', kind: 'government', parentId: 'p', level: 'city' },
  { id: 'c-office', name: '某市人民政府办公厅', kind: 'general_office', parentId: 'c' },
  { id: 'c-traffic', name: '某市交通运输局', kind: 'department', parentId: 'c' },
  { id: 'c-traffic-law', name: '某市交通运输局法规处', kind: 'office', parentId: 'c-traffic' },
  { id: 'c-justice', name: '某市司法局', kind: 'legality_review_body', parentId: 'c' },
  { id: 'c-justice-review', name: '某市司法局审查处', kind: 'office', parentId: 'c-justice' },
  { id: 'c-bus', name: '某市公交集团', kind: 'outside_body', parentId: 'c' },
  { id: 'q', name: '另一省人民政府', kind: 'government', parentId: null, level: 'province' },
  { id: 'q-justice', name: '另一省司法厅', kind: 'legality_review_body', parentId: 'q' },
];
const byId = new Map(orgs.map((o) => [o.id, o]));
const authority: DecisionAuthority = { government: 'c', decidingOrgan: 'c', legalityReviewBody: 'c-justice' };
const NOW = Date.parse('2026-06-01T00:00:00Z');
const office = (org: string, term = { validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z' }): OfficeHeld => ({ appointmentId: `ap-${org}`, ...term, path: pathOf(org, byId)! });
const actor = (role: Role, organisation: string): Actor => ({ id: 'x', name: '某人', role, organisation });

function outcome(role: Role, org: string, unit = 'c-traffic', held: OfficeHeld | 'none' = office(org)): string {
  try {
    assertOffice(authority, unit, actor(role, org), held === 'none' ? undefined : held, NOW);
    return 'ok';
  } catch (err) {
    if (err instanceof ProcedureViolation) return `${err.refusal.code} ${err.refusal.citations[0]}`;
    throw err;
  }
}

describe('offices related to the decision', () => {
  it.each([
    [Role.UndertakingUnit, 'c-traffic', 'ok'],
    [Role.UndertakingUnit, 'c-traffic-law', 'ok'],
    [Role.UndertakingUnit, 'c-justice', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第十一条 (Decree No. 713, Art. 11)'],
    [Role.LegalityReviewer, 'c-justice', 'ok'],
    [Role.LegalityReviewer, 'c-justice-review', 'ok'],
    [Role.LegalityReviewer, 'q-justice', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第二十五条 (Decree No. 713, Art. 25)'],
    [Role.LegalityReviewer, 'c-traffic-law', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第二十五条 (Decree No. 713, Art. 25)'],
    [Role.ChiefExecutive, 'c', 'ok'],
    [Role.ChiefExecutive, 'c-office', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第三十条 (Decree No. 713, Art. 30)'],
    [Role.ChiefExecutive, 'p', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第三十条 (Decree No. 713, Art. 30)'],
    [Role.MeetingSecretary, 'c-office', 'ok'],
    [Role.MeetingSecretary, 'c', 'ok'],
    [Role.MeetingSecretary, 'c-traffic', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第三十条 (Decree No. 713, Art. 30)'],
    [Role.ExecutionUnit, 'c-bus', 'ok'],
    [Role.ExecutionUnit, 'q-justice', 'WRONG_OFFICE 《重大行政决策程序暂行条例》第三十四条 (Decree No. 713, Art. 34)'],
  ])('%s in %s: %s', (role, org, expected) => {
    expect(outcome(role, org)).toBe(expected);
  });

  it('separation of duties goes along the hierarchy: the review office of a justice bureau that drafts may not review its draft', () => {
    expect(outcome(Role.LegalityReviewer, 'c-justice-review', 'c-justice')).toMatch(/^SEPARATION_OF_DUTIES .*第二十五条/);
    expect(outcome(Role.LegalAdviser, 'c-traffic-law', 'c-traffic')).toMatch(/^SEPARATION_OF_DUTIES .*第二十八条/);
  });

  it('no office, an office elsewhere than claimed, or one outside its term: NO_OFFICE with the role\'s article', () => {
    expect(outcome(Role.ChiefExecutive, 'c', 'c-traffic', 'none')).toMatch(/^NO_OFFICE .*第三十条/);
    expect(outcome(Role.UndertakingUnit, 'c-traffic', 'c-traffic', office('c-traffic-law'))).toMatch(/^NO_OFFICE .*第十一条/);
    expect(outcome(Role.UndertakingUnit, 'c-traffic', 'c-traffic', office('c-traffic', { validFrom: '2025-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' }))).toMatch(/^NO_OFFICE/);
  });

  it('experts act by the panel, and decisions registered before offices were checked are not checked', () => {
    expect(outcome(Role.Expert, 'anywhere', 'c-traffic', 'none')).toBe('ok');
    expect(() => assertOffice(undefined, 'c-traffic', actor(Role.ChiefExecutive, 'c-traffic'), undefined, NOW)).not.toThrow();
  });

  it('the registering government: the one an organisation belongs to; for a government, the one above; a top government its own', () => {
    expect(registeringGovernment(pathOf('c-traffic-law', byId)!)?.id).toBe('c');
    expect(registeringGovernment(pathOf('c', byId)!)?.id).toBe('p');
    expect(registeringGovernment(pathOf('p', byId)!)?.id).toBe('p');
    expect(pathOf('nowhere', byId)).toBeUndefined();
  });
});

describe('offices named in one decision (the deciding organ\'s acts)', () => {
  const unit = pathOf('c-traffic', byId)!;
  const at = (org: string) => pathOf(org, byId)!;
  const naming = (named: [string, string[]][] = [], organActs = true) => ({ organActs, named: new Map(named) });

  it('an execution unit, an evaluator or a third-party assessor acts in a decision only once named there', () => {
    expect(officeActsInDecision(Role.ExecutionUnit, at('c-bus'), unit, naming())).toBe(false);
    expect(officeActsInDecision(Role.ExecutionUnit, at('c-bus'), unit, naming([['designateExecutionUnit', ['c-bus']]]))).toBe(true);
    expect(officeActsInDecision(Role.ExecutionUnit, at('c-office'), unit, naming([['designateExecutionUnit', ['c-bus']]]))).toBe(false);
    expect(officeActsInDecision(Role.Evaluator, at('c-bus'), unit, naming([['designateExecutionUnit', ['c-bus']]]))).toBe(false);
    expect(officeActsInDecision(Role.Evaluator, at('c-bus'), unit, naming([['commissionEvaluation', ['c-bus']]]))).toBe(true);
    expect(officeActsInDecision(Role.RiskAssessor, at('c-bus'), unit, naming())).toBe(false);
    expect(officeActsInDecision(Role.RiskAssessor, at('c-bus'), unit, naming([['engageRiskAssessor', ['c-bus']]]))).toBe(true);
  });

  it("a government's own assessor is the organiser's, not engaged; and decisions under the rules before the organ's acts name nobody", () => {
    expect(officeActsInDecision(Role.RiskAssessor, at('c-justice'), unit, naming())).toBe(true);
    expect(officeActsInDecision(Role.ExecutionUnit, at('c-bus'), unit, naming([], false))).toBe(true);
    // Naming never stretches an office beyond the decision's government.
    expect(officeActsInDecision(Role.ExecutionUnit, at('q-justice'), unit, naming([['designateExecutionUnit', ['q-justice']]]))).toBe(false);
  });
});
