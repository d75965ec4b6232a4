/**
 * The path of the first key an object of a JSON text names twice (`payload.reason`, `items.2.id`), or undefined.
 * JSON.parse keeps the last of two, while RFC 8785, over which steps are signed, assumes I-JSON (RFC 7493), which
 * forbids them: a reader that keeps the first would show another text than the one signed (inspector tester: a
 * withdrawal's reason given twice was taken, the last one winning). `json` is valid JSON (parsed already).
 */
export function firstDuplicateKey(json: string): string | undefined {
  type Open = { keys?: Set<string>; key?: string; index: number; path: string };
  const stack: Open[] = [];
  const childPath = (parent: Open | undefined): string => {
    if (!parent) return '';
    const name = parent.keys ? (parent.key ?? '') : String(parent.index);
    return parent.path ? `${parent.path}.${name}` : name;
  };
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && expectKey) {
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return top.path ? `${top.path}.${key}` : key;
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      stack.push({ ...(c === '{' ? { keys: new Set<string>() } : {}), index: 0, path: childPath(parent) });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return undefined;
}
