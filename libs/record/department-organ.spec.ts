import { DAY, discussionMaterials, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import type { Organisation } from '../domain';
import { replayProcedure } from './bundle';
import type { RecordEntry } from './chain';
import { organisationEndorsementMessage } from './endorsement';
import { verifyOffices, type OrganisationInfo } from './offices';
import { generateSigningKey, keyIdOf, signMessage } from './signatures';

/**
 * Issue 12 offline: the verifier replays the API's rule for a department deciding its own matter (Art. 42,
 * checkDecidingOrgan) on the bundle's registered organisations, checks the organ the record keeps against the one the
 * registration signed, and the review body against the department's 法制机构 or the government's; the procedure's replay
 * then holds the department to its own meeting kind (局务会, Arts. 30, 42).
 */
const registrar = generateSigningKey('ed25519');
const keyId = keyIdOf('ed25519', registrar.publicKey);
const registrarKeys = [{ keyId, algorithm: 'ed25519' as const, publicKey: registrar.publicKey, governmentId: 'c' }];
const org = (o: Organisation): OrganisationInfo => ({ ...o, endorsedBy: keyId, endorsement: signMessage('ed25519', registrar.privateKey, organisationEndorsementMessage(o)) });
const organisations = [
  org({ id: 'c', name: '某市人民政府', kind: 'government', parentId: null, level: 'city' }),
  org({ id: 'c-justice', name: '某市司法局', kind: 'legality_review_body', parentId: 'c' }),
  org({ id: 'c-traffic', name: '某市交通运输局', kind: 'department', parentId: 'c' }),
  org({ id: 'c-traffic-fgc', name: '某市交通运输局法规处', kind: 'legality_review_body', parentId: 'c-traffic' }),
  org({ id: 'c-traffic-ysc', name: '某市交通运输局运输处', kind: 'office', parentId: 'c-traffic' }),
  org({ id: 'c-water', name: '某市水务局', kind: 'department', parentId: 'c' }),
  org({ id: 'c-water-fgc', name: '某市水务局法规处', kind: 'legality_review_body', parentId: 'c-water' }),
];

/** The registration entry alone (no office relied on: what is checked here is the decision's authority). */
function registered(payload: Record<string, unknown>, authority: RecordEntry['authority']): RecordEntry[] {
  const entry = { v: 1, decisionId: 'D', seq: 0, action: 'register', phaseAfter: 'drafting', actor: { id: 'u', name: '某人', role: 'undertaking_unit', organisation: String(payload.undertakingDepartment) }, at: '2026-03-02T02:00:00.000Z', payload, documents: [], articles: [], workflowId: 'D', runId: 'r', authority, prevHash: null };
  return [entry as RecordEntry];
}
const verdict = (payload: Record<string, unknown>, authority: RecordEntry['authority']) => verifyOffices(registered(payload, authority), organisations, [], registrarKeys);

describe('the verifier checks a department as its own deciding organ (Art. 42, check "offices")', () => {
  const ofOffice = { undertakingDepartment: 'c-traffic-ysc', decidingOrgan: 'c-traffic' };

  it('a department’s decision, reviewed by its 法制机构 or by the government’s justice department, verifies; a government’s as before', () => {
    expect(verdict(ofOffice, { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-traffic-fgc' })).toMatchObject({ ok: true });
    expect(verdict(ofOffice, { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-justice' })).toMatchObject({ ok: true });
    expect(verdict({ undertakingDepartment: 'c-traffic' }, { government: 'c', decidingOrgan: 'c', legalityReviewBody: 'c-justice' })).toMatchObject({ ok: true });
  });

  it('an organ the signed registration does not name fails: a department slipped into a government’s record, or struck from one', () => {
    const slipped = verdict({ undertakingDepartment: 'c-traffic-ysc' }, { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-justice' });
    expect(slipped).toMatchObject({ ok: false, seq: 0 });
    expect(!slipped.ok && slipped.failure).toContain('decided by c-traffic, but its signed registration names c');
    expect(verdict(ofOffice, { government: 'c', decidingOrgan: 'c', legalityReviewBody: 'c-justice' })).toMatchObject({ ok: false, seq: 0 });
  });

  it('the API’s rule replayed: the department itself as its undertaking unit, or another department as organ, fails citing Art. 42', () => {
    const itself = verdict({ undertakingDepartment: 'c-traffic', decidingOrgan: 'c-traffic' }, { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-traffic-fgc' });
    expect(itself).toMatchObject({ ok: false, seq: 0 });
    expect(!itself.ok && itself.failure).toContain('决策承办单位应当是该部门的内设机构');
    expect(!itself.ok && itself.failure).toContain('第四十二条');
    const other = verdict({ undertakingDepartment: 'c-traffic-ysc', decidingOrgan: 'c-water' }, { government: 'c', decidingOrgan: 'c-water', legalityReviewBody: 'c-water-fgc' });
    expect(!other.ok && other.failure).toContain('决策承办单位某市交通运输局运输处不隶属于c-water');
  });

  it('a review body neither the department’s nor the government’s fails', () => {
    const v = verdict(ofOffice, { government: 'c', decidingOrgan: 'c-traffic', legalityReviewBody: 'c-water-fgc' });
    expect(!v.ok && v.failure).toContain('c-water-fgc is not the legality review body of c or c-traffic');
    // Nor may a government's decision be reviewed by a department's 法制机构.
    const g = verdict({ undertakingDepartment: 'c-traffic' }, { government: 'c', decidingOrgan: 'c', legalityReviewBody: 'c-traffic-fgc' });
    expect(!g.ok && g.failure).toContain('is not the legality review body of c');
  });
});

describe('the verifier holds a department to its 局务会 (Arts. 30, 42, check "procedure")', () => {
  const department = { government: 'hz', decidingOrgan: 'hz-jtj', legalityReviewBody: 'hz-sfj' };
  // The department's officers: its transport office drafts, its 办公室 records, its director decides.
  const ORG_OF: Record<string, string> = { 'hz-jtj': 'hz-jtj-ysc', 'hz-bgt': 'hz-jtj-bgs', hz: 'hz-jtj' };
  const PATHS: Record<string, [string, string][]> = {
    'hz-jtj-ysc': [['hz-jtj-ysc', 'office'], ['hz-jtj', 'department'], ['hz', 'government']],
    'hz-jtj-bgs': [['hz-jtj-bgs', 'general_office'], ['hz-jtj', 'department'], ['hz', 'government']],
    'hz-jtj': [['hz-jtj', 'department'], ['hz', 'government']],
    'hz-sfj': [['hz-sfj', 'legality_review_body'], ['hz', 'government']],
    'hz-bgt-flgws': [['hz-bgt-flgws', 'outside_body'], ['hz', 'government']],
  };
  /**
   * A government's record recast as the department's (as the workflow would have recorded it): the authority kept at
   * registration, each signer in the department's office and relying on it (offices themselves are checked apart).
   */
  const asDepartments = (entries: RecordEntry[], kind: string): RecordEntry[] =>
    entries.map((e) => {
      const organisation = ORG_OF[e.actor.organisation] ?? e.actor.organisation;
      const path = (PATHS[organisation] ?? []).map(([id, k]) => ({ id, name: id, kind: k }));
      const office = { appointmentId: `ap-${e.actor.id}`, validFrom: '2020-01-01T00:00:00.000Z', validTo: '2099-01-01T00:00:00.000Z', path };
      let payload = e.payload as Record<string, unknown>;
      if (e.seq === 0) payload = { ...payload, undertakingDepartment: 'hz-jtj-ysc', decidingOrgan: 'hz-jtj' };
      if (e.action === 'recordDiscussion') payload = { ...payload, meeting: { ...(payload.meeting as object), kind } };
      return { ...e, actor: { ...e.actor, organisation }, payload, office, ...(e.seq === 0 ? { authority: department } : {}) };
    });
  const discussed = () => {
    const r = new Recorder();
    r.do(steps.draft(), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(), steps.legalOpinion());
    r.advance(14 * DAY).do(steps.legalityOpinion('lawful'));
    return r.do(steps.discussion(discussionMaterials(r.state)), steps.decide('adopt')).entries;
  };

  it('minutes of its 局务会 verify; a record forced to a government’s executive or plenary meeting fails, citing Art. 42', () => {
    expect(replayProcedure(asDepartments(discussed(), 'department'))).toMatchObject({ ok: true });
    for (const kind of ['executive', 'plenary']) {
      const forged = asDepartments(discussed(), kind);
      const v = replayProcedure(forged);
      expect(v).toMatchObject({ ok: false, check: 'procedure', seq: forged.findIndex((e) => e.action === 'recordDiscussion') });
      expect(!v.ok && v.failure).toContain('应当经本部门局务会（领导班子会议）讨论');
      expect(!v.ok && v.failure).toContain('Art. 42');
    }
  });

  it('the mayor deciding the department’s own matter fails: its director is the chief executive (Art. 30)', () => {
    const forged = asDepartments(discussed(), 'department').map((e) =>
      e.action === 'decide' ? { ...e, actor: { ...e.actor, organisation: 'hz' }, office: { ...e.office!, path: [{ id: 'hz', name: 'hz', kind: 'government' }] } } : e,
    );
    const v = replayProcedure(forged);
    expect(v).toMatchObject({ ok: false, check: 'procedure', seq: forged.findIndex((e) => e.action === 'decide') });
    expect(!v.ok && v.failure).toContain('不是本决策的决策机关（hz-jtj）');
  });
});
