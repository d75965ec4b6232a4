import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, Param, Post, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiProperty, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { COMMENT_CHANNELS, HASH_PATTERN, Role, type CommentChannel } from '../../../../libs/domain';
import { Public } from '../auth/public.decorator';
import { bearerToken } from '../auth/auth.guard';
import { clientOf } from '../auth/client';
import { IdentityPlatformUnavailableError, TokenVerifier } from '../auth/token-verifier';
import { ScopeService } from '../authority/scope.service';
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
  @ApiProperty({ required: false, enum: COMMENT_CHANNELS, example: 'website', description: "where the comment came in: another than the website (a letter, a call …) only as entered by an official of the undertaking unit, signed in (Authorization: Bearer …)" })
  @IsOptional()
  @IsIn(COMMENT_CHANNELS, Says.oneOf(COMMENT_CHANNELS))
  channel?: CommentChannel;
}

@ApiTags('public participation')
@Controller()
export class CommentsController {
  constructor(
    private readonly comments: CommentsService,
    private readonly tokens: TokenVerifier,
    private readonly scopes: ScopeService,
  ) {}

  /**
   * The public comments on a draft during its comment period; the answer is the receipt. Anyone may comment, without
   * signing in (rate-limited per client); the same text sent again by the same client gets the first receipt.
   */
  @Post('decisions/:id/comments')
  @Public()
  @HttpCode(201)
  @ApiCreatedResponse({ description: 'the comment is received (or was, when the same client sent the same text before: the first receipt); the answer is its receipt' })
  @ApiUnprocessableEntityResponse({ description: 'no comment period of this decision is open (Art. 15)' })
  @ApiForbiddenResponse({ description: 'a channel other than the website, sent by anyone but a signed-in official of the undertaking unit' })
  async submit(@Param('id') id: string, @Body() dto: PublicCommentDto, @Req() req: FastifyRequest) {
    const channel = dto.channel ?? 'website';
    const enteredBy = channel === 'website' ? null : await this.enteringOfficial(id, req);
    return this.comments.submit(id, dto.text, channel, clientOf(req), enteredBy);
  }

  /**
   * A comment that came by letter, call, e-mail, fax or visit is the undertaking unit's to enter (Art. 15: 通过…等途径
   * 公开征求意见), signed in: anyone could mark an anonymous web comment as a letter, and no official answered for it
   * (statute tester). The official's id is kept with the comment.
   */
  private async enteringOfficial(decisionId: string, req: FastifyRequest): Promise<string> {
    const token = bearerToken(req.headers.authorization);
    const caller = token
      ? await this.tokens.verify(token).catch((err: unknown) => {
          // The identity platform away is no one's refusal: said as the guarded routes say it (503, retry later).
          if (err instanceof IdentityPlatformUnavailableError) {
            throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', message: '统一身份认证平台暂时无法访问，无法验证访问令牌，请稍后重试（the identity platform cannot be reached to verify the access token; retry later）' });
          }
          return undefined;
        })
      : undefined;
    if (!caller || !(await this.scopes.actsAs(caller.sub, decisionId, Role.UndertakingUnit))) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: '信件、电话、电子邮件、传真、来访等渠道收到的意见，由决策承办单位的工作人员登录后录入；通过网站提交意见的，不填 channel 或者填 website（第十五条）（a comment that came by letter, call, e-mail, fax or visit is entered by an official of the undertaking unit, signed in; one sent through the website gives no channel, or website, Art. 15）',
      });
    }
    return caller.sub;
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
