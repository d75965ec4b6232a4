import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { PrismaClient } from '../../../../libs/db/prisma';
import { PRISMA } from '../../../../libs/nest/prisma.module';
import { REQUEST_TIMEOUT_MS } from '../edge/http';

export type DocumentAlgorithm = 'sha256' | 'sm3';

/** How a document is cut for storage: no step of storing or serving holds more than this (and its driver copies) per request. */
export const DOCUMENT_CHUNK_BYTES = 1024 * 1024;

export const algorithmOf = (id: string): DocumentAlgorithm => (id.startsWith('sm3:') ? 'sm3' : 'sha256');
/** The algorithm that names the same bytes otherwise (document_twins). */
export const otherAlgorithm = (algorithm: DocumentAlgorithm): DocumentAlgorithm => (algorithm === 'sm3' ? 'sha256' : 'sm3');

/** The body went past the limit; reading stopped there. */
export class DocumentTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`document larger than the limit of ${limit} bytes`);
    this.name = 'DocumentTooLargeError';
  }
}

/** A request body spooled to a private temporary file, with its hash and size. */
export interface SpooledDocument {
  path: string;
  hash: string;
  size: number;
}

/**
 * Reads a body into a private temporary file (os.tmpdir()), hashing and
 * counting as it goes. Past `limit` bytes it stops reading (the rest stays
 * unread, for the caller to refuse) and throws DocumentTooLargeError. When it
 * throws, the file is already removed; otherwise the caller removes it.
 */
export async function spool(body: Readable, algorithm: DocumentAlgorithm, limit: number): Promise<SpooledDocument> {
  const path = join(tmpdir(), `document-${SPOOLER}-${randomUUID()}.part`);
  const file = await open(path, 'wx', 0o600);
  const hasher = createHash(algorithm);
  let size = 0;
  try {
    // destroyOnReturn: false, so that stopping at the limit leaves the request (and its socket) able to carry the 413.
    for await (const piece of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += piece.length;
      if (size > limit) throw new DocumentTooLargeError(limit);
      hasher.update(piece);
      for (let at = 0; at < piece.length; ) at += (await file.write(piece, at, piece.length - at)).bytesWritten;
    }
    await file.close();
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
  return { path, size, hash: `${algorithm}:${hasher.digest('hex')}` };
}

/**
 * Who spools: this process, by its pid and its pid namespace (containers sharing one /tmp have their own pids), so
 * that the next start can tell the files of a process that has died from those of one still receiving uploads.
 */
const PID_NAMESPACE = pidNamespace();
const SPOOLER = `${PID_NAMESPACE}-${process.pid}`;

function pidNamespace(): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? '0';
  } catch {
    return '0'; // no /proc (not Linux): no pid namespaces either
  }
}

/** A spooled body's file in os.tmpdir(): the spooler's pid namespace and pid, where it has them (older files have not). */
const SPOOL_FILE = /^document-(?:(\d+)-(\d+)-)?[0-9a-f-]{36}\.part$/;

/**
 * Removes the spool files of uploads that can no longer be under way: those of a process in this pid namespace that
 * is no longer running (an API killed mid-upload, by SIGKILL after its shutdown bound or a crash, whose successor
 * starts a second later), and any untouched for longer than a request may take (REQUEST_TIMEOUT_MS; another
 * namespace's, or named before the spooler was). An upload in flight in another process is written to as its bytes
 * arrive, so it is never that old. Answers how many were removed.
 */
export async function sweepStaleSpools(dir = tmpdir(), now = Date.now(), warn: (line: string) => void = () => undefined): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = SPOOL_FILE.exec(name);
    if (!m) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) continue;
    const spoolerGone = m[1] === PID_NAMESPACE && !running(Number(m[2]));
    if (!spoolerGone && now - info.mtimeMs <= REQUEST_TIMEOUT_MS) continue;
    // One that cannot be removed (another user's, in a shared /tmp) is left, and said: it never stops a start.
    try {
      await unlink(path);
      removed++;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') warn(`cannot remove ${path} (${code ?? String(err)}); left as it is`);
    }
  }
  return removed;
}

/** Whether a process of this pid namespace is running (signal 0 asks without sending; EPERM: running, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a fetch finds: a document stored in chunks, or one stored inline before chunking. */
export type FoundDocument = { hash: string; size: number; mediaType: string } & ({ inline: true; content: Uint8Array } | { inline: false; chunks: number });

/** The stored bytes no longer match their hash (or a chunk is missing). */
export class DocumentMismatchError extends Error {
  constructor(readonly hash: string, detail: string) {
    super(`document ${hash} does not match its hash: ${detail}`);
    this.name = 'DocumentMismatchError';
  }
}

/** Documents by content hash, in the append-only tables documents and document_chunks. */
@Injectable()
export class DocumentStore implements OnModuleInit {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** At start: what uploads cut off by an earlier process's death left behind. */
  async onModuleInit(): Promise<void> {
    const logger = new Logger(DocumentStore.name);
    const removed = await sweepStaleSpools(tmpdir(), Date.now(), (line) => logger.warn(line));
    if (removed) logger.log(`removed ${removed} temporary file(s) of uploads cut off before this start`);
  }

