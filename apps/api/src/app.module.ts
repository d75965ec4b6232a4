import { type ArgumentMetadata, BadRequestException, Module, Provider, ValidationError, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '../../../libs/nest/config.module';
import { PrismaModule } from '../../../libs/nest/prisma.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { KeysModule } from './keys/keys.module';
import { DecisionsModule } from './decisions/decisions.module';
import { DocumentsModule } from './documents/documents.module';
import { InputGuard } from './edge/input.guard';
import { ApiExceptionFilter } from './errors';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PortalModule } from './portal/portal.module';
import { StatisticsModule } from './statistics/statistics.module';
import { AccountabilityModule } from './accountability/accountability.module';
import { TasksModule } from './tasks/tasks.module';
import { TemporalModule } from './temporal.module';
import { WebModule } from './web/web.module';
import { ownMessage } from './validation-messages';

/**
 * The DTOs' validation: unknown fields refused, values transformed, one message per bad field, nested fields named by
 * their path, Chinese first with the English beside (e.g. "actor.name：必须是非空字符串（must be a non-empty string）");
 * a query's unknown parameter in a query's words, as the input check says it of routes without a query DTO.
 */
class EdgeValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => Object.assign(new BadRequestException({ statusCode: 400, error: 'Bad Request', message: flattenValidationErrors(errors) }), { errors }),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      const errors = (err as { errors?: ValidationError[] }).errors;
      if (metadata.type !== 'query' || !(err instanceof BadRequestException) || !errors) throw err;
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: flattenValidationErrors(errors, '', 'query') });
    }
  }
}

function flattenValidationErrors(errors: ValidationError[], prefix = '', from: 'body' | 'query' = 'body'): string[] {
  return errors.flatMap((e) => [
    ...Object.entries(e.constraints ?? {}).map(([constraint, m]) => `${prefix}${ownMessage(e.property, constraint, m, from)}`),
    ...flattenValidationErrors(e.children ?? [], `${prefix}${e.property}.`, from),
  ]);
}

/**
 * Validation and error mapping for every route. They are providers, not
 * main.ts globals, so test apps built from modules get them too.
 */
export const API_EDGE_PROVIDERS: Provider[] = [
  { provide: APP_PIPE, useValue: new EdgeValidationPipe() },
  { provide: APP_FILTER, useClass: ApiExceptionFilter },
  // Before the pipe: text the record cannot store, and nesting that would exhaust the validator's stack.
  { provide: APP_GUARD, useClass: InputGuard },
];

/**
 * The edge's providers in a module of their own, imported after AuthModule: global guards run in the order their
 * modules are scanned (the root module's first), so the rate limit and the token are checked before the input is.
 * A client past its limit gets 429 and an unknown caller 401, whatever it sent (auth.e2e.spec.ts).
 */
@Module({ providers: API_EDGE_PROVIDERS })
class EdgeModule {}

@Module({
  imports: [ConfigModule, PrismaModule, TemporalModule, AuthModule, AccountabilityModule, CatalogModule, DecisionsModule, KeysModule, DocumentsModule, HealthModule, MetricsModule, NotificationsModule, PortalModule, StatisticsModule, TasksModule, WebModule, EdgeModule],
})
export class AppModule {}
