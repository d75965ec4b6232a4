import { BadRequestException, Controller, ForbiddenException, Get, Headers, HttpCode, Inject, InternalServerErrorException, Logger, NotFoundException, Param, PayloadTooLargeException, Post, Query, Req, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../../../libs/config/config';
import { HASH_PATTERN } from '../../../../libs/domain';
import { APP_CONFIG } from '../../../../libs/nest/config.module';
import { Caller } from '../auth/caller';
import { ScopeService } from '../authority/scope.service';
import { algorithmOf, DocumentMismatchError, DocumentStore, DocumentTooLargeError, removeSpooled, spool, type SpooledDocument } from './document-store';

const MiB = 1024 * 1024;

/** 413's message, Chinese first, naming the limit. */
export function tooLargeMessage(limit: number): string {
  const human = limit % MiB === 0 ? `${limit / MiB} MiB` : limit % 1024 === 0 ? `${limit / 1024} KiB` : `${limit} 字节`;
  return `文件过大，上限 ${human}（document larger than the limit of ${limit} bytes）`;
}

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
  private readonly logger = new Logger(DocumentsController.name);
  constructor(
    private readonly documents: DocumentStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scopes: ScopeService,
  ) {}

  @Post()
  @HttpCode(201)
  async store(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
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
    if (algorithm !== 'sha256' && algorithm !== 'sm3') throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['algorithm：必须是 sha256 或 sm3（algorithm must be sha256 or sm3）'] });
    // A form upload would be stored with its boundaries and field headers as if they were the document.
    if (req.is('multipart/*')) throw new UnsupportedMediaTypeException({ statusCode: 415, error: 'Unsupported Media Type', message: ['请直接以请求体发送文件，不要使用表单上传（send the file itself as the request body, not as a multipart form）'] });
    const limit = this.config.maxDocumentBytes;
    // Nest's JSON and form parsers have consumed such a body already (as before, those types are not taken as documents).
    if (req.readableEnded) throw this.emptyBody();
    if (Number(req.headers['content-length']) > limit) throw this.tooLarge(res, limit);
    let doc: SpooledDocument;
    try {
      doc = await spool(req, algorithm, limit);
    } catch (err) {
      throw err instanceof DocumentTooLargeError ? this.tooLarge(res, limit) : err;
    }
    try {
      if (doc.size === 0) throw this.emptyBody();
      await this.documents.store(doc, mediaType, caller?.sub);
      return { hash: doc.hash, size: doc.size };
    } finally {
      await removeSpooled(doc);
    }
  }

  @Get(':hash')
  async fetch(@Param('hash') id: string, @Res() res: Response): Promise<void> {
    if (!HASH_PATTERN.test(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ["hash：文件以其哈希值命名，格式为 sha256: 或 sm3: 加 64 位十六进制数字（a document is named by its hash: 'sha256:' or 'sm3:' and 64 hex digits）"] });
    const doc = await this.documents.find(id);
    if (!doc) throw new NotFoundException(`no document ${id}`);
    if (doc.inline) {
      // Stored before chunking: checked and sent whole, as then.
      const content = Buffer.from(doc.content);
      if (`${algorithmOf(id)}:${createHash(algorithmOf(id)).update(content).digest('hex')}` !== id) throw this.mismatch(new DocumentMismatchError(id, 'the stored bytes hash differently'));
      res.setHeader('content-type', doc.mediaType).setHeader('x-content-hash', id).send(content);
      return;
    }
    try {
      await this.documents.verify(doc);
    } catch (err) {
      throw err instanceof DocumentMismatchError ? this.mismatch(err) : err;
    }
    res.status(200).setHeader('content-type', doc.mediaType).setHeader('content-length', String(doc.size)).setHeader('x-content-hash', id);
    // Second pass, hashed again: should the bytes change between the passes, the response is cut off rather than completed.
    const hasher = createHash(algorithmOf(id));
    try {
      for await (const bytes of this.documents.chunks(doc)) {
        hasher.update(bytes);
        if (!(await write(res, bytes))) return; // the client went away
      }
      if (`${algorithmOf(id)}:${hasher.digest('hex')}` !== id) throw new DocumentMismatchError(id, 'the bytes changed while being served');
      res.end();
    } catch (err) {
      this.logger.error(`document ${id}: ${err instanceof Error ? err.message : String(err)}; response cut off`);
      res.destroy();
    }
  }

  private tooLarge(res: Response, limit: number): PayloadTooLargeException {
    // The rest of the body is never read: close the connection after answering rather than drain it.
    res.setHeader('connection', 'close');
    return new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', message: tooLargeMessage(limit) });
  }

  private emptyBody(): BadRequestException {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['请以请求体发送文件内容（任何类型，JSON 和表单除外）（send the document as the request body: any content type but JSON or form data）'] });
  }

  private mismatch(err: DocumentMismatchError): InternalServerErrorException {
    this.logger.error(`${err.message}: refusing to serve it`);
    return new InternalServerErrorException(`文件 ${err.hash} 与其哈希值不符，拒绝提供（document ${err.hash} does not match its hash）`);
  }
}

/** Writes with backpressure; false when the response is gone. */
async function write(res: Response, bytes: Uint8Array): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(bytes)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done).off('close', done);
        resolve();
      };
      res.on('drain', done).on('close', done);
    });
  }
  return !res.destroyed;
}
