import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { DEFAULT_TASK_QUEUE } from '../domain';

/** Everything the processes read from the environment, validated once at boot. */
export interface AppConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  apiPort: number;
  apiHost: string;
  /** A prebuilt workflow bundle (production); without it the worker bundles from source. */
  workflowBundlePath?: string;
  /** The system's seal key file (worker only). */
  sealKeyFile?: string;
  /** How often the worker signs a checkpoint of the global log, when it has grown. */
  checkpointIntervalSeconds: number;
  /** How many decisions' workflows a worker keeps in memory (Temporal's sticky cache); others are replayed from their history when next moved. */
  workflowCacheSize: number;
  /** The largest JSON request body the API reads (bytes); larger ones get 413. */
  maxJsonBodyBytes: number;
  /**
   * How long a JSON or form body may take to arrive in full (seconds); a slower one gets 408 and the connection is
   * closed. Documents, streamed, have the hour every request has (REQUEST_TIMEOUT_MS).
   */
  jsonBodyTimeoutSeconds: number;
  /** Connections one client address may hold open at once (0: no limit); a proxy TRUST_PROXY names is not counted. */
  maxConnectionsPerClient: number;
  /**
   * How long the API waits on Temporal (and the worker behind it) or
   * PostgreSQL before it answers 503 with Retry-After, and how long its
   * shutdown waits for requests in flight.
   */
  dependencyTimeoutSeconds: number;
  /** Decisions registered from now on continue as new after this many steps in one run (besides when Temporal suggests it). */
  maxStepsPerRun?: number;
  /** GET /ready: how long each dependency check may take before it counts as down. */
  readinessTimeoutSeconds: number;
  /**
   * GET /ready: a worker counts as polling the task queue when Temporal saw it
   * start a poll this recently. Temporal's long polls last up to a minute, so a
   * live idle worker may have started its last one nearly a minute ago.
   */
  readinessPollWindowSeconds: number;
  /** How many record verifications (GET /decisions/:id/verify) the API runs at a time, each on a worker thread. */
  verifyConcurrency: number;
  /** How many more may wait (briefly) for one of those; beyond that the API answers 503 with Retry-After. */
  verifyQueue: number;
  /** The largest document POST /documents takes, in bytes; past it the upload is refused with 413. */
  maxDocumentBytes: number;
  /** Where the worker serves its Prometheus metrics (the Temporal SDK's and the record's), host:port; none when unset. */
  workerMetricsAddress?: string;
  /**
   * The OpenID Connect issuer whose access tokens the API accepts (the
   * embedded provider, or the government's unified identity platform). The
   * API refuses to start without it; the worker does not use it.
   */
  oidcIssuer?: string;
  /** The audience the API's access tokens must carry (`aud`). */
  oidcAudience: string;
  /** Pinned verification keys (a JWKS); without them the keys are discovered from the issuer's jwks_uri. */
  oidcJwks?: { keys: Record<string, unknown>[] };
  /** Leeway for clocks that differ, when checking a token's exp and nbf. */
  oidcClockToleranceSeconds: number;
  /** Whether GET /metrics answers without a token (for a scraper on a private network). */
  metricsPublic: boolean;
  /** Requests one client (IP address) may make to the public endpoints in each window; past it 429. */
  publicRateLimit: number;
  publicRateWindowSeconds: number;
  /** How long the public lists (drafts open for comment, published decisions) share one answer, and (up to a second) one reading of a running comment period serves the comments after it; 0: none shared. */
  publicListCacheSeconds: number;
  /**
   * The reverse proxies in front of the API (Express's "trust proxy": a number
   * of hops, or addresses, subnets and the names loopback, linklocal,
   * uniquelocal), so that a client is told by its X-Forwarded-For address, not
   * the proxy's. None: the connection's address.
   */
  trustProxy?: number | string[];
  /** Whether the worker runs the notifier (libs/notify): new tasks, reminders and missed time limits, to officials by e-mail and webhook. */
  notifyEnabled: boolean;
  /** How often the notifier looks for new steps and clock events, and for notices due to be sent (seconds). */
  notifyPollSeconds: number;
  /** The SMTP server notices are mailed through (smtp:// or smtps://, credentials in the URL); none: no e-mail is sent (webhooks still are). */
  smtpUrl?: string;
  /**
   * Where traces go (OpenTelemetry over OTLP/HTTP, e.g. http://otel-collector:4318): the API's requests, the
   * workflows' updates and the activities, one trace per request. Unset: no tracing.
   */
  otlpEndpoint?: string;
  /** The file of the key webhook secrets are encrypted under at rest (libs/notify/secrets.ts); unset: kept plain. */
  notifySecretKeyFile?: string;
  /**
   * The file of the key a public comment's fold key is made under (HMAC-SHA-256 of the decision, the draft, the
   * client's address and the text), so that one who has the database alone cannot find a commenter's address by
   * trying every address; unset: a plain SHA-256, as before.
   */
  commentFoldKeyFile?: string;
  /** The From: of the notices' e-mail. */
  notifyFrom: string;
  /** The web application's address as officials reach it, for the links in notices (…/app/decisions/:id). */
  notifyAppUrl: string;
  /** The hosts webhooks may be sent to (an allow-list, against SSRF); none: any http(s) host. */
  notifyWebhookHosts?: string[];
  /**
   * TLS to Temporal (a production cluster with mutual TLS, or Temporal
   * Cloud): the CA to trust (none: the system's), the client certificate and
   * key (mutual TLS), the name to expect on the server's certificate. None:
   * plain TCP (the embedded default, a private network).
   */
  temporalTls?: { caFile?: string; certFile?: string; keyFile?: string; serverName?: string };
  /** An API key sent to Temporal as a bearer token (Temporal Cloud, or a cluster's authorizer); implies TLS. */
  temporalApiKey?: string;
}

