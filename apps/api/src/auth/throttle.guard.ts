import { ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage } from '@nestjs/throttler';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { isPublic } from './auth.guard';
import { RateLimitedComments } from '../comments/rate-limited-comments';
import type { FastifyRequest } from 'fastify';
import { clientOf } from './client';

/**
 * The public endpoints (@Public()), limited per client (its IP address) and
 * per endpoint: PUBLIC_RATE_LIMIT requests in PUBLIC_RATE_WINDOW_SECONDS,
 * then 429 with Retry-After: how long until the sliding count leaves room
 * (SharedRateLimitStorage). Signed-in endpoints
 * are not limited here: their callers are known. The counts are shared by
 * every API process, in PostgreSQL (SharedRateLimitStorage).
 */
@Injectable()
export class PublicThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly modules: ModuleRef,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || !isPublic(this.reflector, context, this.config);
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
