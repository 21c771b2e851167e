import { loadConfig } from '../../config/load-config.ts';
import { parseDatabaseUrl } from '../../store/database-url.ts';
import { migrateDatabase } from '../../store/migrations/migrate.ts';
import type { CliCommand } from '../command.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary:
    'Apply the pending database migrations (SQLite or PostgreSQL, from DATABASE_URL) with Prisma’s WASM schema engine: works offline, and a second run changes nothing.',
  usage: 'growthbeat migrate [--json]',
  examples: ['growthbeat migrate', 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/growthbeat growthbeat migrate --json'],
  options: { json: { type: 'boolean', description: 'print the result as JSON' } },
  async run({ values }, io) {
    const config = loadConfig(io.env);
    const target = parseDatabaseUrl(config.databaseUrl);
    const result = await migrateDatabase(target);
    if (values.json) io.out(`${JSON.stringify({ database: target.kind, ...result })}\n`);
    else if (result.applied.length === 0) io.out(`${target.kind}: the database is up to date (${result.total} migrations)\n`);
    else io.out(`${target.kind}: applied ${result.applied.length} migration(s): ${result.applied.join(', ')}\n`);
    return 0;
  },
};
