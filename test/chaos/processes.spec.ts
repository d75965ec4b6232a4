import { request as httpRequest } from 'node:http';
import type { PrismaClient } from '../../libs/db/prisma';
import { PRISMA } from '../../libs/nest/prisma.module';
import { freePort } from '../../infra/temporal';
import { PERSON, REGISTRAR } from '../support/auth';
import { uploadCited } from '../support/documents';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';
import { temporalAddress, uniqueTaskQueue } from '../support/temporal';
import { ApiProcess, WorkerProcess } from '../support/worker-process';

/**
 * Many processes, one system: two API processes and three worker processes,
 * all built for production, on one Temporal server and one PostgreSQL. The
 * decisions are driven through both APIs at once while workers are killed
 * with SIGKILL at random and replaced. Afterwards nothing is lost or doubled:
 * every decision stands where its steps put it, its record holds each step
 * once, the log each entry once, and the records verify.
 *
 * CHAOS_DECISIONS sets how many decisions (default 24 in `npm test`;
 * `npm run test:chaos` drives 1,000).
 */
const DECISIONS = Number(process.env.CHAOS_DECISIONS ?? 24);
const CONCURRENCY = 12;
const STEPS = () => [steps.draft(), steps.applicability({ expert: false, risk: false }), steps.openComment()];

