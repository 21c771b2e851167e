import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { recordObservations } from '../../src/core/metrics/record-observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { closestNames, editDistance } from '../../src/core/text/closest-names.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let ws: string;
beforeAll(async () => {
  store = await migratedStore(database);
  ws = (await store.workspaces.ensure({ platform: 'slack', externalId: 'T', name: 'T', timezone: 'Asia/Shanghai', locale: 'zh-CN' })).id;
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('the single-value write path (chat /kpi log)', () => {
  const meta = { source: 'chat', actor: 'member-1' };

  it('resolves aliases, accepts a known channel, and is idempotent', async () => {
    const entry = { metric: '花费', segment: '抖音', day: '2026-11-20', value: 12000 };
    expect(await recordObservations(store, ws, [entry], meta, { allowNewSegments: false })).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(await recordObservations(store, ws, [{ ...entry, segment: 'douyin' }], meta, { allowNewSegments: false })).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1,
    });
    expect((await store.segments.list(ws)).map((s) => s.key)).toEqual(['douyin']);
  });

  it('refuses a derived metric, an unknown segment in chat, and a misspelt metric with a suggestion', async () => {
    await expect(
      recordObservations(store, ws, [{ metric: 'CAC', day: '2026-11-20', value: 80 }], meta, {
        allowNewSegments: false,
        fieldPrefix: 'kpi',
      }),
    ).rejects.toThrow('kpi[0].metric: cac is computed from spend, new_users; send those instead');
    await expect(
      recordObservations(store, ws, [{ metric: 'spend', segment: 'tiktok-us', day: '2026-11-20', value: 1 }], meta, {
        allowNewSegments: false,
      }),
    ).rejects.toThrow(/unknown segment "tiktok-us"; known: 抖音/);
    expect(() => new MetricCatalog().require('rio')).toThrow('unknown metric "rio"; did you mean roi?');
    expect(() => new MetricCatalog().require('spnd')).toThrow(/did you mean spend/);
    expect(
      await store.observations.query(ws, { metrics: ['spend'], segments: ['tiktok_us'], from: '2026-01-01', to: '2026-12-31' }),
    ).toEqual([]);
  });

  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestNames('revnue', ['revenue', 'spend', 'retention_d1'])).toEqual(['revenue']);
  });
});