/** The audience of the API's access tokens unless OIDC_AUDIENCE says otherwise (the embedded provider issues it). */
export const DEFAULT_OIDC_AUDIENCE = 'urn:major-decision-engine:api';

/** 100 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks the configuration; the error names every missing or bad variable. */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const required = (name: string, check?: (v: string) => string | undefined): string => {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`${name} is required but not set`);
      return '';
    }
    const bad = check?.(value);
    if (bad) problems.push(`${name}=${JSON.stringify(value)}: ${bad}`);
    return value;
  };
  const optional = (name: string, fallback: string, check?: (v: string) => string | undefined): string => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    const bad = check?.(value);
    if (bad) problems.push(`${name}=${JSON.stringify(value)}: ${bad}`);
    return value;
  };

  const databaseUrl = required('DATABASE_URL', (v) =>
    /^postgres(ql)?:\/\//.test(v) ? undefined : 'must be a postgresql:// connection URL',
  );
  const temporalAddress = required('TEMPORAL_ADDRESS', (v) =>
    /^[^\s:/]+:\d{1,5}$/.test(v) ? undefined : 'must be host:port, e.g. 127.0.0.1:7233',
  );
  const temporalNamespace = optional('TEMPORAL_NAMESPACE', 'default');
  const taskQueue = optional('TEMPORAL_TASK_QUEUE', DEFAULT_TASK_QUEUE);
  const apiPort = Number(optional('API_PORT', '3000', portCheck));
  const apiHost = optional('API_HOST', '127.0.0.1');
  const workflowBundlePath = env.WORKFLOW_BUNDLE_PATH?.trim() || undefined;
  const sealKeyFile = env.SEAL_KEY_FILE?.trim() || undefined;
  const checkpointIntervalSeconds = Number(
    optional('CHECKPOINT_INTERVAL_SECONDS', '60', (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 ? undefined : 'must be a whole number of seconds, at least 1')),
  );
  // The Temporal SDK takes 0 (no cache: every move replays) or at least 2; it would quietly make 1 into 2. The default
  // keeps a worker under 1 GiB (a cached decision costs about 0.6 MiB; at 1,000 the worker passed 1.1 GiB with 10,000
  // open decisions), and a decision outside the cache is replayed in tens of milliseconds when it next moves.
  const workflowCacheSize = Number(
    optional('WORKFLOW_CACHE_SIZE', '500', (v) => whole(0, 1_000_000, 'workflows')(v) ?? (v === '1' ? 'must be 0 (no cache) or from 2 to 1000000: the Temporal SDK keeps at least 2' : undefined)),
  );
  const verifyConcurrency = Number(optional('VERIFY_CONCURRENCY', '1', whole(1, 16)));
  const verifyQueue = Number(optional('VERIFY_QUEUE', '4', whole(0, 1000)));

  // At most 2^31 - 1: documents.size is a PostgreSQL integer.
  const maxDocumentBytes = Number(optional('MAX_DOCUMENT_BYTES', String(DEFAULT_MAX_DOCUMENT_BYTES), whole(1, INT_MAX, 'bytes')));
  const maxJsonBodyBytes = Number(optional('MAX_JSON_BODY_BYTES', String(1024 * 1024), whole(1024, INT_MAX, 'bytes')));
  // 1 MiB takes 84 s at 100 kbit/s: a slow line sends the largest body in time; a stalled one frees its connection.
  const jsonBodyTimeoutSeconds = Number(optional('JSON_BODY_TIMEOUT_SECONDS', '120', whole(1, 3600, 'seconds')));
  const maxConnectionsPerClient = Number(optional('MAX_CONNECTIONS_PER_CLIENT', '1024', whole(0, 100_000, 'connections')));
  const dependencyTimeoutSeconds = Number(optional('DEPENDENCY_TIMEOUT_SECONDS', '10', whole(1, 3600, 'seconds')));
  const stepsPerRun = optional('MAX_STEPS_PER_RUN', '', whole(1, 1_000_000, 'steps'));
  const maxStepsPerRun = stepsPerRun ? Number(stepsPerRun) : undefined;
  const readinessTimeoutSeconds = Number(optional('READINESS_TIMEOUT_SECONDS', '2', secondsCheck(0.1, 60)));
  const readinessPollWindowSeconds = Number(optional('READINESS_POLL_WINDOW_SECONDS', '75', secondsCheck(1, 300)));

  const workerMetricsAddress = optional('WORKER_METRICS_ADDRESS', '', (v) => (/^[^\s:/]+:\d{1,5}$/.test(v) ? undefined : 'must be host:port, e.g. 127.0.0.1:9464')) || undefined;

  const oidcIssuer = optional('OIDC_ISSUER', '', (v) => (/^https?:\/\/[^\s/]+/.test(v) ? undefined : 'must be an http(s):// URL, e.g. https://idp.example.gov.cn')) || undefined;
  const oidcAudience = optional('OIDC_AUDIENCE', DEFAULT_OIDC_AUDIENCE);
  const oidcJwks = parseJwks(optional('OIDC_JWKS', ''), problems);
  const oidcClockToleranceSeconds = Number(optional('OIDC_CLOCK_TOLERANCE_SECONDS', '30', whole(0, 300, 'seconds')));
  const metricsPublic = optional('METRICS_PUBLIC', 'false', (v) => (v === 'true' || v === 'false' ? undefined : 'must be true or false')) === 'true';
  const publicRateLimit = Number(optional('PUBLIC_RATE_LIMIT', '60', whole(1, 1_000_000, 'requests')));
  const publicRateWindowSeconds = Number(optional('PUBLIC_RATE_WINDOW_SECONDS', '60', whole(1, 86_400, 'seconds')));
  const publicListCacheSeconds = Number(optional('PUBLIC_LIST_CACHE_SECONDS', '5', whole(0, 3_600, 'seconds')));

  const trustProxy = parseTrustProxy(optional('TRUST_PROXY', ''), problems);

  const notifyEnabled = optional('NOTIFY_ENABLED', 'true', (v) => (v === 'true' || v === 'false' ? undefined : 'must be true or false')) === 'true';
  const notifyPollSeconds = Number(optional('NOTIFY_POLL_SECONDS', '5', secondsCheck(0.1, 3600)));
  const otlpEndpoint = optional('OTEL_EXPORTER_OTLP_ENDPOINT', '', (v) => (/^https?:\/\/[^\s/]+/.test(v) ? undefined : 'must be an http(s):// URL, e.g. http://127.0.0.1:4318')) || undefined;
  const notifySecretKeyFile = optional('NOTIFY_SECRET_KEY_FILE', '') || undefined;
  const commentFoldKeyFile = optional('COMMENT_FOLD_KEY_FILE', '') || undefined;
  const smtpUrl = optional('SMTP_URL', '', (v) => (/^smtps?:\/\/[^\s/]+/.test(v) ? undefined : 'must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525')) || undefined;
  const notifyFrom = optional('NOTIFY_FROM', '重大行政决策系统 <noreply@localhost>', (v) => (/^[^\r\n]*@[^\r\n]*$/.test(v) ? undefined : 'must be an e-mail address, e.g. 决策系统 <noreply@example.gov.cn>'));
  const notifyAppUrl = optional('NOTIFY_APP_URL', `http://${apiHost}:${apiPort}`, (v) => (/^https?:\/\/[^\s/]+/.test(v) ? undefined : 'must be an http(s):// URL, e.g. https://jc.example.gov.cn')).replace(/\/+$/, '');
  const webhookHosts = optional('NOTIFY_WEBHOOK_HOSTS', '', (v) => (v.split(',').every((h) => /^[a-z0-9.-]+(:\d{1,5})?$/i.test(h.trim())) ? undefined : 'must be host names (with an optional :port), comma-separated'));
  const notifyWebhookHosts = webhookHosts ? webhookHosts.split(',').map((h) => h.trim().toLowerCase()) : undefined;

  const temporalApiKey = env.TEMPORAL_API_KEY?.trim() || undefined;
  const temporalTls = parseTemporalTls(env, Boolean(temporalApiKey), problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    databaseUrl,
    temporalAddress,
    temporalNamespace,
    taskQueue,
    apiPort,
    apiHost,
    workflowBundlePath,
    sealKeyFile,
    checkpointIntervalSeconds,
    workflowCacheSize,
    maxJsonBodyBytes,
    jsonBodyTimeoutSeconds,
    maxConnectionsPerClient,
    dependencyTimeoutSeconds,
    maxStepsPerRun,
    readinessTimeoutSeconds,
    readinessPollWindowSeconds,
    verifyConcurrency,
    verifyQueue,
    maxDocumentBytes,
    workerMetricsAddress,
    oidcIssuer,
    oidcAudience,
    oidcJwks,
    oidcClockToleranceSeconds,
    metricsPublic,
    publicRateLimit,
    publicRateWindowSeconds,
    publicListCacheSeconds,
    trustProxy,
    notifyEnabled,
    notifyPollSeconds,
    smtpUrl,
    otlpEndpoint,
    notifySecretKeyFile,
    commentFoldKeyFile,
    notifyFrom,
    notifyAppUrl,
    notifyWebhookHosts,
    temporalTls,
    temporalApiKey,
  };
}

