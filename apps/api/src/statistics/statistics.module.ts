import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';

/** Counts for the statistics view of the web application. */
@Module({ controllers: [StatisticsController] })
export class StatisticsModule {}
