import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { COMMENT_CHANNELS, HASH_PATTERN, type CommentChannel } from '../../../../libs/domain';
import { Public } from '../auth/public.decorator';
import { clientOf } from '../auth/client';
import { CommentsService } from './comments.service';
import { Says } from '../validation-messages';

export class PublicCommentDto {
  @ApiProperty({ example: '建议对老年人保留优惠票价。' })
  // Something to read: a text of only white space or characters that show nothing (zero-width spaces, direction marks,
  // Hangul fillers), which the adoption report would have to answer, is refused with every such text (InputGuard).
  @MaxLength(5000, Says.maxLength(5000))
  @IsNotEmpty(Says.text)
  @IsString(Says.text)
  text!: string;

  // One of a list, not free text: anyone may send a comment, and '<script>…' or '人大代表转交' was kept as its channel,
  // hashed into its receipt and shown to officials (fresh-eyes tester).
  @ApiProperty({ required: false, enum: COMMENT_CHANNELS, example: 'website', description: 'where the comment came in' })
  @IsOptional()
  @IsIn(COMMENT_CHANNELS, Says.oneOf(COMMENT_CHANNELS))
  channel?: CommentChannel;
}

@ApiTags('public participation')
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  /**
   * The public comments on a draft during its comment period; the answer is the receipt. Anyone may comment, without
   * signing in (rate-limited per client); the same text sent again by the same client gets the first receipt.
   */
  @Post('decisions/:id/comments')
  @Public()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the comment is received (or was, when the same client sent the same text before: the first receipt); the answer is its receipt' })
  @ApiUnprocessableEntityResponse({ description: 'no comment period of this decision is open (Art. 15)' })
  submit(@Param('id') id: string, @Body() dto: PublicCommentDto, @Req() req: FastifyRequest) {
    return this.comments.submit(id, dto.text, dto.channel ?? 'website', clientOf(req));
  }

  /** What became of a comment: the group of the adoption report that answers it. Public. */
  @Get('comments/:receipt')
  @Public()
  trace(@Param('receipt') given: string) {
    // A receipt is what submitting a comment answered (its hex in either case, as a citizen may copy it); anything else is
    // said to be malformed, not echoed back whole.
    const receipt = given.toLowerCase();
    if (!HASH_PATTERN.test(receipt)) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['receipt：回执应为提交意见时返回的 sha256: 后接64位十六进制数字（receipt must be the sha256: and 64 hex digits a comment was answered with）'] });
    }
    return this.comments.trace(receipt);
  }
}
