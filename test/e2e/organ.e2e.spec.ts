import { randomUUID } from 'node:crypto';
import type { Actor, Command } from '../../libs/domain';
import { PERSON } from '../support/auth';
import { appoint } from '../support/government';
import { actors, cmd, discussionMaterials, h, steps } from '../support/procedure';
import { signedRegistration, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/**
 * The deciding organ acts as itself (Arts. 10, 11, 23, 24, 31, 32, 34, 36, 37), over HTTP, with real offices: the mayor
 * decides to start the procedure, reports to the Party committee whose reply the general office records, the general
 * office publishes and supervises the execution, and the undertaking unit is refused each of these; the undertaking unit
 * engages the third-party assessor, the mayor of 杭州市人民政府 judges the risk, designates the execution unit and
 * commissions the evaluation; officials of organisations the organ did not designate, commission or engage hold
 * standing appointments in the same government and are refused all the same (422, NOT_DESIGNATED, naming the one
 * designated), and nothing of theirs enters the record, which verifies.
 */
describe('the deciding organ designates, engages and judges; others are refused', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  const as = (sub: string) => system.as(sub);
  /** An execution unit of the same government (杭州市财政局) and an assessor of another outside body (杭州某第三方评估公司), neither designated. */
  const otherExecutor: Actor = { id: 'x-czj', name: '财政执行员', role: 'execution_unit', organisation: 'hz-czj' };
  const otherAssessor: Actor = { id: 'r-dsf', name: '第三方评估员', role: 'risk_assessor', organisation: 'hz-dsfpg' };

  const keyOf = (a: Actor): Promise<TestKey> => system.keyOf(a.id);

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    await appoint(system.api, system.registrar, otherExecutor);
    await appoint(system.api, system.registrar, otherAssessor);
    await as(PERSON).post('/catalog-items').send({ ref: 'C-ORGAN', year: 2026, title: '票价', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
    await as(PERSON).post('/catalog-items').send({ ref: 'C-ORGAN-OTHER', year: 2026, title: '停车收费', organ: '杭州市人民政府', partyConsentRef: '市委同意' }).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it('takes a decision to execution and evaluation through the organ’s own acts, refusing those it did not designate', async () => {
    const id = `ORGAN-${randomUUID().slice(0, 8)}`;
    const fields = { id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-ORGAN', legalBasis: ['《价格法》'] };
    await as(actors.unit.id).post('/decisions').send(signedRegistration(fields, actors.unit, await keyOf(actors.unit))).expect(201);
    const { send, ok, refused } = system.stepsOn(id);
    // An office its role would name in this decision, not (yet) named there: the decision does not exist for it (404, as
    // for none, nothing recorded); the rules' refusal with its article is proven where it reaches them
    // (libs/domain/procedure/organ.spec.ts, and the offline replay in libs/record/organ.spec.ts).
    const unseen = async (c: Command) => {
      const res = await send(c);
      expect([c.action, c.actor.id, res.status]).toEqual([c.action, c.actor.id, 404]);
      expect(res.body.message).toMatch(/没有编号为/);
    };

    // Arts. 10, 11: the organ's decision to start, the mayor's; the unit designated must be the one that registered.
    await refused({ ...steps.start(), actor: actors.unit }, 'WRONG_ROLE', '第十条');
    expect(await refused(steps.start({ coUnits: ['hz-nowhere'] }), 'INVALID_PAYLOAD', '第十一条')).toMatch(/^coUnits\.0：没有编号为 hz-nowhere 的已登记机构/);
    await refused(steps.start({ undertakingUnit: 'hz-czj' }), 'INVALID_PAYLOAD', '第十一条');
    // A unit sharing the work could undertake it itself (Art. 11): not the justice bureau that will review it (Art. 25),
    // nor the government itself, nor another government's department.
    expect(await refused(steps.start({ coUnits: ['hz-sfj'] }), 'WRONG_OFFICE', '第二十五条')).toMatch(/^coUnits\.0：杭州市司法局是本级政府负责合法性审查的部门/);
    expect(await refused(steps.start({ coUnits: ['hz-jyj', 'hz'] }), 'WRONG_OFFICE', '第十一条')).toMatch(/^coUnits\.1：杭州市人民政府不能作为决策承办单位/);
    expect(await refused(steps.start({ coUnits: ['js-jtt'] }), 'WRONG_OFFICE', '第十一条')).toMatch(/^coUnits\.0：江苏省交通运输厅不属于本决策的决策机关所在的政府（杭州市人民政府，hz）/);
    // Arts. 3, 10: a start on a proposal from the catalog names an item of the organ's published catalog.
    const fromCatalog = (catalogRef: string) => steps.start({ proposal: { source: 'catalog', proposer: '杭州市人民政府', catalogRef } });
    expect(await refused(fromCatalog('C-NOWHERE'), 'PREREQUISITE_MISSING', '第三条')).toMatch(/^proposal\.catalogRef：决策事项目录中没有 C-NOWHERE/);
    // ... and that item is the one the decision was registered under: another of the same catalog starts another matter.
    expect(await refused(fromCatalog('C-ORGAN-OTHER'), 'INVALID_PAYLOAD', '第三条第三款')).toMatch(/^proposal\.catalogRef：本决策按目录事项 C-ORGAN 登记/);
    // The education bureau shares the work (its officials read the decision, test/e2e/scope.e2e.spec.ts); the finance bureau, whose
    // execution official is refused below, is not named at all.
    await ok(steps.start({ coUnits: ['hz-jyj'] }));

    // Art. 23 para. 3: a third party's assessment only from the organisation engaged.
    await ok(steps.draft(), steps.applicability({ pp: false, expert: false }));
    await unseen(steps.risk()); // the centre, before it is engaged
    await ok(steps.engage());
    await unseen({ ...steps.risk(), actor: otherAssessor }); // a third party not engaged
    // An outside body's assessment is a third party's, whatever it calls itself.
    await refused({ ...steps.risk(), payload: { ...steps.risk().payload, thirdParty: false } } as Command, 'NOT_DESIGNATED', '第二十三条第三款');
    await ok(steps.risk(), steps.submitReview(), steps.legalOpinion(), steps.legalityOpinion('lawful', { earlyReason: '材料齐全，提前完成审查' }));

    // Art. 24: the organ, by its chief executive, judges the risk before it adopts the draft.
    const state = (await as(actors.unit.id).get(`/decisions/${id}`).expect(200)).body;
    expect(JSON.stringify(state)).toContain('"phase":"discussion"');
    const materials = { ...discussionMaterials({ drafts: [{ documentHash: h('draft-1') }], legality: { opinion: { opinionHash: h('legality-lawful') } } } as never), riskReportHash: h('risk-1-true') };
    await ok(steps.discussion(materials));
    await refused(steps.decide(), 'PREREQUISITE_MISSING', '第二十四条');
    await refused({ ...steps.judgeRisk(), actor: actors.unit }, 'WRONG_ROLE', '第二十四条');
    await ok(steps.judgeRisk(), steps.decide());
    // Art. 31: the organ reports to the Party committee and records its reply; objections hold the publication.
    await refused({ ...steps.partyReport(), actor: actors.unit }, 'WRONG_ROLE', '第三十一条');
    await ok(steps.partyReport(), steps.partyReply('objections'));
    await refused(steps.publish(), 'PREREQUISITE_MISSING', '第三十一条');
    await ok(steps.partyReport(2), steps.partyReply('agreed'));
    // Art. 32: the organ publishes (its general office), not the undertaking unit.
    await refused(steps.publish(undefined, actors.unit), 'WRONG_ROLE', '第三十二条');
    await ok(steps.withhold(), steps.archive());

    // Art. 34: execution reports from the unit the organ designated, once it has.
    const report = (a: Actor) => cmd('submitExecutionReport', a, { reportHash: h(`exec-${a.id}`), problem: false });
    await unseen(report(actors.executor)); // the bus group, before the organ designates it
    await as(actors.executor.id).get(`/decisions/${id}`).expect(404);
    // Nor does 我的待办 tell it how many decisions the city has open (fresh-eyes tester: "decisions": 4), by its count or
    // by its pages (retest: nextPage ran 2, 3, 4 at one a page): another decision open beside this one.
    await as(actors.unit.id).post('/decisions').send(signedRegistration({ ...fields, id: `${id}-2` }, actors.unit, await keyOf(actors.unit))).expect(201);
    expect((await as(actors.executor.id).get('/tasks?pageSize=1').expect(200)).body).toMatchObject({ items: [], decisions: 0, nextPage: null });
    await refused({ ...steps.designate(), actor: actors.unit }, 'WRONG_ROLE', '第三十四条');
    // The organisation designated is one the registrars entered.
    expect(await refused(steps.designate(['hz-gjjt', 'hz-nowhere']), 'INVALID_PAYLOAD', '第三十四条')).toMatch(/^organisations\.1：没有编号为 hz-nowhere 的已登记机构/);
    // And one of the organ's own government: not another province's department (statute tester: 201).
    expect(await refused(steps.designate(['js-sft']), 'INVALID_PAYLOAD', '第三十四条')).toMatch(/^organisations\.0：.*（js-sft）不属于本决策的决策机关所在的人民政府（杭州市人民政府，hz）/);
    await ok(steps.designate());
    // Designated, the unit reads the decision it is to execute before its first report (statute tester: 404 until then,
    // while 我的待办 offered the report); one not designated still does not.
    expect((await as(actors.executor.id).get(`/decisions/${id}`).expect(200)).body.id).toBe(id);
    await as(otherExecutor.id).get(`/decisions/${id}`).expect(404);
    // A later designation replaces it: the unit replaced, which has not acted, no longer reads it nor is offered its report.
    await ok(steps.designate(['hz-czj']));
    await as(actors.executor.id).get(`/decisions/${id}`).expect(404);
    expect((await as(otherExecutor.id).get(`/decisions/${id}/tasks`).expect(200)).body).toContainEqual(expect.objectContaining({ role: 'execution_unit', action: 'submitExecutionReport' }));
    await ok(steps.designate());
    // Art. 34: the organ supervises; until the unit reports, it is in 我的待办 of the mayor and of the general office.
    expect((await as(actors.mayor.id).get(`/decisions/${id}/tasks`).expect(200)).body).toContainEqual(expect.objectContaining({ role: 'chief_executive', action: 'superviseExecution' }));
    await refused({ ...steps.supervise(), actor: actors.unit }, 'WRONG_ROLE', '第三十四条');
    await ok(steps.supervise({ units: ['hz-gjjt'] }));
    await unseen(report(otherExecutor)); // another unit of the government, not designated
    await ok(report(actors.executor));

    // Art. 36: the evaluation from the unit the organ named, not one that assessed before the decision.
    await unseen(cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' })); // before the organ commissions it
    await refused(steps.commission(actors.assessor.organisation), 'CONFLICT_OF_INTEREST', '第三十六条第二款');
    await as(actors.evaluator.id).get(`/decisions/${id}`).expect(404);
    await ok(steps.commission());
    await as(actors.evaluator.id).get(`/decisions/${id}/timeline`).expect(200);
    await ok(cmd('startEvaluation', actors.evaluator, { trigger: '实施满一年' }), steps.evaluate('adjust'));

    // Art. 37: the adjustment is started by the organ's chief executive, not the undertaking unit.
    await refused(cmd('startAdjustment', actors.unit, { kind: 'adjust', reason: '评估建议调整' }), 'WRONG_ROLE', '第三十七条');
    const tasks = (await as(actors.mayor.id).get(`/decisions/${id}/tasks`).expect(200)).body;
    expect(tasks).toContainEqual(expect.objectContaining({ role: 'chief_executive', action: 'startAdjustment' }));
    expect(tasks).not.toContainEqual(expect.objectContaining({ role: 'undertaking_unit', action: 'startAdjustment' }));
    await ok(steps.adjust('adjust', '评估建议调整'));

    // The record holds the organ's acts under the mayor's office, nothing of the refused, and verifies.
    const timeline = (await as(actors.unit.id).get(`/decisions/${id}/timeline`).expect(200)).body as { action: string; actor: Actor }[];
    expect(timeline.filter((t) => ['judgeRisk', 'designateExecutionUnit', 'commissionEvaluation', 'startAdjustment'].includes(t.action)).map((t) => t.actor.id)).toEqual(Array(6).fill(actors.mayor.id));
    expect(timeline.some((t) => t.actor.id === otherExecutor.id || t.actor.id === otherAssessor.id)).toBe(false);
    const refusals = (await as(actors.unit.id).get(`/decisions/${id}/refusals`).expect(200)).body as { code: string }[];
    // Only the engaged centre's own refusal (an outside body's assessment is a third party's); the unnamed left no trace.
    expect(refusals.filter((r) => r.code === 'NOT_DESIGNATED')).toHaveLength(1);
    for (let i = 0; i < 100; i++) {
      const v = (await as(PERSON).get(`/decisions/${id}/verify`).expect(200)).body;
      if (v.ok && v.entries === timeline.length + 1) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the record of ${id} did not verify: ${JSON.stringify((await as(PERSON).get(`/decisions/${id}/verify`)).body)}`);
  }, 120_000);
});
