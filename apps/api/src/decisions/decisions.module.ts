import { Module } from '@nestjs/common';
import { AttemptsController } from '../auth/attempts.controller';
import { AuthorityModule } from '../authority/authority.module';
import { CatalogController } from '../catalog/catalog.controller';
import { CommentsController } from '../comments/comments.controller';
import { CommentsService } from '../comments/comments.service';
import { KeysController } from '../keys/keys.controller';
import { KeysService } from '../keys/keys.service';
import { LogController } from '../record/log.controller';
import { RecordModule } from '../record/record.module';
import { DecisionListController } from './decision-list.controller';
import { DecisionListService } from './decision-list.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [RecordModule, AuthorityModule],
  controllers: [DecisionsController, AttemptsController, DecisionListController, CatalogController, KeysController, LogController, CommentsController],
  providers: [DecisionsService, DecisionListService, KeysService, CommentsService],
})
export class DecisionsModule {}
