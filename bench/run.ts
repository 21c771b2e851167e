// npm run bench: writes bench/results/<date>.json and prints a summary. Targets (issue 3):
// store ingest >= 50% of the raw driver's rows/s; retail log + monthly cohorts < 30 s and < 500 MB peak RSS.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteDb } from './bench-databases.ts';
import { benchPostgresIngest, benchSqliteIngest } from './ingest.bench.ts';

const root = join(import.meta.dirname, '..');
const rows = Number(process.env.BENCH_ROWS ?? 200_000);
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
};

console.log(`ingest: ${rows} observation rows`);
results.ingestSqlite = await benchSqliteIngest(rows);
console.log('  sqlite  ', results.ingestSqlite);
results.ingestPostgres = await benchPostgresIngest(rows);
console.log('  postgres', results.ingestPostgres);

const retail = join(root, '../shared/datasets/online_retail_uci_2010_2011.csv.gz');
if (existsSync(retail)) {
  const db = sqliteDb();
  const out = execFileSync(process.execPath, [join(root, 'bin/run-ts.js'), join(root, 'bench/retail-cohorts.bench.ts'), retail, db.url], {
    encoding: 'utf8',
  });
  db.drop();
  results.retailCohorts = JSON.parse(out);
  console.log('retail log → monthly cohorts', results.retailCohorts);
} else results.retailCohorts = { skipped: 'dataset absent' };

mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written ${file}`);
