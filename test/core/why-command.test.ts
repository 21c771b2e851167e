// `/kpi why`: the total's change split into each channel's rate and mix, over a real SQLite store, numbers by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommandText } from '../../src/core/commands/run-command.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let en: CommandContext;
let zh: CommandContext;
// Sunday 22 Nov 2026 in Shanghai: W47 (16–22 Nov) is still running, so last week is W46 (9–15 Nov).
const NOW = new Date('2026-11-22T04:00:00Z');
const text = (v: View) => v.elements.map((e) => ('text' in e ? e.text : '')).join('\n');

beforeAll(async () => {
  store = await migratedStore(database);
  const a = await identifyCaller(store, { platform: 'slack', teamId: 'TW', userId: 'U1' }, { timezone: 'Asia/Shanghai', locale: 'en' });
  en = { store, ...a, now: NOW };
  const b = await identifyCaller(store, { platform: 'slack', teamId: 'TZ', userId: 'U2' }, { timezone: 'Asia/Shanghai', locale: 'zh-CN' });
  zh = { store, ...b, now: NOW };
  // W45 (2–8 Nov): a spends 100 and earns 200, b spends 100 and earns 300. W46: a 100 → 150, b 300 → 900.
  const rows = [
    ['2026-11-02', 'a', 100, 200],
    ['2026-11-02', 'b', 100, 300],
    ['2026-11-09', 'a', 100, 150],
    ['2026-11-09', 'b', 300, 900],
  ].flatMap(([day, segment, spend, revenue]) => [
    { metric: 'spend', segment: segment as string, day: day as string, value: spend as number },
    { metric: 'revenue', segment: segment as string, day: day as string, value: revenue as number },
  ]);
  for (const ctx of [en, zh]) await store.observations.upsert(ctx.workspace.id, rows, { source: 'csv', actor: 'test' });
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('/kpi why', () => {
  it('names the channel whose share grew, and splits the one whose own ROI fell into rate and mix', async () => {
    const out = text(await runCommandText(en, 'kpi why roi'));
    // ROI (500−200)/200 = 150.0% → (1050−400)/400 = 162.5%: +12.5 pp.
    expect(out).toContain('ROI from 150.0% to 162.5% (+12.5pp, 2026-11-09…2026-11-15 against 2026-11-02…2026-11-08)');
    // b: share ½ → ¾ at ROI 200%: +50.0 pp, all mix. a: ROI 100% → 50% at average share 3/8: −18.75 pp; share −¼ at 75%: −18.75 pp.
    expect(out).toContain('b +50.0pp (own ROI ±0.0pp · share +50.0pp)');
    expect(out).toMatch(/a −37\.5pp \(own ROI −18\.8pp · share −18\.8pp\)/);
    expect(out).toContain('Mostly b');
    expect(out.indexOf('b +50.0pp')).toBeLessThan(out.indexOf('a −37.5pp'));
  });

  it('answers in Chinese to 为什么, and says when a metric cannot be split or has no value', async () => {
    const out = text(await runCommandText(zh, 'kpi 为什么 roi 上周'));
    expect(out).toContain('为什么变化');
    expect(out).toContain('b +50.0个百分点');
    expect(text(await runCommandText(en, 'kpi why stickiness'))).toContain('cannot be split by channel');
    expect(text(await runCommandText(en, 'kpi why roi 2026-W40'))).toContain('has no value (n/a)');
  });

  it('asks for a metric, and refuses a word that is not a period', async () => {
    expect(text(await runCommandText(en, 'kpi why'))).toContain('/kpi why roi last-week');
    expect(text(await runCommandText(en, 'kpi why roi sometime'))).toContain('"sometime" is not a period');
  });
});
