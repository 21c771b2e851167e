// The meeting words of /growth: free text kept as typed, structure words in English and Chinese, mistakes
// as usage errors with their message key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandUsageError, parseCommand } from '../../src/core/commands/command-grammar.ts';
import { parseDueDay } from '../../src/core/time/due-day.ts';

const meeting = (text: string) => {
  const parsed = parseCommand('/growth', text);
  if (parsed.name !== 'growth' || parsed.action !== 'meeting') throw new Error(`not a meeting command: ${text}`);
  return parsed.meeting;
};
const usageKey = (text: string) => {
  try {
    parseCommand('/growth', text);
  } catch (error) {
    if (error instanceof CommandUsageError) return error.key;
    throw error;
  }
  return undefined;
};

describe('meeting grammar', () => {
  it('reads a note with its text as typed, Chinese commas kept', () => {
    expect(meeting('note 抖音 素材疲劳，周四换新素材')).toMatchObject({ kind: 'note', subject: '抖音', text: '素材疲劳，周四换新素材' });
    expect(meeting('备注 roi 抖音 出价太高')).toEqual({
      kind: 'note',
      subject: 'roi',
      text: '抖音 出价太高',
      next: '抖音',
      afterNext: '出价太高',
    });
    // Slack's escapes come back as the characters people typed.
    expect(meeting('note d1 onboarding &lt;3 steps &amp; faster')).toMatchObject({ text: 'onboarding <3 steps & faster' });
    expect(usageKey('note 抖音')).toBe('meeting.error.noteNeeds');
    expect(usageKey('note')).toBe('meeting.error.noteNeeds');
  });

  it('reads an action with owner, due day and metric in any order', () => {
    expect(meeting('action add cut 抖音 bids 10% owner @alice due 12-04 on roi 抖音')).toEqual({
      kind: 'action-add',
      text: 'cut 抖音 bids 10%',
      owner: { name: 'alice' },
      due: '12-04',
      on: { metric: 'roi', segment: '抖音' },
    });
    expect(meeting('行动 新增 抖音出价降 10% 负责人 <@U123|小王> 指标 roi 截止 周五')).toEqual({
      kind: 'action-add',
      text: '抖音出价降 10%',
      owner: { id: 'U123', name: '小王' },
      due: '周五',
      on: { metric: 'roi' },
    });
    // "owner" inside the text is text: the last `owner @x` starts the options.
    expect(meeting('action add ask the owner of SEM owner @bob')).toMatchObject({ text: 'ask the owner of SEM', owner: { name: 'bob' } });
    expect(usageKey('action add cut bids')).toBe('meeting.error.actionNeedsOwner');
    expect(usageKey('action add owner @bob')).toBe('meeting.error.actionNeedsText');
    expect(usageKey('action add x owner @bob soon')).toBe('error.unexpected');
    expect(usageKey('action launch x')).toBe('meeting.error.actionSub');
  });

  it('reads listing, closing and editing actions by number', () => {
    expect(meeting('actions')).toEqual({ kind: 'actions' });
    expect(meeting('action')).toEqual({ kind: 'actions' });
    expect(meeting('行动 列表')).toEqual({ kind: 'actions' });
    expect(meeting('action done #3')).toEqual({ kind: 'action-close', number: 3, status: 'done' });
    expect(meeting('行动 放弃 ３')).toEqual({ kind: 'action-close', number: 3, status: 'dropped' });
    expect(usageKey('action done three')).toBe('meeting.error.actionNumber');
    expect(usageKey('action done 0')).toBe('meeting.error.actionNumber');
    expect(meeting('action edit 2 cut bids 20% due friday')).toEqual({
      kind: 'action-edit',
      number: 2,
      text: 'cut bids 20%',
      due: 'friday',
    });
    expect(meeting('action edit 2 owner @carol on none due none')).toEqual({
      kind: 'action-edit',
      number: 2,
      owner: { name: 'carol' },
      on: null,
      due: null,
    });
    expect(usageKey('action edit 2')).toBe('meeting.error.editNeedsChange');
  });

  it('reads a decision and the metrics a closing `on` may link', () => {
    expect(meeting('decision 抖音预算转给小红书 on roi 花费')).toEqual({
      kind: 'decision',
      text: '抖音预算转给小红书 on roi 花费',
      tail: { text: '抖音预算转给小红书', metrics: ['roi', '花费'] },
    });
    expect(meeting('决定 暂停 SEM')).toEqual({ kind: 'decision', text: '暂停 SEM' });
    expect(usageKey('decision')).toBe('meeting.error.decisionNeedsText');
  });

  it('takes a typed "<@U1>" (escaped by Slack) as text, never as a person', () => {
    expect(usageKey('action add x owner &lt;@U1&gt;')).toBe('meeting.error.actionNeedsOwner');
    expect(meeting('note 抖音 ask &lt;@U1&gt; about it')).toMatchObject({ text: 'ask <@U1> about it' });
  });

  it('never crashes on arbitrary text after a meeting word: a command or a usage error', () => {
    const words = ['note', '备注', 'action', 'action add', 'action edit 1', 'action done', '行动 新增', 'actions', 'decision', '决定'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.string({ maxLength: 120 }), (word, text) => {
        try {
          parseCommand('/growth', `${word} ${text}`);
        } catch (error) {
          expect(error).toBeInstanceOf(CommandUsageError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves the other /growth words to their own grammar', () => {
    expect(parseCommand('/growth', 'members')).toEqual({ name: 'growth', action: 'members' });
    expect(usageKey('notes 抖音')).toBe('error.unknownAction');
  });
});

describe('due days', () => {
  // 2026-11-30 is a Monday.
  const today = '2026-11-30';
  it('reads dates, month-days, relative words and weekdays', () => {
    expect(parseDueDay('2026-12-04', today)).toBe('2026-12-04');
    expect(parseDueDay('12-04', today)).toBe('2026-12-04');
    expect(parseDueDay('12月4日', today)).toBe('2026-12-04');
    expect(parseDueDay('1/5', today)).toBe('2027-01-05');
    expect(parseDueDay('明天', today)).toBe('2026-12-01');
    expect(parseDueDay('friday', today)).toBe('2026-12-04');
    expect(parseDueDay('周五', today)).toBe('2026-12-04');
    // Monday: the next Monday is a week away; 下周五 is Friday of next week.
    expect(parseDueDay('周一', today)).toBe('2026-12-07');
    expect(parseDueDay('下周五', today)).toBe('2026-12-11');
    expect(parseDueDay('someday', today)).toBeUndefined();
    expect(parseDueDay('02-30', today)).toBeUndefined();
  });
});
