import { Module } from '@nestjs/common';
import { AuthorityModule } from '../authority/authority.module';
import { CommentAnswersController } from './comment-answers.controller';
import { CommentAnswersService } from './comment-answers.service';
import { CommentPeriods } from './comment-periods';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { RateLimitedComments } from './rate-limited-comments';

/** Public comments (Art. 15) and the undertaking unit's answers to them (Art. 18). */
@Module({
  imports: [AuthorityModule],
  controllers: [CommentsController, CommentAnswersController],
  providers: [CommentsService, CommentPeriods, CommentAnswersService, RateLimitedComments],
  exports: [CommentAnswersService],
})
export class CommentsModule {}
