import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { linkNext, RowPageQueryDto } from '../edge/paging';
import { Signers } from './signers';

/** The attempts at a decision recorded under no official's name (Signers), for inspectors, beside /refusals. */
@ApiTags('decisions')
@Controller('decisions')
export class AttemptsController {
  constructor(private readonly signers: Signers) {}

  @Get(':id/unattributed-attempts')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "steps and registrations of this decision id recorded under no name: who the token said sent it (callerSub), the actor id it claimed, why (caller_not_signer, bad_signature); a page, oldest first, a Link header (rel=\"next\") naming the next one where there is one" })
  async list(@Param('id') id: string, @Query() q: RowPageQueryDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { items, nextAfter } = await this.signers.unattributed(id, q);
    linkNext(res, `/decisions/${encodeURIComponent(id)}/unattributed-attempts`, { after: q.after, limit: q.limit }, nextAfter);
    return items;
  }
}
