import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flushTracing, stopTracing } from '../../libs/telemetry/tracing';
import { PERSON, REGISTRAR } from '../support/auth';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
}

/**
 * Tracing with OpenTelemetry, against a real OTLP/HTTP receiver started here:
 * with OTEL_EXPORTER_OTLP_ENDPOINT set, a step sent to the API is one trace
 * from the HTTP request through the Temporal update the workflow handles to the
 * activity that records it, each span exported by the process that made it.
 */
describe('one trace across the API, Temporal and the worker', () => {
  let receiver: Server;
  const spans: ExportedSpan[] = [];
  let system: Awaited<ReturnType<typeof startSystem>>;
  let unit: TestKey;
  const id = `TRACE-${Date.now()}`;
  const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;

  beforeAll(async () => {
    // The collector's OTLP/HTTP JSON endpoint, as an OpenTelemetry Collector would take it.
    receiver = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        if (req.url === '/v1/traces') {
          const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as {
            resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Omit<ExportedSpan, 'service'>[] }[] }[];
          };
          for (const rs of body.resourceSpans) {
            const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
            for (const ss of rs.scopeSpans) for (const s of ss.spans) spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, service });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
  }, 180_000);

  afterAll(async () => {
    await system?.close();
    await stopTracing();
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
    receiver?.close();
  });

  it('a step is one trace: the request, the update the workflow handles, and the activity recording it', async () => {
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-TRACE', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    await system.as(actors.unit.id).post('/decisions').send(signedRegistration({ id, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-TRACE', legalBasis: ['《价格法》'] }, actors.unit, unit)).expect(201);
    const res = await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.draft(), unit, `${id}-1`));
    const request = () => spans.find((s) => s.name === 'POST /decisions/:id/steps');
    const inTrace = () => spans.filter((s) => s.traceId === request()?.traceId);
    for (let i = 0; i < 40 && !(request() && inTrace().some((s) => s.name.startsWith('RunActivity'))); i++) {
      await flushTracing();
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(request()).toMatchObject({ service: expect.stringMatching(/^major-decision/) });
    expect(res.status).toBe(201);
    const names = inTrace().map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/^StartWorkflowUpdate/), expect.stringMatching(/^HandleUpdate/), expect.stringMatching(/^RunActivity:recordStep$/)]));
    // Every span of the trace hangs from the request's: nothing starts a trace of its own on the way.
    const ids = new Set(inTrace().map((s) => s.spanId));
    for (const s of inTrace()) if (s !== request()) expect(ids.has(s.parentSpanId!)).toBe(true);
  }, 120_000);
});
