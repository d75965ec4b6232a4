import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../../../../libs/config/config';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { AuthGuard } from './auth.guard';
import { Signers } from './signers';
import { SharedRateLimitStorage } from './rate-limit.storage';
import { PublicThrottlerGuard } from './throttle.guard';
import { TokenVerifier } from './token-verifier';

/**
 * Who is calling: every endpoint not marked @Public() requires an access token
 * from the OpenID Connect issuer (OIDC_ISSUER: the embedded provider, or the
 * government's unified identity platform), verified by jose; @Caller() gives
 * the verified subject, and Signers holds the rule that the subject is the
 * official who signs. Public endpoints are rate-limited per client instead.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, PRISMA],
      // Named 'default', so the answer's header is the plain Retry-After; counted in PostgreSQL, shared by every API process.
      useFactory: (config: AppConfig, prisma: PrismaClient) => ({
        throttlers: [{ name: 'default', ttl: config.publicRateWindowSeconds * 1000, limit: config.publicRateLimit }],
        storage: new SharedRateLimitStorage(prisma),
      }),
    }),
  ],
  providers: [TokenVerifier, Signers, { provide: APP_GUARD, useClass: PublicThrottlerGuard }, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenVerifier, Signers],
})
export class AuthModule {}
