import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DecisionStatistics } from '../../../../libs/domain';
import { Caller } from '../auth/caller';
import { StatisticsQueryDto } from './statistics.dto';
import { StatisticsService } from './statistics.service';

/** GET /statistics: decisions by phase with the overdue among them, over the decisions the caller sees. */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  @ApiOkResponse({ description: "decisions the caller sees (of one government, if named), by phase with the overdue among them, every phase named in the order of the procedure; and the year's figures of the annual rule-of-law report" })
  get(@Query() query: StatisticsQueryDto, @Caller() caller: Caller): Promise<DecisionStatistics> {
    return this.statistics.of(caller.sub, query);
  }
}
