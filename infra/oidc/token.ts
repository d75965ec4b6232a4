import { signInAsBrowser, SignInError } from './browser-flow';
import { CLI_REDIRECT_URI, DEFAULT_AUDIENCE, DEFAULT_CLIENT_ID, DEFAULT_OIDC_PORT } from './provider';

/**
 * `node dist/infra/oidc/token.js <sub> <password>`: signs in to the OpenID
 * Connect provider as a browser would (authorization code with PKCE, the
 * login form filled in) and prints the access token, for
 * `curl -H "authorization: Bearer $(node dist/infra/oidc/token.js u-zhang zhang-2026)"`.
 * OIDC_ISSUER, OIDC_AUDIENCE, OIDC_CLIENT_ID and OIDC_REDIRECT_URI name
 * another provider (defaults: the embedded one of `npm start`).
 */
async function main(): Promise<void> {
  const [login, password] = process.argv.slice(2);
  if (!login || password === undefined) {
    console.error('用法 / usage: node dist/infra/oidc/token.js <sub> <password>');
    process.exit(2);
  }
  const env = process.env;
  const tokens = await signInAsBrowser({
    issuer: env.OIDC_ISSUER ?? `http://127.0.0.1:${env.OIDC_PORT ?? DEFAULT_OIDC_PORT}`,
    clientId: env.OIDC_CLIENT_ID ?? DEFAULT_CLIENT_ID,
    redirectUri: env.OIDC_REDIRECT_URI ?? CLI_REDIRECT_URI,
    resource: env.OIDC_AUDIENCE ?? DEFAULT_AUDIENCE,
    login,
    password,
  });
  console.log(tokens.accessToken);
}

main().catch((err) => {
  const why = err instanceof SignInError ? err.message : err instanceof Error ? `${err.message}${err.cause ? ` (${String((err.cause as Error).message ?? err.cause)})` : ''}` : String(err);
  console.error(`未能取得令牌 / no token: ${why}`);
  process.exit(1);
});
