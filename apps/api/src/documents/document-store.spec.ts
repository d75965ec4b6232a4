import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUEST_TIMEOUT_MS } from '../edge/http';
import { Readable } from 'node:stream';
import { spool, sweepStaleSpools } from './document-store';

/** The module itself (not an import's copy of it), so that a spy on it is what the sweep calls. */
const fsPromises = jest.requireActual<typeof import('node:fs/promises')>('node:fs/promises');

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

  it("are removed at once when the process that spooled them has died (its successor starts a second later); a running one's stay", async () => {
    const namespace = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))![1];
    const dead = spawnSync('true').pid; // exited by now
    file(`document-${namespace}-${dead}-0b8e2c1a-6f4d-4c3b-9a1e-2f5d7c8b9a01.part`, 1_000);
    file(`document-${namespace}-${process.pid}-1c9f3d2b-7a5e-4d4c-8b2f-3a6e8d9c0b12.part`, 1_000);
    file(`document-1-${dead}-2d0a4e3c-8b6f-4e5d-9c3a-4b7f9e0d1c23.part`, 1_000); // another namespace's: only by age
    expect(await sweepStaleSpools(dir)).toBe(1);
    // What this process spools is named so.
    const spooled = await spool(Readable.from([Buffer.from('草案')]), 'sha256', 1024);
    rmSync(spooled.path);
    expect(spooled.path).toMatch(new RegExp(`/document-${namespace}-${process.pid}-[0-9a-f-]{36}\\.part$`));
    expect(readdirSync(dir).sort()).toEqual([`document-${namespace}-${process.pid}-1c9f3d2b-7a5e-4d4c-8b2f-3a6e8d9c0b12.part`, `document-1-${dead}-2d0a4e3c-8b6f-4e5d-9c3a-4b7f9e0d1c23.part`].sort());
  });

  it('one that cannot be removed (another user\'s, in a shared /tmp) is left and said, and never stops the start', async () => {
    file('document-0b8e2c1a-6f4d-4c3b-9a1e-2f5d7c8b9a01.part', REQUEST_TIMEOUT_MS + 60_000);
    file('document-1c9f3d2b-7a5e-4d4c-8b2f-3a6e8d9c0b12.part', REQUEST_TIMEOUT_MS + 60_000);
    const real = fsPromises.unlink;
    const refused = jest.spyOn(fsPromises, 'unlink').mockImplementation(async (path) => {
      if (String(path).includes('0b8e2c1a')) throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      return real(path);
    });
    const said: string[] = [];
    try {
      expect(await sweepStaleSpools(dir, Date.now(), (line) => said.push(line))).toBe(1);
    } finally {
      refused.mockRestore();
    }
    expect(readdirSync(dir)).toEqual(['document-0b8e2c1a-6f4d-4c3b-9a1e-2f5d7c8b9a01.part']);
    expect(said).toEqual([expect.stringMatching(/cannot remove .*0b8e2c1a.*\(EPERM\); left as it is$/)]);
  });
});
