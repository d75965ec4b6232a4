import { BadRequestException, Module, Provider, ValidationError, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '../../../libs/nest/config.module';
import { PrismaModule } from '../../../libs/nest/prisma.module';
import { DecisionsModule } from './decisions/decisions.module';
import { DocumentsModule } from './documents/documents.module';
import { ApiExceptionFilter } from './errors';
import { HealthModule } from './health/health.module';
import { TemporalModule } from './temporal.module';

/**
 * Validation and error mapping for every route. They are providers, not
 * main.ts globals, so test apps built from modules get them too.
 */
export const API_EDGE_PROVIDERS: Provider[] = [
  {
    provide: APP_PIPE,
    useValue: new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: flattenValidationErrors(errors) }),
    }),
  },
  { provide: APP_FILTER, useClass: ApiExceptionFilter },
];

/** One message per bad field, nested fields named by their path (e.g. "members.0.name"). */
function flattenValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => (prefix ? `${prefix}${m}` : m)),
    ...flattenValidationErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

@Module({
  imports: [ConfigModule, PrismaModule, TemporalModule, DecisionsModule, DocumentsModule, HealthModule],
  providers: API_EDGE_PROVIDERS,
})
export class AppModule {}
