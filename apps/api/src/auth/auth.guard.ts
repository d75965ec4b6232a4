import { CanActivate, ExecutionContext, Inject, Injectable, Logger, Optional, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { MetricsService } from '../metrics/metrics.service';
import type { Caller } from './caller';
import { IS_PUBLIC } from './public.decorator';
import { IdentityPlatformUnavailableError, InvalidTokenError, TokenVerifier } from './token-verifier';

/** RFC 6750's Bearer token syntax. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The bearer token an Authorization header carries, if it is one. */
export const bearerToken = (header: string | undefined): string | undefined => (header === undefined ? undefined : BEARER.exec(header)?.[1]);

/** Whether the route is public, for this configuration. */
export function isPublic(reflector: Reflector, context: ExecutionContext, config: AppConfig): boolean {
  const mark = reflector.getAllAndOverride<boolean | ((c: AppConfig) => boolean) | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
  return typeof mark === 'function' ? mark(config) : mark === true;
}

/**
 * Every endpoint not marked @Public() answers 401 without a valid access
 * token (a bearer token, RFC 6750), and nothing behind it runs. The verified
 * caller is put on the request for @Caller().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublic(this.reflector, context, this.config)) return true;
    const req = context.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    const res = context.switchToHttp().getResponse<FastifyReply>();
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (!token) {
      this.metrics?.unauthenticated(header === undefined ? 'missing' : 'malformed');
      res.header('www-authenticate', 'Bearer realm="major-decision-engine"');
      throw unauthorized(
        header === undefined
          ? new InvalidTokenError('请求须携带访问令牌（Authorization: Bearer …）', 'the request must carry an access token (Authorization: Bearer …)')
          : new InvalidTokenError('Authorization 头须为 "Bearer <访问令牌>"', 'the Authorization header must be "Bearer <access token>"'),
      );
    }
    try {
      req.caller = await this.tokens.verify(token);
      return true;
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        this.metrics?.unauthenticated('invalid');
        res.header('www-authenticate', `Bearer realm="major-decision-engine", error="invalid_token", error_description="${err.en.replace(/["\\]/g, '')}"`);
        throw unauthorized(err);
      }
      if (err instanceof IdentityPlatformUnavailableError) {
        this.logger.warn(`cannot verify tokens: ${err.message}`);
        throw new ServiceUnavailableException({
          statusCode: 503,
          error: 'Service Unavailable',
          message: '统一身份认证平台暂时无法访问，无法验证访问令牌，请稍后重试（the identity platform cannot be reached to verify the access token; retry later）',
        });
      }
      throw err;
    }
  }
}

function unauthorized(why: InvalidTokenError): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: `未登录或登录已失效：${why.zh}（not signed in: ${why.en}）` });
}