/**
 * TEMPORAL_TLS (true/false; default true when any of the others is set, or
 * TEMPORAL_API_KEY), TEMPORAL_TLS_CA_FILE, TEMPORAL_TLS_CERT_FILE with
 * TEMPORAL_TLS_KEY_FILE (both or neither), TEMPORAL_TLS_SERVER_NAME. The files
 * must be there (mounted secrets); they are read when connecting.
 */
function parseTemporalTls(env: Env, apiKey: boolean, problems: string[]): AppConfig['temporalTls'] {
  const file = (name: string): string | undefined => {
    const value = env[name]?.trim() || undefined;
    if (value && !existsSync(value)) problems.push(`${name}=${JSON.stringify(value)}: no such file`);
    return value;
  };
  const caFile = file('TEMPORAL_TLS_CA_FILE');
  const certFile = file('TEMPORAL_TLS_CERT_FILE');
  const keyFile = file('TEMPORAL_TLS_KEY_FILE');
  const serverName = env.TEMPORAL_TLS_SERVER_NAME?.trim() || undefined;
  if (Boolean(certFile) !== Boolean(keyFile)) problems.push('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together: the client certificate and its private key');
  const flag = env.TEMPORAL_TLS?.trim();
  if (flag && flag !== 'true' && flag !== 'false') problems.push(`TEMPORAL_TLS=${JSON.stringify(flag)}: must be true or false`);
  const anything = Boolean(caFile || certFile || keyFile || serverName);
  if (flag === 'false' && (anything || apiKey)) problems.push('TEMPORAL_TLS=false, but TLS files, a server name or TEMPORAL_API_KEY are set: an API key or a certificate goes over TLS only');
  if (flag === 'true' || anything || apiKey) return { caFile, certFile, keyFile, serverName };
  return undefined;
}

