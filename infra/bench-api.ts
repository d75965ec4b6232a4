import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Pool } from 'pg';
import { applyMigrations } from '../libs/db/migrate';
import type { Actor } from '../libs/domain';
import { documentHashes } from '../libs/record/chain';
import { keyEndorsementMessage } from '../libs/record/endorsement';
import { ensureSealKeyFile } from '../libs/record/seal';
import { generateSigningKey, keyIdOf, registrationSignOffMessage, signMessage, signOffMessage, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../libs/record/signatures';
import { benchWorkflow, doneSignal, touchUpdate } from './bench/workflow';
import { formatTable, instantMs, jsonLine, latencies, updateLegs, type Row, type UpdateLegs } from './bench/stats';
import { seedDemoGovernment } from './demo-government';
import { DEMO_ACCOUNTS } from './oidc/demo-accounts';
import { signInAsBrowser } from './oidc/browser-flow';
import { CLI_REDIRECT_URI, DEFAULT_AUDIENCE, DEFAULT_CLIENT_ID, ensureAccountsFile, startOidcProvider, type OidcProvider } from './oidc/provider';
import { PROJECT_ROOT, requireTool, TEMPORAL_TEST_SERVER, WORKFLOW_BUNDLE } from './paths';
import { startPostgres, type PostgresCluster } from './postgres';
import { addRegistrarKey } from './registrar';
import { stopChild } from './supervisor';
import { freePort, startTemporalDevServer, type TemporalDevServer } from './temporal';

const usage = (sections: string) => `npm run bench:api [-- options]
  The API's sign-offs and public comments, each figure next to its baseline measured in the same run on the same
  servers: its own throwaway PostgreSQL, Temporal dev server, OpenID Connect provider, API and worker(s), on free ports.
  --decisions N      open decisions for the many-decisions figure (default 1000; the issue's figure is 10000:
                     registering them takes 15-40 min on 2 shared cores)
  --samples N        sequential sign-offs (and bare Updates) per latency figure (default 300)
  --comments N       public comments sent for the intake figure (default 3000), at --comment-concurrency (default 20)
  --per-loop N       sign-offs per decision in the throughput figure (default 10), over 50 decisions at concurrency 50
  --history-comments N  comments on the larger decision of the history figure (default 100000; about 4 min at 500/s),
                     next to one with 10: on the time-skipping test server, so that the 30-day period passes
  --algorithm A      the officials' signature algorithm: sm2-sm3 (default) or ed25519
  --only a,b         run only these sections (${sections})
  --keep             keep the servers' directory (data and logs) afterwards
  --profile DIR      CPU profiles of the API and the worker (node --cpu-prof) written to DIR
  TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE, default "default"): an external Temporal server instead of the dev server.
  Progress goes to stderr; the table and a JSON line to stdout.`;

const { values: flags } = parseArgs({
  options: {
    decisions: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '300' },
    comments: { type: 'string', default: '3000' },
    'comment-concurrency': { type: 'string', default: '20' },
    'per-loop': { type: 'string', default: '10' },
    'history-comments': { type: 'string', default: '100000' },
    algorithm: { type: 'string', default: 'sm2-sm3' },
    only: { type: 'string' },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const whole = (name: keyof typeof flags): number => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number, at least 1`);
  return n;
};

const started = performance.now();
const say = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The official who registers and drafts every decision of the benchmark: 张承办 of the demo government. */
const UNIT: Actor = { id: 'u-zhang', name: '张承办', role: 'undertaking_unit', organisation: 'sz-jtj' } as Actor;
/** The texts of the benchmark's documents by hash: each is uploaded (POST /documents) before a step or an answer cites it. */
const documentTexts = new Map<string, string>();
/** A document's hash, of the text `s` as its content (remembered, to be uploaded). */
const hashOf = (s: string) => {
  const hash = `sha256:${createHash('sha256').update(s).digest('hex')}`;
  documentTexts.set(hash, s);
  return hash;
};

// ---------------------------------------------------------------------------------------------------------------------
// The system: the embedded default, as npm start brings it up, on free ports in a throwaway directory.

interface NodeProcess {
  child: ChildProcess;
  name: string;
}

class System {
  readonly dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  readonly runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  readonly taskQueue = `bench-decisions-${this.runId}`;
  readonly benchQueue = `bench-bare-${this.runId}`;
  readonly namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  temporalAddress = process.env.TEMPORAL_ADDRESS ?? '';
  pg?: PostgresCluster;
  temporalServer?: TemporalDevServer;
  oidc?: OidcProvider;
  migrationUrl = '';
  databaseUrl = '';
  apiUrl = '';
  api?: NodeProcess;
  workers: NodeProcess[] = [];
  benchWorkers: NodeProcess[] = [];
  temporal!: TemporalClient;
  benchBundle = '';
  private childEnv: NodeJS.ProcessEnv = {};

  async start(): Promise<void> {
    chmodSync(this.dir, 0o755); // as root, the cluster inside runs as the postgres user
    mkdirSync(join(this.dir, 'logs'));
    const [pgPort, temporalPort, oidcPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    say(`servers in ${this.dir} (logs in ${join(this.dir, 'logs')})`);
    const accountsFile = join(this.dir, 'oidc', 'accounts.json');
    ensureAccountsFile(accountsFile, DEMO_ACCOUNTS);
    const [pg, temporalServer, oidc] = await Promise.all([
      startPostgres({ dataDir: join(this.dir, 'pg'), port: pgPort, database: 'decisions', logFile: join(this.dir, 'logs', 'postgres.log') }),
      this.temporalAddress
        ? Promise.resolve(undefined)
        : startTemporalDevServer({ port: temporalPort, dbFile: join(this.dir, 'temporal.sqlite'), logFile: this.logTo('temporal') }),
      startOidcProvider({ port: oidcPort, accountsFile, keysFile: join(this.dir, 'oidc', 'signing-key.json'), accessTokenTtlSeconds: 12 * 3600, logFile: this.logTo('oidc') }),
    ]);
    Object.assign(this, { pg, temporalServer, oidc });
    if (temporalServer) this.temporalAddress = temporalServer.address;
    say(`PostgreSQL on ${pgPort}; Temporal ${temporalServer ? 'dev server' : 'server (TEMPORAL_ADDRESS)'} at ${this.temporalAddress}, namespace ${this.namespace}; OpenID Connect provider ${oidc.issuer}`);
    // As npm start: the owner migrates, the applications run as decision_app; Shenzhen's registrars and demo government.
    this.migrationUrl = pg.url;
    this.databaseUrl = pg.url.replace('//postgres@', '//decision_app@');
    await applyMigrations(this.migrationUrl);
    const registrar = ensureSealKeyFile(join(this.dir, 'keys', 'registrar.json'), 'sm2-sm3');
    const province = ensureSealKeyFile(join(this.dir, 'keys', 'registrar-gd.json'), 'sm2-sm3');
    await addRegistrarKey(this.migrationUrl, '深圳市人事登记员 (bench)', registrar, 'sz');
    await addRegistrarKey(this.migrationUrl, '广东省人事登记员 (bench)', province, 'gd');
    await seedDemoGovernment(this.migrationUrl, { sz: registrar, gd: province });
    const sealKeyFile = join(this.dir, 'keys', 'seal.json');
    ensureSealKeyFile(sealKeyFile);

    this.temporal = new TemporalClient({ connection: await Connection.connect({ address: this.temporalAddress }), namespace: this.namespace });
    const { code } = await bundleWorkflowCode({ workflowsPath: join(PROJECT_ROOT, 'infra', 'bench', 'workflow.ts'), logger: quietBundler });
    this.benchBundle = join(this.dir, 'bench-bundle.js');
    writeFileSync(this.benchBundle, code);

    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    this.childEnv = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_NAMESPACE: this.namespace,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      SEAL_KEY_FILE: sealKeyFile,
      WORKFLOW_BUNDLE_PATH: WORKFLOW_BUNDLE,
      API_PORT: String(apiPort),
      OIDC_ISSUER: oidc.issuer,
      OIDC_AUDIENCE: oidc.audience,
      // The public endpoints' rate limit stays as configured; the clients are told apart by X-Forwarded-For.
      TRUST_PROXY: 'loopback',
      BENCH_TASK_QUEUE: this.benchQueue,
      BENCH_BUNDLE: this.benchBundle,
    };
    await this.setWorkers(1);
    this.api = await this.spawnNode('api', 'dist/apps/api/src/main.js', /API listening/);
  }

  private logTo(name: string): (chunk: Buffer) => void {
    const stream = createWriteStream(join(this.dir, 'logs', `${name}.log`), { flags: 'a' });
    return (chunk) => stream.write(chunk);
  }

  /** A Node program of ours, ready once it prints `ready`. */
  spawnNode(name: string, script: string, ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<NodeProcess> {
    const file = `${name}-${process.pid}-${Date.now()}.cpuprofile`;
    const profile = flags.profile && !name.startsWith('bench-worker') ? ['--cpu-prof', `--cpu-prof-dir=${flags.profile}`, `--cpu-prof-name=${file}`] : [];
    if (profile.length) profiles.files.push({ file, name, spawnedAtMs: performance.now() - started });
    const child = spawn(process.execPath, [...profile, join(PROJECT_ROOT, script)], { env: { ...this.childEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = this.logTo(name);
    let seen = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} not ready within 120 s; see ${join(this.dir, 'logs', name + '.log')}`)), 120_000);
      const onData = (chunk: Buffer) => {
        log(chunk);
        if (seen === null) return;
        // Tested before it is cut to its tail: the ready line may come first in a long chunk (the API's buffered start-up
        // logs follow it), and cut away unseen it left the benchmark waiting 120 s for a line printed long before.
        const text = seen + chunk.toString();
        seen = text.slice(-2000);
        if (ready.test(text)) {
          clearTimeout(timer);
          seen = null as unknown as string;
          resolve({ child, name });
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}); see ${join(this.dir, 'logs', name + '.log')}`));
      });
    });
  }

  /** Runs `n` decision workers and `n` bench workers (the baseline's), stopping those running first. */
  async setWorkers(n: number): Promise<void> {
    await Promise.all([...this.workers, ...this.benchWorkers].map((p) => stopChild(p.child, { timeoutMs: 30_000 })));
    this.workers = [];
    this.benchWorkers = [];
    for (let i = 0; i < n; i++) {
      this.workers.push(await this.spawnNode(`worker-${i + 1}`, 'dist/apps/worker/src/main.js', /polling task queue/));
      this.benchWorkers.push(await this.spawnNode(`bench-worker-${i + 1}`, 'dist/infra/bench/worker.js', /bench worker polling/));
    }
    say(`${n} decision worker${n > 1 ? 's' : ''} and ${n} bench worker${n > 1 ? 's' : ''} polling`);
  }

  async stop(): Promise<void> {
    await Promise.all([this.api, ...this.workers, ...this.benchWorkers].filter((p): p is NodeProcess => !!p).map((p) => stopChild(p.child, { timeoutMs: 30_000 })));
    await this.temporal?.connection.close().catch(() => undefined);
    await Promise.all([this.temporalServer?.stop(), this.oidc?.stop(), this.pg?.stop()]);
    if (flags.keep) say(`kept ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** CPU milliseconds per operation by process, ours and the baseline's (throughput: a sign-off and a bare Update; comments: a comment and a raw insert): printed in the JSON line. */
