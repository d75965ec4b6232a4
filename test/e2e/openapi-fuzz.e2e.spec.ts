import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { requireTool, TOOLS_DIR } from '../../infra/paths';
import { openApiDocument } from '../../apps/api/src/openapi';
import { actors } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, type TestKey } from '../support/signing';
import { PERSON, REGISTRAR } from '../support/auth';
import { startSystem } from '../support/system';

/**
 * The API fuzzed against its own OpenAPI document by Schemathesis (PyPI,
 * pinned in infra/setup.sh), bounded in examples and time: no input gets a
 * server error, and every status the API answers is one the document declares.
 * A catalog item and a decision exist, so generated ids sometimes hit them.
 * Every request carries a test person's access token (the public operations
 * ignore it), so the fuzzing reaches past sign-in; the public operations' rate
 * limit is raised so that it reaches past that too.
 */
const ST = join(TOOLS_DIR, 'schemathesis', 'bin', 'st');
const MAX_SECONDS = Number(process.env.SCHEMATHESIS_MAX_SECONDS ?? 150);

describe('the API under schema-driven fuzzing', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let base: string;

  beforeAll(async () => {
    process.env.PUBLIC_RATE_LIMIT = '1000000';
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    await api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
    const http = () => system.as(PERSON);
    await http().post('/catalog-items').send({ ref: 'C-FUZZ', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    const unit: TestKey = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system
      .as(actors.unit.id)
      .post('/decisions')
      .send(signedRegistration({ id: 'FUZZ-1', title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-FUZZ', legalBasis: ['《价格法》'] }, actors.unit, unit))
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    delete process.env.PUBLIC_RATE_LIMIT;
    await system?.close();
  });

  it('finds no server error and no undocumented status code', async () => {
    // The document /docs-json serves (made by the same function), as a file: the app was initialised without the docs routes.
    const reportDir = mkdtempSync(join(tmpdir(), 'schemathesis-'));
    const schema = join(reportDir, 'openapi.json');
    writeFileSync(schema, JSON.stringify(openApiDocument(api)));
    const args = [
      'run', schema, '--url', base,
      '--header', `Authorization: Bearer ${system.token(actors.unit.id)}`,
      '--checks', 'not_a_server_error,status_code_conformance',
      '--max-examples', '25',
      '--max-time', String(MAX_SECONDS),
      '--seed', '20261125',
      '--workers', '1',
      '--request-timeout', '30',
      '--generation-database', 'none',
      '--generation-allow-x00', 'true',
      '--phases', 'examples,coverage,fuzzing',
      '--suppress-health-check', 'all',
      '--no-color',
      '--report', 'json',
      '--report-json-path', join(reportDir, 'report.json'),
    ];
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(requireTool(ST, 'Schemathesis'), args, { maxBuffer: 64 * 1024 * 1024, timeout: (MAX_SECONDS + 120) * 1000 }, (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
      );
    });
    // The run's own summary (how many cases, and on failure what it found). Its closing banner
    // ("==== No issues found in 300.00s ====") has the shape of pytest's closing line, which CI reads as a
    // run that executed no test; it is restated unbannered so that CI counts Jest's tests.
    const summary = code === 0 ? output.slice(output.lastIndexOf('Test Phase')).slice(-3000) : output.slice(-20_000);
    console.log(summary.replace(/^=+ (.*?) =+$/gm, 'Schemathesis: $1'));
    expect(code).toBe(0);
    expect(output).toMatch(/passed/i);
    expect(readFileSync(join(reportDir, 'report.json'), 'utf8').length).toBeGreaterThan(0);
  }, (MAX_SECONDS + 180) * 1000);
});
