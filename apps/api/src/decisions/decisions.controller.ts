import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller } from '../auth/caller';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { linkNext, RowPageQueryDto } from '../edge/paging';
import { DecisionsService } from './decisions.service';
import { RegisterDecisionDto } from './dto/register-decision.dto';
import { StepDto } from './dto/step.dto';
import { InvalidStepsKept } from './invalid-steps.interceptor';

const REFUSED = '程序不允许：答复说明理由及所依据的条文（the procedure refuses it: the answer says why and names the article）';

@ApiTags('decisions')
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the decision is registered and its workflow started' })
  @ApiConflictResponse({ description: 'a decision with this id already exists' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  register(@Body() dto: RegisterDecisionDto, @Caller() caller?: Caller) {
    return this.decisions.register(dto, caller);
  }

  @Get(':id')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "the decision's state (from its workflow) and its registration (from the record)" })
  get(@Param('id') id: string) {
    return this.decisions.get(id);
  }

  @Post(':id/steps')
  @HttpCode(201)
  @UseInterceptors(InvalidStepsKept)
  @ApiCreatedResponse({ description: 'the step is accepted and recorded' })
  @ApiUnprocessableEntityResponse({ description: REFUSED })
  @ApiConflictResponse({ description: 'the idempotency key already made another step of this decision' })
  step(@Param('id') id: string, @Body() dto: StepDto, @Caller() caller?: Caller) {
    return this.decisions.step(id, dto, caller);
  }

  @Get(':id/tasks')
  @UseGuards(DecisionScopeGuard)
  tasks(@Param('id') id: string) {
    return this.decisions.tasks(id);
  }

  @Get(':id/deadlines')
  @UseGuards(DecisionScopeGuard)
  deadlines(@Param('id') id: string) {
    return this.decisions.deadlines(id);
  }

  @Get(':id/discussion-materials')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: 'the materials of the collective discussion the record holds, by the fields of the minutes (recordDiscussion materials, Art. 29): the draft on the table, the legality opinion on it, and where required the adoption report, the experts\' report and the risk report' })
  discussionMaterials(@Param('id') id: string) {
    return this.decisions.discussionMaterials(id);
  }

  @Get(':id/timeline')
  @UseGuards(DecisionScopeGuard)
  timeline(@Param('id') id: string) {
    return this.decisions.timeline(id);
  }

  @Get(':id/documents')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "the documents the decision's steps name, entry by entry, each with the field that names it, its size and type, where the one who recorded it held it (GET /documents/:hash serves each to those who see the decision)" })
  documents(@Param('id') id: string) {
    return this.decisions.documents(id);
  }

  @Get(':id/bundle')
  @UseGuards(DecisionScopeGuard)
  bundle(@Param('id') id: string) {
    return this.decisions.bundle(id);
  }

  @Get(':id/record-history')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: 'the record joined with the Temporal history, entry by entry: the update that carried each signed step and the recordStep activity that stored it (event ids and times)' })
  recordHistory(@Param('id') id: string) {
    return this.decisions.recordHistory(id);
  }

  @Get(':id/verify')
  @UseGuards(DecisionScopeGuard)
  verify(@Param('id') id: string) {
    return this.decisions.verify(id);
  }

  @Get(':id/refusals')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: 'a page of the steps refused, oldest first; a Link header (rel="next") names the next page where there is one' })
  async refusals(@Param('id') id: string, @Query() q: RowPageQueryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { items, nextAfter } = await this.decisions.refusals(id, q);
    linkNext(res, `/decisions/${encodeURIComponent(id)}/refusals`, { after: q.after, limit: q.limit }, nextAfter);
    return items;
  }
}
