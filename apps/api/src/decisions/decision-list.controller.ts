import { Caller } from '../auth/caller';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionListService } from './decision-list.service';
import { DecisionListDto, ListDecisionsQueryDto } from './dto/list-decisions.dto';

/** GET /decisions: the list, beside DecisionsController's routes for one decision. */
@ApiTags('decisions')
@Controller('decisions')
export class DecisionListController {
  constructor(private readonly decisions: DecisionListService) {}

  @Get()
  @ApiOperation({ summary: 'list decisions, newest registration first, filtered and paged (from PostgreSQL only)' })
  @ApiOkResponse({ type: DecisionListDto, description: 'one page of decisions, the total matching the filters, and the cursor of the next page' })
  @ApiBadRequestResponse({ description: "a bad filter or paging parameter, named in the message, e.g. 'phase：必须是以下之一 … (phase must be one of …)'" })
  list(@Query() query: ListDecisionsQueryDto, @Caller() caller?: Caller): Promise<DecisionListDto> {
    return this.decisions.list(query, caller?.sub);
  }
}
