import { Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '../../../libs/nest/config.module';
import { PrismaModule } from '../../../libs/nest/prisma.module';
import { DecisionsModule } from './decisions/decisions.module';
import { ApiExceptionFilter } from './errors';
import { TemporalModule } from './temporal.module';

// Pipe and filter are providers, not main.ts globals, so test apps get them too.
@Module({
  imports: [ConfigModule, PrismaModule, TemporalModule, DecisionsModule],
  providers: [
    { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }) },
    { provide: APP_FILTER, useClass: ApiExceptionFilter },
  ],
})
export class AppModule {}
