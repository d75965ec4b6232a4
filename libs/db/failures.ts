/**
 * Which database failures a retry can cure. A lost connection, a server
 * restarting, a deadlock or a full pool passes: the activity is retried with
 * backoff until PostgreSQL is back. A data or constraint error (a value
 * PostgreSQL will not store, a key already taken) fails the same way on every
 * attempt: the activity gives up at once and the step is refused, so one bad
 * step cannot hold its decision for ever. Anything not known is retried a few
 * times and then treated as permanent.
 */
export type FailureKind = 'transient' | 'permanent' | 'unknown';

const TRANSIENT_SQLSTATE_CLASSES = new Set(['08', '40', '53', '55', '57', '58']);
const PERMANENT_SQLSTATE_CLASSES = new Set(['22', '23', '42', '2B', '2F', '44', 'P0']);
const TRANSIENT_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionWriteConflict', 'TlsConnectionError']);
const PERMANENT_KINDS = new Set(['LengthMismatch', 'ValueOutOfRange', 'InvalidInputValue', 'UniqueConstraintViolation', 'NullConstraintViolation', 'ForeignKeyConstraintViolation', 'RestrictViolation']);
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Prisma's own codes: P1xxx are connection problems, P2024 a pool timeout, P2034 a write conflict. */
const TRANSIENT_PRISMA_CODES = /^(P1\d{3}|P2024|P2034)$/;
const TRANSIENT_MESSAGES = /connection (terminated|closed|refused|reset)|timeout exceeded when trying to connect|Query read timeout|Connection terminated unexpectedly|server closed the connection|the database system is (starting up|shutting down)/i;

/**
 * An error and the errors inside it, outermost first: Prisma wraps the
 * driver adapter's error (meta.driverAdapterError), which wraps pg's (cause).
 */
function* layers(err: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const o = e as Record<string, unknown>;
    yield o;
    queue.push(o.cause, (o.meta as Record<string, unknown> | undefined)?.driverAdapterError);
  }
}

/** Five characters, as PostgreSQL's codes are; not Prisma's own P1000–P6999, which look alike. */
const sqlStateOf = (o: Record<string, unknown>) => [o.originalCode, o.code].find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) && !/^P[1-9]\d{3}$/.test(c));

/** Classifies an error from Prisma, its pg driver adapter or pg itself, looking through its causes. */
export function classifyDbFailure(err: unknown): FailureKind {
  let kind: FailureKind = 'unknown';
  for (const o of layers(err)) {
    const cls = sqlStateOf(o)?.slice(0, 2);
    if (cls && TRANSIENT_SQLSTATE_CLASSES.has(cls)) return 'transient';
    if (cls && PERMANENT_SQLSTATE_CLASSES.has(cls)) kind = 'permanent';
    if (typeof o.kind === 'string') {
      if (TRANSIENT_KINDS.has(o.kind)) return 'transient';
      if (PERMANENT_KINDS.has(o.kind)) kind = 'permanent';
    }
    if (typeof o.code === 'string' && (TRANSIENT_NODE_CODES.has(o.code) || TRANSIENT_PRISMA_CODES.test(o.code))) return 'transient';
    if (typeof o.message === 'string' && TRANSIENT_MESSAGES.test(o.message)) return 'transient';
  }
  return kind;
}

/** The SQLSTATE of a database error, looking through its causes, if it has one. */
export function sqlState(err: unknown): string | undefined {
  for (const o of layers(err)) {
    const code = sqlStateOf(o);
    if (code) return code;
  }
  return undefined;
}
