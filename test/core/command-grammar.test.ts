import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand, tokenize } from '../../src/core/commands/command-grammar.ts';
import { CommandUsageError } from '../../src/core/text/usage-error.ts';

describe('the command grammar', () => {
  it('reads /roi in Chinese and English, in any order', () => {
    expect(parseCommand('/roi', '抖音 上周')).toEqual({ name: 'roi', segment: '抖音', period: '上周' });
    expect(parseCommand('/roi', 'douyin last week')).toEqual({ name: 'roi', segment: 'douyin', period: 'last-week' });
    expect(parseCommand('/roi', '30d all')).toEqual({ name: 'roi', segment: undefined, period: '30d' });
    expect(parseCommand('/roi', '2026-11-01..2026-11-15 sem')).toEqual({ name: 'roi', segment: 'sem', period: '2026-11-01..2026-11-15' });
    expect(parseCommand('/roi', '')).toEqual({ name: 'roi', segment: undefined, period: undefined });
    expect(parseCommand('/ROI', '近 7 天')).toEqual({ name: 'roi', segment: undefined, period: '近7天' });
    expect(parseCommand('/roi', 'last 7 days')).toEqual({ name: 'roi', segment: undefined, period: '7d' });
  });

  it('reads /retention modes and /kpi actions', () => {
    expect(parseCommand('/retention', 'd7 小红书 30d')).toEqual({ name: 'retention', mode: 'd7', segment: '小红书', period: '30d' });
    expect(parseCommand('/retention', '次留')).toMatchObject({ mode: 'd1' });
    expect(parseCommand('/retention', 'cohorts')).toMatchObject({ mode: 'cohorts' });
    expect(parseCommand('/retention', '')).toMatchObject({ mode: 'overview' });
    expect(parseCommand('/kpi', 'log spend 12000 douyin 2026-11-20')).toEqual({
      name: 'kpi',
      action: 'log',
      metric: 'spend',
      value: '12000',
      segment: 'douyin',
      day: '2026-11-20',
    });
    expect(parseCommand('/kpi', '记录 花费 １２０００ 抖音')).toEqual({
      name: 'kpi',
      action: 'log',
      metric: '花费',
      value: '12000',
      segment: '抖音',
      day: undefined,
    });
    expect(parseCommand('/kpi', 'show "new users" 上月')).toEqual({
      name: 'kpi',
      action: 'show',
      metric: 'new users',
      segment: undefined,
      period: '上月',
    });
    expect(parseCommand('/kpi', 'list')).toEqual({ name: 'kpi', action: 'list' });
    expect(parseCommand('/growth', 'owners roi <@U123|alice>')).toEqual({ name: 'growth', action: 'owners', metric: 'roi', owner: 'U123' });
    expect(parseCommand('/growth', '设置 语言 en')).toEqual({ name: 'growth', action: 'settings', key: 'language', value: 'en' });
    expect(parseCommand('/growth', '')).toEqual({ name: 'growth', action: 'help' });
  });

  it('folds full-width forms and Chinese punctuation', () => {
    expect(tokenize('抖音，上周；')).toEqual(['抖音', '上周']);
    expect(tokenize('ｌｏｇ　spend')).toEqual(['log', 'spend']);
  });

  it.each([
    ['/roi', 'douyin sem', 'error.unexpected'],
    ['/kpi', 'log spend', 'error.kpiLogNeeds'],
    ['/kpi', '', 'error.kpiAction'],
    ['/kpi', 'delete spend', 'error.unknownAction'],
    ['/growth', 'owners roi alice', 'error.notMention'],
    ['/growth', 'settings colour blue', 'error.settingsTakes'],
    ['/nope', '', 'error.unknownCommand'],
    ['/roi', 'x'.repeat(600), 'error.tooLong'],
  ])('answers %s %s with %s', (cmd, text, key) => {
    try {
      parseCommand(cmd, text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CommandUsageError);
      expect((error as CommandUsageError).key).toBe(key);
    }
  });

  it('never crashes on arbitrary text: a command or a usage error', () => {
    fc.assert(
      fc.property(fc.constantFrom('/roi', '/retention', '/kpi', '/alerts', '/growth'), fc.string({ maxLength: 120 }), (cmd, text) => {
        try {
          parseCommand(cmd, text);
        } catch (error) {
          expect(error).toBeInstanceOf(CommandUsageError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
