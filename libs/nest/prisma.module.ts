import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { createPrismaClient, PrismaClient } from '../db/prisma';
import { APP_CONFIG } from './config.module';

export const PRISMA = Symbol('PRISMA');
const logger = new Logger('PostgreSQL');

@Injectable()
class PrismaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: PRISMA,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createPrismaClient(config.databaseUrl, {
          timeoutMs: config.dependencyTimeoutSeconds * 1000,
          // Harmless to the requests (the next query opens another connection), but an operator wants to see PostgreSQL go.
          onIdleError: (err) => logger.warn(`与 PostgreSQL 的空闲连接断开，下一次查询将重新连接（an idle PostgreSQL connection was lost; the next query opens another）: ${err.message}`),
        }),
    },
    PrismaLifecycle,
  ],
  exports: [PRISMA],
})
export class PrismaModule {}