const cpuReport: { section: string; ours: Record<string, number>; baseline: Record<string, number> }[] = [];

/** With --profile: which profile is which process's, and when each section ran (ms from the benchmark's start). */
const profiles = { files: [] as { file: string; name: string; spawnedAtMs: number }[], sections: [] as { name: string; fromMs: number; toMs: number }[] };

const quietBundler = { trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => say(`bundler: ${m}`), log() {} };

/** Resident memory of a process, in MiB, and its peak (Linux /proc). */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * CPU seconds (user + system) a process has used; with `children`, its children's too (PostgreSQL's backends): those
 * still running, and those that have ended (their time is the parent's cutime and cstime once it has waited for them),
 * so that a connection closed between two readings does not take its time out of the sum.
 */
function cpuOf(pid: number | undefined, children = false): number {
  if (!pid) return 0;
  const tick = 100; // USER_HZ on Linux
  const read = (p: number | string) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / tick, ended: (Number(f[13]) + Number(f[14])) / tick };
    } catch {
      return undefined;
    }
  };
  const self = read(pid);
  let total = (self?.cpu ?? 0) + (children ? (self?.ended ?? 0) : 0);
  if (children) for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) if (read(p)?.ppid === pid) total += read(p)!.cpu;
  return total;
}

/** CPU seconds used so far by each part of the system (Linux /proc; PostgreSQL's backends end with their connections). */
function cpuByPart(system: System): Record<string, number> {
  const sum = (ps: NodeProcess[]) => ps.reduce((t, p) => t + cpuOf(p.child.pid), 0);
  const self = process.cpuUsage();
  return {
    api: cpuOf(system.api?.child.pid),
    worker: sum(system.workers),
    'bench worker': sum(system.benchWorkers),
    temporal: cpuOf(system.temporalServer?.process.pid),
    postgres: cpuOf(system.pg?.process.pid, true),
    client: (self.user + self.system) / 1e6,
  };
}

