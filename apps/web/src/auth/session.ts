import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { WebClientConfig } from '../../../../libs/domain';
import { apiGet, useBearerToken } from '../api/client';

/**
 * Sign-in with OpenID Connect (authorization code with PKCE, oidc-client-ts),
 * on only when the API says an issuer is configured (GET /web-config). The
 * provider is the government's own; this application only starts the flow,
 * handles the redirect back (/app/auth/callback) and hands the access token
 * to the API client. With sign-in off, requests go without a token, as today.
 */
export interface Session {
  enabled: boolean;
  user: User | null;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

let manager: UserManager | undefined;
export const CALLBACK_PATH = '/app/auth/callback';

/**
 * Written when someone signs out in this browser: every open tab's session (each keeps its own, in sessionStorage) ends
 * with it (second retest: signed out in one tab, the other still acted as the official until the token expired).
 */
const SIGNED_OUT_KEY = 'major-decisions.signed-out-at';

export async function startSession(): Promise<Session> {
  let config: WebClientConfig = { oidc: null };
  try {
    config = await apiGet<WebClientConfig>('/web-config');
  } catch {
    // An API without the endpoint: sign-in off.
  }
  if (!config.oidc) return { enabled: false, user: null, signIn: async () => undefined, signOut: async () => undefined };
  manager = new UserManager({
    authority: config.oidc.authority,
    client_id: config.oidc.clientId,
    scope: config.oidc.scope,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${location.origin}/app/`,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: true,
  });
  const m = manager;
  useBearerToken(async () => {
    const u = await m.getUser();
    return u && !u.expired ? u.access_token : undefined;
  });
  if (location.pathname === CALLBACK_PATH) {
    const user = await m.signinRedirectCallback();
    const back = typeof user.state === 'string' && user.state.startsWith('/app') ? user.state : '/app/';
    history.replaceState(null, '', back);
  }
  // Signed out in another tab of this browser: this tab's session ends too.
  addEventListener('storage', (e) => {
    if (e.key === SIGNED_OUT_KEY && e.newValue) void m.removeUser().then(() => location.reload());
  });
  return {
    enabled: true,
    user: await m.getUser(),
    signIn: () => m.signinRedirect({ state: location.pathname + location.search }),
    signOut: () => {
      localStorage.setItem(SIGNED_OUT_KEY, String(Date.now()));
      return m.signoutRedirect();
    },
  };
}
