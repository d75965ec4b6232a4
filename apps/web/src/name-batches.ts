/** The organisations' names a page shows, asked by id many a request (names.ts): how the ids are split into requests. */

/** As many ids as one request may name (the API's MAX_NAMED_ORGANISATIONS). */
const IDS_A_REQUEST = 200;
/**
 * And as long a query as one request may carry: an id may be 64 Chinese characters, 576 once percent-encoded, and the
 * API refuses a request line and headers over 16 KiB (431) before it reads a query (the tester: 200 long ids did).
 */
const QUERY_CHARS = 6_000;

/** The first of `ids` for one request, in its query as sent: at most IDS_A_REQUEST of them and QUERY_CHARS long. */
export function nextBatch(ids: Iterable<string>): { ids: string[]; query: string } {
  const batch: string[] = [];
  let query = '';
  for (const id of ids) {
    const more = (query ? ',' : '') + encodeURIComponent(id);
    if (batch.length === IDS_A_REQUEST || (batch.length && query.length + more.length > QUERY_CHARS)) break;
    batch.push(id);
    query += more;
  }
  return { ids: batch, query };
}
