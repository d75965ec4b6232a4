import { applyMigrations } from '../libs/db/migrate';

// `npm run migrate`: applies prisma/migrations/ to DATABASE_URL, offline.
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required but not set');
  const { applied, alreadyApplied } = await applyMigrations(url, { log: (l) => console.log(l) });
  console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already in place`);
}

main().catch((err) => {
  console.error(String(err instanceof Error ? err.message : err));
  process.exit(1);
});
