import { Module } from '@nestjs/common';
import { AuthorityController } from './authority.controller';
import { AuthorityService } from './authority.service';
import { RegistrarsService } from './registrars.service';
import { ScopeService } from './scope.service';

/** Organisations, appointments and registrars: who holds which office. */
@Module({
  controllers: [AuthorityController],
  providers: [AuthorityService, RegistrarsService, ScopeService],
  exports: [AuthorityService, RegistrarsService, ScopeService],
})
export class AuthorityModule {}
