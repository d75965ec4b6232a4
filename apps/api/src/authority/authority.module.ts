import { Module } from '@nestjs/common';
import { AuthorityController } from './authority.controller';
import { AuthorityService } from './authority.service';
import { RegistrarsService } from './registrars.service';

/** Organisations, appointments and registrars: who holds which office. */
@Module({
  controllers: [AuthorityController],
  providers: [AuthorityService, RegistrarsService],
  exports: [AuthorityService, RegistrarsService],
})
export class AuthorityModule {}
