import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { LogController } from './log.controller';
import { LogService } from './log.service';
import { VerificationService } from './verification.service';

/** The record for the API: the global log's proofs, and verification (cached, bounded, off the event loop). */
@Module({
  imports: [AuthorityModule],
  controllers: [LogController],
  providers: [VerificationService, LogService],
  exports: [VerificationService],
})
export class RecordModule {}
