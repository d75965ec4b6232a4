import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
