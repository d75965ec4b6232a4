import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { CommentAnswersSummary, CommentCluster, CommentListItem } from '../../../../libs/domain';
import { HASH_PATTERN } from '../../../../libs/domain';
import { Caller } from '../auth/caller';
import { DecisionScopeGuard } from '../authority/decision-scope.guard';
import { says, Says } from '../validation-messages';
import { CommentAnswersService, MAX_RECEIPTS_PER_ASSIGNMENT } from './comment-answers.service';
import { QueryInteger } from '../edge/query-integer';

const RECEIPT = says("必须是意见回执（sha256: 后接64位十六进制数字）", "must be a comment receipt ('sha256:' and 64 hex digits)");
const EACH_RECEIPT = says("每一项都必须是意见回执（sha256: 后接64位十六进制数字）", "each item must be a comment receipt ('sha256:' and 64 hex digits)", { each: true });
const SHA256 = /^sha256:[0-9a-f]{64}$/;
const MEMBERS = says("必须是查看相似意见组时得到的成员摘要（members：sha256: 后接64位十六进制数字）", "must be the members digest the cluster was read with (members: 'sha256:' and 64 hex digits)");
export const MAX_COMMENTS_PAGE = 500;

/** PUT /decisions/:id/comment-answers: one group answers a batch of comments, named by receipt or by their normalized text. */
export class AssignAnswersDto {
  @ApiProperty({ example: `sha256:${'a'.repeat(64)}`, description: 'the group of the adoption report that answers them: the hash of its response, a document uploaded first (POST /documents)' })
  @Matches(HASH_PATTERN, says("必须是文件哈希值（sha256: 或 sm3: 后接64位十六进制数字）", "must be a document hash ('sha256:' or 'sm3:' and 64 hex digits)"))
  groupHash!: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_RECEIPTS_PER_ASSIGNMENT, description: 'the receipts of the comments it answers' })
  @IsOptional()
  @Matches(SHA256, EACH_RECEIPT)
  @ArrayUnique(Says.unique)
  @ArrayMaxSize(MAX_RECEIPTS_PER_ASSIGNMENT, Says.maxItems(MAX_RECEIPTS_PER_ASSIGNMENT))
  @ArrayMinSize(1, says('至少列出1条回执', 'must list at least one receipt'))
  @IsArray(Says.array)
  receipts?: string[];

  @ApiPropertyOptional({ description: 'or: every comment with this normalized text (textKey of GET /decisions/:id/comments or a cluster), answered at once' })
  @IsOptional()
  @Matches(SHA256, RECEIPT)
  textKey?: string;

  @ApiPropertyOptional({ description: 'or: every comment of this near-duplicate cluster (GET /decisions/:id/comment-clusters), answered at once' })
  @IsOptional()
  @Matches(SHA256, RECEIPT)
  cluster?: string;

  @ApiPropertyOptional({ description: 'with cluster: how many comments it had when read; answered only if it has as many still (409 otherwise)' })
  @IsOptional()
  @Max(10_000_000, Says.max(10_000_000))
  @Min(1, Says.min(1))
  @IsInt(Says.integer)
  expectedCount?: number;

  @ApiPropertyOptional({ description: 'with cluster: its members digest when read (members of GET /decisions/:id/comment-clusters); answered only if it has the same members still (409 otherwise)' })
  @IsOptional()
  @Matches(SHA256, MEMBERS)
  expectedMembers?: string;
}

/** GET /decisions/:id/comments: the comments on the draft being answered, by receipt, a page at a time. */
export class ListCommentsQueryDto {
  @ApiPropertyOptional({ description: 'the receipt after which the page starts (the last of the previous page)' })
  @IsOptional()
  @Matches(SHA256, RECEIPT)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_COMMENTS_PAGE, default: 100 })
  @IsOptional()
  @Max(MAX_COMMENTS_PAGE, says(`必须是 1 至 ${MAX_COMMENTS_PAGE} 之间的整数`, `must be a whole number from 1 to ${MAX_COMMENTS_PAGE}`))
  @Min(1, says(`必须是 1 至 ${MAX_COMMENTS_PAGE} 之间的整数`, `must be a whole number from 1 to ${MAX_COMMENTS_PAGE}`))
  @IsInt(says(`必须是 1 至 ${MAX_COMMENTS_PAGE} 之间的整数`, `must be a whole number from 1 to ${MAX_COMMENTS_PAGE}`))
  @QueryInteger()
  limit?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the comments no group answers yet' })
  @IsOptional()
  @IsIn(['true', 'false'], Says.oneOf(['true', 'false']))
  unanswered?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'only the comments of this near-duplicate cluster (GET /decisions/:id/comment-clusters): what answering the cluster answers' })
  @IsOptional()
  @Matches(SHA256, RECEIPT)
  cluster?: string;
}

/** GET /decisions/:id/comment-clusters: near-identical comments, largest cluster first, a page at a time. */
export class ListClustersQueryDto {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'clusters to skip' })
  @IsOptional()
  @Max(1_000_000, Says.max(1_000_000))
  @Min(0, Says.min(0))
  @IsInt(Says.integer)
  @QueryInteger()
  offset?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_COMMENTS_PAGE, default: 50 })
  @IsOptional()
  @Max(MAX_COMMENTS_PAGE, Says.max(MAX_COMMENTS_PAGE))
  @Min(1, Says.min(1))
  @IsInt(Says.integer)
  @QueryInteger()
  limit?: number;
}

/**
 * The undertaking unit's work on the public's comments before the adoption report (Art. 18): read them, see
 * campaigns as clusters, answer them group by group in batches; the summary is what the report signs.
 */
@ApiTags('public participation')
@Controller('decisions/:id')
@UseGuards(DecisionScopeGuard)
export class CommentAnswersController {
  constructor(private readonly answers: CommentAnswersService) {}

  @Get('comments')
  @ApiOkResponse({ description: 'the comments received on the draft being answered, each with the group answering it (null until answered)' })
  list(@Param('id') id: string, @Query() q: ListCommentsQueryDto): Promise<CommentListItem[]> {
    return this.answers.list(id, { after: q.after, limit: q.limit ?? 100, unanswered: q.unanswered === 'true', cluster: q.cluster });
  }

  @Get('comment-clusters')
  @ApiOkResponse({ description: 'near-identical comments (identical after normalizing, or alike by MinHash), each cluster once with its count, largest first' })
  clusters(@Param('id') id: string, @Query() q: ListClustersQueryDto): Promise<CommentCluster[]> {
    return this.answers.clusters(id, { offset: q.offset ?? 0, limit: q.limit ?? 50 });
  }

  @Get('comment-answers')
  @ApiOkResponse({ description: 'where the answers stand; once every comment is answered, commentsAnswered: what the adoption report signs' })
  summary(@Param('id') id: string): Promise<CommentAnswersSummary> {
    return this.answers.summary(id);
  }

  @Put('comment-answers')
  @ApiOkResponse({ description: 'the comments are answered by the group (an earlier answer moved to it); how many, and how many remain unanswered' })
  @ApiUnprocessableEntityResponse({ description: 'a receipt not received on this draft, or the caller is not of the undertaking unit (Art. 18); the group’s document not uploaded (MISSING_DOCUMENT, Art. 33)' })
  @ApiConflictResponse({ description: 'the adoption report on this draft is recorded: its answers no longer change; or the cluster no longer has expectedCount comments' })
  assign(@Param('id') id: string, @Body() dto: AssignAnswersDto, @Caller() caller?: Caller) {
    return this.answers.assign(caller!.sub, id, dto);
  }
}
