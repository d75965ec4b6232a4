import { BadRequestException, Injectable, InternalServerErrorException, Logger, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { algorithmOf, DocumentMismatchError, DocumentStore } from './document-store';
import { HASH_PATTERN } from '../../../../libs/domain';

/** 400 for a name that is no hash. */
export function checkHash(id: string): void {
  if (!HASH_PATTERN.test(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ["hash：文件以其哈希值命名，格式为 sha256: 或 sm3: 加 64 位十六进制数字（a document is named by its hash: 'sha256:' or 'sm3:' and 64 hex digits）"] });
}

/** The same answer for a document that does not exist and for one the caller may not read. */
export const notFound = (id: string) => new NotFoundException(`没有可以提供的文件 ${id}（no document ${id} to serve）`);

/**
 * Sends a stored document, its hash checked before and while it is sent:
 * never bytes that no longer match the name they are asked for by.
 */
@Injectable()
export class DocumentDelivery {
  private readonly logger = new Logger(DocumentDelivery.name);
  constructor(private readonly documents: DocumentStore) {}

  async send(id: string, reply: FastifyReply): Promise<void> {
    const doc = await this.documents.find(id);
    if (!doc) throw notFound(id);
    if (doc.inline) {
      // Stored before chunking: checked and sent whole, as then.
      const content = Buffer.from(doc.content);
      if (`${algorithmOf(id)}:${createHash(algorithmOf(id)).update(content).digest('hex')}` !== id) throw this.mismatch(new DocumentMismatchError(id, 'the stored bytes hash differently'));
      await inert(reply, id, doc.mediaType).header('content-type', doc.mediaType).header('x-content-hash', id).send(content);
      return;
    }
    try {
      await this.documents.verify(doc);
    } catch (err) {
      throw err instanceof DocumentMismatchError ? this.mismatch(err) : err;
    }
    // Second pass, hashed again (verifiedChunks): should the bytes change between the passes, the response is cut off
    // short of its length. Sent with backpressure; a client that goes away ends the reading.
    const logger = this.logger;
    const body = Readable.from(verifiedChunks(this.documents.chunks(doc), id)).on('error', (err) =>
      logger.error(`document ${id}: ${err instanceof Error ? err.message : String(err)}; response cut off`),
    );
    await inert(reply, id, doc.mediaType).code(200).header('content-type', doc.mediaType).header('content-length', String(doc.size)).header('x-content-hash', id).send(body);
  }

  private mismatch(err: DocumentMismatchError): InternalServerErrorException {
    this.logger.error(`${err.message}: refusing to serve it`);
    return new InternalServerErrorException(`文件 ${err.hash} 与其哈希值不符，拒绝提供（document ${err.hash} does not match its hash）`);
  }
}

/**
 * A document's chunks as they are read, each passed on once the next is read, and the last only once the whole has
 * hashed to its name: bytes that changed while being sent fail the stream one chunk short of the document's length,
 * so the client can never take an altered document for a complete one (fresh-eyes tester: the last chunk, altered
 * mid-download, was sent before the check, and the answer looked whole).
 */
export async function* verifiedChunks(chunks: AsyncIterable<Uint8Array>, id: string): AsyncGenerator<Uint8Array> {
  const hasher = createHash(algorithmOf(id));
  let held: Uint8Array | undefined;
  for await (const bytes of chunks) {
    hasher.update(bytes);
    if (held) yield held;
    held = bytes;
  }
  if (`${algorithmOf(id)}:${hasher.digest('hex')}` !== id) throw new DocumentMismatchError(id, 'the bytes changed while being served');
  if (held) yield held;
}

/**
 * A stored document is whatever its uploader sent, served from the web app's
 * own origin: it is always a download, never a page of the app. An HTML or
 * SVG draft opened in the browser would otherwise run its script with the
 * official's session and signing keys (the fresh-eyes tester did exactly
 * that). So: an attachment, no type sniffing, and a sandbox with nothing
 * allowed should a browser render it anyway.
 */
function inert(reply: FastifyReply, id: string, mediaType: string): FastifyReply {
  return reply
    .header('content-disposition', `attachment; filename="${id.replace(':', '-')}${extensionOf(mediaType)}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin');
}

/**
 * The file name's extension for a document's type, so that a download opens in the program that reads it (web tester:
 * a citizen on Windows got "sha256-b063…", which nothing opened); none for a type not listed.
 */
export function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType.split(';')[0].trim().toLowerCase()] ?? '';
}
const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/ofd': '.ofd',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.oasis.opendocument.text': '.odt',
  'application/zip': '.zip',
  'application/json': '.json',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'text/html': '.html',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/tiff': '.tif',
  'audio/mpeg': '.mp3',
  'video/mp4': '.mp4',
};
