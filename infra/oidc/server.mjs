// The embedded default's OpenID Connect provider: panva's oidc-provider (ESM
// only, hence this .mjs program, run as a process of its own like the Temporal
// dev server). Authorization code flow with PKCE for one public client (the
// web application); access tokens are JWTs for the API (resource indicators),
// signed with a key made once and kept in OIDC_KEYS_FILE. Accounts come from
// OIDC_ACCOUNTS_FILE ([{ "sub", "name", "password" }]); the login page is our
// own and checks the password against that file. Nothing is fetched from the
// network. Production points the API at the government's identity platform
// instead; this program is not used there.
//
// Environment: OIDC_PORT (required), OIDC_HOST (127.0.0.1), OIDC_ISSUER
// (http://127.0.0.1:OIDC_PORT), OIDC_ACCOUNTS_FILE, OIDC_KEYS_FILE (both
// required), OIDC_AUDIENCE (the API's resource indicator), OIDC_RESOURCES (more
// audiences, comma-separated), OIDC_CLIENT_ID, OIDC_REDIRECT_URIS
// (comma-separated), OIDC_ACCESS_TOKEN_TTL_SECONDS.
import { createHash, generateKeyPairSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
/* global URL, URLSearchParams, setTimeout */
import Provider, { errors } from 'oidc-provider';

const env = process.env;
const need = (name) => {
  const v = env[name]?.trim();
  if (!v) fail(`${name} 未设置 / ${name} is required but not set`);
  return v;
};
function fail(message) {
  console.error(`OIDC provider: ${message}`);
  process.exit(1);
}

const port = Number(need('OIDC_PORT'));
const host = env.OIDC_HOST?.trim() || '127.0.0.1';
const issuer = env.OIDC_ISSUER?.trim() || `http://127.0.0.1:${port}`;
const accountsFile = need('OIDC_ACCOUNTS_FILE');
const keysFile = need('OIDC_KEYS_FILE');
const audience = env.OIDC_AUDIENCE?.trim() || 'urn:major-decision-engine:api';
const resources = [audience, ...(env.OIDC_RESOURCES ?? '').split(',').map((s) => s.trim()).filter(Boolean)];
const clientId = env.OIDC_CLIENT_ID?.trim() || 'major-decision-web';
const redirectUris = (env.OIDC_REDIRECT_URIS ?? 'http://127.0.0.1:5173/callback,http://localhost:5173/callback,http://127.0.0.1/callback').split(',').map((s) => s.trim()).filter(Boolean);
const accessTokenTtl = Number(env.OIDC_ACCESS_TOKEN_TTL_SECONDS ?? 3600);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`OIDC_PORT=${env.OIDC_PORT}：必须是端口号 / must be a port number`);
if (!Number.isInteger(accessTokenTtl) || accessTokenTtl < 1) fail('OIDC_ACCESS_TOKEN_TTL_SECONDS：必须是正整数 / must be a whole number of seconds');

/** The accounts, read again at each use: the file can be replaced without a restart. */
function accounts() {
  const list = JSON.parse(readFileSync(accountsFile, 'utf8'));
  if (!Array.isArray(list) || !list.every((a) => a && typeof a.sub === 'string' && a.sub && typeof a.name === 'string' && typeof a.password === 'string' && a.password)) {
    throw new Error(`${accountsFile}: must be a JSON array of {"sub", "name", "password"}`);
  }
  return list;
}
const digest = (s) => createHash('sha256').update(String(s), 'utf8').digest();
/**
 * Wrong passwords per account name: after LOCK_AFTER in a row, the account takes no password for LOCK_MS since the last
 * (attacker tester: 200 guesses in 1.4 s, 50 at a time, the 300 ms delay slowing each but not their number). Checked,
 * tried and counted with no wait between (one thread): guesses sent at once are counted one after another. A right
 * password clears the count.
 */