describe('two APIs and three workers, with workers killed at random', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let unit: TestKey;
  const apis: ApiProcess[] = [];
  const workers: WorkerProcess[] = [];
  const taskQueue = uniqueTaskQueue('chaos');
  const run = `CH${Date.now().toString(36)}`;
  let kills = 0;

  const startWorker = () => WorkerProcess.start({ databaseUrl: system.db.appUrl, temporalAddress: temporalAddress(), taskQueue, sealKeyFile: process.env.SEAL_KEY_FILE! });

  beforeAll(async () => {
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    // Only the processes below work this run's queue (the in-process API stays, to read and verify).
    await system.closeWorker();
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-CHAOS', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    // The documents the steps cite, uploaded by the undertaking unit's official once (every decision's are the same):
    // through the in-process API, into the database the API processes share.
    await uploadCited(system.api.getHttpServer(), system.token(actors.unit.id), STEPS().map((c) => c.payload));
    for (let i = 0; i < 3; i++) workers.push(await startWorker());
    for (let i = 0; i < 2; i++) apis.push(await ApiProcess.start({ databaseUrl: system.db.appUrl, temporalAddress: temporalAddress(), taskQueue, port: await freePort(), extra: { LOG_LEVEL: 'warn' } }));
  }, 240_000);

  afterAll(async () => {
    for (const p of [...apis, ...workers]) await p.kill();
    await system?.close();
  });

  /** POST to one API process; an answer it could not give (a killed worker, a timeout) is sent again with the same key. */
  async function send(api: number, path: string, body: unknown): Promise<{ status: number; body: { phase?: string; message?: string } }> {
    const token = system.token(actors.unit.id);
    for (let attempt = 0; ; attempt++) {
      const answer = await new Promise<{ status: number; body: { phase?: string; message?: string } } | undefined>((resolve) => {
        const req = httpRequest({ host: '127.0.0.1', port: apis[(api + attempt) % apis.length].port, path, method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, timeout: 90_000 }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') }));
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(undefined));
        req.end(JSON.stringify(body));
      });
      if (answer && answer.status < 500) return answer;
      if (attempt > 40) throw new Error(`${path}: no answer after ${attempt} attempts (last ${answer?.status} ${JSON.stringify(answer?.body)})`);
      await new Promise((r) => setTimeout(r, 500 + 250 * Math.min(attempt, 8)));
    }
  }

  it('nothing is lost or doubled, every decision stands where its steps put it, and the records verify', async () => {
    const ids = Array.from({ length: DECISIONS }, (_, i) => `${run}-${i}`);
    let next = 0;
    let done = 0;
    const drive = async (lane: number) => {
      while (next < ids.length) {
        const id = ids[next++];
        const registered = await send(lane, '/decisions', signedRegistration({ id, title: `压力测试决策 ${id}`, undertakingDepartment: actors.unit.organisation, catalogRef: 'C-CHAOS', legalBasis: ['《价格法》'] }, actors.unit, unit));
        if (registered.status !== 201) throw new Error(`${id} registration: ${registered.status} ${JSON.stringify(registered.body)}`);
        let n = 0;
        for (const c of STEPS()) {
          const answer = await send(lane + ++n, `/decisions/${id}/steps`, signedStep(id, c, unit, `${id}-${n}`));
          if (answer.status !== 201) throw new Error(`${id} ${c.action}: ${answer.status} ${JSON.stringify(answer.body)}`);
        }
        done++;
      }
    };
    // Workers die at random while the decisions are driven, and are replaced a moment later. The first dies
    // once a quarter of the decisions are through, whatever the clock says: a fast machine drives the 24 of
    // `npm test` in a few seconds, before any timer would fire, and a run with no kill proves nothing.
    let driving = true;
    const firstKillAt = Math.max(1, Math.floor(DECISIONS / 4));
    const chaos = (async () => {
      while (driving) {
        const wakeAt = Date.now() + 2000 + Math.random() * 4000;
        while (driving && Date.now() < wakeAt && !(kills === 0 && done >= firstKillAt)) await new Promise((r) => setTimeout(r, 50));
        if (!driving) break;
        const victim = Math.floor(Math.random() * workers.length);
        await workers[victim].kill();
        kills++;
        await new Promise((r) => setTimeout(r, 500));
        workers[victim] = await startWorker();
      }
    })();
    const started = Date.now();
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, lane) => drive(lane)));
    } finally {
      driving = false;
      await chaos;
    }
    process.stderr.write(`chaos: ${done} decisions × ${STEPS().length + 1} signed requests through 2 APIs, ${kills} workers killed, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    expect(done).toBe(DECISIONS);
    expect(kills).toBeGreaterThan(0);

    const prisma = system.api.get<PrismaClient>(PRISMA);
    const expected = STEPS().length + 1;
    // Each decision: its steps once each, seq 0..n without a gap, and where they put it.
    const rows = await prisma.$queryRaw<{ id: string; phase: string; entries: number; seqs: number; keys: number }[]>`
      SELECT d.id, d.phase,
             (SELECT count(*)::int FROM decision_steps s WHERE s.decision_id = d.id) AS entries,
             (SELECT count(DISTINCT seq)::int FROM decision_steps s WHERE s.decision_id = d.id AND seq < ${expected}) AS seqs,
             (SELECT count(*)::int FROM step_idempotency_keys k WHERE k.decision_id = d.id) AS keys
      FROM decisions d WHERE d.id LIKE ${`${run}-%`}`;
    expect(rows).toHaveLength(DECISIONS);
    const wrong = rows.filter((r) => r.phase !== 'consultation' || r.entries !== expected || r.seqs !== expected);
    expect(wrong).toEqual([]);
    // The log: each entry one leaf, none twice.
    const [leaves] = await prisma.$queryRaw<{ leaves: number; distinct: number }[]>`
      SELECT count(*)::int AS leaves, count(DISTINCT (decision_id, seq))::int AS distinct FROM log_leaves WHERE decision_id LIKE ${`${run}-%`}`;
    expect(leaves).toEqual({ leaves: DECISIONS * expected, distinct: DECISIONS * expected });
    // The workflows agree, and each record verifies (hash chain, seals, signatures, offices, procedure, history).
    // A read may meet a workflow whose last worker was killed: Temporal hands its query on once the dead worker's
    // sticky queue times out, and meanwhile the API answers 503 with Retry-After, as it would any client.
    const read = async (path: string) => {
      for (let attempt = 0; ; attempt++) {
        const res = await system.as(PERSON).get(path);
        if (res.status !== 503 || attempt >= 10) return res;
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers['retry-after'] ?? 1)));
      }
    };
    for (const id of ids) {
      const decision = (await read(`/decisions/${id}`)).body;
      expect([id, decision.state?.phase]).toEqual([id, 'consultation']);
      const verdict = (await read(`/decisions/${id}/verify`)).body;
      if (!verdict.ok) throw new Error(`${id} does not verify: ${JSON.stringify(verdict)}`);
    }
  }, 1_800_000);
});
