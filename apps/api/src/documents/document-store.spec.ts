import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_TIMEOUT_MS } from '../edge/http';
import { sweepStaleSpools } from './document-store';

describe('the spool files of uploads cut off by a killed process', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, ageMs: number) => {
    writeFileSync(join(dir, name), 'bytes');
    const at = (Date.now() - ageMs) / 1000;
    utimesSync(join(dir, name), at, at);
  };

  it('are removed at start once no request could still be writing them; uploads under way and other files stay', async () => {
    const stale = 'document-0b8e2c1a-6f4d-4c3b-9a1e-2f5d7c8b9a01.part';
    const live = 'document-1c9f3d2b-7a5e-4d4c-8b2f-3a6e8d9c0b12.part';
    file(stale, REQUEST_TIMEOUT_MS + 60_000);
    file(live, 5_000);
    file('document-notes.part', REQUEST_TIMEOUT_MS * 2); // not a spool file's name
    file('other.txt', REQUEST_TIMEOUT_MS * 2);
    expect(await sweepStaleSpools(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['document-1c9f3d2b-7a5e-4d4c-8b2f-3a6e8d9c0b12.part', 'document-notes.part', 'other.txt']);
    expect(await sweepStaleSpools(join(dir, 'missing'))).toBe(0);
  });
});
