import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { AppConfig } from '../../../../libs/config/config';

export const IS_PUBLIC = 'auth:public';
/** The OpenAPI extension that marks an operation public (openapi.ts turns it into `security: []` and declares its 429). */
export const PUBLIC_EXTENSION = 'x-public';

/**
 * An endpoint anyone may call without signing in (the public's comments and
 * receipts, the catalog, health). Such endpoints are rate-limited per client
 * instead (throttle.guard.ts). With `when`, the endpoint is public only where
 * the configuration says so (GET /metrics with METRICS_PUBLIC=true), and the
 * OpenAPI document declares it as needing a token.
 */
export function Public(options: { when?: (config: AppConfig) => boolean } = {}): MethodDecorator & ClassDecorator {
  if (options.when) return SetMetadata(IS_PUBLIC, options.when);
  return applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
}
