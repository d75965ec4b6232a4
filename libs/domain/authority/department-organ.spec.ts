import { Role, type Actor } from '../procedure/roles';
import { ProcedureViolation } from '../procedure/refusal';
import { checkDecidingOrgan, coUnitProblem, registrationPayload, type DecisionRegistration } from '../registration';
import { assertOffice, officeActsIn, officeActsInDecision, officeMayActForUnit, type DecisionAuthority, type OfficeHeld } from './offices';
import { pathOf, type Organisation } from './organisations';

/**
 * Issue 12, Art. 42: a department of a county-level-or-above government deciding its own major matter is the deciding
 * organ. Its head acts as the chief executive (Art. 30), its 办公室 (a general_office under it) as the general office,
 * its 法制机构 (a legality_review_body under it) or, where it has none, the government's justice department reviews
 * legality (Art. 25: the decree names only 负责合法性审查的部门), and its internal office undertakes the draft (Art. 11).
 */
const orgs: Organisation[] = [
  { id: 'c', name: '某市人民政府', kind: 'government', parentId: null, level: 'city' },
  { id: 'c-office', name: '某市人民政府办公厅', kind: 'general_office', parentId: 'c' },
  { id: 'c-justice', name: '某市司法局', kind: 'legality_review_body', parentId: 'c' },
  { id: 'c-justice-lfc', name: '某市司法局立法处', kind: 'office', parentId: 'c-justice' },
  { id: 'c-justice-hfc', name: '某市司法局合法性审查处', kind: 'office', parentId: 'c-justice' },
  { id: 'c-traffic', name: '某市交通运输局', kind: 'department', parentId: 'c' },
  { id: 'c-traffic-bgs', name: '某市交通运输局办公室', kind: 'general_office', parentId: 'c-traffic' },
  { id: 'c-traffic-fgc', name: '某市交通运输局法规处', kind: 'legality_review_body', parentId: 'c-traffic' },
  { id: 'c-traffic-ysc', name: '某市交通运输局运输处', kind: 'office', parentId: 'c-traffic' },
  { id: 'c-traffic-bgs-ms', name: '某市交通运输局办公室秘书科', kind: 'office', parentId: 'c-traffic-bgs' },
  { id: 'c-traffic-fgc-1', name: '某市交通运输局法规处一科', kind: 'office', parentId: 'c-traffic-fgc' },
  { id: 'c-traffic-ysc-1', name: '某市交通运输局运输处一科', kind: 'office', parentId: 'c-traffic-ysc' },
  { id: 'c-water', name: '某市水务局', kind: 'department', parentId: 'c' },
  { id: 'c-water-bgs', name: '某市水务局办公室', kind: 'general_office', parentId: 'c-water' },
  { id: 'c-water-gcc', name: '某市水务局工程处', kind: 'office', parentId: 'c-water' },
  { id: 't', name: '某镇人民政府', kind: 'government', parentId: 'c', level: 'township' },
  { id: 't-dept', name: '某镇经济发展办公室', kind: 'department', parentId: 't' },
  { id: 't-dept-1', name: '某镇经济发展办公室一组', kind: 'office', parentId: 't-dept' },
];
const byId = new Map(orgs.map((o) => [o.id, o]));
const at = (id: string) => pathOf(id, byId)!;
const UNIT = 'c-traffic-ysc';
const ownBody: DecisionAuthority = { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-traffic-fgc' };
const governmentsBody: DecisionAuthority = { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-justice' };
const NOW = Date.parse('2026-06-01T00:00:00Z');
const office = (org: string): OfficeHeld => ({ appointmentId: `ap-${org}`, validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z', path: at(org) });

function outcome(role: Role, org: string, authority = ownBody): string {
  const actor: Actor = { id: 'x', name: '某人', role, organisation: org };
  try {
    assertOffice(authority, UNIT, actor, office(org), NOW, 'recordDiscussion');
    return 'ok';
  } catch (err) {
    if (err instanceof ProcedureViolation) return `${err.refusal.code} ${err.refusal.message}`;
    throw err;
  }
}

describe('Art. 42: who may register a department as its own deciding organ (checkDecidingOrgan)', () => {
  it('an internal office of the department undertakes it (an office under that office too); the government and no organ named decide as before', () => {
    expect(checkDecidingOrgan(at(UNIT), 'c-traffic', 'city')).toBeUndefined();
    expect(checkDecidingOrgan(at('c-traffic-ysc-1'), 'c-traffic', 'city')).toBeUndefined();
    expect(checkDecidingOrgan(at('c-traffic'), undefined, 'city')).toBeUndefined();
    expect(checkDecidingOrgan(at('c-traffic'), 'c', 'city')).toBeUndefined();
  });

  it('the department itself cannot undertake its own decision: its head decides and its office records (Arts. 11, 42)', () => {
    const r = checkDecidingOrgan(at('c-traffic'), 'c-traffic', 'city')!;
    expect(r.code).toBe('WRONG_OFFICE');
    expect(r.message).toMatch(/^undertakingDepartment：部门（某市交通运输局）作为决策机关的，决策承办单位应当是该部门的内设机构/);
    expect(r.citations.join()).toMatch(/第四十二条.*第十一条/);
    // Nor its 办公室 nor its 法制机构, which act for the organ.
    expect(checkDecidingOrgan(at('c-traffic-bgs'), 'c-traffic', 'city')?.code).toBe('WRONG_OFFICE');
    expect(checkDecidingOrgan(at('c-traffic-fgc'), 'c-traffic', 'city')?.code).toBe('WRONG_OFFICE');
    // … nor an office under either: the 法制机构's own section would draft what the 法制机构 then reviews.
    const underReview = checkDecidingOrgan(at('c-traffic-fgc-1'), 'c-traffic', 'city')!;
    expect([underReview.code, underReview.message]).toEqual(['WRONG_OFFICE', expect.stringMatching(/^undertakingDepartment：某市交通运输局法规处一科隶属于某市交通运输局法规处；/)]);
    expect(underReview.citations.join()).toMatch(/第四十二条.*第十一条.*第二十五条/);
    expect(checkDecidingOrgan(at('c-traffic-bgs-ms'), 'c-traffic', 'city')?.code).toBe('WRONG_OFFICE');
  });

  it('the organ named must be the department the undertaking unit belongs to, a department of its government', () => {
    for (const [unit, organ] of [
      [UNIT, 'c-traffic-ysc'], // the unit itself, an office
      ['c-traffic-ysc-1', 'c-traffic-ysc'], // an office above the unit, not a department
      ['c-traffic-fgc-1', 'c-traffic-fgc'], // a department's 法制机构: not a department of the government
    ]) {
      const r = checkDecidingOrgan(at(unit), organ, 'city')!;
      expect(r.code).toBe('WRONG_OFFICE');
      expect(r.message).toMatch(new RegExp(`^decidingOrgan：${organ}不是决策承办单位.*所属的某市人民政府的工作部门`));
      expect(r.citations[0]).toMatch(/第四十二条/);
    }
    // An organ the unit does not belong to (another department, the justice bureau, none at all): said so.
    for (const organ of ['c-water', 'c-justice', 'nowhere']) {
      const r = checkDecidingOrgan(at(UNIT), organ, 'city')!;
      expect([r.code, r.message]).toEqual(['WRONG_OFFICE', expect.stringMatching(new RegExp(`^decidingOrgan：决策承办单位某市交通运输局运输处不隶属于${organ}；部门作为决策机关的，决策承办单位应当是该部门的内设机构`))]);
    }
  });

  it('the justice bureau, the government’s review body, is one of its departments: it decides its own matters too, one of its offices undertaking', () => {
    expect(checkDecidingOrgan(at('c-justice-lfc'), 'c-justice', 'city')).toBeUndefined();
    expect(checkDecidingOrgan(at('c-justice'), 'c-justice', 'city')?.code).toBe('WRONG_OFFICE');
    // Reviewed by the bureau (it has no 法制机构 registered under it), by an office outside the one that drafts.
    const own: DecisionAuthority = { government: 'c', decidingOrgan: 'c-justice', legalityReviewBody: 'c-justice' };
    const acting = (role: Role, org: string) => {
      try {
        assertOffice(own, 'c-justice-lfc', { id: 'x', name: '某人', role, organisation: org }, office(org), NOW, 'recordDiscussion');
        return 'ok';
      } catch (err) {
        if (err instanceof ProcedureViolation) return err.refusal.code;
        throw err;
      }
    };
    expect([acting(Role.ChiefExecutive, 'c-justice'), acting(Role.ChiefExecutive, 'c'), acting(Role.LegalityReviewer, 'c-justice-hfc'), acting(Role.LegalityReviewer, 'c-justice-lfc')]).toEqual(['ok', 'WRONG_OFFICE', 'ok', 'SEPARATION_OF_DUTIES']);
    // 我的待办 finds the bureau's head for the decisions its office undertakes.
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c-justice'), at('c-justice-lfc'))).toBe(true);
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c-water'), at('c-justice-lfc'))).toBe(false);
  });

  it('a unit the department names to share the drafting is one of its internal offices, as the lead unit is (Arts. 11, 42)', () => {
    expect(coUnitProblem(at('c-traffic-ysc-1'), ownBody, 'coUnits.0')).toBeUndefined();
    for (const org of ['c-traffic-fgc-1', 'c-traffic', 'c-water-gcc', 'c-justice-lfc']) {
      const r = coUnitProblem(at(org), ownBody, 'coUnits.0')!;
      expect([org, r.code, r.message]).toEqual([org, 'WRONG_OFFICE', expect.stringMatching(/^coUnits\.0：部门（c-traffic）作为决策机关的，共同承办的单位应当是该部门的内设机构/)]);
    }
    // In the government's own decision, one that could undertake it: a department, not the justice bureau as a whole.
    const government: DecisionAuthority = { government: 'c', decidingOrgan: 'c', legalityReviewBody: 'c-justice' };
    expect(coUnitProblem(at('c-water'), government, 'coUnits.0')).toBeUndefined();
    expect(coUnitProblem(at('c-justice-lfc'), government, 'coUnits.0')).toBeUndefined();
    expect(coUnitProblem(at('c-justice'), government, 'coUnits.0')?.citations.join()).toMatch(/第二十五条/);
    expect(coUnitProblem(at('t-dept'), government, 'coUnits.0')?.message).toMatch(/^coUnits\.0：某镇经济发展办公室不属于本决策的决策机关所在的政府（c）/);
  });

  it('Art. 42 speaks of the departments of governments at county level or above: a township government decides as itself', () => {
    const r = checkDecidingOrgan(at('t-dept-1'), 't-dept', 'township')!;
    expect(r.code).toBe('WRONG_OFFICE');
    expect(r.message).toMatch(/^decidingOrgan：某镇人民政府是乡级人民政府.*限于县级以上人民政府部门/);
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatch(/第四十二条/);
  });

  it('the registration signs the organ it names, and only a registration naming one carries it', () => {
    const base: DecisionRegistration = { id: 'D-1', title: 't', undertakingDepartment: UNIT, catalogRef: 'r', legalBasis: ['b'], profile: 'national' };
    expect(registrationPayload(base)).not.toHaveProperty('decidingOrgan');
    expect(registrationPayload({ ...base, decidingOrgan: undefined })).not.toHaveProperty('decidingOrgan');
    expect(registrationPayload({ ...base, decidingOrgan: 'c-traffic' })).toMatchObject({ decidingOrgan: 'c-traffic' });
  });
});

describe('Arts. 25, 30, 42: the department’s officers act as the organ', () => {
  it.each([
    // Its head in place of the chief executive (Art. 30); the mayor does not decide the department's own matter.
    [Role.ChiefExecutive, 'c-traffic', 'ok'],
    [Role.ChiefExecutive, 'c', 'WRONG_OFFICE 某市人民政府不是本决策的决策机关（c-traffic）'],
    [Role.ChiefExecutive, 'c-water', 'WRONG_OFFICE 某市水务局不是本决策的决策机关（c-traffic）'],
    // Its office (办公室) in place of the general office, for the minutes and the publication (Arts. 30, 32).
    [Role.MeetingSecretary, 'c-traffic-bgs', 'ok'],
    [Role.MeetingSecretary, 'c-traffic', 'ok'],
    [Role.MeetingSecretary, 'c-office', 'WRONG_OFFICE 集体讨论应当由决策机关（c-traffic）或者其办公厅（室）记录'],
    [Role.MeetingSecretary, 'c-water-bgs', 'WRONG_OFFICE 集体讨论应当由决策机关（c-traffic）或者其办公厅（室）记录'],
    // The review body fixed at registration: its own 法制机构 here, not the government's justice department.
    [Role.LegalityReviewer, 'c-traffic-fgc', 'ok'],
    [Role.LegalityReviewer, 'c-justice', 'WRONG_OFFICE 部门作为决策机关的，合法性审查由本决策登记时确定的负责合法性审查的部门（c-traffic-fgc）办理，某市司法局不是'],
    // The undertaking unit drafts; the office above it does not.
    [Role.UndertakingUnit, 'c-traffic-ysc-1', 'ok'],
    [Role.UndertakingUnit, 'c-traffic', 'WRONG_OFFICE 某市交通运输局不是本决策的决策承办单位（c-traffic-ysc）或者其内设机构'],
  ])('%s in %s: %s', (role, org, expected) => {
    expect(outcome(role, org)).toMatch(new RegExp(`^${expected.replace(/[()（）]/g, '\\$&')}`));
  });

  it('a department without a 法制机构 of its own is reviewed by the government’s justice department fixed at registration', () => {
    expect(outcome(Role.LegalityReviewer, 'c-justice', governmentsBody)).toBe('ok');
    expect(outcome(Role.LegalityReviewer, 'c-traffic-fgc', governmentsBody)).toMatch(/^WRONG_OFFICE 部门作为决策机关的.*（c-justice）办理/);
  });

  it('the organ’s officers are refused inside the undertaking unit (separation of duties along the hierarchy)', () => {
    const inUnit: Actor = { id: 'x', name: '某人', role: Role.MeetingSecretary, organisation: 'c-traffic-ysc-1' };
    expect(() => assertOffice({ ...ownBody, decidingOrgan: 'c-traffic' }, UNIT, inUnit, office('c-traffic-ysc-1'), NOW)).toThrow(ProcedureViolation);
  });
});

describe('Art. 42: which offices act in the department’s decision (我的待办, notifications, steps over HTTP)', () => {
  const unit = at(UNIT);
  const naming = (authority?: DecisionAuthority) => ({ organActs: true, named: new Map<string, string[]>(), authority });

  it('its head, its office and its review body act; the mayor, the government’s general office and another review body do not', () => {
    expect(officeActsInDecision(Role.ChiefExecutive, at('c-traffic'), unit, naming(ownBody))).toBe(true);
    expect(officeActsInDecision(Role.ChiefExecutive, at('c'), unit, naming(ownBody))).toBe(false);
    expect(officeActsInDecision(Role.MeetingSecretary, at('c-traffic-bgs'), unit, naming(ownBody))).toBe(true);
    expect(officeActsInDecision(Role.MeetingSecretary, at('c-office'), unit, naming(ownBody))).toBe(false);
    expect(officeActsInDecision(Role.LegalityReviewer, at('c-traffic-fgc'), unit, naming(ownBody))).toBe(true);
    expect(officeActsInDecision(Role.LegalityReviewer, at('c-justice'), unit, naming(ownBody))).toBe(false);
    expect(officeActsInDecision(Role.LegalityReviewer, at('c-justice'), unit, naming(governmentsBody))).toBe(true);
    expect(officeActsInDecision(Role.UndertakingUnit, at(UNIT), unit, naming(ownBody))).toBe(true);
  });

  it('a government’s decision is as before: the mayor and the general office act, the department’s head and office do not', () => {
    const government: DecisionAuthority = { government: 'c', decidingOrgan: 'c', legalityReviewBody: 'c-justice' };
    const traffic = at('c-traffic');
    for (const authority of [government, undefined]) {
      expect(officeActsIn(Role.ChiefExecutive, at('c'), traffic, authority)).toBe(true);
      expect(officeActsIn(Role.MeetingSecretary, at('c-office'), traffic, authority)).toBe(true);
      expect(officeActsIn(Role.ChiefExecutive, at('c-water'), traffic, authority)).toBe(false);
      expect(officeActsIn(Role.MeetingSecretary, at('c-water-bgs'), traffic, authority)).toBe(false);
    }
  });

  it('before a decision is read, the department’s organ may act for its offices’ decisions, and only for its own offices', () => {
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c-traffic'), unit)).toBe(true);
    expect(officeMayActForUnit(Role.MeetingSecretary, at('c-traffic-bgs'), unit)).toBe(true);
    expect(officeMayActForUnit(Role.LegalityReviewer, at('c-traffic-fgc'), unit)).toBe(true);
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c'), unit)).toBe(true); // the government's, as before
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c-water'), unit)).toBe(false);
    expect(officeMayActForUnit(Role.MeetingSecretary, at('c-water-bgs'), unit)).toBe(false);
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c-water'), at('c-water-gcc'))).toBe(true);
    expect(officeMayActForUnit(Role.ChiefExecutive, at('c-traffic'), at('c-water-gcc'))).toBe(false);
  });
});
