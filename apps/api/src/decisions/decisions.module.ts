import { Module } from '@nestjs/common';
import { CatalogController } from '../catalog/catalog.controller';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({ controllers: [DecisionsController, CatalogController], providers: [DecisionsService] })
export class DecisionsModule {}
