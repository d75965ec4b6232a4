import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { StatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Counts for the statistics view of the web application, over what the caller sees. */
@Module({ imports: [AuthorityModule], controllers: [StatisticsController], providers: [StatisticsService] })
export class StatisticsModule {}
