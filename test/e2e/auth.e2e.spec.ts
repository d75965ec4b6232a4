import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client as Pg } from 'pg';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module';
import { apiHttpAdapter, configureHttp, initApi } from '../../apps/api/src/edge/http';
import { openApiDocument } from '../../apps/api/src/openapi';
import { loadConfig } from '../../libs/config/config';
import { APP_CONFIG } from '../../libs/nest/config.module';
import { authorizationUrl, CookieJar, formOf, pkcePair, signInAsBrowser, type SignInError } from '../../infra/oidc/browser-flow';
import { CLI_REDIRECT_URI, DEFAULT_CLIENT_ID, startOidcProvider, type OidcProvider } from '../../infra/oidc/provider';
import { PROJECT_ROOT } from '../../infra/paths';
import { freePort } from '../../infra/temporal';
import { OTHER_AUDIENCE, PERSON, REGISTRAR, signIn, TEST_ACCOUNTS } from '../support/auth';
import { actors, steps } from '../support/procedure';
import { endorsedKey, newKey, signedRegistration, signedStep, type TestKey } from '../support/signing';
import { startSystem } from '../support/system';

const RATE_LIMIT = 5;
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const header = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url').toString('utf8'));

/**
 * Sign-in, end to end: the run's OpenID Connect provider (infra/oidc/server.mjs,
 * the one npm start runs) and the API's guard, over HTTP, with real tokens got
 * as a browser gets them. Every defence here has its test: no token, an expired
 * one, one for another audience or from another issuer, a tampered one (401 and
 * nothing stored); someone else's signed step (403, and no refusal under the
 * other's name); the public endpoints' rate limit (429).
 */
