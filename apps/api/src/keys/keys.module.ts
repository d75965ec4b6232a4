import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';

/** Officials' signing keys: registered and revoked on a registrar's endorsement; the steps' signatures checked against them. */
@Module({ imports: [AuthorityModule], controllers: [KeysController], providers: [KeysService], exports: [KeysService] })
export class KeysModule {}
