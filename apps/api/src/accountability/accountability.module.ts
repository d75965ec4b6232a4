import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { AccountabilityController } from './accountability.controller';
import { AccountabilityService } from './accountability.service';

/** 责任倒查: who did what in the record, by person (GET /people/:personId/accountability). */
@Module({ imports: [AuthorityModule], controllers: [AccountabilityController], providers: [AccountabilityService] })
export class AccountabilityModule {}