const LOCK_AFTER = 5;
const LOCK_MS = Number(env.OIDC_LOCK_SECONDS ?? 300) * 1000;
const wrongPasswords = new Map();
const lockKey = (login) => String(login).toLowerCase();
function locked(login) {
  const last = wrongPasswords.get(lockKey(login));
  return !!last && Date.now() - last.at < LOCK_MS && last.count >= LOCK_AFTER;
}
function countWrong(login) {
  const now = Date.now();
  const last = wrongPasswords.get(lockKey(login));
  wrongPasswords.set(lockKey(login), { count: last && now - last.at < LOCK_MS ? last.count + 1 : 1, at: now });
  if (wrongPasswords.size > 100_000) for (const [k, v] of wrongPasswords) if (now - v.at >= LOCK_MS) wrongPasswords.delete(k);
}

/** The account whose password this is, compared in constant time. */
function authenticate(login, password) {
  const account = accounts().find((a) => a.sub === login);
  const ok = timingSafeEqual(digest(account?.password ?? randomUUID()), digest(password));
  return ok && account ? account : undefined;
}

/** The signing key: made once (RSA, for RS256, which every relying party accepts), then kept. */
function signingKeys() {
  if (!existsSync(keysFile)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') };
    mkdirSync(dirname(keysFile), { recursive: true });
    writeFileSync(`${keysFile}.tmp`, JSON.stringify({ keys: [jwk] }, null, 2), { mode: 0o600 });
    renameSync(`${keysFile}.tmp`, keysFile);
    console.log(`OIDC provider: made a signing key (${jwk.kid}) in ${keysFile}`);
  }
  return JSON.parse(readFileSync(keysFile, 'utf8'));
}

