import { BadRequestException, Controller, Get, Headers, HttpCode, Inject, InternalServerErrorException, Logger, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { hash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { HASH_PATTERN } from '../../../../libs/domain';
import { PRISMA } from '../../../../libs/nest/prisma.module';

export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;

const contentHash = (algorithm: 'sha256' | 'sm3', content: Buffer) => `${algorithm}:${hash(algorithm, content, 'hex')}`;

/**
 * Content-addressed documents: a document's id is its hash (SHA-256 or SM3),
 * the same hash the steps name. Storing the same content again changes
 * nothing; a fetch re-checks the hash and never serves altered bytes.
 */
@ApiTags('documents')
@Controller('documents')
export class DocumentsController {
  private readonly logger = new Logger(DocumentsController.name);
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  @Post()
  @HttpCode(201)
  async store(@Req() req: Request, @Headers('content-type') mediaType = 'application/octet-stream', @Query('algorithm') algorithm = 'sha256') {
    if (algorithm !== 'sha256' && algorithm !== 'sm3') throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['algorithm must be sha256 or sm3'] });
    const content = req.body;
    if (!Buffer.isBuffer(content) || content.length === 0) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['send the document as the request body (any content type but JSON)'] });
    const id = contentHash(algorithm, content);
    await this.prisma.document.createMany({ data: [{ hash: id, size: content.length, mediaType, content: new Uint8Array(content) }], skipDuplicates: true });
    return { hash: id, size: content.length };
  }

  @Get(':hash')
  async fetch(@Param('hash') id: string, @Res() res: Response) {
    if (!HASH_PATTERN.test(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ["a document is named by its hash: 'sha256:' or 'sm3:' and 64 hex digits"] });
    const doc = await this.prisma.document.findUnique({ where: { hash: id } });
    if (!doc) throw new NotFoundException(`no document ${id}`);
    const content = Buffer.from(doc.content);
    if (contentHash(id.startsWith('sm3:') ? 'sm3' : 'sha256', content) !== id) {
      this.logger.error(`document ${id} no longer matches its hash: refusing to serve it`);
      throw new InternalServerErrorException(`document ${id} does not match its hash`);
    }
    res.setHeader('content-type', doc.mediaType).setHeader('x-content-hash', id).send(content);
  }
}
