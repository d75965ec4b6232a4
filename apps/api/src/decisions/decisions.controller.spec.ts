import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { apiHttpAdapter, initApi } from '../edge/http';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import request from 'supertest';
import { API_EDGE_PROVIDERS } from '../app.module';
import { DecisionNotFoundError } from '../errors';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';
import { Signers } from '../auth/signers';

// Controller tier: real pipes and filter, the service replaced by a fake.
describe('DecisionsController (real validation and error mapping)', () => {
  let app: INestApplication;
  const service = { register: jest.fn(), get: jest.fn(), step: jest.fn() };
  const valid = {
    id: 'SZ-2026-0001',
    title: '关于调整公交票价的决定',
    undertakingDepartment: '市交通运输局',
    catalogRef: '2026-07',
    legalBasis: ['条例第三条'],
    actor: { id: 'u-zhang', name: '张承办', role: 'undertaking_unit', organisation: '市交通运输局' },
    signature: { keyId: 'ed25519:abc', value: 'A'.repeat(88) },
  };

  const signers = { keepInvalidInput: jest.fn() };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [DecisionsController],
      // Who may read a decision is the scope guard's (test/e2e/scope.e2e.spec.ts); here everyone may.
      providers: [{ provide: DecisionsService, useValue: service }, { provide: Signers, useValue: signers }, ...API_EDGE_PROVIDERS],
    })
      .overrideGuard(DecisionScopeGuard)
      .useValue({ canActivate: () => true })
      .compile();
    app = moduleRef.createNestApplication(apiHttpAdapter(), { logger: false });
    await initApi(app);
  });
  afterAll(() => app.close());
  beforeEach(() => jest.resetAllMocks());

  it('keeps a step refused as input apart before answering 400 (statute tester: no trace); a registration is not a step', async () => {
    signers.keepInvalidInput.mockResolvedValue(undefined);
    const body = { action: 'withdraw', actor: valid.actor, payload: 'x' };
    await request(app.getHttpServer()).post('/decisions/D-1/steps').send(body).expect(400);
    expect(signers.keepInvalidInput).toHaveBeenCalledWith(undefined, 'D-1', body);
    expect(service.step).not.toHaveBeenCalled();
    // The register down: the 400 is answered all the same.
    signers.keepInvalidInput.mockRejectedValue(new Error('down'));
    await request(app.getHttpServer()).post('/decisions/D-1/steps').send(body).expect(400);
    signers.keepInvalidInput.mockClear();
    await request(app.getHttpServer()).post('/decisions').send({ id: 'x' }).expect(400);
    expect(signers.keepInvalidInput).not.toHaveBeenCalled();
  });

  it('passes a valid registration to the service and answers 201', async () => {
    service.register.mockResolvedValue({ id: valid.id });
    await request(app.getHttpServer()).post('/decisions').send(valid).expect(201, { id: valid.id });
    expect(service.register).toHaveBeenCalledWith(valid, undefined); // no caller: this test app has no auth guard
  });

  it('refuses bad input with 400 naming each bad field, and calls nothing', async () => {
    const res = await request(app.getHttpServer())
      .post('/decisions')
      .send({ id: 'x', title: '', catalogRef: 7, legalBasis: [], smuggled: true })
      .expect(400);
    const message: string[] = res.body.message;
    for (const field of ['id', 'title', 'undertakingDepartment', 'catalogRef', 'legalBasis', 'actor', 'signature', 'smuggled']) {
      expect(message.filter((m) => m.includes(field))).toHaveLength(1);
      expect(message.filter((m) => m.startsWith(`${field}：`))).toHaveLength(1);
    }
    // The field, then the Chinese, with the English beside it.
    expect(message).toEqual(expect.arrayContaining(['smuggled：不允许提交此字段（property should not exist）', 'legalBasis：至少列出一项法律、法规、规章或者政策依据（must name at least one law, regulation or policy）']));
    for (const m of message) expect(m).toMatch(/^[A-Za-z.0-9]+：[^（]*[\u4e00-\u9fff][^（]*（[ -~]+）$/);
    expect(service.register).not.toHaveBeenCalled();
  });

  it('a deciding organ given as null is a bad field, not an organ called "null"; left out, the government decides', async () => {
    const res = await request(app.getHttpServer()).post('/decisions').send({ ...valid, decidingOrgan: null }).expect(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^decidingOrgan：/)]);
    expect(service.register).not.toHaveBeenCalledWith(expect.objectContaining({ decidingOrgan: null }), undefined);
  });

  it('names a bad field of the registering actor and of the signature', async () => {
    const res = await request(app.getHttpServer())
      .post('/decisions')
      .send({ ...valid, actor: { ...valid.actor, role: 'system', name: '' }, signature: { keyId: 'k', value: 'not base64!' } })
      .expect(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^actor\.role：必须是以下之一：undertaking_unit、.*（must be one of undertaking_unit, .*）$/),
        'actor.name：必须是非空字符串（must be a non-empty string）',
        'signature.value：必须是 base64 编码的签名值，40至200个字符，末尾可有 = 填充（must be a base64 signature value (40 to 200 characters, optionally padded with =)）',
      ]),
    );
    expect(service.register).not.toHaveBeenCalled();
  });

  it('names a bad element of the legal basis', async () => {
    const res = await request(app.getHttpServer()).post('/decisions').send({ ...valid, legalBasis: ['ok', ''] }).expect(400);
    expect(res.body.message).toEqual(['legalBasis：每一项都必须是非空字符串（each item must be a non-empty string）']);
  });

  it('an unknown step names the one meant, if a slip made it, and where the open steps are listed; not all dozens', async () => {
    const step = (action: unknown) => request(app.getHttpServer()).post('/decisions/SZ-2026-0001/steps').send({ action, actor: valid.actor, payload: {}, idempotencyKey: 'k-1', signature: valid.signature }).expect(400);
    const said = async (action: unknown) => ((await step(action)).body.message as string[]).find((m) => m.startsWith('action：'));
    expect(await said('submitdraft')).toBe(
      'action：submitdraft 不是决策程序中的步骤，是否指 submitDraft？本决策此时可以进行的步骤见 GET /decisions/:id/tasks，全部步骤见 /docs' +
        '（submitdraft is not a step of the procedure: did you mean submitDraft? The steps open to the decision now are listed by GET /decisions/:id/tasks, all of them at /docs）',
    );
    expect(await said('submitDarft')).toMatch(/是否指 submitDraft？/);
    const far = await said('approveEverything');
    expect(far).toMatch(/^action：approveEverything 不是决策程序中的步骤。本决策此时可以进行的步骤见 GET \/decisions\/:id\/tasks/);
    expect(far).not.toMatch(/是否指|submitDraft/);
    expect(await said('x'.repeat(10_000))).toMatch(/^action：x{64}… 不是决策程序中的步骤。/);
    expect(await said(7)).toBe('action：必须是决策程序中步骤的名称，例如 submitDraft（must be the name of a step of the procedure, e.g. submitDraft）');
  });

  it('answers 409 when the id is taken', async () => {
    service.register.mockRejectedValue(new WorkflowExecutionAlreadyStartedError('already started', valid.id, 'majorDecision'));
    const res = await request(app.getHttpServer()).post('/decisions').send(valid).expect(409);
    expect(res.body.message).toBe(`编号为 ${valid.id} 的决策已存在（a decision with id ${valid.id} already exists）`);
  });

  it('answers 404 for an unknown decision', async () => {
    service.get.mockRejectedValue(new DecisionNotFoundError('nope'));
    await request(app.getHttpServer()).get('/decisions/nope').expect(404, { statusCode: 404, error: 'Not Found', message: '没有编号为 nope 的决策（no decision with id nope）' });
  });

  it("answers 400, not 500, when PostgreSQL cannot take a value from the request (a data exception)", async () => {
    service.get.mockRejectedValue(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021', severity: 'ERROR' }));
    const res = await request(app.getHttpServer()).get('/decisions/x1x').expect(400);
    expect(res.body.message).toEqual([expect.stringMatching(/^请求中有数据库无法处理的值/)]);
  });

  it('answers 500 without leaking internals', async () => {
    service.get.mockRejectedValue(new Error('connection string postgresql://secret@db'));
    const res = await request(app.getHttpServer()).get('/decisions/x1x').expect(500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});
