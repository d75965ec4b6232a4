import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessService } from './readiness.service';

/** GET /health (liveness) and GET /ready (readiness); uses the global config, Prisma and Temporal client. */
@Module({ controllers: [HealthController], providers: [ReadinessService] })
export class HealthModule {}
