// The anomaly rule: its words, its evaluation per channel and on the total, small channels quiet, the bad
// direction by default, and the 90-day backtest, on generated channels with weekly seasonality and the calendar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestRule, backtestText, draftRule } from '../../src/core/alerts/backtest.ts';
import { describeCondition } from '../../src/core/alerts/describe-rule.ts';
import { type EvaluationInput, evaluateRule } from '../../src/core/alerts/evaluate-rule.ts';
import { parseRuleSpec } from '../../src/core/alerts/rule-grammar.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommandText } from '../../src/core/commands/run-command.ts';
import { MetricCatalog } from '../../src/core/metrics/metric-catalog.ts';
import { ObservationIndex } from '../../src/core/metrics/observation-index.ts';
import type { AlertRule, RuleParams } from '../../src/core/ports/alerts.ts';
import type { ObservationInput } from '../../src/core/ports/observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { segmentName } from '../../src/core/segments/resolve-segment.ts';
import { HolidayCalendar } from '../../src/core/time/holiday-calendar.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { normal, seasonalSeries, seededRandom } from '../helpers/seasonal-series.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const catalog = new MetricCatalog();
const rule = (params: RuleParams, scope: AlertRule['scope'] = 'each'): AlertRule =>
  draftRule({ id: 'r1', workspaceId: 'w', name: 'roi anomaly', metric: 'roi', scope, params });
const medium: RuleParams = { type: 'anomaly', sensitivity: 'medium', direction: 'bad' };

// Spend follows the calendar (weekly seasonality, holidays, peaks); revenue is 1.5× spend with 3% noise, so ROI
// is about 50% every day. Injected: 抖音's revenue falls 40% on 3 Nov, SEM's on 19 Nov, SEM's rises 60% on 14 Oct.
// "tiny" spends about 1% of the total with wild revenue, and a crash on 3 Nov too.
const FALLS: Record<string, Record<string, number>> = {
  douyin: { '2026-11-03': 0.6 },
  sem: { '2026-11-19': 0.6, '2026-10-14': 1.6 },
  tiny: { '2026-11-03': 0.1 },
};
function rows(): ObservationInput[] {
  const out: ObservationInput[] = [];
  const levels: Record<string, number> = { douyin: 10_000, sem: 8_000, tiny: 200 };
  Object.entries(levels).forEach(([segment, level], k) => {
    const spend = seasonalSeries({ from: '2025-06-01', to: '2026-11-30', seed: 11 + k, level });
    const random = seededRandom(101 + k);
    for (const [day, s] of spend) {
      const noise = segment === 'tiny' ? 0.3 : 0.03;
      const revenue = s * 1.5 * (1 + noise * normal(random)) * (FALLS[segment]?.[day] ?? 1);
      out.push({ metric: 'spend', segment, day, value: s }, { metric: 'revenue', segment, day, value: revenue });
    }
  });
  return out;
}
const data = rows();
const input = (day: string): EvaluationInput => ({
  catalog,
  index: new ObservationIndex(data),
  day,
  targets: {},
  calendar: new HolidayCalendar(),
  minShare: 0.05,
  series: new Map(),
});

describe('the anomaly rule’s words', () => {
  const percent = () => true;
  it('reads the defaults, every option in English and Chinese, and refuses a bad option', () => {
    expect(parseRuleSpec(['roi', 'each', 'anomaly'], 'add', percent)).toMatchObject({ segment: 'each', params: medium });
    expect(parseRuleSpec('roi each anomaly sensitivity high direction any min 5%'.split(' '), 'add', percent).params).toEqual({
      type: 'anomaly',
      sensitivity: 'high',
      direction: 'any',
      min: 0.05,
    });
    expect(parseRuleSpec('roi 每个渠道 异常 灵敏度 低 方向 双向 至少 5'.split(' '), 'add', percent).params).toEqual({
      type: 'anomaly',
      sensitivity: 'low',
      direction: 'any',
      min: 0.05,
    });
    expect(parseRuleSpec('roi anomaly severity critical'.split(' '), 'add', percent).options.severity).toBe('critical');
    expect(() => parseRuleSpec('roi anomaly sensitivity extreme'.split(' '), 'add', percent)).toThrow();
    expect(() => parseRuleSpec('roi anomaly min lots'.split(' '), 'add', percent)).toThrow();
    expect(describeCondition(rule(medium), catalog.get('roi'), 'en')).toContain('is unusual for the day');
    expect(describeCondition(rule(medium), catalog.get('roi'), 'zh-CN')).toContain('出现异常');
  });
});

