import { Public } from '../auth/public.decorator';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { WebClientConfig } from '../../../../libs/domain';

export const WEB_CLIENT_CONFIG = Symbol('WEB_CLIENT_CONFIG');

/** What the web application asks before it starts (public: it decides whether to offer sign-in). */
@ApiTags('web')
// Public: the portal's readers and the sign-in page itself have no token. Not counted against the public's rate limit:
// the same few bytes for everyone, asked on every page load, signed in or not (fresh-eyes tester: after 60 page loads a
// minute from one address, the web application lost its sign-in).
@Public()
@SkipThrottle()
@Controller('web-config')
export class WebController {
  constructor(@Inject(WEB_CLIENT_CONFIG) private readonly config: WebClientConfig) {}

  @Get()
  @ApiOkResponse({ description: 'sign-in settings for the web application: `oidc` is null when no issuer is configured' })
  get(): WebClientConfig {
    return this.config;
  }
}
