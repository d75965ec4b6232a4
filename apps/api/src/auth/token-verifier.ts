import { Inject, Injectable, Logger } from '@nestjs/common';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { authConfig, type AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import type { Caller } from './caller';

/** The token is not acceptable: the caller gets 401, with why (Chinese first). */
export class InvalidTokenError extends Error {
  constructor(readonly zh: string, readonly en: string) {
    super(en);
    this.name = 'InvalidTokenError';
  }
}

/** The identity platform could not be asked for its keys: not the caller's fault (503, retry later). */
export class IdentityPlatformUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentityPlatformUnavailableError';
  }
}

const SECONDS = 1000;

/**
 * Verifies access tokens with jose: the signature against the issuer's keys
 * (discovered from OIDC_ISSUER/.well-known/openid-configuration, or pinned in
 * OIDC_JWKS), the issuer, the audience (OIDC_AUDIENCE) and the expiry, with
 * OIDC_CLOCK_TOLERANCE_SECONDS of leeway. The same code for the embedded
 * provider and for a government's unified identity platform.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);
  private readonly auth: ReturnType<typeof authConfig>;
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.auth = authConfig(config); // no issuer, no API: the error names OIDC_ISSUER
    if (this.auth.jwks) this.keys = Promise.resolve(createLocalJWKSet(this.auth.jwks as unknown as JSONWebKeySet));
  }

  async verify(token: string): Promise<Caller> {
    const keys = await this.keySet();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        clockTolerance: this.auth.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || !payload.sub) throw new InvalidTokenError('访问令牌没有登录主体（sub）', 'the access token names no subject (sub)');
      return { sub: payload.sub, issuer: this.auth.issuer, claims: payload };
    } catch (err) {
      throw classify(err);
    }
  }

  /** The issuer's keys; a discovery that failed is tried again at the next request. */
  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover().catch((err) => {
      this.keys = undefined;
      throw err;
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = `${this.auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let meta: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5 * SECONDS) });
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
      meta = (await res.json()) as typeof meta;
    } catch (err) {
      this.logger.warn(`OpenID Connect discovery failed: ${err instanceof Error ? err.message : err}`);
      throw new IdentityPlatformUnavailableError(`discovery at ${url} failed`);
    }
    // OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer it was fetched for.
    if (meta.issuer !== this.auth.issuer || typeof meta.jwks_uri !== 'string') {
      this.logger.error(`${url} names issuer ${JSON.stringify(meta.issuer)} and jwks_uri ${JSON.stringify(meta.jwks_uri)}; expected issuer ${this.auth.issuer}`);
      throw new IdentityPlatformUnavailableError(`the discovery document at ${url} does not match OIDC_ISSUER`);
    }
    return createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 5 * SECONDS, cooldownDuration: 30 * SECONDS, cacheMaxAge: 10 * 60 * SECONDS });
  }
}

/** What went wrong with a token, for the caller; a key set that cannot be fetched is the platform's trouble. */
function classify(err: unknown): Error {
  if (err instanceof InvalidTokenError) return err;
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return new IdentityPlatformUnavailableError(err.message);
  if (err instanceof errors.JWTExpired) return new InvalidTokenError('访问令牌已过期，请重新登录', 'the access token has expired; sign in again');
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    if (claim === 'iss') return new InvalidTokenError('访问令牌不是由本系统信任的身份认证平台签发的', 'the access token was not issued by the identity platform this API trusts');
    if (claim === 'aud') return new InvalidTokenError('访问令牌不是为本系统签发的（受众不符）', 'the access token was not issued for this API (wrong audience)');
    if (claim === 'nbf') return new InvalidTokenError('访问令牌尚未生效', 'the access token is not valid yet');
    return new InvalidTokenError(`访问令牌的声明 ${claim} 不符合要求`, `the access token's ${claim} claim is not acceptable`);
  }
  if (err instanceof errors.JOSEError) return new InvalidTokenError('访问令牌无效（签名不符或格式错误）', 'the access token is not valid (bad signature or malformed)');
  // A remote key set that cannot be reached (connection refused, DNS): the platform's trouble.
  return new IdentityPlatformUnavailableError(err instanceof Error ? err.message : String(err));
}