  /**
   * Stores a spooled document in chunks, in one transaction, reading the file
   * chunk by chunk. Storing the same content again changes nothing, also
   * when two uploads of it race (the second waits on the documents row's
   * primary key, then finds it). The first uploader (the signed-in caller) is kept with it, and every uploader, the
   * first too, holds it (document_holders): may read it, and a step they sign that names it opens it to the decision.
   */
  async store(doc: SpooledDocument, mediaType: string, uploadedBy?: string): Promise<void> {
    if (!(await this.exists(doc.hash))) await this.storeNew(doc, mediaType, uploadedBy);
    if (uploadedBy) await this.prisma.$executeRaw`INSERT INTO document_holders (hash, person_id) VALUES (${doc.hash}, ${uploadedBy}) ON CONFLICT DO NOTHING`;
  }

  private async storeNew(doc: SpooledDocument, mediaType: string, uploadedBy?: string): Promise<void> {
    const algorithm = algorithmOf(doc.hash);
    const file = await open(doc.path, 'r');
    try {
      await this.prisma.$transaction(
        async (tx) => {
          // The row first (ON CONFLICT DO NOTHING): a concurrent upload of the same content blocks here until this transaction ends.
          const { count } = await tx.document.createMany({ data: [{ hash: doc.hash, size: doc.size, mediaType, uploadedBy }], skipDuplicates: true });
          if (count === 0) return;
          const check = createHash(algorithm);
          // The same bytes' name under the other algorithm, kept beside it (document_twins): one document, whichever names it.
          const other = otherAlgorithm(algorithm);
          const twin = createHash(other);
          for (let idx = 0, at = 0; at < doc.size; idx++, at += DOCUMENT_CHUNK_BYTES) {
            const bytes = await readExactly(file, Math.min(DOCUMENT_CHUNK_BYTES, doc.size - at), at);
            check.update(bytes);
            twin.update(bytes);
            await tx.documentChunk.createMany({ data: [{ hash: doc.hash, idx, bytes }] });
          }
          // What is stored is what was hashed: the spool file is re-read, so check it did not change meanwhile.
          if (`${algorithm}:${check.digest('hex')}` !== doc.hash) throw new Error(`the temporary copy of ${doc.hash} changed before it was stored`);
          await tx.documentTwin.createMany({ data: [{ hash: doc.hash, twin: `${other}:${twin.digest('hex')}` }] });
        },
        // A large document takes a while to write, and an identical upload waits for it to commit.
        { maxWait: 60_000, timeout: 15 * 60_000 },
      );
    } catch (err) {
      // Belt and braces for the primary-key race: if the document is there now, it is the same content.
      if (isUniqueViolation(err) && (await this.exists(doc.hash))) return;
      throw err;
    } finally {
      await file.close();
    }
  }

  async find(hash: string): Promise<FoundDocument | undefined> {
    const rows = await this.prisma.$queryRaw<{ size: number; media_type: string; inline: boolean; chunks: number }[]>`
      SELECT size, media_type, content IS NOT NULL AS inline, (SELECT count(*) FROM document_chunks c WHERE c.hash = d.hash)::int AS chunks
      FROM documents d WHERE d.hash = ${hash}`;
    const row = rows[0];
    if (!row) return undefined;
    const base = { hash, size: row.size, mediaType: row.media_type };
    if (!row.inline) return { ...base, inline: false, chunks: row.chunks };
    const { content } = await this.prisma.document.findUniqueOrThrow({ where: { hash }, select: { content: true } });
    return { ...base, inline: true, content: content! };
  }

  /** The chunks of a chunked document, in order, one query each; a missing one throws DocumentMismatchError. */
  async *chunks(doc: { hash: string; chunks: number }): AsyncGenerator<Uint8Array> {
    for (let idx = 0; idx < doc.chunks; idx++) {
      const chunk = await this.prisma.documentChunk.findUnique({ where: { hash_idx: { hash: doc.hash, idx } }, select: { bytes: true } });
      if (!chunk) throw new DocumentMismatchError(doc.hash, `chunk ${idx} of ${doc.chunks} is missing`);
      yield chunk.bytes;
    }
  }

  /** First pass: the chunks hash to the document's name and add up to its size. Throws DocumentMismatchError otherwise. */
  async verify(doc: { hash: string; size: number; chunks: number }): Promise<void> {
    const hasher = createHash(algorithmOf(doc.hash));
    let size = 0;
    for await (const bytes of this.chunks(doc)) {
      hasher.update(bytes);
      size += bytes.length;
    }
    if (size !== doc.size) throw new DocumentMismatchError(doc.hash, `${size} bytes stored, ${doc.size} recorded`);
    if (`${algorithmOf(doc.hash)}:${hasher.digest('hex')}` !== doc.hash) throw new DocumentMismatchError(doc.hash, 'the stored bytes hash differently');
  }

  private async exists(hash: string): Promise<boolean> {
    return (await this.prisma.document.findUnique({ where: { hash }, select: { hash: true } })) !== null;
  }
}

export const removeSpooled = (doc: SpooledDocument): Promise<void> => rm(doc.path, { force: true });

async function readExactly(file: FileHandle, length: number, position: number): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; ) {
    const { bytesRead } = await file.read(bytes, at, length - at, position + at);
    if (bytesRead === 0) throw new Error(`the temporary copy ended at ${position + at} bytes, ${position + length} expected`);
    at += bytesRead;
  }
  return bytes;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | undefined;
  return e?.code === 'P2002' || e?.code === '23505' || e?.meta?.driverAdapterError?.cause?.originalCode === '23505';
}
