import type { WebClientConfig } from '../../../../libs/domain';
import { ConfigError } from '../../../../libs/config/config';

/**
 * The web application's sign-in settings, read from the environment once at
 * boot: OIDC_ISSUER (the OpenID Connect issuer, https:// or a local http://
 * address) and OIDC_WEB_CLIENT_ID (the web application's public client, which
 * uses the authorization code flow with PKCE; by default the embedded
 * provider's, major-decision-web). No issuer: sign-in is off. A client without
 * an issuer, or a bad issuer, stops the API naming the variable.
 */
/** The public client the embedded provider (infra/oidc) registers for the web application. */
export const DEFAULT_WEB_CLIENT_ID = 'major-decision-web';

export function loadWebClientConfig(env: Record<string, string | undefined>): WebClientConfig {
  const issuer = env.OIDC_ISSUER?.trim();
  const clientId = env.OIDC_WEB_CLIENT_ID?.trim() || (env.OIDC_ISSUER?.trim() ? DEFAULT_WEB_CLIENT_ID : undefined);
  const scope = env.OIDC_WEB_SCOPE?.trim() || 'openid profile';
  if (!issuer && !clientId) return { oidc: null };
  const problems: string[] = [];
  if (!issuer) problems.push('OIDC_ISSUER is required when OIDC_WEB_CLIENT_ID is set');
  else if (!/^(https:\/\/[^\s]+|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s]*)?)$/.test(issuer)) {
    problems.push(`OIDC_ISSUER=${JSON.stringify(issuer)}: must be an https:// URL (http:// only on 127.0.0.1 or localhost)`);
  }
  if (problems.length) throw new ConfigError(problems);
  return { oidc: { authority: issuer!, clientId: clientId!, scope } };
}
