import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';

/** The attempts at a decision recorded under no official's name (Signers), for inspectors, beside /refusals. */
@ApiTags('decisions')
@Controller('decisions')
export class AttemptsController {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  @Get(':id/unattributed-attempts')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "steps and registrations of this decision id recorded under no name: who the token said sent it (callerSub), the actor id it claimed, why (caller_not_signer, bad_signature)" })
  async list(@Param('id') id: string) {
    const rows = await this.prisma.unattributedAttempt.findMany({ where: { decisionId: id }, orderBy: { id: 'asc' } });
    return rows.map(({ id: rowId, ...r }) => ({ id: rowId.toString(), ...r }));
  }
}
