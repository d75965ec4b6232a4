import { Module } from '@nestjs/common';
import { AttemptsController } from '../auth/attempts.controller';
import { AuthorityModule } from '../authority/authority.module';
import { CommentsModule } from '../comments/comments.module';
import { KeysModule } from '../keys/keys.module';
import { RecordModule } from '../record/record.module';
import { DecisionListController } from './decision-list.controller';
import { DecisionListService } from './decision-list.service';
import { DecisionsController } from './decisions.controller';
import { DecisionsService } from './decisions.service';

@Module({
  imports: [RecordModule, AuthorityModule, KeysModule, CommentsModule],
  controllers: [DecisionsController, AttemptsController, DecisionListController],
  providers: [DecisionsService, DecisionListService],
})
export class DecisionsModule {}
