import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthorityModule } from '../authority/authority.module';
import { LogController } from './log.controller';
import { LogService } from './log.service';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { VerificationService } from './verification.service';

/** The record for the API: the global log's proofs, and verification (cached, bounded, off the event loop). */
@Module({
  imports: [AuthorityModule],
  controllers: [LogController],
  providers: [VerificationService, LogService, { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor }],
  exports: [VerificationService],
})
export class RecordModule {}
