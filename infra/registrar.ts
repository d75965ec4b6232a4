import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { checkPublicKey, keyIdOf, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../libs/record/signatures';

/**
 * Registrars endorse the registration and revocation of actors' keys, and a
 * government's registrar (its personnel office) its organisations and
 * appointments. They are entered here, by the database's owner, never through the API:
 *   MIGRATION_DATABASE_URL=… node dist/infra/registrar.js add <name> <key.json> [<government id>]
 * key.json: {"algorithm": "sm2-sm3" | "ed25519", "publicKey": hex} (a private key in it is ignored).
 */
export async function addRegistrarKey(connectionString: string, name: string, key: { algorithm: SignatureAlgorithm; publicKey: string }, governmentId?: string): Promise<string> {
  if (!SIGNATURE_ALGORITHMS.includes(key.algorithm)) throw new Error(`algorithm must be one of ${SIGNATURE_ALGORITHMS.join(', ')}`);
  const publicKey = key.publicKey.toLowerCase();
  checkPublicKey(key.algorithm, publicKey);
  const keyId = keyIdOf(key.algorithm, publicKey);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    // A key entered before registrars had governments gets its government now; one it has is never changed.
    const sql = `INSERT INTO registrar_keys (key_id, name, algorithm, public_key, government_id) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (key_id) DO UPDATE SET government_id = EXCLUDED.government_id WHERE registrar_keys.government_id IS NULL`;
    await client.query(sql, [
      keyId,
      name,
      key.algorithm,
      publicKey,
      governmentId ?? null,
    ]);
  } finally {
    await client.end();
  }
  return keyId;
}

async function main(argv: string[]): Promise<number> {
  const [command, name, file, governmentId] = argv;
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (command !== 'add' || !name || !file || !url) {
    console.error('usage: MIGRATION_DATABASE_URL=<owner postgresql:// URL> registrar add <name> <key.json> [<government id>]');
    return 2;
  }
  const key = JSON.parse(readFileSync(file, 'utf8')) as { algorithm: SignatureAlgorithm; publicKey: string };
  console.log(`registrar ${name}${governmentId ? ` of ${governmentId}` : ''}: ${await addRegistrarKey(url, name, key, governmentId)}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
