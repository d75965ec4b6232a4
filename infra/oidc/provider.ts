import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../paths';
import { stopChild } from '../supervisor';

/** One person who can sign in to the embedded provider; `sub` is the actor id the person signs steps with. */
export interface OidcAccount {
  sub: string;
  name: string;
  password: string;
}

/** The audience (resource indicator) of the API's access tokens, unless OIDC_AUDIENCE says otherwise. */
export const DEFAULT_AUDIENCE = 'urn:major-decision-engine:api';
/** The public client of the embedded provider: the web application, and the token CLI and tests that play it. */
export const DEFAULT_CLIENT_ID = 'major-decision-web';
/** Where the token CLI and the tests say the browser is sent back to (the code is read from the redirect; nothing listens there). */
export const CLI_REDIRECT_URI = 'http://127.0.0.1/callback';
export const DEFAULT_REDIRECT_URIS = ['http://127.0.0.1:5173/callback', 'http://localhost:5173/callback', CLI_REDIRECT_URI];
export const DEFAULT_OIDC_PORT = 3900;

/** The embedded OpenID Connect provider (infra/oidc/server.mjs), a process of its own. */
export interface OidcProvider {
  issuer: string;
  audience: string;
  clientId: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Writes the accounts file unless one is there; true when it wrote it. */
export function ensureAccountsFile(file: string, accounts: readonly OidcAccount[]): boolean {
  if (existsSync(file)) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(accounts, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return true;
}

/** Starts the provider and resolves once its discovery document answers. */
export async function startOidcProvider(opts: {
  port: number;
  accountsFile: string;
  /** The signing key (made there on first start, kept afterwards). */
  keysFile: string;
  audience?: string;
  /** More audiences it issues access tokens for (tests: a token for another API). */
  otherAudiences?: string[];
  redirectUris?: string[];
  accessTokenTtlSeconds?: number;
  logFile?: (chunk: Buffer) => void;
  detached?: boolean;
}): Promise<OidcProvider> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const audience = opts.audience ?? DEFAULT_AUDIENCE;
  const env = {
    ...process.env,
    OIDC_PORT: String(opts.port),
    OIDC_ISSUER: issuer,
    OIDC_ACCOUNTS_FILE: opts.accountsFile,
    OIDC_KEYS_FILE: opts.keysFile,
    OIDC_AUDIENCE: audience,
    OIDC_RESOURCES: (opts.otherAudiences ?? []).join(','),
    OIDC_CLIENT_ID: DEFAULT_CLIENT_ID,
    OIDC_REDIRECT_URIS: (opts.redirectUris ?? DEFAULT_REDIRECT_URIS).join(','),
    OIDC_ACCESS_TOKEN_TTL_SECONDS: String(opts.accessTokenTtlSeconds ?? 3600),
  };
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'infra', 'oidc', 'server.mjs')], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.detached });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    opts.logFile?.(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const stop = () => stopChild(child, { signal: 'SIGTERM', timeoutMs: 5_000 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the OpenID Connect provider exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch (err) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`the OpenID Connect provider did not answer on ${issuer}: ${err}\n${output}`);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { issuer, audience, clientId: DEFAULT_CLIENT_ID, process: child, stop };
}
