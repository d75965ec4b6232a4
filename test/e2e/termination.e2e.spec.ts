import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Command, PublishedDecisionView } from '../../libs/domain';
import { PERSON } from '../support/auth';
import { actors, h, steps } from '../support/procedure';
import { signedRegistration } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * Art. 37 over HTTP: a decision in force is stopped only by the procedure, and the decision to stop it is issued as any
 * decision is (Arts. 31–33): reported to the Party committee, published and archived; the portal says at each point
 * where the published decision stands (fresh-eyes tester: a terminated decision skipped all three, and the portal went
 * on listing it, unmarked, as published).
 */
describe('Art. 37: a termination is reported, published and archived, and the portal says the decision no longer stands', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const anyone = () => request(system.api.getHttpServer());

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-TERM', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);
  afterAll(() => system?.close());

  /** A withheld matter's publication after all, on its basis for disclosure (Arts. 14, 32), of the text adopted. */
  const publish = (documentHash: string): Command => ({ ...steps.publish(), payload: { channels: ['市政府网站'], documentHash, disclosureBasis: '经定密机关审查，已解密' } }) as Command;
  /** A pass through the procedure, from the draft to the report to the Party committee, as quickly as the rules allow. */
  const pass = async (d: ReturnType<typeof system.stepsOn>, v: number) => {
    await d.ok(steps.draft(v), steps.applicability({ pp: false, expert: false, risk: false }), steps.submitReview(v), steps.legalOpinion(), steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查' }));
    // The minutes are dated when they are made: after the opinion (Arts. 25, 30).
    await d.ok(steps.discussion({ draftHash: h(`draft-${v}`), legalityOpinionHash: h('legality-lawful') }), steps.decide(), steps.partyReport(v));
  };

  it('in force, being adjusted, then stopped; the termination’s own text is what the portal shows; the procedure ends at its archiving', async () => {
    const id = `TERM-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整公交票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-TERM', legalBasis: ['《价格法》'] };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await system.keyOf(actors.unit.id))).expect(201);
    const d = system.stepsOn(id);
    const portal = async () => (await anyone().get(`/published-decisions/${id}`).expect(200)).body as PublishedDecisionView;

    await pass(d, 1);
    await d.ok(publish(h('draft-1')), steps.archive());
    expect(await portal()).toMatchObject({ standing: 'in_force', documentHash: h('draft-1') });

    await d.ok(steps.adjust('terminate', '上位法修改，本决策停止执行'));
    expect(await portal()).toMatchObject({ standing: 'adjusting', documentHash: h('draft-1') });

    await pass(d, 2);
    const state = async () => (await system.as(PERSON).get(`/decisions/${id}`).expect(200)).body.state as { phase: string; closedReason?: string };
    expect(await state()).toMatchObject({ phase: 'decided' });
    // The decision stopped is no longer executed, and the refusal says so.
    const report = await d.send(steps.commission());
    expect([report.status, report.body.code, report.body.message]).toEqual([422, 'WRONG_STAGE', expect.stringMatching(/^决策机关已决定停止执行本决策/)]);

    await d.ok(publish(h('draft-2')));
    expect(await portal()).toMatchObject({ standing: 'terminated', documentHash: h('draft-2') });
    await d.ok(steps.archive());
    expect(await state()).toMatchObject({ phase: 'closed', closedReason: 'terminated' });
    const list = (await anyone().get('/published-decisions').expect(200)).body as PublishedDecisionView[];
    expect(list.find((p) => p.decisionId === id)).toMatchObject({ standing: 'terminated' });
    // Just closed: the last run's history is archived by the workers' pass; until then the verification says it is
    // pending (503, Retry-After), never that the record failed.
    for (const started = Date.now(); ; ) {
      const v = await system.as(PERSON).get(`/decisions/${id}/verify`);
      if (v.status === 200) {
        expect(v.body).toMatchObject({ ok: true });
        break;
      }
      expect([v.status, v.body.pending, v.headers['retry-after']]).toEqual([503, 'archive', expect.stringMatching(/^\d+$/)]);
      expect(Date.now() - started).toBeLessThan(30_000);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);
});
