// Child process: the retail log through import-events plus its monthly cohort matrix, reporting
// seconds and the process's peak RSS. Run by bench/run.ts so the RSS is this work's alone.
import { cohortMatrix } from '../src/core/cohorts/cohort-matrix.ts';
import { importEventFile } from '../src/ingest/import-events.ts';
import { createStore } from '../src/store/create-store.ts';
import { parseDatabaseUrl } from '../src/store/database-url.ts';
import { migrateDatabase } from '../src/store/migrations/migrate.ts';

const [file, url] = process.argv.slice(2) as [string, string];
await migrateDatabase(parseDatabaseUrl(url));
const store = await createStore(url);
const ws = await store.workspaces.ensure({
  platform: 'local',
  externalId: 'retail',
  name: 'retail',
  timezone: 'Europe/London',
  locale: 'en',
});
const t0 = performance.now();
const summary = await importEventFile(
  store,
  ws,
  file,
  { user: 'CustomerID', time: 'InvoiceDate', segment: 'Country', revenue: 'Quantity * UnitPrice' },
  { actor: 'bench' },
);
const importMs = performance.now() - t0;
const t1 = performance.now();
const matrix = cohortMatrix(await store.activity.scan(ws.id), 'month', summary.to as string);
const matrixMs = performance.now() - t1;
await store.close();
process.stdout.write(
  JSON.stringify({
    events: summary.records,
    userDays: summary.userDays,
    cohorts: matrix.cohorts.length,
    importSeconds: importMs / 1000,
    matrixSeconds: matrixMs / 1000,
    totalSeconds: (importMs + matrixMs) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
