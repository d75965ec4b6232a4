import { applyMigrations, APP_ROLE, setAppRolePassword } from '../libs/db/migrate';

/**
 * `npm run migrate`: applies prisma/migrations/ offline, as the database's
 * owner (MIGRATION_DATABASE_URL, or DATABASE_URL); with DECISION_APP_PASSWORD
 * set, also gives the applications' role decision_app that password, for a
 * server that asks for one.
 */
async function main(): Promise<void> {
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('MIGRATION_DATABASE_URL (or DATABASE_URL) is required but not set: the owner\'s postgresql:// URL');
  const { applied, alreadyApplied } = await applyMigrations(url, { log: (l) => console.log(l) });
  console.log(`migrations: ${applied.length} applied, ${alreadyApplied.length} already in place`);
  const password = process.env.DECISION_APP_PASSWORD;
  if (password) {
    await setAppRolePassword(url, password);
    console.log(`${APP_ROLE}: password set`);
  }
}

main().catch((err) => {
  console.error(String(err instanceof Error ? err.message : err));
  process.exit(1);
});
