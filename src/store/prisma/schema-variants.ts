/** The PostgreSQL schema is the SQLite schema with another provider and client output; nothing else differs. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const out = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../../src/generated/sqlite"', 'output       = "../../src/generated/postgres"')
    .replace(/^\/\/ Growthbeat data model\. This SQLite schema is the source of truth:[\s\S]*?\n\n/m, '');
  return `// GENERATED from prisma/sqlite/schema.prisma by \`npm run prisma:generate\`: edit that file, not this one.\n\n${out}`;
}
