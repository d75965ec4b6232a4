import { defineConfig } from 'prisma/config';

// Prisma 7 reads the connection from here, not from schema.prisma. Generation
// needs no database; migrations are applied by infra/migrate (offline) or by
// `prisma migrate deploy` where the schema engine can be had.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://unused@localhost/unused' },
});
