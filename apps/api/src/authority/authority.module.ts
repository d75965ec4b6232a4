import { Module } from '@nestjs/common';
import { AuthorityController } from './authority.controller';
import { AuthorityService } from './authority.service';
import { RegistrarsService } from './registrars.service';
import { DecisionScopeGuard } from './decision-scope.guard';
import { ExpertsService } from './experts.service';
import { ScopeService } from './scope.service';

/** Organisations, appointments and registrars: who holds which office. */
@Module({
  controllers: [AuthorityController],
  providers: [AuthorityService, RegistrarsService, ScopeService, DecisionScopeGuard, ExpertsService],
  exports: [AuthorityService, RegistrarsService, ScopeService, DecisionScopeGuard, ExpertsService],
})
export class AuthorityModule {}
