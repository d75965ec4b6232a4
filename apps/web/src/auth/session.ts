import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { WebClientConfig } from '../../../../libs/domain';
import { ApiError, apiGet, useBearerToken } from '../api/client';
import { dropAllDrafts } from '../signing/drafts';

/**
 * Sign-in with OpenID Connect (authorization code with PKCE, oidc-client-ts),
 * on only when the API says an issuer is configured (GET /web-config). The
 * provider is the government's own; this application only starts the flow,
 * handles the redirect back (/app/auth/callback) and hands the access token
 * to the API client. With sign-in off, requests go without a token, as today.
 */
export interface Session {
  enabled: boolean;
  /** Why the sign-in settings could not be had (the API busy or away), where they could not: the page offers to try again. */
  unavailable?: string;
  /** Why a sign-in coming back from the provider could not be finished, where it could not: the page says so. */
  signInFailed?: string;
  user: User | null;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

let manager: UserManager | undefined;
export const CALLBACK_PATH = '/app/auth/callback';

/** The sign-in provider's address (its issuer), where sign-in is on: the commands the pages show name it. */
let issuer: string | undefined;
export const signInIssuer = (): string | undefined => issuer;

/**
 * A sign-out in this browser ends every tab's session, each kept in the tab's own sessionStorage (second retest: signed
 * out in one tab, the other still acted as the official until its token expired). Each sign-out writes a new mark here;
 * a tab remembers the mark it signed in under, and a tab that finds another (open then, loaded or restored later: the
 * fourth tester came back to a tab left on another page) drops its session. Marks, not clocks: a browser's clock ahead
 * of the provider's would have dropped fresh sessions.
 */
const SIGNED_OUT_KEY = 'major-decisions.signed-out';
const SIGNED_IN_UNDER = 'major-decisions.signed-in-under';
/** Set at sign-out until the next sign-in: that one asks for the password, whatever the provider's session (a sign-out left half done). */
const LOGIN_REQUIRED = 'major-decisions.login-required';
const markNow = (): string => localStorage.getItem(SIGNED_OUT_KEY) ?? '';

/** Waits between the asks for the sign-in settings while the API does not give them: about eight seconds in all. */
const CONFIG_RETRY_MS = [500, 1000, 2000, 4000];

/**
 * The sign-in settings (GET /web-config). Only an API without them (404) has sign-in off; one that is busy or away (a
 * 429, a 5xx, no answer) is asked again, then said to be unavailable. Every failure had been taken for "sign-in off":
 * the page showed no 登录 and dropped a sign-in coming back from the provider (fresh-eyes tester: the settings were
 * rate-limited as the public's requests are, so sign-in vanished for a while after 60 page loads a minute).
 */
async function webConfig(): Promise<WebClientConfig | { unavailable: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await apiGet<WebClientConfig>('/web-config');
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return { oidc: null };
      if (attempt >= CONFIG_RETRY_MS.length) return { unavailable: err instanceof ApiError ? `${err.status}` : err instanceof Error ? err.message : String(err) };
      await new Promise((resolve) => setTimeout(resolve, CONFIG_RETRY_MS[attempt]));
    }
  }
}

const signedOff = { user: null, signIn: async () => undefined, signOut: async () => undefined };

export async function startSession(): Promise<Session> {
  const config = await webConfig();
  if ('unavailable' in config) return { enabled: false, unavailable: config.unavailable, ...signedOff };
  if (!config.oidc) return { enabled: false, ...signedOff };
  issuer = config.oidc.authority;
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
  // A sign-in coming back that cannot be finished (its code used or stale, the provider away, an address opened by
  // hand) is said so, with 登录 to start again: it had left a blank page (retest).
  let failed: string | undefined;
  if (location.pathname === CALLBACK_PATH) {
    try {
      const user = await m.signinRedirectCallback();
      sessionStorage.setItem(SIGNED_IN_UNDER, markNow());
      localStorage.removeItem(LOGIN_REQUIRED);
      const back = typeof user.state === 'string' && user.state.startsWith('/app') ? user.state : '/app/';
      history.replaceState(null, '', back);
    } catch (err) {
      failed = err instanceof Error ? err.message : String(err);
      history.replaceState(null, '', '/app/');
    }
  }
  // Signed out in this browser since this tab signed in: its session ends, now or when the tab is shown again.
  const signedOutSince = () => (sessionStorage.getItem(SIGNED_IN_UNDER) ?? '') !== markNow();
  const dropIfSignedOut = async (): Promise<boolean> => {
    if (!signedOutSince() || !(await m.getUser())) return false;
    await m.removeUser();
    dropAllDrafts();
    return true;
  };
  addEventListener('storage', (e) => {
    if (e.key === SIGNED_OUT_KEY) void dropIfSignedOut().then((dropped) => dropped && location.reload());
  });
  addEventListener('pageshow', (e) => {
    if (e.persisted) void dropIfSignedOut().then((dropped) => dropped && location.reload());
  });
  await dropIfSignedOut();
  return {
    enabled: true,
    ...(failed ? { signInFailed: failed } : {}),
    user: await m.getUser(),
    signIn: () => m.signinRedirect({ state: location.pathname + location.search, ...(localStorage.getItem(LOGIN_REQUIRED) ? { prompt: 'login' } : {}) }),
    signOut: () => {
      dropAllDrafts();
      localStorage.setItem(SIGNED_OUT_KEY, `${Date.now()}-${Math.random()}`); // a new mark (randomUUID needs a secure context)
      localStorage.setItem(LOGIN_REQUIRED, '1');
      return m.signoutRedirect();
    },
  };
}
