import { createHash } from 'node:crypto';
import { verifiedChunks } from './document-delivery';

const idOf = (parts: string[]) => `sha256:${createHash('sha256').update(parts.join('')).digest('hex')}`;
async function* chunks(parts: string[]) {
  for (const p of parts) yield Buffer.from(p);
}
async function read(parts: string[], id: string) {
  const got: string[] = [];
  try {
    for await (const c of verifiedChunks(chunks(parts), id)) got.push(Buffer.from(c).toString());
    return { got };
  } catch (err) {
    return { got, err };
  }
}

describe('verifiedChunks', () => {
  it('passes on every chunk of a document that hashes to its name', async () => {
    expect(await read(['ab', 'cd', 'ef'], idOf(['ab', 'cd', 'ef']))).toEqual({ got: ['ab', 'cd', 'ef'] });
    expect(await read(['abc'], idOf(['abc']))).toEqual({ got: ['abc'] });
  });

  it('holds back the last chunk of bytes that changed after they were checked, so the answer ends short of its length', async () => {
    const { got, err } = await read(['ab', 'cd', 'XX'], idOf(['ab', 'cd', 'ef']));
    expect(got).toEqual(['ab', 'cd']);
    expect(String(err)).toMatch(/changed while being served/);
    // A one-chunk document altered is not sent at all.
    expect(await read(['XYZ'], idOf(['abc']))).toMatchObject({ got: [] });
  });
});
