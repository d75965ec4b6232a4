import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PROJECT_ROOT } from '../../infra/paths';
import { createTestDatabase } from '../support/db';

/**
 * The migrations are hand-kept SQL (Prisma's migrate engine cannot run
 * offline), so this proves that the database they build is the one the
 * generated client expects: every model has its table, every field its column
 * with the right type and nullability, every index its index, and nothing is
 * left over on either side.
 */
interface Field { name: string; column: string; type: string; optional: boolean; list: boolean; nativeType?: string }
interface Model { name: string; table: string; fields: Field[]; indexes: string[]; uniques: string[] }

const SCALAR_TO_PG: Record<string, string> = {
  String: 'text', Int: 'integer', BigInt: 'bigint', Boolean: 'boolean', DateTime: 'timestamp without time zone',
  Json: 'jsonb', Bytes: 'bytea', Float: 'double precision', Decimal: 'numeric',
};
const NATIVE_TO_PG: Record<string, string> = { Timestamptz: 'timestamp with time zone', VarChar: 'character varying', Uuid: 'uuid', Text: 'text' };

function parseSchema(text: string): { models: Model[]; enums: Set<string> } {
  const enums = new Set([...text.matchAll(/^enum\s+(\w+)/gm)].map((m) => m[1]));
  const modelNames = new Set([...text.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]));
  const models: Model[] = [];
  for (const block of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = block;
    const model: Model = { name, table: name, fields: [], indexes: [], uniques: [] };
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      const cols = (s: string) => s.split(',').map((c) => c.trim().replace(/\(.*\)$/, ''));
      if (line.startsWith('@@map')) model.table = /"(.+)"/.exec(line)![1];
      else if (line.startsWith('@@index')) model.indexes.push(cols(/\[(.+?)\]/.exec(line)![1]).join(','));
      else if (line.startsWith('@@unique')) model.uniques.push(cols(/\[(.+?)\]/.exec(line)![1]).join(','));
      else if (!line.startsWith('@@')) {
        const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line)!;
        const [, fname, type, list, optional, attrs] = m;
        if (modelNames.has(type)) continue; // relation field: no column of its own
        const column = /@map\("(.+?)"\)/.exec(attrs)?.[1] ?? fname;
        model.fields.push({ name: fname, column, type, list: !!list, optional: !!optional, nativeType: /@db\.(\w+)/.exec(attrs)?.[1] });
        if (/@unique\b/.test(attrs)) model.uniques.push(fname);
      }
    }
    for (const key of ['indexes', 'uniques'] as const) {
      model[key] = model[key].map((k) => k.split(',').map((f) => model.fields.find((x) => x.name === f)?.column ?? f).join(','));
    }
    models.push(model);
  }
  return { models, enums };
}

/** Indexes the Prisma schema cannot declare (partial, over an expression), by table: each in its migration with why. */
const UNDECLARABLE_INDEXES: Record<string, string[]> = {
  decision_steps: ['decision_steps_panel_experts_idx', 'decision_steps_co_units_idx', 'decision_steps_documents_idx', 'decision_steps_adoption_reports_idx', 'decision_steps_minuted_people_idx'],
  decisions: ['decisions_id_lower_idx', 'decisions_published_idx', 'decisions_unarchived_idx'],
  appointments: ['appointments_person_id_lower_idx'],
  organisations: ['organisations_id_lower_idx'],
  expert_pool_entries: ['expert_pool_entries_expert_id_lower_idx'],
  catalog_items: ['catalog_items_ref_lower_idx'],
};

describe('migrated schema matches the Prisma schema and the generated client', () => {
  const schemaText = readFileSync(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
  const { models, enums } = parseSchema(schemaText);
  let db: { url: string; drop(): Promise<void> };
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('the generated client was generated from this schema', () => {
    const generated = readFileSync(join(PROJECT_ROOT, 'libs', 'db', 'generated', 'prisma', 'internal', 'class.ts'), 'utf8');
    const runtime = JSON.parse(JSON.parse(/runtimeDataModel = JSON\.parse\((".*?")\)\n/.exec(generated)![1])) as {
      models: Record<string, { dbName: string | null; fields: { name: string; kind: string; dbName?: string }[] }>;
    };
    expect(Object.keys(runtime.models).sort()).toEqual(models.map((m) => m.name).sort());
    for (const m of models) {
      const r = runtime.models[m.name];
      expect(r.dbName ?? m.name).toBe(m.table);
      const scalars = r.fields.filter((f) => f.kind !== 'object').map((f) => [f.name, f.dbName ?? f.name]);
      expect(scalars.sort()).toEqual(m.fields.map((f) => [f.name, f.column]).sort());
    }
  });

  it('every table of the database belongs to a model, and every model has its table', async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.table).sort());
  });

  it.each(models.map((m) => [m.name, m] as const))('model %s: columns, types, nullability', async (_name, model) => {
    const { rows } = await client.query<{ column_name: string; data_type: string; udt_name: string; is_nullable: string }>(
      'SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      ['public', model.table],
    );
    const byName = new Map(rows.map((r) => [r.column_name, r]));
    expect([...byName.keys()].sort()).toEqual(model.fields.map((f) => f.column).sort());
    for (const f of model.fields) {
      const col = byName.get(f.column)!;
      const expected = enums.has(f.type) ? 'USER-DEFINED' : ((f.nativeType && NATIVE_TO_PG[f.nativeType]) ?? SCALAR_TO_PG[f.type]);
      const actual = f.list ? `${col.data_type}:${col.udt_name}` : col.data_type;
      const want = f.list ? `ARRAY:_${{ text: 'text', integer: 'int4', bigint: 'int8', boolean: 'bool', jsonb: 'jsonb' }[expected] ?? expected}` : expected;
      expect(`${f.column} ${actual}`).toBe(`${f.column} ${want}`);
      // Prisma creates list columns nullable; every other field is NOT NULL unless optional.
      expect(`${f.column} nullable=${col.is_nullable}`).toBe(`${f.column} nullable=${f.optional || f.list ? 'YES' : 'NO'}`);
    }
  });

  it.each(models.map((m) => [m.name, m] as const))('model %s: indexes and unique constraints', async (_name, model) => {
    const { rows } = await client.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2', ['public', model.table]);
    const defs = rows.map((r) => r.indexdef);
    const has = (cols: string, unique: boolean) =>
      defs.some((d) => d.startsWith(unique ? 'CREATE UNIQUE INDEX' : 'CREATE INDEX') && d.includes(`(${cols.split(',').join(', ')})`));
    for (const cols of model.indexes) expect(`${cols} indexed=${has(cols, false)}`).toBe(`${cols} indexed=true`);
    for (const cols of model.uniques) expect(`${cols} unique=${has(cols, true)}`).toBe(`${cols} unique=true`);
    const undeclarable = UNDECLARABLE_INDEXES[model.table] ?? [];
    for (const name of undeclarable) expect(`${name} present=${defs.some((d) => d.includes(` ${name} ON `))}`).toBe(`${name} present=true`);
    // The primary key plus the declared ones (and those the schema cannot declare), nothing undeclared.
    expect(defs.length).toBe(1 + model.indexes.length + model.uniques.length + undeclarable.length);
  });
});
