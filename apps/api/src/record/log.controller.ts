import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { LogService } from './log.service';

/** The global verifiable log: checkpoints, inclusion and consistency proofs (RFC 6962 / 9162). */
@ApiTags('record')
@Controller()
export class LogController {
  constructor(private readonly log: LogService) {}

  @Get('log/checkpoint')
  checkpoint() {
    return this.log.checkpoint();
  }

  @Get('log/consistency')
  consistency(@Query('first') first?: string, @Query('second') second?: string) {
    return this.log.consistency(first, second);
  }

  @Get('log/authority-events')
  @ApiOkResponse({ description: "the registrars' acts (organisations, appointments and their ends, keys and their revocations) as events of the global log, in log order: `after` a seq, at most `limit` (100 by default, 1000 at most)" })
  authorityEvents(@Query('after') after?: string, @Query('limit') limit?: string) {
    return this.log.authorityEvents(after, limit);
  }

  @Get('decisions/:id/steps/:seq/inclusion')
  @UseGuards(DecisionScopeGuard)
  inclusion(@Param('id') id: string, @Param('seq') seq: string, @Query('treeSize') treeSize?: string) {
    return this.log.inclusion(id, seq, treeSize);
  }

  @Get('system-keys')
  systemKeys() {
    return this.log.systemKeys();
  }

  /** The registrars whose keys endorse actors' keys (entered by the database owner). */
  @Get('registrar-keys')
  registrarKeys() {
    return this.log.registrarKeys();
  }
}