/**
 * The options of a Temporal connection (client or worker) as configured:
 * the address, TLS with the files read now, and the API key.
 */
export function temporalConnectionOptions(config: Pick<AppConfig, 'temporalAddress' | 'temporalTls' | 'temporalApiKey'>): {
  address: string;
  tls?: { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCertPair?: { crt: Buffer; key: Buffer } };
  apiKey?: string;
} {
  const { temporalTls: t, temporalApiKey } = config;
  const tls = t
    ? {
        ...(t.serverName ? { serverNameOverride: t.serverName } : {}),
        ...(t.caFile ? { serverRootCACertificate: readFileSync(t.caFile) } : {}),
        ...(t.certFile && t.keyFile ? { clientCertPair: { crt: readFileSync(t.certFile), key: readFileSync(t.keyFile) } } : {}),
      }
    : undefined;
  return { address: config.temporalAddress, ...(tls ? { tls } : {}), ...(temporalApiKey ? { apiKey: temporalApiKey } : {}) };
}

/**
 * What a Temporal client (the API's, and the worker's for its activities) takes in one answer: a run's history is read
 * whole when it is archived or exported, and gRPC's default of 4 MiB refused a history of 4.8 MB for good (fresh-eyes
 * tester: the archive activity failed for ever, the bundle of a decision could not be exported or verified). Temporal
 * itself refuses a history past 50 MB, so this holds any it keeps.
 */
