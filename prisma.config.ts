// For Prisma's own CLI on a machine that can download its engine (`npx prisma migrate deploy`,
// `npx prisma studio`): picks the schema and migrations of the provider DATABASE_URL names.
// Growthbeat itself migrates with `growthbeat migrate`, which needs no download.
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/growthbeat.db';
const provider = url.startsWith('postgres') ? 'postgres' : 'sqlite';

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
