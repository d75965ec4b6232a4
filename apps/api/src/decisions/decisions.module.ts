import { Module } from '@nestjs/common';
import { CatalogController } from '../catalog/catalog.controller';
import { KeysController } from '../keys/keys.controller';
import { KeysService } from '../keys/keys.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({ controllers: [DecisionsController, CatalogController, KeysController], providers: [DecisionsService, KeysService] })
export class DecisionsModule {}
