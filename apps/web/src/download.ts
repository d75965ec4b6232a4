/** Saves a blob as the browser's download, under the name given. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves JSON as a file, as the browser's download. */
export function saveJson(name: string, value: unknown): void {
  saveBlob(name, new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
}

/** Saves rows as a CSV file (UTF-8 with a byte-order mark, so that Excel reads the Chinese). */
export function saveCsv(name: string, header: string[], rows: (string | number)[][]): void {
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const text = '\ufeff' + [header.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
  saveBlob(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));
}
