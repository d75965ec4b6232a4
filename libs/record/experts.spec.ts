import { DAY, steps } from '../../test/support/procedure';
import { Recorder } from '../../test/support/recorder';
import type { RecordEntry } from './chain';
import { VERIFICATION_CHECKS } from './checks';
import { expertDisqualificationMessage } from './endorsement';
import { verifyExpertDisqualifications, type ExpertDisqualificationInfo } from './experts';
import type { OrganisationInfo, RegistrarKeyInfo } from './offices';
import { generateSigningKey, keyIdOf, signMessage } from './signatures';

/**
 * Art. 41 offline (check 'experts'): the bundle carries the disqualifications entered for the experts its panels name,
 * each signed by the registrar of the government whose pool it concerns; the verifier replays the API's rule on them, so
 * a panel that named an expert disqualified then, for the decision's pool or one above it, fails, naming the article.
 */

const registrar = (governmentId: string) => {
  const key = generateSigningKey('ed25519');
  const info: RegistrarKeyInfo = { keyId: keyIdOf('ed25519', key.publicKey), algorithm: 'ed25519', publicKey: key.publicKey, governmentId };
  return { info, privateKey: key.privateKey };
};
const ZJ = registrar('zj');
const JS = registrar('js');
const TRUSTED = [ZJ.info, JS.info];

/** A decision whose panel names 专家甲 (e-1) and 专家乙 (e-2), an hour after 2026-03-02 10:00. */
function withPanel(): { entries: RecordEntry[]; panelAt: number; panelSeq: number } {
  const r = new Recorder().do(steps.draft(), steps.applicability({ pp: false, risk: false }), steps.panel());
  const panel = r.entries.find((e) => e.action === 'appointExpertPanel')!;
  return { entries: r.entries, panelAt: Date.parse(panel.at), panelSeq: panel.seq };
}

function disqualified(by: ReturnType<typeof registrar>, d: { expertId: string; governmentId: string; validFrom: number; registeredAt: number; validTo?: number }): ExpertDisqualificationInfo {
  const record = {
    id: `dq-${d.expertId}-${d.governmentId}-${d.validFrom}`,
    expertId: d.expertId,
    expertName: d.expertId === 'e-1' ? '专家甲' : '专家乙',
    governmentId: d.governmentId,
    reason: '论证中弄虚作假，造成严重后果',
    basisHash: null,
    validFrom: new Date(d.validFrom).toISOString(),
    validTo: d.validTo === undefined ? null : new Date(d.validTo).toISOString(),
  };
  return { ...record, registeredAt: new Date(d.registeredAt).toISOString(), endorsedBy: by.info.keyId, endorsement: signMessage('ed25519', by.privateKey, expertDisqualificationMessage(record)) };
}

/** The record as of a decision of 杭州 (under 浙江), with the organisations that place it; 江苏 beside it. */
const ofHangzhou = (entries: RecordEntry[]): RecordEntry[] => [{ ...entries[0], authority: { government: 'hz', decidingOrgan: 'hz', legalityReviewBody: 'hz-sfj' } }, ...entries.slice(1)];
const org = (id: string, name: string, kind: OrganisationInfo['kind'], parentId: string | null): OrganisationInfo => ({ id, name, kind, parentId, endorsedBy: 'k', endorsement: 'e' });
const ORGS = [org('zj', '浙江省人民政府', 'government', null), org('hz', '杭州市人民政府', 'government', 'zj'), org('js', '江苏省人民政府', 'government', null)];

describe('the verifier checks the panels against the disqualifications of Art. 41 (check "experts")', () => {
  it('is one of the checks the inspector sees, right after the procedure', () => {
    const ids = VERIFICATION_CHECKS.map((c) => c.id);
    expect(ids.indexOf('experts')).toBe(ids.indexOf('procedure') + 1);
  });

  it('a panel of experts not disqualified then verifies: none at all, one from after it, one entered only after it though dated before', () => {
    const { entries, panelAt } = withPanel();
    expect(verifyExpertDisqualifications(entries, [], ORGS, TRUSTED)).toEqual({ ok: true });
    expect(verifyExpertDisqualifications(entries, undefined, ORGS, TRUSTED)).toEqual({ ok: true }); // a bundle from before: nothing to check against
    const later = disqualified(ZJ, { expertId: 'e-1', governmentId: 'zj', validFrom: panelAt + DAY, registeredAt: panelAt + DAY });
    const backdated = disqualified(ZJ, { expertId: 'e-1', governmentId: 'zj', validFrom: panelAt - DAY, registeredAt: panelAt + 60_000 });
    const expired = disqualified(ZJ, { expertId: 'e-2', governmentId: 'zj', validFrom: panelAt - 30 * DAY, validTo: panelAt - DAY, registeredAt: panelAt - 30 * DAY });
    expect(verifyExpertDisqualifications(entries, [later, backdated, expired], ORGS, TRUSTED)).toEqual({ ok: true });
  });

  it('a panel naming an expert disqualified then fails at the panel’s entry, Chinese first, citing 第四十一条', () => {
    const { entries, panelAt, panelSeq } = withPanel();
    const before = disqualified(ZJ, { expertId: 'e-2', governmentId: 'zj', validFrom: panelAt - DAY, registeredAt: panelAt - DAY });
    const verdict = verifyExpertDisqualifications(ofHangzhou(entries), [before], ORGS, TRUSTED);
    expect(verdict).toMatchObject({ ok: false, seq: panelSeq });
    expect(!verdict.ok && verdict.failure).toMatch(/experts\.1\.id：专家专家乙（e-2）已被浙江省人民政府（zj）取消评估资格/);
    expect(!verdict.ok && verdict.failure).toContain('第四十一条');
  });

  it('another province’s pool does not bind the city’s decision; a decision that knows no government is bound by every pool’s', () => {
    const { entries, panelAt, panelSeq } = withPanel();
    const jiangsu = disqualified(JS, { expertId: 'e-1', governmentId: 'js', validFrom: panelAt - DAY, registeredAt: panelAt - DAY });
    expect(verifyExpertDisqualifications(ofHangzhou(entries), [jiangsu], ORGS, TRUSTED)).toEqual({ ok: true });
    expect(verifyExpertDisqualifications(entries, [jiangsu], ORGS, TRUSTED)).toMatchObject({ ok: false, seq: panelSeq });
  });

  it('a disqualification not signed by a trusted registrar of its government fails, whatever it says', () => {
    const { entries, panelAt } = withPanel();
    const byJiangsu = disqualified(JS, { expertId: 'e-1', governmentId: 'zj', validFrom: panelAt + DAY, registeredAt: panelAt + DAY });
    expect(verifyExpertDisqualifications(entries, [byJiangsu], ORGS, TRUSTED)).toMatchObject({ ok: false, failure: expect.stringContaining('not entered by a trusted registrar of zj') });
    const altered = { ...disqualified(ZJ, { expertId: 'e-1', governmentId: 'zj', validFrom: panelAt + DAY, registeredAt: panelAt + DAY }), reason: '另一理由' };
    expect(verifyExpertDisqualifications(entries, [altered], ORGS, TRUSTED)).toMatchObject({ ok: false });
    expect(verifyExpertDisqualifications(entries, [byJiangsu], ORGS, [])).toMatchObject({ ok: false });
  });
});
