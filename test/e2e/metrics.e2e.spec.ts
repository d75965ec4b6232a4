import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { actors, steps } from '../support/procedure';
import { PERSON, REGISTRAR } from '../support/auth';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

/** GET /metrics: what operators scrape, counted from what the API really did. */
describe('metrics', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let unit: TestKey;
  const http = () => system.as(PERSON);
  const id = `MET-${Date.now()}`;

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    await http().post('/catalog-items').send({ ref: 'C-MET', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-MET', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
  }, 120_000);

  afterAll(() => system?.close());

  it('counts steps accepted, refused (with code and article) and replayed, attempts kept apart and requests without a token, request latency by route, and reads the log and overdue decisions', async () => {
    const send = (c: ReturnType<typeof steps.draft>, key: string) => system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, key));
    await send(steps.submitReview(), `${id}-early`).expect(422);
    await send(steps.draft(), `${id}-draft`).expect(201);
    await send(steps.draft(), `${id}-draft`).expect(201);
    // Someone else's signed step, and a step without a token: kept apart, and counted.
    await system.as(actors.reviewer.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.applicability(), unit, `${id}-not-mine`)).expect(403);
    await request(api.getHttpServer()).post(`/decisions/${id}/steps`).send(signedStep(id, steps.applicability(), unit, `${id}-anonymous`)).expect(401);
    // The metrics need a token (METRICS_PUBLIC is not set).
    await request(api.getHttpServer()).get('/metrics').expect(401);
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toContain('decision_steps_total{action="submitDraft",outcome="accepted",code="",article=""} 1');
    expect(text).toContain('decision_steps_total{action="submitDraft",outcome="replayed",code="",article=""} 1');
    expect(text).toMatch(/decision_steps_total\{action="submitForLegalityReview",outcome="refused",code="[A-Z_]+",article="decree-713:\d+"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/decisions\/:id\/steps",status="201"\} 2/);
    expect(text).toMatch(/^record_log_leaves [1-9]\d*$/m);
    expect(text).toMatch(/^record_checkpoint_age_seconds -?[\d.e+-]+$/m);
    expect(text).toMatch(/^decisions_overdue 0$/m);
    expect(text).toContain('decision_attempts_unattributed_total{action="declareApplicability",reason="caller_not_signer"} 1');
    expect(text).toMatch(/^http_requests_unauthenticated_total\{reason="missing"\} 2$/m);
    expect(text).toContain('process_cpu_seconds_total');
  }, 60_000);

  it("answers every request with its id, the one its log line carries: the caller's when it is a plain token, else a new one", async () => {
    const given = await request(api.getHttpServer()).get('/health').set('x-request-id', 'trace-1.a:b').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-1.a:b');
    const refused = await request(api.getHttpServer()).get('/nope').set('x-request-id', 'not a token').expect(404);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const other = await request(api.getHttpServer()).get('/health').expect(200);
    expect(other.headers['x-request-id']).not.toBe(refused.headers['x-request-id']);
  });
});
