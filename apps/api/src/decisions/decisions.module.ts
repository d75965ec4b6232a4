import { Module } from '@nestjs/common';
import { CatalogController } from '../catalog/catalog.controller';
import { KeysController } from '../keys/keys.controller';
import { KeysService } from '../keys/keys.service';
import { LogController } from '../record/log.controller';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({ controllers: [DecisionsController, CatalogController, KeysController, LogController], providers: [DecisionsService, KeysService] })
export class DecisionsModule {}
