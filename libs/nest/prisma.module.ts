import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { createPrismaClient, PrismaClient } from '../db/prisma';
import { APP_CONFIG } from './config.module';

export const PRISMA = Symbol('PRISMA');

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
    { provide: PRISMA, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createPrismaClient(config.databaseUrl, { timeoutMs: config.dependencyTimeoutSeconds * 1000 }) },
    PrismaLifecycle,
  ],
  exports: [PRISMA],
})
export class PrismaModule {}
