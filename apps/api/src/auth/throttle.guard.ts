import { ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { bearerToken, isPublic } from './auth.guard';
import { TokenVerifier } from './token-verifier';
import { RateLimitedComments } from '../comments/rate-limited-comments';
import type { FastifyRequest } from 'fastify';
import { clientOf } from './client';

/**
 * The public endpoints (@Public()), limited per client (its IP address) and
 * per endpoint: PUBLIC_RATE_LIMIT requests in PUBLIC_RATE_WINDOW_SECONDS,
 * then 429 with Retry-After: how long until the sliding count leaves room
 * (SharedRateLimitStorage). Signed-in endpoints
 * are not limited here: their callers are known; nor is a public page read
 * (GET) with a valid access token, as the web application reads the catalog
 * for a signed-in official (the officials of a bureau share one address behind
 * its NAT). What the public sends (comments) is limited whoever sends it, but
 * for the letters and calls an official enters (enteredByOfficial). The
 * counts are shared by every API process, in PostgreSQL (SharedRateLimitStorage).
 */
/**
 * A comment that came by letter, call or visit, entered by a signed-in official (the route checks they are of the
 * undertaking unit, and keeps their id with it): the official is known, and a desk entering a bag of letters shared the
 * public's limit with everyone behind the bureau's address, its comments turned away counted as the public's.
 */
function enteredByOfficial(req: FastifyRequest): boolean {
  const channel = (req.body as { channel?: unknown } | null | undefined)?.channel;
  return req.method === 'POST' && req.routeOptions.url === '/decisions/:id/comments' && typeof channel === 'string' && channel !== 'website';
}

@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly modules: ModuleRef,
    private readonly tokens: TokenVerifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !isPublic(this.reflector, context, this.config)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    return (req.method === 'GET' || enteredByOfficial(req)) && (await this.signedIn(req));
  }

  /** Whether the request carries an access token that verifies; a token that does not is simply not counted as one. */
  private async signedIn(req: FastifyRequest): Promise<boolean> {
    const token = bearerToken(req.headers.authorization);
    if (!token) return false;
    try {
      await this.tokens.verify(token);
      return true;
    } catch {
      return false;
    }
  }

  /** A client is its address, a forwarded one believed only from the proxies TRUST_PROXY names (clientOf). */
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    return super.getTracker({ ip: clientOf(req as unknown as FastifyRequest) });
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // A comment turned away is still counted for its decision: the adoption report says how many were (nothing silently dropped).
    const req = context.switchToHttp().getRequest<FastifyRequest<{ Params: { id?: unknown } }>>();
    if (req.method === 'POST' && req.routeOptions.url === '/decisions/:id/comments' && typeof req.params.id === 'string') {
      this.modules.get(RateLimitedComments, { strict: false }).count(req.params.id);
    }
    const window = Math.round(detail.ttl / 1000);
    const wait = detail.timeToBlockExpire;
    throw new HttpException(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        retryAfterSeconds: wait,
        message: `请求过于频繁：每个客户端每 ${window} 秒最多 ${detail.limit} 次，请在 ${wait} 秒后重试（too many requests: at most ${detail.limit} every ${window} s from one client; retry after ${wait} s）`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
