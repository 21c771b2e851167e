// The cached observation index and cohort matrix always equal a recomputation from the database, after every kind
// of write (chat/API, CSV, event import, delete, channel merge), including a write by another replica (a second store on the same database): a property over random
// sequences of writes, on SQLite and on PostgreSQL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedCohorts } from '../../src/core/cohorts/cohort-cache.ts';
import { cohortMatrix } from '../../src/core/cohorts/cohort-matrix.ts';
import { deleteObservations } from '../../src/core/metrics/delete-observations.ts';
import { loadCatalog } from '../../src/core/metrics/load-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import { loadIndex } from '../../src/core/metrics/query-metric.ts';
import { writeObservations } from '../../src/core/observations/write-observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { createStore } from '../../src/store/create-store.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS } from '../helpers/test-databases.ts';

const METRICS = ['spend', 'revenue', 'new_users'];
const SEGMENTS = ['', 'douyin', 'kuaishou'];
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'];
const PERIODS = [
  { kind: 'custom' as const, label: '11-01..11-04', from: '2026-11-01', to: '2026-11-04', complete: true },
  { kind: 'custom' as const, label: '11-02..11-03', from: '2026-11-02', to: '2026-11-03', complete: true },
];

/** Everything an index answers for the metrics, in a form `toEqual` compares. */
function contents(index: ObservationIndex) {
  return METRICS.map((m) => ({
    m,
    days: index.daysIn(m, '2000-01-01', '2100-01-01').map((d) => [d, [...(index.valuesOn(m, d) ?? new Map())].sort()]),
    last: index.lastDay(m),
  }));
}

const row = fc.record({
  metric: fc.constantFrom(...METRICS),
  segment: fc.constantFrom(...SEGMENTS),
  day: fc.constantFrom(...DAYS),
  value: fc.integer({ min: 0, max: 50 }),
});
const uniqueRows = fc.uniqueArray(row, { minLength: 1, maxLength: 6, selector: (r) => `${r.metric}/${r.segment}/${r.day}` });
const write = fc.oneof(
  fc.record({ kind: fc.constant('chat-or-api' as const), replica: fc.constantFrom(0, 1), rows: uniqueRows }),
  fc.record({ kind: fc.constant('csv' as const), replica: fc.constantFrom(0, 1), rows: uniqueRows }),
  fc.record({
    kind: fc.constant('events' as const),
    replica: fc.constantFrom(0, 1),
    users: fc.uniqueArray(fc.record({ user: fc.constantFrom('u1', 'u2', 'u3'), day: fc.constantFrom(...DAYS) }), {
      minLength: 1,
      maxLength: 4,
      selector: (u) => `${u.user}/${u.day}`,
    }),
    file: fc.constantFrom('a.csv', 'b.csv'),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    replica: fc.constantFrom(0, 1),
    metric: fc.constantFrom(...METRICS),
    segment: fc.constantFrom(...SEGMENTS),
    day: fc.constantFrom(...DAYS),
  }),
  fc.record({ kind: fc.constant('merge' as const), replica: fc.constantFrom(0, 1) }),
);

for (const provider of PROVIDERS) {
  describe(`cached answers equal a recomputation (${provider.kind})`, () => {
    let skip = false;
    let replicas: Store[] = [];
    let drop = async () => {};
    let dir = '';

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      const database = await provider.create();
      drop = () => database.drop();
      replicas = [await migratedStore(database), await createStore(database.url)];
      dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'gb-cache-'));
    });
    afterAll(async () => {
      for (const s of replicas) await s.close();
      await drop();
    });

    it('after every write of every kind, on either replica', async (ctx) => {
      if (skip) return ctx.skip();
      const [a] = replicas as [Store, Store];
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
          const ws = await a.workspaces.ensure({ platform: 'local', externalId: `run-${run++}`, name: 'w', timezone: 'UTC', locale: 'en' });
          const catalog = await loadCatalog(a.metrics, ws.id);
          let n = 0;
          for (const w of writes) {
            const store = replicas[w.replica] as Store;
            const meta = { source: 'api', actor: 'test' };
            if (w.kind === 'chat-or-api') await writeObservations(store, ws.id, w.rows, meta, new Date());
            else if (w.kind === 'csv') {
              const path = join(dir, `obs-${run}-${n++}.csv`);
              writeFileSync(
                path,
                `date,segment,metric,value\n${w.rows.map((r) => `${r.day},${r.segment},${r.metric},${r.value}`).join('\n')}\n`,
              );
              await importObservationFile(store, ws.id, path, { actor: 'test' });
            } else if (w.kind === 'delete') {
              const filter = { metrics: [w.metric], segments: [w.segment], from: w.day, to: w.day };
              await deleteObservations(store, ws.id, filter, meta, new Date());
            } else if (w.kind === 'merge') {
              // A channel merged into another (/growth channels remove … into …), where they do not overlap.
              const overlap = await store.observations.query(ws.id, {
                metrics: METRICS,
                segments: ['kuaishou', 'douyin'],
                from: DAYS[0] as string,
                to: DAYS[3] as string,
              });
              const keys = new Set(overlap.filter((o) => o.segment === 'douyin').map((o) => `${o.metric}/${o.day}`));
              if (!overlap.some((o) => o.segment === 'kuaishou' && keys.has(`${o.metric}/${o.day}`)))
                await store.observations.moveSegment(ws.id, 'kuaishou', 'douyin', 'test');
            } else {
              const days = w.users.map((u) => ({ userKey: u.user, day: u.day, segment: 'douyin', events: 1, revenue: 1 }));
              await store.activity.upsertDays(ws.id, days, { source: 'events', sourceRef: w.file, actor: 'test' });
            }
            // Replica A answers from its cache; the truth is read afresh.
            for (const period of PERIODS) {
              const cached = await loadIndex(a.observations, ws.id, catalog, ['roi', 'new_users'], [period]);
              const again = await loadIndex(a.observations, ws.id, catalog, ['roi', 'new_users'], [period]);
              expect(again).toBe(cached); // served from the cache, not rebuilt
              const truth = new ObservationIndex(await a.observations.query(ws.id, { metrics: METRICS, from: period.from, to: period.to }));
              expect(contents(cached)).toEqual(contents(truth));
            }
            const cohorts = await cachedCohorts(a.activity, ws.id, { grain: 'day' });
            const scanned = await a.activity.scan(ws.id);
            if (scanned.length === 0) expect(cohorts).toBeUndefined();
            else {
              const last = scanned.reduce((m, d) => (d.day > m ? d.day : m), '');
              expect(cohorts).toEqual({ matrix: cohortMatrix(scanned, 'day', last), lastDay: last });
            }
          }
        }),
        { numRuns: 12 },
      );
    });
  });
}
