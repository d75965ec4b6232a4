import request from 'supertest';
import type { App } from 'supertest/types';
import { documentHashes } from '../../libs/record/chain';
import { documentTexts } from './procedure';

/**
 * What each system (its HTTP server, or its base URL) holds already of the tests' documents, by whom (the bearer token
 * that sent them, and the hash): uploaded, or being uploaded.
 */
const held = new WeakMap<object, Map<string, Promise<boolean>>>();
const heldAt = new Map<string, Map<string, Promise<boolean>>>();
const heldBy = (server: App): Map<string, Promise<boolean>> => {
  if (typeof server === 'string') return heldAt.get(server) ?? heldAt.set(server, new Map()).get(server)!;
  return held.get(server) ?? held.set(server, new Map()).get(server)!;
};

/**
 * Uploads through the API (POST /documents), as an official attaches materials before signing a step that cites them,
 * every document `cited` names (a step's payload, an answer) whose text the tests know (h() in
 * test/support/procedure.ts: its content is the text, so the API stores it under that same hash). Each once per system
 * and sender: a signer may cite only a document they uploaded themselves, or one the decision's steps named already
 * (apps/api/src/documents/cited-documents.ts), so each uploads what they cite, as an official does. (The tests of the
 * second case cite documents of their own bytes, which this leaves alone.)
 *
 * Uploaded as the person of `token`, the one who sends the step; where that person may not upload (403: no office that
 * takes steps, nor named on a panel, as a step the tests expect refused for that reason), as the person `fallback`
 * signs in, a clerk of the general office, so the step meets the refusal it is sent for. Hashes the tests did not make
 * with h() (made up, or of files a test uploads itself) are left alone: a step citing one is refused MISSING_DOCUMENT.
 */
export async function uploadCited(server: App, token: string, cited: unknown, fallback?: () => Promise<string>): Promise<void> {
  const system = heldBy(server);
  const upload = async (hash: string, text: string): Promise<boolean> => {
    const put = (bearer: string) => request(server).post('/documents').set('authorization', `Bearer ${bearer}`).set('content-type', 'text/plain; charset=utf-8').send(Buffer.from(text, 'utf8'));
    let res = await put(token);
    if (res.status === 403 && fallback) res = await put(await fallback());
    if (res.status !== 201) return false;
    if (res.body.hash !== hash) throw new Error(`POST /documents stored ${String(res.body.hash)} for the text of ${hash}`);
    return true;
  };
  await Promise.all(
    documentHashes(cited).map(async (hash) => {
      const text = documentTexts.get(hash);
      if (text === undefined || text === '') return;
      const key = `${token}|${hash}`;
      let done = system.get(key);
      if (!done) {
        done = upload(hash, text);
        system.set(key, done);
        // Not stored (the sender and the clerk both refused): tried again with the next step that cites it.
        void done.then((ok) => ok || system.delete(key), () => system.delete(key));
      }
      await done;
    }),
  );
}

/** The part of a request's body that names documents: a step's payload, or an answer's group. */
export function citedBy(url: string, body: unknown): unknown {
  if (!body || typeof body !== 'object') return undefined;
  if (/^\/decisions\/[^/?]+\/steps(\?|$)/.test(url)) return (body as { payload?: unknown }).payload;
  if (/^\/decisions\/[^/?]+\/comment-answers(\?|$)/.test(url)) return { groupHash: (body as { groupHash?: unknown }).groupHash };
  return undefined;
}

/**
 * The request, made to upload the documents its body cites (citedBy) just before it is sent: `send` remembers the
 * body, `end` (which awaiting the request, or `.expect(…, done)`, calls) uploads first.
 */
export function uploadingCited(test: request.Test, server: App, url: string, token: string, fallback?: () => Promise<string>): request.Test {
  let cited: unknown;
  const send = test.send.bind(test);
  test.send = ((body: unknown) => {
    cited = citedBy(url, body) ?? cited;
    return send(body as never);
  }) as typeof test.send;
  const end = test.end.bind(test);
  test.end = ((fn?: request.CallbackHandler) => {
    if (cited === undefined) return end(fn);
    uploadCited(server, token, cited, fallback).then(
      () => end(fn),
      (err: Error) => (fn ? fn(err, undefined as never) : undefined),
    );
    return test;
  }) as typeof test.end;
  return test;
}
