import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Webhook secrets at rest: each official's signing secret is kept encrypted
 * (AES-256-GCM) under a key from a file (NOTIFY_SECRET_KEY_FILE) that the API
 * (which makes the secret and shows it once) and the worker (which signs with
 * it) read, so a copy of the database alone cannot forge notices to officials'
 * work apps. Secrets stored before, or where no key file is configured, are
 * plain and read as they are.
 */
const PREFIX = 'enc:v1:';

/** A 32-byte key from its file (base64), `variable` the setting that names the file (for the message); none where unset. */
export function loadSecretKey(file: string | undefined, variable = 'NOTIFY_SECRET_KEY_FILE'): Buffer | undefined {
  if (!file) return undefined;
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${variable}=${file}: must hold 32 bytes in base64 (make one: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")`);
  return key;
}

/** Makes a key file if it is missing (the embedded default's and the tests' own), readable by its owner only. */
export function ensureSecretKeyFile(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return loadSecretKey(file)!;
}

export function sealSecret(key: Buffer | undefined, secret: string): string {
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function openSecret(key: Buffer | undefined, stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  if (!key) throw new Error('the webhook secret is encrypted and no NOTIFY_SECRET_KEY_FILE is configured to read it');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