describe('sign-in: the provider, the tokens, and what the API does with them', () => {
  let system: Awaited<ReturnType<typeof startSystem>>;
  let api: INestApplication;
  let pg: Pg;
  let unit: TestKey;
  const issuer = () => process.env.OIDC_ISSUER!;
  const id = `AUTH-${Date.now()}`;
  const registration = (decisionId: string) =>
    signedRegistration({ id: decisionId, title: '关于调整票价的决定', undertakingDepartment: actors.unit.organisation, catalogRef: 'C-AUTH', legalBasis: ['《价格法》'] }, actors.unit, unit);
  /** What the database holds about a decision: entries, refusals under a name, attempts under none. */
  const stored = async (decisionId: string) =>
    (
      await pg.query(
        `SELECT (SELECT count(*) FROM decisions WHERE id = $1)::int AS decisions, (SELECT count(*) FROM decision_steps WHERE decision_id = $1)::int AS steps,
                (SELECT count(*) FROM step_refusals WHERE decision_id = $1)::int AS refusals, (SELECT count(*) FROM unattributed_attempts WHERE decision_id = $1)::int AS apart`,
        [decisionId],
      )
    ).rows[0];

  /** Another API app of the same modules and database, with other settings. */
  const appWith = async (changes: Partial<ReturnType<typeof loadConfig>>) => {
    const app = (await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(APP_CONFIG).useValue({ ...loadConfig(process.env), ...changes }).compile()).createNestApplication(apiHttpAdapter(), { logger: false });
    configureHttp(app);
    await initApi(app);
    return app;
  };

  beforeAll(async () => {
    process.env.PUBLIC_RATE_LIMIT = String(RATE_LIMIT);
    system = await startSystem({ sealAlgorithm: 'ed25519' });
    api = system.api;
    await new Promise<void>((resolve) => api.getHttpServer().listen(0, '127.0.0.1', resolve));
    pg = new Pg({ connectionString: system.db.url });
    await pg.connect();
    await system.as(PERSON).post('/catalog-items').send({ ref: 'C-AUTH', year: 2026, title: '票价', organ: '某市人民政府', partyConsentRef: '市委同意' }).expect(201);
    const key = newKey('ed25519');
    unit = { ...key, keyId: (await system.as(REGISTRAR).post('/actor-keys').send(endorsedKey(system.registrar, actors.unit.id, key)).expect(201)).body.keyId };
    await system.as(actors.unit.id).post('/decisions').send(registration(id)).expect(201);
  }, 120_000);

  afterAll(async () => {
    delete process.env.PUBLIC_RATE_LIMIT;
    await pg?.end();
    await system?.close();
  });

  it('the authorization code flow with PKCE, as a browser does it: the login page, a wrong password, the code, the token', async () => {
    const meta = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string; end_session_endpoint: string };
    expect(meta).toMatchObject({ issuer: issuer(), code_challenge_methods_supported: ['S256'] });
    const jar = new CookieJar();
    const get = async (url: URL | string, init: RequestInit = {}) => {
      const u = new URL(url);
      const res = await fetch(u, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(u) } });
      jar.take(res);
      return res;
    };
    const { verifier, challenge } = pkcePair();
    // Asking offline access too, with consent (attacker tester: its refresh token outlived 退出登录).
    const start = authorizationUrl({ authorizationEndpoint: meta.authorization_endpoint, clientId: DEFAULT_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, resource: process.env.OIDC_AUDIENCE, scope: 'openid profile api offline_access', challenge, state: 'state-1', nonce: 'nonce-1' });
    start.searchParams.set('prompt', 'consent');

    // Without PKCE the public client is refused.
    const noPkce = new URL(start);
    noPkce.searchParams.delete('code_challenge');
    noPkce.searchParams.delete('code_challenge_method');
    const refused = await get(noPkce);
    expect(new URL(refused.headers.get('location')!, issuer()).searchParams.get('error')).toBe('invalid_request');

    // The authorization request: to our own login page, Chinese first.
    const toLogin = await get(start);
    expect(toLogin.status).toBe(303);
    const loginUrl = new URL(toLogin.headers.get('location')!, issuer());
    expect(loginUrl.pathname).toMatch(/^\/interaction\/[\w-]+$/);
    const page = await get(loginUrl);
    const html = await page.text();
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(html).toMatch(/<html lang="zh-CN">[\s\S]*登录[\s\S]*Sign in/);
    const form = formOf(html, loginUrl);
    const submit = (password: string) =>
      get(form.action, { method: 'POST', body: new URLSearchParams({ login: PERSON, password }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    // A wrong password: the page again, saying so; no code.
    const wrong = await submit('not-the-password');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('账号或密码不正确（wrong account or password）');

    // The right one: redirects (login, consent given for this first-party client) back to the client with the code.
    let at = await submit(TEST_ACCOUNTS.find((a) => a.sub === PERSON)!.password);
    let url = form.action;
    for (let hops = 0; hops < 10 && at.headers.get('location'); hops++) {
      url = new URL(at.headers.get('location')!, url);
      if (url.href.startsWith(CLI_REDIRECT_URI)) break;
      at = await get(url);
    }
    expect(url.href.startsWith(`${CLI_REDIRECT_URI}?`)).toBe(true);
    expect(url.searchParams.get('state')).toBe('state-1');
    const code = url.searchParams.get('code')!;
    expect(code).toBeTruthy();

    // The code is worth nothing without the verifier, and only once with it.
    const exchange = (codeVerifier: string) =>
      fetch(meta.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CLI_REDIRECT_URI, client_id: DEFAULT_CLIENT_ID, code_verifier: codeVerifier, resource: process.env.OIDC_AUDIENCE! }).toString(),
      });
    const badVerifier = await exchange(pkcePair().verifier);
    expect([badVerifier.status, ((await badVerifier.json()) as { error: string }).error]).toEqual([400, 'invalid_grant']);
    const good = await exchange(verifier);
    expect(good.status).toBe(200);
    const tokens = (await good.json()) as { access_token: string; id_token: string; refresh_token?: string; scope: string };
    expect((await exchange(verifier)).status).toBe(400);

    // A JWT access token for the API, naming the person; the ID token is for the client.
    expect(header(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(claims(tokens.access_token)).toMatchObject({ iss: issuer(), sub: PERSON, aud: process.env.OIDC_AUDIENCE, client_id: DEFAULT_CLIENT_ID });
    expect(claims(tokens.id_token)).toMatchObject({ iss: issuer(), sub: PERSON, aud: DEFAULT_CLIENT_ID, name: '测试员', nonce: 'nonce-1' });
    await request(api.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${tokens.access_token}`).expect(200);

    // 退出登录 at the provider, confirmed: the refresh token the sign-in gave (offline access asked) is worth nothing after it
    // (attacker tester: one outlived the sign-out; here, in the same browser session, it does not).
    const end = new URL(meta.end_session_endpoint);
    end.searchParams.set('id_token_hint', tokens.id_token);
    const confirm = await get(end);
    const logout = formOf(await confirm.text(), end);
    let out = await get(logout.action, { method: 'POST', body: new URLSearchParams({ ...logout.fields, logout: 'yes' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    for (let hops = 0; hops < 10 && out.headers.get('location'); hops++) out = await get(new URL(out.headers.get('location')!, logout.action));
    expect(await out.text()).toContain('已退出登录');
    expect(tokens.refresh_token).toBeDefined();
    {
      const refreshed = await fetch(meta.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: DEFAULT_CLIENT_ID }).toString(),
      });
      expect([refreshed.status, ((await refreshed.json()) as { error: string }).error]).toEqual([400, 'invalid_grant']);
    }
  });

  it('an account takes no password after five wrong ones in a row, the right one included, sent one by one or at once (attacker tester: 200 guesses in 1.4 s)', async () => {
    const attempt = (login: string, password: string) =>
      signInAsBrowser({ issuer: issuer(), clientId: DEFAULT_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, resource: process.env.OIDC_AUDIENCE, login, password }).then(
        () => 200,
        (e: SignInError) => [e.status, e.message] as const,
      );
    for (let i = 0; i < 5; i++) expect(await attempt('u-guessed', `guess-${i}`)).toEqual([401, expect.stringContaining('账号或密码不正确')]);
    expect(await attempt('u-guessed', 'test-u-guessed')).toEqual([429, expect.stringMatching(/^密码连续输错 5 次，该账号 5 分钟内不能登录/)]);
    // Sent at once: five are tried, the rest refused untried.
    const together = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt('u-guessed-at-once', `guess-${i}`)));
    expect(together.filter((r) => Array.isArray(r) && r[0] === 401)).toHaveLength(5);
    expect(together.filter((r) => Array.isArray(r) && r[0] === 429)).toHaveLength(15);
    // Another account signs in as before.
    expect(await attempt(actors.reviewer.id, `test-${actors.reviewer.id}`)).toBe(200);
  });

  it('the token CLI signs in the same way and prints a token the API takes; a wrong password gets none', async () => {
    const cli = join(PROJECT_ROOT, 'dist', 'infra', 'oidc', 'token.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: npm test builds it (npm run build)`);
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(process.execPath, [cli, ...args], { env: { ...process.env, OIDC_ISSUER: issuer() } }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr })),
      );
    const ok = await run([actors.reviewer.id, `test-${actors.reviewer.id}`]);
    expect(ok.code).toBe(0);
    const token = ok.stdout.trim();
    expect(claims(token)).toMatchObject({ sub: actors.reviewer.id });
    await request(api.getHttpServer()).get(`/decisions/${id}/tasks`).set('authorization', `Bearer ${token}`).expect(200);
    const bad = await run([actors.reviewer.id, 'wrong']);
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toContain('账号或密码不正确');
  });

  it('no token, a malformed header, a token for another audience, an ID token, a tampered or unsigned token: 401, said twice, and nothing stored', async () => {
    const valid = system.token(actors.unit.id);
    const [head, payload, signature] = valid.split('.');
    const forged = { ...claims(valid), sub: actors.mayor.id };
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const idToken = (await signInAsBrowserFor(actors.unit.id)).idToken!;
    const cases: [string, string | undefined, RegExp][] = [
      ['no token', undefined, /请求须携带访问令牌/],
      ['not a bearer token', `Basic ${Buffer.from('u-zhang:test').toString('base64')}`, /Authorization 头须为/],
      ['another audience', `Bearer ${await signIn(actors.unit.id, { resource: OTHER_AUDIENCE })}`, /受众不符.*wrong audience/],
      ['an ID token', `Bearer ${idToken}`, /受众不符.*wrong audience/],
      ['payload changed', `Bearer ${head}.${b64(forged)}.${signature}`, /签名不符或格式错误/],
      ['signature changed', `Bearer ${head}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`, /签名不符或格式错误/],
      ['unsigned (alg none)', `Bearer ${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`, /签名不符或格式错误/],
      ['not a JWT', 'Bearer abc.def', /签名不符或格式错误/],
    ];
    const before = await stored(id);
    const fresh = `AUTH-NONE-${Date.now()}`;
    for (const [what, authorization, message] of cases) {
      const send = (r: request.Test) => (authorization ? r.set('authorization', authorization) : r);
      const step = await send(request(api.getHttpServer()).post(`/decisions/${id}/steps`)).send(signedStep(id, steps.draft(), unit, `${id}-${what}`));
      const registered = await send(request(api.getHttpServer()).post('/decisions')).send(registration(fresh));
      const read = await send(request(api.getHttpServer()).get(`/decisions/${id}`));
      for (const res of [step, registered, read]) {
        expect({ what, status: res.status }).toEqual({ what, status: 401 });
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/^未登录或登录已失效：.*（not signed in: .*）$/) });
        expect(res.body.message).toMatch(message);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="major-decision-engine"/);
      }
    }
    expect(await stored(id)).toEqual(before);
    expect(await stored(fresh)).toEqual({ decisions: 0, steps: 0, refusals: 0, apart: 0 });
  });

  describe('against an issuer whose tokens live two seconds', () => {
    let short: OidcProvider;
    let strict: INestApplication;

    beforeAll(async () => {
      // The same accounts and the same signing key as the run's provider, another issuer (its address) and a short life.
      const accountsFile = process.env.OIDC_TEST_ACCOUNTS_FILE!;
      short = await startOidcProvider({ port: await freePort(), accountsFile, keysFile: join(dirname(accountsFile), 'signing-key.json'), accessTokenTtlSeconds: 2 });
      const config = { ...loadConfig(process.env), oidcIssuer: short.issuer, oidcClockToleranceSeconds: 0 };
      strict = (await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(APP_CONFIG).useValue(config).compile()).createNestApplication(apiHttpAdapter(), { logger: ['error'] });
      configureHttp(strict);
      await initApi(strict);
    });
    afterAll(async () => {
      await strict?.close();
      await short?.stop();
    });

    it('a token from another issuer is refused even when signed with the same key, and an expired one is refused with nothing stored', async () => {
      const mine = (await signInAsBrowser({ issuer: short.issuer, clientId: DEFAULT_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, resource: short.audience, login: actors.unit.id, password: `test-${actors.unit.id}` })).accessToken;
      expect(claims(mine).exp - claims(mine).iat).toBe(2);
      expect(header(mine).kid).toBe(header(system.token(actors.unit.id)).kid); // one key, two issuers
      await request(strict.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${mine}`).expect(200);
      // The run's issuer is not this API's, and this issuer is not the run's API's.
      const otherIssuer = await request(strict.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${system.token(actors.unit.id)}`).expect(401);
      expect(otherIssuer.body.message).toContain('不是由本系统信任的身份认证平台签发的');
      expect((await request(api.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${mine}`).expect(401)).body.message).toContain('identity platform this API trusts');

      await new Promise((r) => setTimeout(r, 3000));
      const before = await stored(id);
      const expired = await request(strict.getHttpServer()).post(`/decisions/${id}/steps`).set('authorization', `Bearer ${mine}`).send(signedStep(id, steps.draft(), unit, `${id}-expired`)).expect(401);
      expect(expired.body.message).toBe('未登录或登录已失效：访问令牌已过期，请重新登录（not signed in: the access token has expired; sign in again）');
      expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(await stored(id)).toEqual(before);
    });
  });

  it('keys pinned in OIDC_JWKS verify tokens without asking the issuer; other keys do not; an issuer that cannot be asked gets 503, not 401', async () => {
    const meta = (await (await fetch(`${issuer()}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    const published = (await (await fetch(meta.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    const token = system.token(PERSON);
    // Pinned: the keys the provider publishes, given in the configuration (the discovery document is never asked for);
    // another key under the same kid; an issuer whose discovery document cannot be had (this API's own address).
    const { port } = api.getHttpServer().address() as AddressInfo;
    const pinned = await appWith({ oidcJwks: published });
    const elsewhere = await appWith({ oidcJwks: { keys: [{ ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: published.keys[0].kid }] } });
    const unreachable = await appWith({ oidcIssuer: `http://127.0.0.1:${port}/no-such-issuer` });
    try {
      await request(pinned.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${token}`).expect(200);
      await request(elsewhere.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${token}`).expect(401);
      const down = await request(unreachable.getHttpServer()).get(`/decisions/${id}`).set('authorization', `Bearer ${token}`).expect(503);
      expect(down.headers['retry-after']).toMatch(/^\d+$/);
      expect(down.body.message).toMatch(/^统一身份认证平台暂时无法访问.*（the identity platform cannot be reached/);
      // Public endpoints do not need the platform.
      await request(unreachable.getHttpServer()).get('/catalog-items').expect(200);
    } finally {
      await Promise.all([pinned.close(), elsewhere.close(), unreachable.close()]);
    }
  });

  it("person A's token with person B's signed step or registration: 403 naming both, and no refusal recorded under B's name", async () => {
    const before = await stored(id);
    // The unit official's step, correctly signed by them, sent by the legality reviewer; and a step the procedure refuses.
    for (const c of [steps.draft(), steps.submitReview()]) {
      const res = await system.as(actors.reviewer.id).post(`/decisions/${id}/steps`).send(signedStep(id, c, unit, `${id}-by-another-${c.action}`)).expect(403);
      expect(res.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        code: 'NOT_THE_SIGNER',
        message: `登录身份 ${actors.reviewer.id} 与签署人 ${actors.unit.id} 不符：只能以本人身份签署（signed in as ${actors.reviewer.id}, but the signing actor is ${actors.unit.id}: one signs only as oneself）`,
      });
    }
    const other = `AUTH-OTHER-${Date.now()}`;
    expect((await system.as(actors.reviewer.id).post('/decisions').send(registration(other)).expect(403)).body.message).toContain(actors.unit.id);
    expect(await stored(other)).toMatchObject({ decisions: 0, steps: 0 });
    expect(await stored(id)).toEqual({ ...before, apart: before.apart + 2 });
    const { rows } = await pg.query(`SELECT action, reason, caller_sub, claimed_actor_id FROM unattributed_attempts WHERE decision_id IN ($1, $2) ORDER BY id`, [id, other]);
    expect(rows.slice(-3)).toEqual([
      { action: 'submitDraft', reason: 'caller_not_signer', caller_sub: actors.reviewer.id, claimed_actor_id: actors.unit.id },
      { action: 'submitForLegalityReview', reason: 'caller_not_signer', caller_sub: actors.reviewer.id, claimed_actor_id: actors.unit.id },
      { action: 'register', reason: 'caller_not_signer', caller_sub: actors.reviewer.id, claimed_actor_id: actors.unit.id },
    ]);
    expect((await system.as(PERSON).get(`/decisions/${id}/refusals`).expect(200)).body).toEqual([]);
    expect((await system.as(PERSON).get(`/decisions/${id}/unattributed-attempts`).expect(200)).body.slice(-2)).toEqual([
      expect.objectContaining({ action: 'submitDraft', reason: 'caller_not_signer', callerSub: actors.reviewer.id, claimedActorId: actors.unit.id, attemptedAt: expect.any(String) }),
      expect.objectContaining({ action: 'submitForLegalityReview', reason: 'caller_not_signer', callerSub: actors.reviewer.id, claimedActorId: actors.unit.id }),
    ]);
    // Anyone signed in adds to the list: an inspector reads it a page at a time, the Link header naming the next.
    const all = (await system.as(PERSON).get(`/decisions/${id}/unattributed-attempts`).expect(200)).body as { id: string }[];
    const first = await system.as(PERSON).get(`/decisions/${id}/unattributed-attempts?limit=1`).expect(200);
    expect(first.body).toEqual([all[0]]);
    expect(first.headers.link).toBe(`</decisions/${id}/unattributed-attempts?after=${all[0].id}&limit=1>; rel="next"`);
    expect((await system.as(PERSON).get(`/decisions/${id}/unattributed-attempts?after=${all[0].id}`).expect(200)).body).toEqual(all.slice(1));
    expect((await system.as(PERSON).get(`/decisions/${id}/unattributed-attempts?after=x1`).expect(400)).body.message.join()).toMatch(/^after：必须是记录序号/);

    // The same refused step sent by the official who signed it is the official's refusal, on record under their name.
    await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.submitReview(), unit, `${id}-own-review`)).expect(422);
    const refused = await system.as(PERSON).get(`/decisions/${id}/refusals`).expect(200);
    expect(refused.body).toEqual([expect.objectContaining({ actorId: actors.unit.id, actorName: actors.unit.name, code: 'WRONG_STAGE' })]);
    expect(refused.headers.link).toBeUndefined();
    expect((await system.as(PERSON).get(`/decisions/${id}/refusals?after=${refused.body[0].id}`).expect(200)).body).toEqual([]);
    // And the official's own step goes through.
    await system.as(actors.unit.id).post(`/decisions/${id}/steps`).send(signedStep(id, steps.draft(), unit, `${id}-own-draft`)).expect(201);
  });

  it('a document is uploaded by a signed-in person, who is recorded as its first uploader', async () => {
    const content = Buffer.from(`草案 ${id}`, 'utf8');
    const { hash } = (await system.as(PERSON).post('/documents').set('content-type', 'text/plain').send(content).expect(201)).body;
    await system.as(actors.unit.id).post('/documents').set('content-type', 'text/plain').send(content).expect(201, { hash, size: content.length });
    await request(api.getHttpServer()).post('/documents').set('content-type', 'text/plain').send(content).expect(401);
    expect((await pg.query('SELECT uploaded_by FROM documents WHERE hash = $1', [hash])).rows).toEqual([{ uploaded_by: PERSON }]);
  });

  it('the public endpoints need no token and are rate-limited per client: 429 with Retry-After, bilingual; other clients and signed-in endpoints go on', async () => {
    const { port } = api.getHttpServer().address() as AddressInfo;
    const get = (path: string, from = '127.0.0.1', authorization?: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: { message?: string; retryAfterSeconds?: number } }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, localAddress: from, path, headers: authorization ? { authorization } : {}, agent: false }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(parts).toString('utf8') || 'null') }));
        });
        req.on('error', reject);
        req.end();
      });
    const client = '127.0.0.9';
    const answers = [];
    for (let i = 0; i < RATE_LIMIT + 2; i++) answers.push(await get('/catalog-items?year=2026', client));
    expect(answers.map((a) => a.status)).toEqual([...Array(RATE_LIMIT).fill(200), 429, 429]);
    const limited = answers[RATE_LIMIT];
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', retryAfterSeconds: Number(limited.headers['retry-after']) });
    expect(limited.body.message).toMatch(/^请求过于频繁：每个客户端每 60 秒最多 5 次，请在 \d+ 秒后重试（too many requests: at most 5 every 60 s from one client; retry after \d+ s）$/);
    // Who is calling is settled before what is sent: past its limit a client gets 429 whatever it sends, a caller without
    // a token 401; the same input from a signed-in caller is refused as input (400).
    expect((await get('/catalog-items?year=2026&sort=x', client)).status).toBe(429);
    expect((await get(`/decisions/${id}?sort=x`, client)).status).toBe(401);
    expect((await get(`/decisions/${id}?sort=x`, client, `Bearer ${system.token(PERSON)}`)).status).toBe(400);
    // Another client, another endpoint of the same client (the receipt), health, and the signed-in endpoints are not held back.
    expect((await get('/catalog-items?year=2026', '127.0.0.10')).status).toBe(200);
    expect((await get(`/comments/sha256:${'0'.repeat(64)}`, client)).status).toBe(404);
    for (let i = 0; i < RATE_LIMIT + 2; i++) {
      expect((await get('/health', client)).status).toBe(200);
      // Nor the web application's sign-in settings, asked on every page load: limited, the application lost its 登录 (fresh-eyes tester).
      expect((await get('/web-config', client)).status).toBe(200);
      expect((await get(`/decisions/${id}`, client, `Bearer ${system.token(PERSON)}`)).status).toBe(200);
      // A signed-in official reads the public catalog from the same address (a bureau behind one NAT): known, not limited.
      expect((await get('/catalog-items?year=2026', client, `Bearer ${system.token(PERSON)}`)).status).toBe(200);
    }
    // A token that does not verify is no pass: the address is still past its limit.
    expect((await get('/catalog-items?year=2026', client, `Bearer ${system.token(PERSON)}x`)).status).toBe(429);
    expect((await get('/catalog-items?year=2026', client, 'Bearer forged.token.here')).status).toBe(429);
    // What the public sends is limited whoever sends it: a signed-in official's comments count like anyone's.
    const comment = (sent: object = { content: '意见' }, person = PERSON) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify(sent);
        const headers = { authorization: `Bearer ${system.token(person)}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
        const req = httpRequest({ host: '127.0.0.1', port, localAddress: '127.0.0.11', method: 'POST', path: `/decisions/${id}/comments`, headers, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        });
        req.on('error', reject);
        req.end(body);
      });
    const sent = [];
    for (let i = 0; i <= RATE_LIMIT; i++) sent.push(await comment());
    expect(sent.slice(0, RATE_LIMIT)).not.toContain(429);
    expect(sent[RATE_LIMIT]).toBe(429);
    // But for the letters and calls an official enters from that address: known, accountable, not held back (the decision
    // was never put out for comment: 404 as to anyone, not 429); anyone else claiming a letter is told who enters them (403), and the website
    // channel is the public's, limited.
    for (let i = 0; i <= RATE_LIMIT; i++) expect(await comment({ text: `来信${i}`, channel: 'letter' }, actors.unit.id)).toBe(404);
    expect(await comment({ text: '来信', channel: 'letter' })).toBe(403);
    expect(await comment({ text: '网上意见', channel: 'website' }, actors.unit.id)).toBe(429);
    // Behind a reverse proxy the API trusts (TRUST_PROXY), a client is its forwarded address; without that, every client is the proxy.
    const proxied = await appWith({ trustProxy: ['loopback'] });
    const direct = await appWith({});
    // Another API process behind the same load balancer: the limit is one for both (counted in PostgreSQL).
    const sibling = await appWith({ trustProxy: ['loopback'] });
    try {
      const via = (app: INestApplication, forwardedFor: string) => request(app.getHttpServer()).get('/catalog-items').set('x-forwarded-for', forwardedFor);
      const one = [];
      for (let i = 0; i <= RATE_LIMIT; i++) one.push((await via(i % 2 ? sibling : proxied, '203.0.113.7')).status);
      expect(one).toEqual([...Array(RATE_LIMIT).fill(200), 429]);
      expect((await via(sibling, '203.0.113.7')).status).toBe(429);
      expect((await via(proxied, '203.0.113.8')).status).toBe(200);
      // A burst at once, to both processes (counted in batches): still the limit in all, no more, no fewer.
      const burst = await Promise.all(Array.from({ length: RATE_LIMIT * 3 }, (_, i) => via(i % 2 ? sibling : proxied, '203.0.113.9')));
      expect(burst.filter((r) => r.status === 200).length).toBe(RATE_LIMIT);
      expect(burst.filter((r) => r.status === 429).length).toBe(RATE_LIMIT * 2);
      const untrusted = [];
      // (An endpoint of its own: every process shares the count, and this file's other requests came from the loopback address too.)
      const viaDirect = (forwardedFor: string) => request(direct.getHttpServer()).get('/published-decisions').set('x-forwarded-for', forwardedFor);
      for (let i = 0; i <= RATE_LIMIT; i++) untrusted.push((await viaDirect(`203.0.113.${i + 20}`)).status);
      expect(untrusted).toEqual([...Array(RATE_LIMIT).fill(200), 429]);
    } finally {
      await Promise.all([proxied.close(), direct.close(), sibling.close()]);
    }
  });

  it('the OpenAPI document says which operations need a token and which are public and limited', () => {
    const doc = openApiDocument(api);
    const op = (path: string, verb: 'get' | 'post') => doc.paths[path][verb]!;
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, verb] of [['/decisions/{id}/steps', 'post'], ['/decisions', 'post'], ['/documents', 'post'], ['/decisions/{id}', 'get'], ['/metrics', 'get']] as const) {
      expect({ path, security: op(path, verb).security, has401: '401' in op(path, verb).responses }).toEqual({ path, security: [{ bearer: [] }], has401: true });
    }
    for (const [path, verb] of [['/decisions/{id}/comments', 'post'], ['/comments/{receipt}', 'get'], ['/catalog-items', 'get'], ['/health', 'get'], ['/ready', 'get']] as const) {
      expect({ path, security: op(path, verb).security, has401: '401' in op(path, verb).responses, has429: '429' in op(path, verb).responses }).toEqual({ path, security: [], has401: false, has429: true });
    }
    expect(JSON.stringify(doc)).not.toContain('x-public');
  });
});

/** The ID token of a test person (a JWT of the same issuer and key, for the client: not an access token). */
async function signInAsBrowserFor(sub: string) {
  return signInAsBrowser({ issuer: process.env.OIDC_ISSUER!, clientId: DEFAULT_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, resource: process.env.OIDC_AUDIENCE, login: sub, password: `test-${sub}` });
}
