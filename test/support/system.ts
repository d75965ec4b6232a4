import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { apiHttpAdapter, configureHttp, initApi } from '../../apps/api/src/edge/http';
import { serveWebApp } from '../../apps/api/src/web/static';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ensureSecretKeyFile } from '../../libs/notify/secrets';
import { ensureSealKeyFile } from '../../libs/record/seal';
import type { SignatureAlgorithm } from '../../libs/record/signatures';
import { addRegistrarKey } from '../../infra/registrar';
import { REGISTRAR, signInAll, withToken } from './auth';
import { createTestDatabase } from './db';
import { seedGovernment } from './government';
import { endorsedKey, newKey, signedStep, type TestKey } from './signing';
import type { Command } from '../../libs/domain';
import { uniqueTaskQueue } from './temporal';

/**
 * The real system for an end-to-end test file: the worker module and the API
 * module, as the apps wire them, on a fresh migrated database and a fresh task
 * queue of the real Temporal dev server, with a seal key of its own; the
 * tests' governments with their registrars and officials' appointments
 * (test/support/government.ts); and a real access token of every test account
 * (test/support/auth.ts), got from the run's OpenID Connect provider as a
 * browser gets one. With `web`, the API also serves the built web application
 * (dist/web) at /app, as it does in production.
 */
export async function startSystem(opts: { sealAlgorithm: SignatureAlgorithm; temporalAddress?: string; web?: boolean }) {
  const db = await createTestDatabase();
  const sealKeyFile = join(mkdtempSync(join(tmpdir(), 'seal-')), 'seal.json');
  const sealKey = ensureSealKeyFile(sealKeyFile, opts.sealAlgorithm);
  // Webhook secrets encrypted at rest, as npm start keeps them.
  const notifySecretKeyFile = join(dirname(sealKeyFile), 'notify-secret.key');
  ensureSecretKeyFile(notifySecretKeyFile);
  // Comments' fold keys made under a key outside the database, as npm start makes them.
  const commentFoldKeyFile = join(dirname(sealKeyFile), 'comment-fold.key');
  ensureSecretKeyFile(commentFoldKeyFile);
  // Registrars, as the database owner enters them: Hangzhou's endorses the actors' keys the test registers and
  // appoints its officials; the provinces' register their governments (test/support/government.ts).
  const registrarOf = async (governmentId: 'zj' | 'hz' | 'js', algorithm: SignatureAlgorithm = 'ed25519'): Promise<TestKey> => {
    const key = newKey(algorithm);
    return { ...key, keyId: await addRegistrarKey(db.url, `${governmentId} 测试登记员`, key, governmentId) };
  };
  const registrars = { zj: await registrarOf('zj'), hz: await registrarOf('hz', 'sm2-sm3'), js: await registrarOf('js') };
  const registrar = registrars.hz;
  // The public lists answer afresh every time here: the tests read them right after the step that changes them
  // (the sharing itself is apps/api/src/portal/shared-answer.spec.ts's). The tests' webhook receivers are on loopback,
  // listed as a gateway inside the government network is (an internal address is refused otherwise: libs/notify/addresses.ts).
  Object.assign(process.env, { DATABASE_URL: db.appUrl, TEMPORAL_TASK_QUEUE: uniqueTaskQueue('e2e'), SEAL_KEY_FILE: sealKeyFile, NOTIFY_SECRET_KEY_FILE: notifySecretKeyFile, COMMENT_FOLD_KEY_FILE: commentFoldKeyFile, CHECKPOINT_INTERVAL_SECONDS: '1', PUBLIC_LIST_CACHE_SECONDS: '0', NOTIFY_WEBHOOK_HOSTS: '127.0.0.1' });
  // Another Temporal server (the time-skipping one) for this file only; the global dev server otherwise.
  if (opts.temporalAddress) process.env.TEMPORAL_ADDRESS = opts.temporalAddress;
  delete process.env.WORKFLOW_BUNDLE_PATH;
  const worker: INestApplicationContext = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
  await worker.init();
  const api: INestApplication = (await Test.createTestingModule({ imports: [AppModule] }).compile()).createNestApplication(apiHttpAdapter(), { logger: ['error'] });
  configureHttp(api);
  if (opts.web) serveWebApp(api);
  await initApi(api);
  await seedGovernment(api, registrars);
  const tokens = await signInAll();
  const tokenOf = (sub: string) => {
    const token = tokens.get(sub);
    if (!token) throw new Error(`no token for ${sub}: not a test account (test/support/auth.ts)`);
    return token;
  };
  const actorKeys = new Map<string, Promise<TestKey>>();
  /**
   * An actor's signing key, registered through the API the first time it is asked for, on the endorsement of a registrar
   * of the actor's government: Hangzhou's, else the province's or Jiangsu's (a registrar acts on its own government's
   * people only).
   */
  const keyOf = (actorId: string): Promise<TestKey> => {
    let key = actorKeys.get(actorId);
    if (!key) {
      const made = newKey('ed25519');
      key = (async () => {
        for (const by of [registrar, registrars.zj, registrars.js]) {
          const res = await withToken(api.getHttpServer(), tokenOf(REGISTRAR)).post('/actor-keys').send(endorsedKey(by, actorId, made));
          if (res.status === 201) return { ...made, keyId: res.body.keyId as string };
          if (res.status !== 403) throw new Error(`the key of ${actorId}: ${res.status} ${JSON.stringify(res.body)}`);
        }
        throw new Error(`no registrar of the tests' governments may register a key of ${actorId}`);
      })();
      actorKeys.set(actorId, key);
    }
    return key;
  };
  /**
   * Signed steps on one decision, each by its own actor under a fresh idempotency key: `ok` takes them in order and
   * stops at the first not accepted, saying why; `refused` expects 422 with the code and an article, and answers the message.
   */
  const stepsOn = (decisionId: string) => {
    const send = async (c: Command) => withToken(api.getHttpServer(), tokenOf(c.actor.id)).post(`/decisions/${decisionId}/steps`).send(signedStep(decisionId, c, await keyOf(c.actor.id), `${decisionId}-${randomUUID()}`));
    const ok = async (...cs: Command[]) => {
      for (const c of cs) {
        const res = await send(c);
        if (res.status !== 201) throw new Error(`${c.action} by ${c.actor.id}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };
    const refused = async (c: Command, code: string, article: string): Promise<string> => {
      const res = await send(c);
      expect([c.action, c.actor.id, res.status, res.body.code]).toEqual([c.action, c.actor.id, 422, code]);
      expect(res.body.articles.join(' ')).toContain(article);
      return res.body.message as string;
    };
    return { send, ok, refused };
  };
  let workerClosed: Promise<void> | undefined;
  /** Stops the worker (its Nest context), as when the worker process shuts down; once. */
  const closeWorker = () => (workerClosed ??= worker.close());
  return {
    db,
    api,
    registrar,
    registrars,
    closeWorker,
    /** The access token of a test account. */
    token: tokenOf,
    /** Requests to the API as the person `sub` (signed in: their bearer token on each). */
    as: (sub: string) => withToken(api.getHttpServer(), tokenOf(sub)),
    keyOf,
    stepsOn,
    /** The worker's seal key: for tests that play a forger who has it. */
    sealKey,
    close: async () => {
      await api.close();
      await closeWorker();
      await db.drop();
    },
  };
}