export const TEMPORAL_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

/** The options of a Temporal client connection (@temporalio/client): the server's, and answers as large as a history. */
export function temporalClientOptions(config: Pick<AppConfig, 'temporalAddress' | 'temporalTls' | 'temporalApiKey'>) {
  return { ...temporalConnectionOptions(config), channelArgs: { 'grpc.max_receive_message_length': TEMPORAL_MAX_MESSAGE_BYTES } };
}

/** TRUST_PROXY: hops (1, 2, …) or proxies (addresses, subnets, loopback/linklocal/uniquelocal); never "everyone". */
function parseTrustProxy(text: string, problems: string[]): AppConfig['trustProxy'] {
  if (!text) return undefined;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 10) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  const ok = (e: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(e) || (isIP(e.split('/')[0]) !== 0 && /^[^/]+(\/\d{1,3})?$/.test(e));
  if (entries.every(ok)) return entries;
  problems.push(`TRUST_PROXY=${JSON.stringify(text)}: must be a number of proxy hops (1-10), or the proxies' addresses or subnets (or loopback, linklocal, uniquelocal), comma-separated`);
  return undefined;
}

/** What the API needs to verify callers: the issuer at least (the API does not start without one). */
export function authConfig(config: AppConfig): { issuer: string; audience: string; jwks?: { keys: Record<string, unknown>[] }; clockToleranceSeconds: number } {
  if (!config.oidcIssuer) throw new ConfigError(["OIDC_ISSUER is required but not set: the API verifies every caller's access token against its issuer (npm start points it at the embedded provider)"]);
  return { issuer: config.oidcIssuer, audience: config.oidcAudience, jwks: config.oidcJwks, clockToleranceSeconds: config.oidcClockToleranceSeconds };
}

/** OIDC_JWKS: a JSON Web Key Set, {"keys": [...]}, of public keys only. */
function parseJwks(text: string, problems: string[]): AppConfig['oidcJwks'] {
  if (!text) return undefined;
  let jwks: unknown;
  try {
    jwks = JSON.parse(text);
  } catch {
    problems.push('OIDC_JWKS: must be a JSON Web Key Set, {"keys": [...]}, as JSON text');
    return undefined;
  }
  const keys = (jwks as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || !keys.length || !keys.every((k) => k && typeof k === 'object' && typeof (k as { kty?: unknown }).kty === 'string')) {
    problems.push('OIDC_JWKS: must be a JSON Web Key Set with at least one key, {"keys": [{"kty": …}, …]}');
    return undefined;
  }
  if (keys.some((k) => 'd' in k || 'k' in k)) {
    problems.push('OIDC_JWKS: must hold public keys only (a private or symmetric key was given)');
    return undefined;
  }
  return { keys };
}

const INT_MAX = 2 ** 31 - 1;

function whole(min: number, max: number, unit?: string) {
  return (v: string): string | undefined => (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? undefined : `must be a whole number${unit ? ` of ${unit}` : ''}, from ${min} to ${max}`);
}

function secondsCheck(min: number, max: number): (v: string) => string | undefined {
  return (v) => {
    const n = Number(v);
    return Number.isFinite(n) && n >= min && n <= max ? undefined : `must be a number of seconds from ${min} to ${max}`;
  };
}

function portCheck(v: string): string | undefined {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 65536 ? undefined : 'must be a port number (1-65535)';
}
