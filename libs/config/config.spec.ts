import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { authConfig, ConfigError, loadConfig, temporalConnectionOptions } from './config';

const valid = { DATABASE_URL: 'postgresql://u@db.example:5432/decisions', TEMPORAL_ADDRESS: 'temporal.example:7233' };

describe('loadConfig', () => {
  it('reads a valid environment and fills defaults', () => {
    expect(loadConfig(valid)).toEqual({
      databaseUrl: valid.DATABASE_URL,
      temporalAddress: valid.TEMPORAL_ADDRESS,
      temporalNamespace: 'default',
      taskQueue: 'major-decisions',
      apiPort: 3000,
      apiHost: '127.0.0.1',
      workflowBundlePath: undefined,
      sealKeyFile: undefined,
      checkpointIntervalSeconds: 60,
      workflowCacheSize: 500,
      maxJsonBodyBytes: 1048576,
      jsonBodyTimeoutSeconds: 120,
      maxConnectionsPerClient: 1024,
      dependencyTimeoutSeconds: 10,
      maxStepsPerRun: undefined,
      readinessTimeoutSeconds: 2,
      readinessPollWindowSeconds: 75,
      verifyConcurrency: 1,
      verifyQueue: 4,
      maxDocumentBytes: 104857600,
      workerMetricsAddress: undefined,
      oidcIssuer: undefined,
      oidcAudience: 'urn:major-decision-engine:api',
      oidcJwks: undefined,
      oidcClockToleranceSeconds: 30,
      metricsPublic: false,
      publicRateLimit: 60,
      publicRateWindowSeconds: 60,
      publicListCacheSeconds: 5,
      trustProxy: undefined,
      notifyEnabled: true,
      notifyPollSeconds: 5,
      smtpUrl: undefined,
      notifyFrom: '重大行政决策系统 <noreply@localhost>',
      notifyAppUrl: 'http://127.0.0.1:3000',
      notifyWebhookHosts: undefined,
      temporalTls: undefined,
      temporalApiKey: undefined,
    });
  });

  it('names every missing variable', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    try {
      loadConfig({});
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'DATABASE_URL is required but not set',
        'TEMPORAL_ADDRESS is required but not set',
      ]);
    }
  });

  it('names bad values with what they should be', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://x', API_PORT: '70000', TEMPORAL_ADDRESS: 'nohost' })).toThrow(
      /DATABASE_URL="mysql:\/\/x": must be a postgresql:\/\/ connection URL[\s\S]*TEMPORAL_ADDRESS="nohost": must be host:port[\s\S]*API_PORT="70000": must be a port number/,
    );
  });

  it('refuses limits that are not whole numbers in range', () => {
    expect(() => loadConfig({ ...valid, MAX_JSON_BODY_BYTES: '10', DEPENDENCY_TIMEOUT_SECONDS: '0.5' })).toThrow(
      /MAX_JSON_BODY_BYTES="10": must be a whole number of bytes, from 1024 to 2147483647[\s\S]*DEPENDENCY_TIMEOUT_SECONDS="0.5": must be a whole number of seconds, from 1 to 3600/,
    );
  });

  it('takes the readiness bounds from the environment, in seconds, and refuses nonsense', () => {
    const c = loadConfig({ ...valid, READINESS_TIMEOUT_SECONDS: '0.5', READINESS_POLL_WINDOW_SECONDS: '10' });
    expect([c.readinessTimeoutSeconds, c.readinessPollWindowSeconds]).toEqual([0.5, 10]);
    expect(() => loadConfig({ ...valid, READINESS_TIMEOUT_SECONDS: 'soon', READINESS_POLL_WINDOW_SECONDS: '0' })).toThrow(
      /READINESS_TIMEOUT_SECONDS="soon": must be a number of seconds from 0.1 to 60[\s\S]*READINESS_POLL_WINDOW_SECONDS="0": must be a number of seconds from 1 to 300/,
    );
  });

  it('bounds the verifications the API runs at a time, and how many may wait', () => {
    expect(loadConfig({ ...valid, VERIFY_CONCURRENCY: '2', VERIFY_QUEUE: '0' })).toMatchObject({ verifyConcurrency: 2, verifyQueue: 0 });
    expect(() => loadConfig({ ...valid, VERIFY_CONCURRENCY: '0', VERIFY_QUEUE: '-1' })).toThrow(
      /VERIFY_CONCURRENCY="0": must be a whole number, from 1 to 16[\s\S]*VERIFY_QUEUE="-1": must be a whole number, from 0 to 1000/,
    );
  });

  it("bounds the workflows a worker keeps in memory: 500 unless told, 0 (none) or at least 2", () => {
    expect(loadConfig(valid).workflowCacheSize).toBe(500);
    expect(loadConfig({ ...valid, WORKFLOW_CACHE_SIZE: '50' }).workflowCacheSize).toBe(50);
    expect(loadConfig({ ...valid, WORKFLOW_CACHE_SIZE: '0' }).workflowCacheSize).toBe(0);
    for (const bad of ['-1', '2.5', 'many']) expect(() => loadConfig({ ...valid, WORKFLOW_CACHE_SIZE: bad })).toThrow(`WORKFLOW_CACHE_SIZE="${bad}": must be a whole number of workflows, from 0 to 1000000`);
    // The SDK would make 1 into 2 without a word: refused, saying so.
    expect(() => loadConfig({ ...valid, WORKFLOW_CACHE_SIZE: '1' })).toThrow('WORKFLOW_CACHE_SIZE="1": must be 0 (no cache) or from 2 to 1000000');
  });

  it('takes the document size limit from the environment, a whole number of bytes', () => {
    expect(loadConfig({ ...valid, MAX_DOCUMENT_BYTES: '1048576' }).maxDocumentBytes).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', '100MB', '2147483648']) {
      expect(() => loadConfig({ ...valid, MAX_DOCUMENT_BYTES: bad })).toThrow(/MAX_DOCUMENT_BYTES=".*": must be a whole number of bytes, from 1 to 2147483647/);
    }
  });

  it('takes namespace, task queue and port from the environment', () => {
    const c = loadConfig({ ...valid, TEMPORAL_NAMESPACE: 'gov-sz', TEMPORAL_TASK_QUEUE: 'q1', API_PORT: '8080' });
    expect([c.temporalNamespace, c.taskQueue, c.apiPort]).toEqual(['gov-sz', 'q1', 8080]);
  });

  it('takes the identity platform from the environment: issuer, audience, pinned keys; the API needs the issuer', () => {
    const c = loadConfig({ ...valid, OIDC_ISSUER: 'https://idp.example.gov.cn/realms/gov', OIDC_AUDIENCE: 'https://decisions.example.gov.cn', OIDC_JWKS: '{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"k1"}]}', OIDC_CLOCK_TOLERANCE_SECONDS: '5' });
    expect(authConfig(c)).toEqual({ issuer: 'https://idp.example.gov.cn/realms/gov', audience: 'https://decisions.example.gov.cn', jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'k1' }] }, clockToleranceSeconds: 5 });
    expect(() => authConfig(loadConfig(valid))).toThrow(/OIDC_ISSUER is required but not set/);
    expect(() => loadConfig({ ...valid, OIDC_ISSUER: 'idp.example', OIDC_JWKS: '{"keys": []}', OIDC_CLOCK_TOLERANCE_SECONDS: '-1' })).toThrow(
      /OIDC_ISSUER="idp.example": must be an http\(s\):\/\/ URL[\s\S]*OIDC_JWKS: must be a JSON Web Key Set with at least one key[\s\S]*OIDC_CLOCK_TOLERANCE_SECONDS="-1"/,
    );
    expect(() => loadConfig({ ...valid, OIDC_JWKS: '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}' })).toThrow(/public keys only/);
    expect(() => loadConfig({ ...valid, OIDC_JWKS: 'not json' })).toThrow(/OIDC_JWKS: must be a JSON Web Key Set/);
  });

  it('takes the reverse proxies to trust by hops or by address, never everyone', () => {
    expect(loadConfig({ ...valid, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    for (const bad of ['true', '0', 'proxy.example', '*']) expect(() => loadConfig({ ...valid, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY=".*": must be a number of proxy hops/);
  });

  it('takes the public endpoints\' rate limit and whether /metrics is public from the environment', () => {
    expect(loadConfig({ ...valid, PUBLIC_RATE_LIMIT: '5', PUBLIC_RATE_WINDOW_SECONDS: '10', METRICS_PUBLIC: 'true' })).toMatchObject({ publicRateLimit: 5, publicRateWindowSeconds: 10, metricsPublic: true });
    expect(() => loadConfig({ ...valid, PUBLIC_RATE_LIMIT: '0', METRICS_PUBLIC: 'yes' })).toThrow(/METRICS_PUBLIC="yes": must be true or false[\s\S]*PUBLIC_RATE_LIMIT="0": must be a whole number of requests/);
  });

  it('takes the notifier from the environment: e-mail only with an SMTP server, webhooks to any host unless listed', () => {
    expect(loadConfig({ ...valid, SMTP_URL: 'smtp://127.0.0.1:2525', NOTIFY_FROM: '决策系统 <noreply@example.gov.cn>', NOTIFY_POLL_SECONDS: '0.5', NOTIFY_APP_URL: 'https://jc.example.gov.cn/', NOTIFY_WEBHOOK_HOSTS: 'oapi.dingtalk.com, qyapi.weixin.qq.com:443' })).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:2525',
      notifyFrom: '决策系统 <noreply@example.gov.cn>',
      notifyPollSeconds: 0.5,
      notifyAppUrl: 'https://jc.example.gov.cn',
      notifyWebhookHosts: ['oapi.dingtalk.com', 'qyapi.weixin.qq.com:443'],
    });
    expect(loadConfig({ ...valid, NOTIFY_ENABLED: 'false' }).notifyEnabled).toBe(false);
    expect(() => loadConfig({ ...valid, SMTP_URL: 'http://mail.example', NOTIFY_ENABLED: 'on', NOTIFY_POLL_SECONDS: '0' })).toThrow(/NOTIFY_ENABLED="on": must be true or false[\s\S]*NOTIFY_POLL_SECONDS="0"[\s\S]*SMTP_URL="http:\/\/mail.example": must be an smtp:\/\/ or smtps:\/\/ URL/);
  });

  it('takes TLS to Temporal from the environment: CA, client certificate and key (mutual TLS), server name, API key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'));
    const files = { ca: join(dir, 'ca.pem'), crt: join(dir, 'client.pem'), key: join(dir, 'client.key') };
    writeFileSync(files.ca, 'CA');
    writeFileSync(files.crt, 'CRT');
    writeFileSync(files.key, 'KEY');
    const mtls = loadConfig({ ...valid, TEMPORAL_TLS_CA_FILE: files.ca, TEMPORAL_TLS_CERT_FILE: files.crt, TEMPORAL_TLS_KEY_FILE: files.key, TEMPORAL_TLS_SERVER_NAME: 'temporal.gov.internal' });
    expect(mtls.temporalTls).toEqual({ caFile: files.ca, certFile: files.crt, keyFile: files.key, serverName: 'temporal.gov.internal' });
    expect(temporalConnectionOptions(mtls)).toEqual({
      address: valid.TEMPORAL_ADDRESS,
      tls: { serverNameOverride: 'temporal.gov.internal', serverRootCACertificate: Buffer.from('CA'), clientCertPair: { crt: Buffer.from('CRT'), key: Buffer.from('KEY') } },
    });
    // An API key goes over TLS, trusting the system's CAs.
    const cloud = loadConfig({ ...valid, TEMPORAL_API_KEY: 'secret' });
    expect(temporalConnectionOptions(cloud)).toEqual({ address: valid.TEMPORAL_ADDRESS, tls: {}, apiKey: 'secret' });
    expect(temporalConnectionOptions(loadConfig(valid))).toEqual({ address: valid.TEMPORAL_ADDRESS });
    expect(loadConfig({ ...valid, TEMPORAL_TLS: 'true' }).temporalTls).toEqual({});
    expect(() => loadConfig({ ...valid, TEMPORAL_TLS_CERT_FILE: files.crt })).toThrow(/TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together/);
    expect(() => loadConfig({ ...valid, TEMPORAL_TLS_CA_FILE: join(dir, 'missing.pem') })).toThrow(/TEMPORAL_TLS_CA_FILE=".*missing.pem": no such file/);
    expect(() => loadConfig({ ...valid, TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'secret' })).toThrow(/goes over TLS only/);
    expect(() => loadConfig({ ...valid, TEMPORAL_TLS: 'yes' })).toThrow(/TEMPORAL_TLS="yes": must be true or false/);
  });
});
