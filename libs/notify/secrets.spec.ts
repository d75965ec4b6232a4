import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './secrets';

describe('webhook secrets at rest', () => {
  const key = randomBytes(32);
  it('are sealed under the key, opened only with it, and any change to the stored text fails', () => {
    const stored = sealSecret(key, 'whsec_abc');
    expect(stored).toMatch(/^enc:v1:/);
    expect(sealSecret(key, 'whsec_abc')).not.toBe(stored); // a fresh nonce each time
    expect(openSecret(key, stored)).toBe('whsec_abc');
    expect(() => openSecret(randomBytes(32), stored)).toThrow();
    const flipped = `${stored.slice(0, -4)}${stored.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(() => openSecret(key, flipped)).toThrow();
    expect(() => openSecret(undefined, stored)).toThrow(/NOTIFY_SECRET_KEY_FILE/);
  });
  it('stored before (or without a key) they are plain, and read as they are', () => {
    expect(sealSecret(undefined, 'whsec_plain')).toBe('whsec_plain');
    expect(openSecret(key, 'whsec_plain')).toBe('whsec_plain');
  });
});
