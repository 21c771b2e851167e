// Segment and metric names are at most 200 characters on every path: chat answers with a usage message in
// the workspace's language, the shared write path (API, /kpi log) refuses with the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandUsageError } from '../../src/core/commands/command-grammar.ts';
import { chatMetric, chatSegment } from '../../src/core/commands/resolve-words.ts';
import { InputError } from '../../src/core/errors.ts';
import { t } from '../../src/core/i18n/messages.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { recordObservations } from '../../src/core/metrics/record-observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const long = `抖音${'x'.repeat(199)}`;
const usage = (run: () => unknown): CommandUsageError => {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandUsageError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
};

describe('names over 200 characters', () => {
  it('are answered in chat with the limit, in Chinese and English, quoting only their start', () => {
    const metric = usage(() => chatMetric('kpi', new MetricCatalog(), long, 'en'));
    const segment = usage(() => chatSegment('roi', [], long, 'zh-CN'));
    for (const error of [metric, segment]) {
      expect(error.key).toBe('error.nameTooLong');
      expect(error.params).toEqual({ start: long.slice(0, 30), max: 200 });
    }
    expect(t('en', metric.key, metric.params)).toBe(
      `The name "${long.slice(0, 30)}…" is longer than 200 characters; metric and channel names have at most 200`,
    );
    expect(t('zh-CN', segment.key, segment.params)).toBe(`名称“${long.slice(0, 30)}…”超过 200 个字符；指标名和渠道名最多 200 个字符`);
    // 200 is still a name (unknown here, so the usual answer; with no channels at all, how channels come).
    const known = [{ key: 'douyin', name: '抖音', aliases: [] }];
    expect(usage(() => chatSegment('roi', known, long.slice(0, 200), 'en')).key).toBe('error.unknownSegment');
    expect(usage(() => chatSegment('roi', [], long.slice(0, 200), 'en')).key).toBe('error.noChannelsYet');
  });

  describe('on the shared write path', () => {
    const database = sqliteTestDatabase();
    let store: Store;
    let ws: string;
    beforeAll(async () => {
      store = await migratedStore(database);
      ws = (await store.workspaces.ensure({ platform: 'local', externalId: 'l', name: 'L', timezone: 'UTC', locale: 'en' })).id;
    });
    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    it('are refused with the entry’s field, and nothing is stored', async () => {
      const meta = { source: 'api' as const, actor: 'test' };
      const ok = { metric: 'spend', day: '2026-11-20', value: 1 };
      const refused = await recordObservations(store, ws, [ok, { ...ok, segment: long }], meta, { allowNewSegments: true }).catch(
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(InputError);
      expect(refused).toMatchObject({
        field: 'observations.1.segment',
        line: 2,
        message: 'observations[1].segment: is longer than 200 characters',
      });
      expect(await store.segments.list(ws)).toEqual([]);
      expect(await store.observations.query(ws, { metrics: ['spend'], from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
      const name200 = long.slice(0, 200);
      await recordObservations(store, ws, [{ ...ok, segment: name200 }], meta, { allowNewSegments: true });
      expect((await store.segments.list(ws)).map((s) => s.name)).toEqual([name200]);
    });
  });
});