/** Milliseconds of CPU per operation, by part, between two snapshots. */
function cpuPerOp(before: Record<string, number>, after: Record<string, number>, ops: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, Number((((after[k] - before[k]) * 1000) / ops).toPrecision(2))]).filter(([, v]) => (v as number) > 0));
}

const loadText = () => loadavg().map((x) => x.toFixed(1)).join(' ');

const cpuText = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ');

// ---------------------------------------------------------------------------------------------------------------------
// The API's client: signed-in officials, their signed steps.

interface Answer {
  status: number;
  body: unknown;
}

class ApiClient {
  private tokens = new Map<string, string>();
  private key!: { algorithm: SignatureAlgorithm; privateKey: string; publicKey: string; keyId: string };
  catalogRef = '';
  /** Each decision's draft version: its next sign-off is the next revision. */
  readonly drafts = new Map<string, number>();
  private seq = 0;

  /** Another API process than the system's (the history figure's, on the time-skipping server). */
  private baseUrl?: string;

  constructor(private readonly system: System, private readonly algorithm: SignatureAlgorithm) {}

  /** The same official, key and catalog item, talking to the API at `url`. */
  via(url: string): ApiClient {
    return Object.assign(Object.create(ApiClient.prototype) as ApiClient, this, { baseUrl: url });
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const sent = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    const res = await httpCall(new URL(path, this.baseUrl ?? this.system.apiUrl), method, { ...(sent ? { 'content-type': 'application/json', 'content-length': String(sent.length) } : {}), ...headers }, sent);
    const text = res.body;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed };
  }

  /** The documents uploaded so far (shared with the clients `via` makes: one database). */
  private uploaded = new Set<string>();

  /**
   * Uploads as the official (POST /documents) the documents a step's payload or an answer cites that are not uploaded
   * yet: the API refuses a step naming a document nobody uploaded (Art. 33). Sign-offs upload theirs before their clock starts.
   */
  async uploadCited(path: string, body: unknown): Promise<void> {
    if (!body || typeof body !== 'object') return;
    const cited = /\/steps$/.test(path) ? (body as { payload?: unknown }).payload : /\/comment-answers$/.test(path) ? { groupHash: (body as { groupHash?: unknown }).groupHash } : undefined;
    for (const hash of documentHashes(cited)) {
      const text = documentTexts.get(hash);
      if (text === undefined || this.uploaded.has(hash)) continue;
      const res = await fetch(`${this.baseUrl ?? this.system.apiUrl}/documents`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8', authorization: `Bearer ${await this.token(UNIT.id)}` }, body: Buffer.from(text, 'utf8') });
      const answer = (await res.json().catch(() => ({}))) as { hash?: string };
      if (res.status !== 201 || answer.hash !== hash) throw new Error(`POST /documents (${hash}): ${res.status} ${JSON.stringify(answer).slice(0, 600)}`);
      this.uploaded.add(hash);
    }
  }

  /** As `sub`, expecting `status`; anything else stops the benchmark with the API's answer. */
  async as(sub: string, method: string, path: string, body?: unknown, status = 201): Promise<unknown> {
    await this.uploadCited(path, body);
    const a = await this.request(method, path, body, { authorization: `Bearer ${await this.token(sub)}` });
    if (a.status !== status) throw new Error(`${method} ${path} as ${sub}: ${a.status} ${JSON.stringify(a.body).slice(0, 600)}`);
    return a.body;
  }

  async token(sub: string): Promise<string> {
    let token = this.tokens.get(sub);
    if (!token) {
      const account = DEMO_ACCOUNTS.find((a) => a.sub === sub)!;
      token = (await signInAsBrowser({ issuer: this.system.oidc!.issuer, clientId: DEFAULT_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, resource: DEFAULT_AUDIENCE, login: sub, password: account.password })).accessToken;
      this.tokens.set(sub, token);
    }
    return token;
  }

  /** The official's key, endorsed by the registrar and registered; the catalog item every decision comes from. */
  async prepare(): Promise<void> {
    const made = generateSigningKey(this.algorithm);
    this.key = { algorithm: this.algorithm, ...made, keyId: keyIdOf(this.algorithm, made.publicKey) };
    const registrar = JSON.parse(readFileSync(join(this.system.dir, 'keys', 'registrar.json'), 'utf8')) as { algorithm: SignatureAlgorithm; privateKey: string; publicKey: string };
    const body = { actorId: UNIT.id, algorithm: this.algorithm, publicKey: this.key.publicKey, validFrom: '2026-01-01T00:00:00Z', validTo: '2030-01-01T00:00:00Z' };
    const endorsement = { keyId: keyIdOf(registrar.algorithm, registrar.publicKey), value: signMessage(registrar.algorithm, registrar.privateKey, keyEndorsementMessage(body)) };
    await this.as('p-zhou', 'POST', '/actor-keys', { ...body, endorsement });
    this.catalogRef = `BENCH-${this.system.runId}`;
    await this.as('s-zhou', 'POST', '/catalog-items', { ref: this.catalogRef, year: 2026, title: '基准测试事项 (benchmark item)', organ: '深圳市人民政府', partyConsentRef: '基准测试 (benchmark)' });
  }

  newDecisionId(): string {
    return `BENCH-${this.system.runId}-${++this.seq}`;
  }

  /** The body of POST /decisions: the registration, signed. */
  registration(id: string): unknown {
    const fields = { id, title: `基准测试决策 ${id}`, undertakingDepartment: UNIT.organisation, catalogRef: this.catalogRef, legalBasis: ['《重大行政决策程序暂行条例》第三条'], actor: UNIT };
    return { ...fields, signature: { keyId: this.key.keyId, value: signMessage(this.algorithm, this.key.privateKey, registrationSignOffMessage(fields, UNIT)) } };
  }

  /** Registers the decision; a 503 is sent again (the same registration) after Retry-After, as a client does. */
  async register(id: string): Promise<void> {
    const body = this.registration(id);
    const token = await this.token(UNIT.id);
    for (;;) {
      const a = await this.request('POST', '/decisions', body, { authorization: `Bearer ${token}` });
      if (a.status === 201) break;
      if (a.status !== 503 || this.retries >= 1000) throw new Error(`POST /decisions (${id}): ${a.status} ${JSON.stringify(a.body).slice(0, 600)}`);
      this.retries++;
      await sleep(1000 * Number((a.body as { retryAfterSeconds?: number }).retryAfterSeconds ?? 5));
    }
    this.drafts.set(id, 0);
  }

  /** The body of POST /decisions/:id/steps, signed. */
  step(id: string, action: string, payload: Record<string, unknown>): unknown {
    const idempotencyKey = `${id}-${action}-${randomUUID()}`;
    const value = signMessage(this.algorithm, this.key.privateKey, signOffMessage({ decisionId: id, action, actor: UNIT, payload, idempotencyKey }));
    return { action, actor: UNIT, payload, idempotencyKey, signature: { keyId: this.key.keyId, value } };
  }

  /** The decision's next draft, signed: the first with its alternatives, then revisions (Arts. 12, 18). */
  nextDraft(id: string): unknown {
    const v = (this.drafts.get(id) ?? 0) + 1;
    this.drafts.set(id, v);
    const texts = { documentHash: hashOf(`${id} draft ${v}`), explanationHash: hashOf(`${id} explanation ${v}`) };
    const payload =
      v === 1
        ? { ...texts, alternatives: [{ title: '方案一', documentHash: hashOf(`${id} alt 1`) }, { title: '方案二', documentHash: hashOf(`${id} alt 2`) }], comparisonHash: hashOf(`${id} comparison`) }
        : { ...texts, material: false, reason: `第${v}稿：文字修改 (revision ${v}: wording)` };
    return this.step(id, 'submitDraft', payload);
  }

  /** The decision's next draft, signed, its documents uploaded (Art. 33): ready to be sent. */
  private async prepared(id: string): Promise<unknown> {
    const body = this.nextDraft(id);
    await this.uploadCited(`/decisions/${id}/steps`, body);
    return body;
  }

  /** Sign-offs made ready before a clock starts, by decision: a throughput round times the sign-offs, not the uploads. */
  private readonly ready = new Map<string, unknown[]>();

  /** Makes `n` sign-offs on each of `ids` ready (signed, documents uploaded), for a round about to be timed. */
  async prepareSignOffs(ids: readonly string[], n: number): Promise<void> {
    await pool(ids.length, 10, async (i) => {
      const queue = this.ready.get(ids[i]) ?? [];
      this.ready.set(ids[i], queue);
      for (let k = 0; k < n; k++) queue.push(await this.prepared(ids[i]));
    });
  }

  /** 503 answers (Temporal or the worker too slow), each sent again after its Retry-After, as the API asks clients to. */
  retries = 0;

  /**
   * One sign-off, timed from the request to the answer (the body is signed before the clock starts); a 503 is
   * retried with the same idempotency key after Retry-After, as a client does, and the wait counts in the time.
   */
  async signOff(id: string): Promise<number> {
    const body = this.ready.get(id)?.shift() ?? (await this.prepared(id));
    const token = await this.token(UNIT.id);
    const t0 = performance.now();
    for (;;) {
      const a = await this.request('POST', `/decisions/${id}/steps`, body, { authorization: `Bearer ${token}` });
      if (a.status === 201 || a.status === 200) return performance.now() - t0;
      if (a.status !== 503 || this.retries >= 1000) throw new Error(`sign-off on ${id}: ${a.status} ${JSON.stringify(a.body).slice(0, 600)}`);
      this.retries++;
      say(`  sign-off on ${id} answered 503 after ${((performance.now() - t0) / 1000).toFixed(1)} s; sent again after Retry-After`);
      await sleep(1000 * Number((a.body as { retryAfterSeconds?: number }).retryAfterSeconds ?? 5));
    }
  }

  /** Registers `n` decisions (at `concurrency`) and gives each its first draft: each is ready for revisions. */
  async drafted(n: number, concurrency = 10): Promise<string[]> {
    const ids = Array.from({ length: n }, () => this.newDecisionId());
    await pool(ids.length, concurrency, async (i) => {
      await this.register(ids[i]);
      await this.signOff(ids[i]);
    });
    return ids;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// The baseline: bare Updates on the bench workflow (infra/bench/workflow.ts).

async function bareWorkflows(system: System, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `bench-bare-${system.runId}-${randomUUID().slice(0, 8)}-${i}`);
  await pool(n, 10, (i) => system.temporal.workflow.start(benchWorkflow, { workflowId: ids[i], taskQueue: system.benchQueue }).then(() => undefined));
  return ids;
}

async function bareUpdate(system: System, id: string, n: number): Promise<number> {
  const t0 = performance.now();
  await system.temporal.workflow.getHandle(id).executeUpdate(touchUpdate, { args: [{ n }] });
  return performance.now() - t0;
}

async function finish(system: System, ids: string[]): Promise<void> {
  await pool(ids.length, 10, (i) => system.temporal.workflow.getHandle(ids[i]).signal(doneSignal));
}

/** A row saying how many sign-offs were answered 503 and sent again (none: no row). */
const retriedRow = (n: number, label: string): Row[] => (n ? [{ figure: `  sign-offs answered 503, sent again${label}`, ours: n, unit: '' }] : []);

/** Runs `task(0…total-1)` with at most `concurrency` at a time. */
async function pool(total: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------------
// The sections: each a function that measures and returns its rows.

interface Bench {
  system: System;
  api: ApiClient;
  samples: number;
}

interface Section {
  name: string;
  what: string;
  run(b: Bench): Promise<Row[]>;
}

/**
 * Sequential sign-offs round-robin over 10 decisions, and bare Updates round-robin over 10 bench workflows,
 * alternating one and one, so both see the same machine at the same moments. Warmed up first.
 */
async function latencyPair(b: Bench, label: string): Promise<{ ours: number[]; bare: number[]; rows: Row[] }> {
  const decisions = await b.api.drafted(10);
  const workflows = await bareWorkflows(b.system, 10);
  const retriesBefore = b.api.retries;
  for (let i = 0; i < 10; i++) {
    await b.api.signOff(decisions[i]);
    await bareUpdate(b.system, workflows[i], i);
  }
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < b.samples; i++) {
    ours.push(await b.api.signOff(decisions[i % 10]));
    bare.push(await bareUpdate(b.system, workflows[i % 10], i));
    if ((i + 1) % 100 === 0) say(`  ${i + 1}/${b.samples} sign-offs and bare Updates${label}`);
  }
  const legs = await Promise.all([temporalLegs(b.system, decisions), temporalLegs(b.system, workflows)]);
  await finish(b.system, workflows);
  const o = latencies(ours);
  const retried = b.api.retries - retriesBefore;
  const r = latencies(bare);
  return {
    ours,
    bare,
    rows: [
      { figure: `sign-off round trip p50${label}`, ours: o.p50, baseline: r.p50, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 1.3 } },
      { figure: `sign-off round trip p99${label}`, ours: o.p99, baseline: r.p99, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 2 } },
      ...retriedRow(retried, label),
      ...legRows(legs[0], legs[1], label),
    ],
  };
}