try {
  accounts();
} catch (err) {
  fail(`账户文件无效 / bad accounts file: ${err.message}`);
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_name: '重大行政决策 (major administrative decisions)',
      application_type: 'web',
      token_endpoint_auth_method: 'none', // a public client: PKCE instead of a secret
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: redirectUris,
      // The origin, and the web application under it, which signs out to /app/ (the fresh-eyes tester: 退出登录 was refused
      // as an unregistered address, the session stayed, and the next person at the PC signed in as the last one).
      post_logout_redirect_uris: [...new Set(redirectUris.flatMap((u) => [new URL(u).origin + '/', new URL(u).origin + '/app/']))],
    },
  ],
  jwks: signingKeys(),
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  claims: { openid: ['sub'], profile: ['name'] },
  scopes: ['openid', 'profile', 'offline_access'],
  pkce: { required: () => true },
  ttl: { AccessToken: accessTokenTtl, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, RefreshToken: 8 * 3600 },
  features: {
    devInteractions: { enabled: false }, // they accept anyone: the login page below checks the password
    resourceIndicators: {
      enabled: true,
      defaultResource: (_ctx, _client, oneOf) => oneOf ?? audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, indicator) => {
        if (!resources.includes(indicator)) throw new errors.InvalidTarget();
        return { scope: 'api', audience: indicator, accessTokenTTL: accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
    rpInitiatedLogout: {
      enabled: true,
      // In Chinese, as every page here: the provider's own asks in English whether to sign out.
      logoutSource: async (ctx, form) => {
        ctx.type = 'html';
        ctx.body = page(
          '退出登录 / Sign out',
          `<h1>退出登录 <span class="en">Sign out</span></h1>${form}
<p>退出后，再次使用须重新输入密码。<br><span class="en">After signing out, the password is asked again.</span></p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出登录 <span class="en">Sign out</span></button>
<button type="submit" form="op.logoutForm">保持登录 <span class="en">Stay signed in</span></button>`,
        );
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.type = 'html';
        ctx.body = page('已退出登录 / Signed out', '<h1>已退出登录 <span class="en">Signed out</span></h1><p>可以关闭本页。<br><span class="en">You may close this page.</span></p>');
      },
    },
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const account = accounts().find((a) => a.sub === sub);
    return account && { accountId: sub, claims: () => ({ sub, name: account.name }) };
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('出错了 / Something went wrong', `<p>${esc(out.error)}: ${esc(out.error_description ?? '')}</p>`);
  },
});

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem;color:#222}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1.2rem;padding:.5rem 1.5rem}
.error{color:#b00020}.en{color:#666;font-size:.9em}</style></head>
<body>${body}</body></html>`;
}

function loginPage(uid, { login = '', error } = {}) {
  return page(
    '登录 / Sign in',
    `<h1>登录 <span class="en">Sign in</span></h1>
<p>重大行政决策流程引擎 <span class="en">major administrative decisions</span></p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login" autocomplete="off">
<label for="login">账号 <span class="en">account</span></label><input id="login" name="login" value="${esc(login)}" required autofocus>
<label for="password">密码 <span class="en">password</span></label><input id="password" name="password" type="password" required>
<button type="submit">登录 <span class="en">Sign in</span></button>
</form>`,
  );
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function send(res, status, html) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  res.end(html);
}

/**
 * The interactions: the login page (GET), its submission (POST …/login), and
 * consent, given at once for this first-party client (the grant holds the
 * scopes and the API's audience it asked for).
 */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, page('登录已失效 / Sign-in expired', '<p>请重新登录 (please sign in again)</p>'));
  const { prompt, params, session } = details;
  if (req.method === 'GET' && !action) {
    if (prompt.name === 'login') return send(res, 200, loginPage(uid));
    if (prompt.name === 'consent') {
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      const { missingOIDCScope = [], missingOIDCClaims = [], missingResourceScopes = {} } = prompt.details;
      if (missingOIDCScope.length) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims.length) grant.addOIDCClaims(missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missingResourceScopes)) grant.addResourceScope(indicator, scopes.join(' '));
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    return send(res, 400, page('无法继续 / Cannot continue', `<p>${esc(prompt.name)}</p>`));
  }
  if (req.method === 'POST' && action === 'login' && prompt.name === 'login') {
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    if (locked(login)) {
      console.log(`OIDC provider: sign-in refused for ${JSON.stringify(login.slice(0, 100))}: locked after ${LOCK_AFTER} wrong passwords`);
      await new Promise((r) => setTimeout(r, 300));
      const minutes = Math.ceil(LOCK_MS / 60_000);
      return send(res, 429, loginPage(uid, { login, error: `密码连续输错 ${LOCK_AFTER} 次，该账号 ${minutes} 分钟内不能登录，请稍后再试（${LOCK_AFTER} wrong passwords in a row: this account takes no sign-in for ${minutes} minutes）` }));
    }
    const account = authenticate(login, form.get('password') ?? '');
    if (account) wrongPasswords.delete(lockKey(login));
    else countWrong(login);
    if (!account) {
      console.log(`OIDC provider: sign-in refused for ${JSON.stringify(login.slice(0, 100))}`);
      await new Promise((r) => setTimeout(r, 300)); // no quick guessing
      return send(res, 401, loginPage(uid, { login, error: '账号或密码不正确（wrong account or password）' }));
    }
    console.log(`OIDC provider: ${account.sub} signed in`);
    return provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
  }
  return send(res, 405, page('不支持的请求 / Not allowed', ''));
}

const callback = provider.callback();
const server = createServer((req, res) => {
  // The sign-in page has no icon: said so, not a 404 in every browser's console at each sign-in (fresh-eyes tester).
  if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/favicon.ico') {
    res.writeHead(204, { 'cache-control': 'public, max-age=86400' });
    return res.end();
  }
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?\/?(?:\?.*)?$/.exec(req.url ?? '');
  if (!match) return callback(req, res);
  interaction(req, res, match[1], match[2]).catch((err) => {
    const expired = err instanceof errors.SessionNotFound || err instanceof errors.InvalidRequest;
    if (!expired) console.error(`OIDC provider: interaction failed: ${err?.stack ?? err}`);
    if (!res.headersSent) send(res, expired ? 400 : 500, page('登录未完成 / Sign-in not completed', `<p>${expired ? '登录已失效，请从应用重新登录（the sign-in has expired; start again from the application）' : '内部错误（internal error）'}</p>`));
  });
});
server.listen(port, host, () => {
  console.log(`OIDC provider listening on http://${host}:${port} (issuer ${issuer}, client ${clientId}, audience ${audience})`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close(() => process.exit(0)).closeAllConnections());
