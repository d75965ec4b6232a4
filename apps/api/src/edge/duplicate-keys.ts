/**
 * The path of the first key an object of a JSON text names twice (`payload.reason`, `items.2.id`), or undefined.
 * JSON.parse keeps the last of two, while RFC 8785, over which steps are signed, assumes I-JSON (RFC 7493), which
 * forbids them: a reader that keeps the first would show another text than the one signed (inspector tester: a
 * withdrawal's reason given twice was taken, the last one winning). `json` is valid JSON (parsed already).
 *
 * One pass, linear in the text: each open object or list is a frame holding its key or index, and a path is built
 * only for the duplicate found (retest: a path built at every level made 209,000 levels take 3 s, the API stalled).
 * Deeper than `maxDepth` the scan stops: the input's own depth limit refuses such a body next.
 */
export function firstDuplicateKey(json: string, maxDepth = 64): string | undefined {
  type Frame = { keys?: Set<string>; key?: string; index: number; object: boolean };
  const stack: Frame[] = [];
  const pathTo = (key: string): string => [...stack.slice(0, -1).map((f) => (f.object ? (f.key ?? '') : String(f.index))), key].join('.');
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      while (json.charCodeAt(j) !== 0x22) j += json.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.object && expectKey) {
        const raw = json.slice(i + 1, j);
        const key = raw.includes('\\') ? (JSON.parse(json.slice(i, j + 1)) as string) : raw;
        const keys = (top.keys ??= new Set<string>());
        if (keys.has(key)) return pathTo(key);
        keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) return undefined;
      stack.push({ index: 0, object: c === 0x7b });
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.object) expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}
