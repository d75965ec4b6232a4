import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { signInAsBrowser } from '../../infra/oidc/browser-flow';
import { CLI_REDIRECT_URI, DEFAULT_CLIENT_ID, type OidcAccount } from '../../infra/oidc/provider';
import { uploadingCited } from './documents';
import { actors } from './procedure';

/** A person of the tests who is no actor of a procedure: for reading, publishing the catalog, registrars' calls. */
export const PERSON = 'p-tester';
/** A registrar (personnel office) who enters officials' keys. */
export const REGISTRAR = 'p-registrar';

/** The test run's accounts: every actor of test/support/procedure.ts, and a few persons. */
export const TEST_ACCOUNTS: OidcAccount[] = [
  ...Object.values(actors).map((a) => ({ sub: a.id, name: a.name, password: `test-${a.id}` })),
  { sub: PERSON, name: '测试员', password: `test-${PERSON}` },
  { sub: REGISTRAR, name: '周登记', password: `test-${REGISTRAR}` },
  { sub: 'u-cli', name: '命令行承办', password: 'test-u-cli' },
  { sub: 'u-wu', name: '吴承办', password: 'test-u-wu' },
  // Officials of the offices tests (test/e2e/authority, scope, web): each appointed there, or not, as the test needs.
  ...['u-finance', 'u-fgc', 'u-later', 'u-forger', 'u-sfj', 'j-hfc', 'j-js', 'u-office', 'i-zj', 'i-js', 'i-hz', 'u-web', 'j-web', 'x-czj', 'r-dsf', 'd-ysc', 'd-director', 'd-bgs', 'd-fzk', 't-head', 'u-lfc', 'j-lfc', 'u-fgc2', 's-head', 'u-sm2', 's-bgs', 'u-colleague', 'e-dq', 'm-js', 'u-claimed', 'u-resend', 'u-waiting', 'u-guessed', 'u-guessed-at-once'].map((sub) => ({ sub, name: sub, password: `test-${sub}` })),
];

/** The audience the tests' provider also issues tokens for, besides the API's: a token for another service. */
export const OTHER_AUDIENCE = 'urn:major-decision-engine:another-service';

function provider(): { issuer: string; audience: string } {
  const issuer = process.env.OIDC_ISSUER;
  const audience = process.env.OIDC_AUDIENCE;
  if (!issuer || !audience) throw new Error('OIDC_ISSUER is not set: run the tests through jest (global setup starts the OpenID Connect provider)');
  return { issuer, audience };
}

const cache = new Map<string, string>();

/**
 * A real access token for the person `sub`, from the run's OpenID Connect
 * provider, got as a browser gets one: the authorization code flow with PKCE,
 * the login form filled in with the test account's password. Cached per sub
 * for the run (in memory and in the run's directory, which every test worker
 * shares), while it has ten minutes left.
 */
export async function signIn(sub: string, opts: { resource?: string } = {}): Promise<string> {
  const { issuer, audience } = provider();
  const resource = opts.resource ?? audience;
  const key = `${sub} ${resource}`;
  const dir = process.env.OIDC_TEST_TOKEN_DIR;
  const file = dir && join(dir, `${Buffer.from(key).toString('base64url')}.json`);
  const fresh = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000 > Date.now() + 10 * 60_000;
  let token = cache.get(key);
  if (!token && file && existsSync(file)) token = JSON.parse(readFileSync(file, 'utf8')).token as string;
  if (token && fresh(token)) {
    cache.set(key, token);
    return token;
  }
  const account = TEST_ACCOUNTS.find((a) => a.sub === sub);
  if (!account) throw new Error(`${sub} is not one of the test accounts (test/support/auth.ts)`);
  token = (await signInAsBrowser({ issuer, clientId: DEFAULT_CLIENT_ID, redirectUri: CLI_REDIRECT_URI, resource, login: sub, password: account.password })).accessToken;
  cache.set(key, token);
  if (dir && file) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.${process.pid}`, JSON.stringify({ token }));
    renameSync(`${file}.${process.pid}`, file);
  }
  return token;
}

/** A token for every test account, at once (startSystem does this, so tests can ask synchronously). */
export async function signInAll(): Promise<Map<string, string>> {
  const tokens = await Promise.all(TEST_ACCOUNTS.map(async (a) => [a.sub, await signIn(a.sub)] as const));
  return new Map(tokens);
}

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
/**
 * supertest against `server`, each request carrying `token` as its bearer token. A step (POST /decisions/:id/steps)
 * or an answer (PUT /decisions/:id/comment-answers) uploads first, as this person, the documents it cites that the
 * tests made with h() (test/support/documents.ts): the API refuses a step naming a document nobody uploaded (Art. 33).
 */
export function withToken(server: App, token: string): Record<Verb, (url: string) => request.Test> {
  const agent = request(server);
  const verb = (v: Verb) => (url: string) => uploadingCited(agent[v](url).set('authorization', `Bearer ${token}`), server, url, token, () => signIn(PERSON));
  return { get: verb('get'), post: verb('post'), put: verb('put'), patch: verb('patch'), delete: verb('delete') };
}
