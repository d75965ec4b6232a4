import { createHash, randomBytes } from 'node:crypto';

/**
 * Signing in as a browser does, over HTTP: the authorization request with a
 * PKCE challenge, the provider's redirects (cookies kept), its login page
 * read and its form submitted, the redirect back to the client with the
 * code, and the code exchanged, with the verifier, for tokens. Used by the
 * token CLI (infra/oidc/token.ts) and the tests' signIn; works against any
 * provider whose login page is a plain form with `login` and `password`
 * fields (ours, infra/oidc/server.mjs).
 */
export interface BrowserSignIn {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** The resource indicator (RFC 8707): the API's audience. */
  resource?: string;
  scope?: string;
  login: string;
  password: string;
}

export interface Tokens {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
  tokenType: string;
  scope?: string;
}

export class SignInError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'SignInError';
  }
}

/** Cookies as a browser keeps them for one origin: by name and path. */
export class CookieJar {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const path = attributes.map((a) => a.trim()).find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const expired = attributes.some((a) => /^\s*max-age=0$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired || value === '') this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  header(url: URL): string {
    return [...this.cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The authorization request's URL (the web application sends the browser there). */
export function authorizationUrl(o: { authorizationEndpoint: string; clientId: string; redirectUri: string; resource?: string; scope?: string; challenge: string; state: string; nonce: string }): URL {
  const url = new URL(o.authorizationEndpoint);
  url.search = new URLSearchParams({
    client_id: o.clientId,
    response_type: 'code',
    redirect_uri: o.redirectUri,
    scope: o.scope ?? 'openid profile api',
    code_challenge: o.challenge,
    code_challenge_method: 'S256',
    state: o.state,
    nonce: o.nonce,
    ...(o.resource ? { resource: o.resource } : {}),
  }).toString();
  return url;
}

/** The provider's discovery document. */
export async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string; jwks_uri: string; issuer: string }> {
  const res = await fetch(new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`), { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new SignInError(`discovery at ${issuer} answered ${res.status}`, res.status);
  return (await res.json()) as never;
}

/** The fields of the first form of an HTML page, with its action. */
export function formOf(html: string, base: URL): { action: URL; fields: Record<string, string> } {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new SignInError('the login page has no form');
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const [input] of form[1].matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(input, 'name');
    if (name) fields[name] = unescape(attr(input, 'value') ?? '');
  }
  return { action: new URL(unescape(attr(form[0], 'action') ?? base.href), base), fields };
}

/** Follows redirects as a browser does, keeping cookies, until `stop` says the URL is the client's own. */
async function follow(start: URL, jar: CookieJar, stop: (url: URL) => boolean, init: RequestInit = {}): Promise<{ url: URL; res?: Response }> {
  let url = start;
  let request = init;
  for (let hops = 0; hops < 20; hops++) {
    if (stop(url)) return { url };
    const res = await fetch(url, { ...request, redirect: 'manual', headers: { ...(request.headers as Record<string, string>), cookie: jar.header(url) }, signal: AbortSignal.timeout(10_000) });
    jar.take(res);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      request = {}; // 302/303: a GET from here on
      await res.body?.cancel();
      continue;
    }
    return { url, res };
  }
  throw new SignInError('too many redirects');
}

/** Signs in with a password as a browser would and returns the tokens. */
export async function signInAsBrowser(o: BrowserSignIn): Promise<Tokens> {
  const meta = await discover(o.issuer);
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const jar = new CookieJar();
  const atClient = (url: URL) => url.href.startsWith(o.redirectUri.split('?')[0]) && (url.href.length === o.redirectUri.length || /[?#]/.test(url.href[o.redirectUri.length]));

  // The authorization request: the provider sends the browser to its login page.
  const start = authorizationUrl({ authorizationEndpoint: meta.authorization_endpoint, clientId: o.clientId, redirectUri: o.redirectUri, resource: o.resource, scope: o.scope, challenge, state, nonce });
  const login = await follow(start, jar, atClient);
  if (!login.res) throw new SignInError('the provider sent the browser back without asking who it is');
  const html = await login.res.text();
  if (login.res.status !== 200) throw new SignInError(`the provider answered ${login.res.status} to the authorization request: ${html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)}`, login.res.status);

  // The login form, filled in and submitted.
  const form = formOf(html, login.url);
  const submitted = new URLSearchParams({ ...form.fields, login: o.login, password: o.password });
  const back = await follow(form.action, jar, atClient, { method: 'POST', body: submitted.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  if (back.res) {
    const text = (await back.res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const alert = /(账号或密码不正确|密码连续输错)[^)）]*[)）]/.exec(text)?.[0];
    throw new SignInError(alert ?? `sign-in did not complete (${back.res.status} at ${back.url.pathname})`, back.res.status);
  }

  // Back at the client: the code, for the verifier.
  const params = back.url.searchParams;
  if (params.get('error')) throw new SignInError(`${params.get('error')}: ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== state) throw new SignInError('the state that came back is not the one sent');
  const code = params.get('code');
  if (!code) throw new SignInError('no authorization code came back');
  const res = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: o.redirectUri, client_id: o.clientId, code_verifier: verifier, ...(o.resource ? { resource: o.resource } : {}) }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as Record<string, string | number>;
  if (!res.ok) throw new SignInError(`the token endpoint answered ${res.status}: ${body.error} ${body.error_description ?? ''}`, res.status);
  return { accessToken: String(body.access_token), idToken: body.id_token as string | undefined, expiresIn: Number(body.expires_in), tokenType: String(body.token_type), scope: body.scope as string | undefined };
}