/** The Temporal legs of the Updates the workflows ran, from their histories (the server's clock). */
async function temporalLegs(system: System, workflowIds: readonly string[]): Promise<UpdateLegs> {
  const all: UpdateLegs = { firstTask: [], activity: [], secondDispatch: [], secondTask: [] };
  for (const id of workflowIds) {
    const { events } = JSON.parse(historyToJSON(await system.temporal.workflow.getHandle(id).fetchHistory())) as { events: { eventType: string; eventTime: string }[] };
    const legs = updateLegs(events.map((e) => ({ type: e.eventType, at: instantMs(e.eventTime) })));
    for (const k of Object.keys(all) as (keyof UpdateLegs)[]) all[k].push(...legs[k]);
  }
  return all;
}

/** Where the sign-off's Temporal part went, leg by leg, next to the bare Update's: figures, not goals. */
function legRows(ours: UpdateLegs, bare: UpdateLegs, label: string): Row[] {
  const names: [keyof UpdateLegs, string][] = [
    ['firstTask', 'workflow task accepting the Update'],
    ['activity', 'activity, scheduled to completed'],
    ['secondDispatch', 'next workflow task reaching the worker'],
    ['secondTask', 'workflow task completing the Update'],
  ];
  return names.map(([k, what]) => ({ figure: `  p50 of the ${what}${label}`, ours: latencies(ours[k]).p50, baseline: latencies(bare[k]).p50, unit: 'ms' }));
}

