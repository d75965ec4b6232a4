/**
 * JSON Canonicalization Scheme (RFC 8785): the same value always serialises
 * to the same bytes, so a record entry always hashes the same. Object members
 * are sorted by their names' UTF-16 code units; numbers are written the way
 * ECMAScript writes them (which JSON.stringify does); strings use JSON's
 * minimal escaping (which JSON.stringify does too).
 */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`JCS cannot represent the number ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalize(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Default sort compares UTF-16 code units, which is what RFC 8785 section 3.2.3 asks for.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalize(v)}`).join(',')}}`;
  }
  throw new TypeError(`JCS cannot represent a ${typeof value}`);
}