describe('evaluating an anomaly rule', () => {
  it('fires on 抖音’s crash with the expected ROI and range, and keeps the tiny channel quiet', () => {
    const findings = evaluateRule(rule(medium), input('2026-11-03'));
    const douyin = findings.find((f) => f.subject === 'douyin');
    expect(douyin).toMatchObject({ status: 'failing', valueDay: '2026-11-03', anomaly: { reason: 'weekday' } });
    // ROI is about 50%; the crash leaves it near 0.6·1.5 − 1 = −10%.
    expect(douyin?.anomaly?.expected).toBeGreaterThan(0.45);
    expect(douyin?.anomaly?.expected).toBeLessThan(0.55);
    expect(douyin?.value).toBeLessThan(douyin?.anomaly?.low as number);
    expect(findings.find((f) => f.subject === 'sem')?.status).toBe('ok');
    // tiny's ROI fell 90% but it spends ~1% of the total: quiet.
    expect(findings.find((f) => f.subject === 'tiny')?.status).toBe('ok');
  });

  it('on the total, says 抖音 moved it', () => {
    const [total] = evaluateRule(rule(medium, 'total'), input('2026-11-03'));
    expect(total?.status).toBe('failing');
    expect(total?.why?.named[0]).toBe('douyin');
  });

  it('backtests 90 days: two fires in the bad direction, three in any; nothing from the tiny channel', () => {
    const bad = backtestRule(rule(medium), input('2026-11-30'));
    expect(bad.fires.map((f) => `${f.day} ${f.subject}`)).toEqual(['2026-11-03 douyin', '2026-11-19 sem']);
    expect(backtestText(bad, 'en', (s) => s)).toBe('Backtest: over the last 90 days it would have fired 2 times: 11-03 douyin, 11-19 sem');
    const any = backtestRule(rule({ ...medium, direction: 'any' }), input('2026-11-30'));
    expect(any.fires.map((f) => `${f.day} ${f.subject}`)).toEqual(['2026-10-14 sem', '2026-11-03 douyin', '2026-11-19 sem']);
    // A minimum change larger than any of the falls keeps the rule quiet.
    expect(backtestRule(rule({ ...medium, min: 2 }), input('2026-11-30')).fires).toEqual([]);
  });

  it('with less than 4 weeks of history, says so and stays quiet', () => {
    const young = data.filter((r) => r.day >= '2026-11-10');
    const result = backtestRule(rule(medium), { ...input('2026-11-30'), index: new ObservationIndex(young), series: new Map() });
    expect(result.fires).toEqual([]);
    // tiny is quiet for its size before its history is looked at.
    expect(result.young.sort()).toEqual(['douyin', 'sem']);
    expect(backtestText(result, 'zh-CN', (s) => s)).toBe(
      '回测：过去 90 天这条规则一次也不会触发。（douyin、sem 的历史不足 4 周，暂不判断）',
    );
  });
});

describe('/alerts rule add … anomaly', () => {
  const database = sqliteTestDatabase();
  let store: Store;
  let admin: CommandContext;
  beforeAll(async () => {
    store = await migratedStore(database);
    const a = await identifyCaller(store, { platform: 'slack', teamId: 'TA', userId: 'UA' }, { timezone: 'Asia/Shanghai', locale: 'en' });
    admin = { store, ...a, now: new Date('2026-12-01T04:00:00Z') };
    await store.observations.upsert(a.workspace.id, data, { source: 'csv', actor: 'test' });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('answers with how often the rule would have fired over the last 90 days', async () => {
    const view = await runCommandText(admin, 'alerts rule add roi each anomaly');
    const text = JSON.stringify(view.elements);
    const [d, s] = [segmentName('douyin', 'en'), segmentName('sem', 'en')];
    expect(text).toContain(`would have fired 2 times: 11-03 ${d}, 11-19 ${s}`);
    const rules = await store.alerts.listRules(admin.workspace.id);
    expect(rules.at(-1)?.params).toEqual(medium);
  });
});
