import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RetryAfterInterceptor } from './retry-after.interceptor';
import { VerificationService } from './verification.service';

/** The record's verification for the API: cached, bounded, off the event loop. */
@Module({
  providers: [VerificationService, { provide: APP_INTERCEPTOR, useClass: RetryAfterInterceptor }],
  exports: [VerificationService],
})
export class RecordModule {}
