import { Client } from 'pg';
import { AuthorityService } from '../../apps/api/src/authority/authority.service';
import type { RegistrarsService } from '../../apps/api/src/authority/registrars.service';
import { createPrismaClient } from '../../libs/db/prisma';
import { createTestDatabase } from './db';

/**
 * An AuthorityService over a fresh test database, and a pg client to enter rows straight into PostgreSQL as a
 * registrar's would be; `close` ends both and drops the database.
 */
export async function authorityOverTestDatabase() {
  const db = await createTestDatabase();
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const prisma = createPrismaClient(db.url);
  const authority = new AuthorityService(prisma, {} as RegistrarsService);
  const close = async () => {
    await prisma.$disconnect();
    await client.end();
    await db.drop();
  };
  return { db, client, prisma, authority, close };
}
