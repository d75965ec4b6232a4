import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { Signers } from './signers';

/** The attempts at a decision recorded under no official's name (Signers), for inspectors, beside /refusals. */
@ApiTags('decisions')
@Controller('decisions')
export class AttemptsController {
  constructor(private readonly signers: Signers) {}

  @Get(':id/unattributed-attempts')
  @UseGuards(DecisionScopeGuard)
  @ApiOkResponse({ description: "steps and registrations of this decision id recorded under no name: who the token said sent it (callerSub), the actor id it claimed, why (caller_not_signer, bad_signature)" })
  list(@Param('id') id: string) {
    return this.signers.unattributed(id);
  }
}
