import type { ApiErrorBody } from '../../../../libs/domain';
import { saveBlob } from '../download';

/**
 * The one way the web application talks to the API: same origin (the API
 * serves the application under /app and keeps its routes at the root), JSON
 * in and out, a bearer token attached when sign-in is on (auth/session.ts),
 * and every error answer turned into an ApiError carrying the API's body:
 * its message (Chinese first), and for a refusal its code and articles.
 */
type TokenSource = () => Promise<string | undefined>;
let bearer: TokenSource = async () => undefined;

/** Set by the sign-in module when an issuer is configured. */
export function useBearerToken(source: TokenSource): void {
  bearer = source;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(Array.isArray(body.message) ? body.message.join('；') : body.message);
    this.name = 'ApiError';
  }

  /** The Chinese half of each message (the part before the English in brackets), for people. */
  get messages(): string[] {
    const all = Array.isArray(this.body.message) ? this.body.message : [this.body.message];
    return all.map(String);
  }
}

async function headers(extra?: HeadersInit): Promise<Headers> {
  const h = new Headers(extra);
  h.set('accept', 'application/json');
  const token = await bearer();
  if (token) h.set('authorization', `Bearer ${token}`);
  return h;
}

async function answer<T>(res: Response): Promise<T> {
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (body && typeof body === 'object' ? body : { statusCode: res.status, message: text || res.statusText }) as ApiErrorBody;
    throw new ApiError(res.status, { ...err, statusCode: err.statusCode ?? res.status });
  }
  return body as T;
}

/** `signal`: to give up on an answer that does not come (names.ts), as fetch itself never does. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return answer<T>(await fetch(path, { headers: await headers(), signal }));
}

/**
 * A list the API answers a page at a time (its Link header names the next page, rel="next"), read up to `maxPages`
 * pages: the items, and whether more were left unread.
 */
export async function apiGetPages<T>(path: string, maxPages = 5): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let next: string | undefined = path;
  for (let page = 0; next && page < maxPages; page++) {
    const res: Response = await fetch(next, { headers: await headers() });
    items.push(...(await answer<T[]>(res)));
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  return { items, more: next !== undefined };
}

export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(await fetch(path, { method: 'POST', headers: await headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }));
}

export async function apiPut<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(await fetch(path, { method: 'PUT', headers: await headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }));
}

/** A document's bytes as the request body (POST /documents); the answer is its hash and size. */
export async function apiUpload(file: Blob): Promise<{ hash: string; size: number }> {
  // JSON and form bodies are the API's own requests, never documents: such files go as plain bytes.
  const type = !file.type || /json|form/.test(file.type) ? 'application/octet-stream' : file.type;
  return answer(await fetch('/documents', { method: 'POST', headers: await headers({ 'content-type': type }), body: file }));
}

/** Where anyone fetches a document the procedure made public (the draft out for comment, the published decision, …). */
export const publicDocumentUrl = (hash: string) => `/public-documents/${encodeURIComponent(hash)}`;

/**
 * A stored document the signed-in official may read, saved as the browser's
 * download: fetched with the token (a plain link carries none), its hash
 * checked by the API before and while it is sent.
 */
export async function downloadDocument(hash: string): Promise<void> {
  const res = await fetch(`/documents/${encodeURIComponent(hash)}`, { headers: await headers() });
  if (!res.ok) await answer(res);
  // The name the API gives it, with the extension of its type (a file saved as "sha256-…" opened in nothing).
  const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  saveBlob(named ?? hash.replace(':', '-'), await res.blob());
}

export const enc = encodeURIComponent;