/** 50 decisions, 50 clients each signing off its own decision in turn, against 50 bench workflows likewise. */
async function throughputPair(b: Bench, label: string): Promise<Row[]> {
  const perLoop = whole('per-loop');
  const decisions = await b.api.drafted(50);
  const workflows = await bareWorkflows(b.system, 50);
  const retriesBefore = b.api.retries;
  const measure = async (one: (i: number, k: number) => Promise<number>) => {
    const times: number[] = [];
    const cpu0 = cpuByPart(b.system);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 50 }, async (_, i) => {
      for (let k = 0; k < perLoop; k++) times.push(await one(i, k));
    }));
    return { rate: times.length / ((performance.now() - t0) / 1000), times, cpu: cpuPerOp(cpu0, cpuByPart(b.system), times.length) };
  };
  // A round of each to warm up, then the measured rounds, bare first.
  await measure((i, k) => (k ? Promise.resolve(0) : bareUpdate(b.system, workflows[i], -1)));
  await measure((i, k) => (k ? Promise.resolve(0) : b.api.signOff(decisions[i])));
  say(`  throughput${label}: 50 decisions and 50 bench workflows ready and warmed up`);
  // Two rounds of each, alternating; the better round of each counts (the machine may be shared).
  const rounds: { bare: Awaited<ReturnType<typeof measure>>; ours: Awaited<ReturnType<typeof measure>> }[] = [];
  for (let round = 0; round < 2; round++) {
    const bareRound = await measure((i, k) => bareUpdate(b.system, workflows[i], k));
    await b.api.prepareSignOffs(decisions, perLoop);
    const oursRound = await measure((i) => b.api.signOff(decisions[i]));
    rounds.push({ bare: bareRound, ours: oursRound });
    say(`  round ${round + 1}${label}: bare Updates ${bareRound.rate.toFixed(1)}/s, sign-offs ${oursRound.rate.toFixed(1)}/s`);
  }
  const best = (which: 'bare' | 'ours') => rounds.map((r) => r[which]).reduce((a, c) => (c.rate > a.rate ? c : a));
  const [bare, ours] = [best('bare'), best('ours')];
  // Where the machine's time went: CPU milliseconds per operation, by process.
  say(`  CPU ms per sign-off${label}: ${cpuText(ours.cpu)}`);
  say(`  CPU ms per bare Update${label}: ${cpuText(bare.cpu)}`);
  cpuReport.push({ section: `throughput${label}`, ours: ours.cpu, baseline: bare.cpu });
  await finish(b.system, workflows);
  return [
    { figure: `sign-offs/s, 50 decisions at concurrency 50${label}`, ours: ours.rate, baseline: bare.rate, unit: '/s', goal: { on: 'ratio', op: 'ge', limit: 0.8 } },
    { figure: `  p50 at concurrency 50${label}`, ours: latencies(ours.times).p50, baseline: latencies(bare.times).p50, unit: 'ms' },
    ...retriedRow(b.api.retries - retriesBefore, `${label}, concurrency 50`),
  ];
}

