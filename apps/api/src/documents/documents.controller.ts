import { BadRequestException, Controller, ForbiddenException, Get, Headers, HttpCode, Inject, Param, PayloadTooLargeException, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../../../libs/config/config';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { Caller } from '../auth/caller';
import { Public } from '../auth/public.decorator';
import { ScopeService } from '../authority/scope.service';
import { DocumentAccess } from './document-access.service';
import { checkHash, DocumentDelivery, notFound } from './document-delivery';
import { DocumentStore, DocumentTooLargeError, removeSpooled, spool, type SpooledDocument } from './document-store';

const MiB = 1024 * 1024;

/** 413's message, Chinese first, naming the limit. */
export function tooLargeMessage(limit: number): string {
  const human = limit % MiB === 0 ? `${limit / MiB} MiB` : limit % 1024 === 0 ? `${limit / 1024} KiB` : `${limit} 字节`;
  return `文件过大，上限 ${human}（document larger than the limit of ${limit} bytes）`;
}

/** type/subtype and optional parameters, each a token (RFC 9110 §8.3.1), at most 200 characters. */
const MEDIA_TYPE = /^(?=.{3,200}$)[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"\\\p{Cc}]*"|[A-Za-z0-9!#$&^_.+-]+))*\s*$/u;

/**
 * Content-addressed documents: a document's id is its hash (SHA-256 or SM3),
 * the same hash the steps name. Storing the same content again changes
 * nothing; a fetch re-checks the hash and never serves altered bytes.
 * Neither direction holds a whole document in memory: an upload is streamed
 * through the hash into a temporary file and stored from it in chunks; a
 * fetch reads the chunks twice, once to check the hash, once to send them.
 * Uploading and fetching need sign-in; the first uploader is recorded (the
 * token's subject: nobody uploads in another's name).
 */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scopes: ScopeService,
    private readonly access: DocumentAccess,
    private readonly delivery: DocumentDelivery,
  ) {}

  @Post()
  @HttpCode(201)
  async store(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
    @Headers('content-type') mediaType = 'application/octet-stream',
    @Query('algorithm') algorithm = 'sha256',
    @Caller() caller?: Caller,
  ) {
    // Officials and panel experts put documents into the record; a token alone does not (issue 9).
    if (!caller || !(await this.scopes.mayUpload(caller.sub))) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `上传决策文件须由在任的承办、审查、评估、会议记录、执行等工作人员或者论证专家办理，${caller?.sub ?? '（未登录）'}此时没有这样的任职（documents are uploaded by officials holding an office that takes steps, or by experts named on a panel; ${caller?.sub ?? 'no one'} holds none now）`,
      });
    }
    // Stored and served back with the document: a media type as RFC 9110 writes one (type/subtype, parameters), nothing else.
    if (!MEDIA_TYPE.test(mediaType)) throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', message: ['Content-Type 不是有效的媒体类型，应为“类型/子类型”，例如 application/pdf（Content-Type is not a media type such as application/pdf）'] });
    if (algorithm !== 'sha256' && algorithm !== 'sm3') throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['algorithm：必须是 sha256 或 sm3（algorithm must be sha256 or sm3）'] });
    // A form upload would be stored with its boundaries and field headers as if they were the document.
    if (/^\s*multipart\//i.test(mediaType)) throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', message: ['请直接以请求体发送文件，不要使用表单上传（send the file itself as the request body, not as a multipart form）'] });
    const limit = this.config.maxDocumentBytes;
    // The JSON and form parsers have consumed such a body already (those types are not taken as documents); any other is
    // left unread for this route (edge/http.ts).
    if (req.raw.readableEnded) throw this.emptyBody();
    if (Number(req.headers['content-length']) > limit) throw this.tooLarge(res, limit);
    let doc: SpooledDocument;
    try {
      doc = await spool(req.raw, algorithm, limit);
    } catch (err) {
      if (err instanceof DocumentTooLargeError) throw this.tooLarge(res, limit);
      // The client went away mid-upload (its connection reset): its own doing, not a database outage.
      // Said as any body cut off in transit is (errors.ts, bodyParserError: 'request.aborted').
      if (req.raw.aborted || req.raw.destroyed) throw Object.assign(new Error('aborted'), { status: 400, type: 'request.aborted', expose: true });
      throw err;
    }
    try {
      // Said as it is: an empty file was told to send its content as the body (fresh-eyes tester).
      if (doc.size === 0) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['文件为空（0 字节）：请选择有内容的文件（the document is empty (0 bytes): choose a file with content）'] });
      await this.documents.store(doc, mediaType, caller?.sub);
      return { hash: doc.hash, size: doc.size };
    } finally {
      await removeSpooled(doc);
    }
  }

  /** A document the caller may read (DocumentAccess); any other is answered as one that does not exist. */
  @Get(':hash')
  async fetch(@Param('hash') id: string, @Res() res: FastifyReply, @Caller() caller?: Caller): Promise<void> {
    checkHash(id);
    if (!caller || !(await this.access.mayRead(id, caller.sub))) throw notFound(id);
    await this.delivery.send(id, res);
  }

  private tooLarge(res: FastifyReply, limit: number): PayloadTooLargeException {
    // The rest of the body is never read: close the connection after answering rather than drain it.
    res.header('connection', 'close');
    return new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', message: tooLargeMessage(limit) });
  }

  private emptyBody(): BadRequestException {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['请以请求体发送文件内容（任何类型，JSON 和表单除外）（send the document as the request body: any content type but JSON or form data）'] });
  }

}

/**
 * GET /public-documents/:hash: the documents the procedure made public, for
 * anyone without signing in (the portal's downloads); any other is 404.
 */
@ApiTags('documents')
@Public()
@Controller('public-documents')
export class PublicDocumentsController {
  constructor(
    private readonly delivery: DocumentDelivery,
    private readonly access: DocumentAccess,
  ) {}

  @Get(':hash')
  async fetch(@Param('hash') id: string, @Res() res: FastifyReply): Promise<void> {
    checkHash(id);
    if (!(await this.access.isPublic(id))) throw notFound(id);
    await this.delivery.send(id, res);
  }
}
