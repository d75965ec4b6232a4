/**
 * JSON Canonicalization Scheme (RFC 8785): the same value always serialises
 * to the same bytes, so a record entry always hashes the same. Object members
 * are sorted by their names' UTF-16 code units; numbers are written the way
 * ECMAScript writes them (which JSON.stringify does); strings use JSON's
 * minimal escaping (which JSON.stringify does too).
 */
export function canonicalize(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`JCS cannot represent the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (value[i] === undefined ? 'null' : canonicalize(value[i]));
        return out + ']';
      }
      // The default sort compares UTF-16 code units, which is what RFC 8785 section 3.2.3 asks for.
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + canonicalize(v);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new TypeError(`JCS cannot represent a ${typeof value}`);
  }
}