const SECTIONS: Section[] = [
  {
    name: 'latency',
    what: 'sign-off round trip against a bare Temporal Update (one worker)',
    run: async (b) => (await latencyPair(b, '')).rows,
  },
  {
    name: 'comments',
    what: 'public comment intake against raw pg inserts',
    run: commentIntake,
  },
  {
    name: 'throughput',
    what: 'sign-offs per second at concurrency 50 against bare Updates (one worker)',
    run: (b) => throughputPair(b, ''),
  },
  {
    name: 'workers3',
    what: 'the sign-off figures with 3 worker processes (and 3 bench workers)',
    run: async (b) => {
      await b.system.setWorkers(3);
      try {
        return [...(await latencyPair(b, ' (3 workers)')).rows, ...(await throughputPair(b, ' (3 workers)'))];
      } finally {
        await b.system.setWorkers(1);
      }
    },
  },
  {
    name: 'decisions',
    what: 'many open decisions on one worker: its memory, and sign-off latency then',
    run: manyDecisions,
  },
  {
    name: 'history',
    what: 'the workflow history of a decision with 10 comments and of one with --history-comments, each answered and reported',
    run: historyLength,
  },
];

/**
 * The workflow's history does not grow with the public's comments (Art. 18 at volume): two decisions taken through
 * the same steps (a draft, the declaration, a 30-day comment period, its close, the adoption report answering every
 * comment), one with 10 comments and one with --history-comments; their histories' lengths side by side. The period
 * must pass, so this runs on the time-skipping test server, with an API and a worker of its own on the same PostgreSQL.
 */
