import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The migrated database every test database is copied from. */
export const TEMPLATE_DATABASE = 'decisions_template';

function adminUrl(database = 'postgres'): string {
  const port = process.env.TEST_PG_PORT;
  if (!port) throw new Error('TEST_PG_PORT is not set: run the tests through jest (global setup starts PostgreSQL)');
  return `postgresql://postgres@127.0.0.1:${port}/${database}`;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database of the real test server for one test file: migrated (a copy
 * of the template) or empty. Returns its URL and a function that drops it.
 */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<{ url: string; appUrl: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const template = opts.migrated === false ? 'template0' : TEMPLATE_DATABASE;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    url: adminUrl(name),
    /** The same database as the applications connect to it: as decision_app, which may not alter the record. */
    appUrl: adminUrl(name).replace('//postgres@', '//decision_app@'),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * For the enclosing describe: a fresh migrated test database and a client on it as its owner, made before its tests
 * and closed and dropped after (`client` and `db` answer once its beforeAll has run).
 */
export function ownerDatabase(): { readonly client: Client; readonly db: Awaited<ReturnType<typeof createTestDatabase>> } {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });
  return {
    get client() {
      if (!client) throw new Error('ownerDatabase: the client is made in beforeAll');
      return client;
    },
    get db() {
      if (!db) throw new Error('ownerDatabase: the database is made in beforeAll');
      return db;
    },
  };
}

/** PostgreSQL's plan of a statement (EXPLAIN), as one text: what an index test looks for. */
export async function planOf(client: Client, statement: string, values: unknown[] = []): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement}`, values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * The fresh-eyes tester's attack on a trigger that writes as its table's owner (SECURITY DEFINER): as the application's
 * role, a temporary table shadowing `table`, with a trigger that makes the role a superuser were the owner's function
 * to write to it; then `act`, as that role, appends what sets the real trigger off. Whether the role became a superuser
 * and how many rows the shadow took; the role is put back either way.
 */
export async function shadowedAs(owner: Client, appUrl: string, table: string, act: (app: Client) => Promise<void>): Promise<{ superuser: boolean; shadowRows: number }> {
  const app = new Client({ connectionString: appUrl });
  await app.connect();
  try {
    await app.query(`CREATE TEMP TABLE ${table} (LIKE public.${table} INCLUDING ALL)`);
    await app.query(`CREATE FUNCTION pg_temp.take_over() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN EXECUTE 'ALTER ROLE decision_app SUPERUSER'; RETURN NULL; END $f$`);
    await app.query(`CREATE TRIGGER take_over AFTER INSERT ON pg_temp.${table} FOR EACH ROW EXECUTE FUNCTION pg_temp.take_over()`);
    await act(app);
    const [{ rolsuper }] = (await owner.query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = 'decision_app'")).rows;
    const [{ n }] = (await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_temp.${table}`)).rows;
    return { superuser: rolsuper, shadowRows: n };
  } finally {
    await owner.query('ALTER ROLE decision_app NOSUPERUSER');
    await app.end();
  }
}
