import { Module } from '@nestjs/common';
import { CatalogController } from '../catalog/catalog.controller';
import { CommentsController } from '../comments/comments.controller';
import { CommentsService } from '../comments/comments.service';
import { KeysController } from '../keys/keys.controller';
import { KeysService } from '../keys/keys.service';
import { LogController } from '../record/log.controller';
import { RecordModule } from '../record/record.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({ imports: [RecordModule], controllers: [DecisionsController, CatalogController, KeysController, LogController, CommentsController], providers: [DecisionsService, KeysService, CommentsService] })
export class DecisionsModule {}