async function historyLength(b: Bench): Promise<Row[]> {
  const many = whole('history-comments');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: requireTool(TEMPORAL_TEST_SERVER, 'the Temporal test server') } } });
  const port = await freePort();
  const own = { TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: `${b.system.taskQueue}-history`, API_PORT: String(port) };
  const processes: NodeProcess[] = [];
  try {
    processes.push(await b.system.spawnNode('history-worker', 'dist/apps/worker/src/main.js', /polling task queue/, own));
    processes.push(await b.system.spawnNode('history-api', 'dist/apps/api/src/main.js', /API listening/, own));
    const api = b.api.via(`http://127.0.0.1:${port}`);
    const send = (id: string, action: string, payload: Record<string, unknown>) => api.as(UNIT.id, 'POST', `/decisions/${id}/steps`, api.step(id, action, payload));
    const counts = [10, many];
    const ids = [api.newDecisionId(), api.newDecisionId()];
    for (const id of ids) {
      await api.register(id);
      await api.signOff(id);
      await send(id, 'declareApplicability', { publicParticipation: { required: true }, hearingRequired: false, expertArgumentation: { required: false, reason: '不涉及专业性问题' }, riskAssessment: { required: false, reason: '不涉及社会稳定' }, affectsMarket: false });
      await send(id, 'openPublicComment', { days: 30, channels: ['市政府网站'] });
    }
    // Each address sends fewer than the rate limit; every text its own (nothing folded).
    const perAddress = Math.max(1, Number(process.env.PUBLIC_RATE_LIMIT ?? 60) - 10);
    let sent = 0;
    for (const [d, id] of ids.entries()) {
      await pool(counts[d], 20, async (i) => {
        const k = d * 1_000_000 + Math.floor(i / perAddress);
        const a = await api.request('POST', `/decisions/${id}/comments`, { text: `第${i}条意见：票价调整应当兼顾低收入群体和老年人。` }, { 'x-forwarded-for': `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}` });
        if (a.status !== 201) throw new Error(`comment ${i} on ${id}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
        if (++sent % 10_000 === 0) say(`  ${sent.toLocaleString('en-US')} comments sent`);
      });
    }
    say(`  ${counts.map((n, d) => `${n.toLocaleString('en-US')} comments on ${ids[d]}`).join(', ')}; the 30 days pass`);
    await env.sleep('33 days');
    const lengths: number[] = [];
    for (const id of ids) {
      await send(id, 'closePublicComment', {});
      // The official's work: page by page of unanswered comments, each page to a group, alternately two.
      for (let page = 0; ; page++) {
        const unanswered = (await api.as(UNIT.id, 'GET', `/decisions/${id}/comments?unanswered=true&limit=500`, undefined, 200)) as { receipt: string }[];
        if (!unanswered.length) break;
        await api.as(UNIT.id, 'PUT', `/decisions/${id}/comment-answers`, { groupHash: hashOf(`group ${page % 2}`), receipts: unanswered.map((c) => c.receipt) }, 200);
        if ((page + 1) % 40 === 0) say(`  ${id}: ${((page + 1) * 500).toLocaleString('en-US')} comments answered`);
      }
      const summary = (await api.as(UNIT.id, 'GET', `/decisions/${id}/comment-answers`, undefined, 200)) as { commentsAnswered: unknown; groups: { groupHash: string; commentCount: number }[] };
      const groups = summary.groups.map((g) => ({ groupHash: g.groupHash, response: 'not_adopted', reason: '已在报告中逐组说明', commentCount: g.commentCount }));
      await send(id, 'submitAdoptionReport', { reportHash: hashOf(`${id} adoption report`), groups, commentsAnswered: summary.commentsAnswered });
      const { events } = await env.client.workflow.getHandle(id).fetchHistory();
      lengths.push(events?.length ?? 0);
      say(`  ${id}: reported; its workflow history holds ${lengths[lengths.length - 1]} events`);
    }
    return [{ figure: `workflow history events, ${many.toLocaleString('en-US')} comments (vs 10)`, ours: lengths[1], baseline: lengths[0], unit: 'events', goal: { on: 'ratio', op: 'eq', limit: 1 } }];
  } finally {
    await Promise.all(processes.map((p) => stopChild(p.child, { timeoutMs: 30_000 })));
    await env.teardown();
  }
}

/**
 * Public comments over HTTP at a fixed concurrency during an open comment period, the rate limit in place (each
 * address sends fewer than the limit; one that sends more is refused, which is checked first), against single-row
 * inserts with pg into a table like public_comments in the same database, as the API's role, at the same concurrency.
 */
async function commentIntake(b: Bench): Promise<Row[]> {
  const total = whole('comments');
  const concurrency = whole('comment-concurrency');
  const [id] = await b.api.drafted(1);
  const applicability = { publicParticipation: { required: true }, hearingRequired: false, expertArgumentation: { required: true, reason: '专业性较强' }, riskAssessment: { required: true, reason: '涉及社会稳定' }, affectsMarket: false };
  await b.api.as(UNIT.id, 'POST', `/decisions/${id}/steps`, b.api.step(id, 'declareApplicability', applicability));
  await b.api.as(UNIT.id, 'POST', `/decisions/${id}/steps`, b.api.step(id, 'openPublicComment', { days: 30, channels: ['市政府网站'] }));
  const comment = (i: number, from: string) => b.api.request('POST', `/decisions/${id}/comments`, { text: `建议第${i}条：票价调整应当兼顾低收入群体。(${randomUUID()})` }, { 'x-forwarded-for': from });
  // The limit holds: one address past it is refused.
  const limit = Number(process.env.PUBLIC_RATE_LIMIT ?? 60);
  const statuses: number[] = [];
  for (let i = 0; i <= limit; i++) statuses.push((await comment(i, '198.51.100.7')).status);
  if (statuses[limit] !== 429 || statuses.slice(0, limit).some((s) => s !== 201)) throw new Error(`the public rate limit did not hold as expected: ${statuses.join(',')}`);
  say(`  rate limit in place: ${limit} comments from one address taken, the next refused (429)`);

  const perAddress = Math.max(1, limit - 10);
  const address = (i: number) => {
    const k = Math.floor(i / perAddress);
    return `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
  };
  const run = async (send: (i: number) => Promise<void>) => {
    const times: number[] = [];
    const cpu0 = cpuByPart(b.system);
    const t0 = performance.now();
    await pool(total, concurrency, async (i) => {
      const s = performance.now();
      await send(i);
      times.push(performance.now() - s);
    });
    return { rate: total / ((performance.now() - t0) / 1000), p50: latencies(times).p50, cpu: cpuPerOp(cpu0, cpuByPart(b.system), total) };
  };
  const ours = await run(async (i) => {
    const a = await comment(i, address(i));
    if (a.status !== 201) throw new Error(`comment ${i}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
  });
  say(`  comments over HTTP: ${ours.rate.toFixed(0)}/s`);
  // The floor under any request: the API's cheapest answer (liveness, nothing asked of PostgreSQL) through the same
  // HTTP server, middleware and logging, from the same client: what a comment costs beyond it is the comment's own.
  const floor = await run(async () => {
    const a = await b.api.request('GET', '/health');
    if (a.status !== 200) throw new Error(`GET /health: ${a.status}`);
  });
  say(`  GET /health over HTTP: ${floor.rate.toFixed(0)}/s`);

  const owner = new Pool({ connectionString: b.system.migrationUrl, max: 1 });
  await owner.query('CREATE TABLE bench_public_comments (LIKE public_comments INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)');
  await owner.query('GRANT SELECT, INSERT ON bench_public_comments TO decision_app');
  await owner.end();
  const app = new Pool({ connectionString: b.system.databaseUrl, max: concurrency });
  await pool(concurrency, concurrency, () => app.query('SELECT 1')); // connected before the clock starts, as Prisma's pool is
  const raw = await run(async (i) => {
    await app.query(
      'INSERT INTO bench_public_comments (hash, decision_id, draft_version, text, channel, submitted_at, nonce, fold_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
      [hashOf(`receipt ${i} ${randomUUID()}`), id, 1, `建议第${i}条：票价调整应当兼顾低收入群体。`, 'website', new Date(), randomUUID(), hashOf(`fold ${i} ${randomUUID()}`)],
    );
  });
  await app.end();
  say(`  raw pg inserts: ${raw.rate.toFixed(0)}/s`);
  // Where the machine's time went, by process (the client is this one): on 2 cores, all of it is shared.
  say(`  CPU ms per comment: ${cpuText(ours.cpu)}; per GET /health: ${cpuText(floor.cpu)}; per raw insert: ${cpuText(raw.cpu)}`);
  cpuReport.push({ section: 'comments', ours: ours.cpu, baseline: raw.cpu });
  return [
    { figure: `public comments/s at concurrency ${concurrency}`, ours: ours.rate, baseline: raw.rate, unit: '/s', goal: { on: 'ratio', op: 'ge', limit: 0.5 } },
    { figure: '  comment p50', ours: ours.p50, baseline: raw.p50, unit: 'ms' },
    { figure: '  the HTTP floor: GET /health/s', ours: floor.rate, baseline: raw.rate, unit: '/s' },
  ];
}

/**
 * N open decisions (registered through the API) on one worker: the worker's resident memory, and the sign-off
 * latency then, against the same measured with 10 decisions. The 10-decision case: sequential revisions
 * round-robin over 10 warm decisions; the N-decision case: the first draft of decisions drawn at random from
 * the N, untouched since their registration (the worker may have to fetch and replay them).
 */
async function manyDecisions(b: Bench): Promise<Row[]> {
  const n = whole('decisions');
  const ten = await b.api.drafted(10);
  for (const id of ten) await b.api.signOff(id);
  const few: number[] = [];
  for (let i = 0; i < b.samples; i++) few.push(await b.api.signOff(ten[i % 10]));
  const worker = b.system.workers[0].child.pid!;
  const before = rssOf(worker);
  say(`  10 decisions: sign-off p99 ${latencies(few).p99.toFixed(1)} ms; worker RSS ${before.rss.toFixed(0)} MiB; registering ${n.toLocaleString('en-US')} decisions…`);
  const ids = Array.from({ length: n }, () => b.api.newDecisionId());
  const t0 = performance.now();
  let done = 0;
  await pool(n, 16, async (i) => {
    await b.api.register(ids[i]);
    if (++done % 500 === 0 || done === n) {
      const s = (performance.now() - t0) / 1000;
      say(`  registered ${done.toLocaleString('en-US')}/${n.toLocaleString('en-US')} in ${s.toFixed(0)} s (${(done / s).toFixed(1)}/s); worker RSS ${rssOf(worker).rss.toFixed(0)} MiB`);
    }
  });
  const took = (performance.now() - t0) / 1000;
  await sleep(5_000); // let the worker settle (its notifier and checkpoint rounds) before reading its memory
  const loaded = rssOf(worker);
  // Sign-offs on decisions drawn at random, each once, sequentially.
  const drawn = [...ids].sort(() => Math.random() - 0.5).slice(0, Math.min(n, b.samples));
  const many: number[] = [];
  const retriesBefore = b.api.retries;
  for (const id of drawn) many.push(await b.api.signOff(id));
  const after = rssOf(worker);
  say(`  ${n.toLocaleString('en-US')} decisions registered in ${took.toFixed(0)} s; worker RSS ${loaded.rss.toFixed(0)} MiB, after ${drawn.length} sign-offs ${after.rss.toFixed(0)} MiB (peak ${after.peak.toFixed(0)} MiB)`);
  const at = ` at ${n.toLocaleString('en-US')} decisions`;
  return [
    // The most it held (its high-water mark, while registering or signing): what the machine must have, not where the
    // garbage collector happened to leave it when read.
    { figure: `worker RSS${at}, its peak`, ours: after.peak, baseline: before.rss, unit: 'MiB', goal: { on: 'value', op: 'le', limit: 1024, text: '≤ 1 GiB' } },
    { figure: `  worker RSS${at}, settled`, ours: Math.max(loaded.rss, after.rss), baseline: before.rss, unit: 'MiB' },
    { figure: `sign-off p99${at} (vs 10)`, ours: latencies(many).p99, baseline: latencies(few).p99, unit: 'ms', goal: { on: 'ratio', op: 'le', limit: 1.5 } },
    { figure: `  sign-off p50${at} (vs 10)`, ours: latencies(many).p50, baseline: latencies(few).p50, unit: 'ms' },
    ...retriedRow(b.api.retries - retriesBefore, at),
    { figure: `  registrations/s (${n.toLocaleString('en-US')} in ${took.toFixed(0)} s)`, ours: n / took, unit: '/s' },
  ];
}

// ---------------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const names = SECTIONS.map((s) => s.name);
  if (flags.help) {
    console.log(usage(names.join(', ')));
    return;
  }
  const algorithm = flags.algorithm as SignatureAlgorithm;
  if (!SIGNATURE_ALGORITHMS.includes(algorithm)) throw new Error(`--algorithm must be one of ${SIGNATURE_ALGORITHMS.join(', ')}`);
  const only = flags.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !names.includes(s));
  if (unknown?.length) throw new Error(`--only: no section ${unknown.join(', ')} (sections: ${names.join(', ')})`);
  const sections = SECTIONS.filter((s) => !only || only.includes(s.name));
  if (flags.profile) mkdirSync(flags.profile, { recursive: true });

  const machine = { cores: cpus().length, cpu: cpus()[0]?.model.trim(), memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)), freeGiB: Number((freemem() / 2 ** 30).toFixed(1)), node: process.version };
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB memory (${machine.freeGiB} GiB free), node ${machine.node}; load average ${loadText()} (others' work shares the cores)`);
  console.log(`run: ${new Date().toISOString()}, signatures ${algorithm}, ${whole('samples')} samples per latency figure, ${whole('decisions').toLocaleString('en-US')} decisions; sections ${sections.map((s) => s.name).join(', ')}`);

  const system = new System();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Requests still in flight when the servers go (Ctrl-C) fail: nothing to report of them.
    process.on('unhandledRejection', () => undefined);
    say('stopping the servers…');
    await system.stop().catch((err) => say(`stopping: ${err}`));
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  const rows: Row[] = [];
  const failures: { section: string; error: string }[] = [];
  try {
    await system.start();
    const api = new ApiClient(system, algorithm);
    await api.prepare();
    const bench: Bench = { system, api, samples: whole('samples') };
    for (const s of sections) {
      const t0 = performance.now();
      say(`section ${s.name}: ${s.what}`);
      try {
        const got = await s.run(bench);
        rows.push(...got);
        // The section's rows at once, so a long run that is stopped later keeps them.
        say(`section ${s.name} done in ${((performance.now() - t0) / 1000).toFixed(0)} s:\n${formatTable(got)}`);
      } catch (err) {
        // One section's failure is reported; the others still run.
        failures.push({ section: s.name, error: err instanceof Error ? err.message : String(err) });
        say(`section ${s.name} FAILED after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${err instanceof Error ? err.stack : err}`);
      }
      profiles.sections.push({ name: s.name, fromMs: t0 - started, toMs: performance.now() - started });
    }
  } finally {
    await stop();
  }
  console.log('');
  console.log(formatTable(rows));
  console.log(`load average at the end: ${loadText()}`);
  for (const f of failures) console.log(`section ${f.section} FAILED: ${f.error}`);
  if (failures.length) process.exitCode = 1;
  console.log('');
  console.log(jsonLine(rows, { bench: 'api', at: new Date().toISOString(), machine, temporal: process.env.TEMPORAL_ADDRESS ? 'external' : 'dev server', algorithm, seconds: Math.round((performance.now() - started) / 1000), loadAverageAtEnd: loadavg(), cpuMsPerOperation: cpuReport, failures }));
  if (flags.profile) {
    writeFileSync(join(flags.profile, 'windows.json'), JSON.stringify(profiles, null, 2));
    console.log(`CPU profiles in ${flags.profile}: summarise a section's with node dist/infra/bench/profile.js ${flags.profile} <section> (or open them in Chrome DevTools)`);
  }
}

main().catch((err) => {
  console.error(`bench:api failed: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});

/**
 * The benchmark's HTTP client: node:http over kept-alive connections, as lean as the pg client the baselines use.
 * (The global fetch costs the client several times the CPU per request; on 2 cores the client's CPU is taken from
 * the API under test.)
 */
const keepAlive = new HttpAgent({ keepAlive: true, maxSockets: 256 });
function httpCall(url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: keepAlive }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
