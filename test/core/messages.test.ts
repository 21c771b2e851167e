import { describe, expect, it } from 'vitest';
import { ALERT_MESSAGES } from '../../src/core/i18n/alert-messages.ts';
import { DELIVERY_MESSAGES } from '../../src/core/i18n/delivery-messages.ts';
import { DIGEST_MESSAGES } from '../../src/core/i18n/digest-messages.ts';
import { ERROR_MESSAGES } from '../../src/core/i18n/error-messages.ts';
import { FEISHU_MESSAGES } from '../../src/core/i18n/feishu-messages.ts';
import { MEMBER_MESSAGES } from '../../src/core/i18n/member-messages.ts';
import { COMMAND_MESSAGES, t } from '../../src/core/i18n/messages.ts';
import { METRIC_MESSAGES } from '../../src/core/i18n/metric-messages.ts';

const AREAS: Record<string, Record<string, Record<string, string>>> = {
  commands: COMMAND_MESSAGES,
  alerts: ALERT_MESSAGES,
  digest: DIGEST_MESSAGES,
  feishu: FEISHU_MESSAGES,
  delivery: DELIVERY_MESSAGES,
  errors: ERROR_MESSAGES,
  members: MEMBER_MESSAGES,
  metrics: METRIC_MESSAGES,
};

describe('the message catalog', () => {
  it('defines every key once across the area files', () => {
    const seen = new Map<string, string>();
    for (const [area, messages] of Object.entries(AREAS))
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} is defined in ${seen.get(key)} and ${area}`).toBeUndefined();
        seen.set(key, area);
      }
    expect(seen.size).toBeGreaterThan(50);
  });

  it('has both languages for every sentence, with the same placeholders', () => {
    for (const messages of Object.values(AREAS))
      for (const [key, text] of Object.entries(messages)) {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(text['zh-CN'], key).toBeTruthy();
        expect(text.en, key).toBeTruthy();
        expect(names(text['zh-CN'] as string), key).toEqual(names(text.en as string));
      }
  });

  it('carries no platform’s markup: bold is **…** and code `…` (turned into marks), never Slack’s or Feishu’s syntax', () => {
    const slackOrFeishu: [RegExp, string][] = [
      [/(^|[^*])\*[^*\s][^*\n]*\*(?!\*)/, 'Slack *bold*'],
      [/(^|\s)_[^_\s][^_\n]*_(\s|$)/, 'Slack _italic_'],
      [/(^|\s)~[^~\s][^~\n]*~(\s|$)/, 'Slack ~strike~'],
      [/<[@!][A-Za-z0-9]|<#[A-Z0-9]+\|/, 'a Slack mention or channel link'],
      [/&(lt|gt|amp|#\d+);/, 'an HTML entity'],
      [/<at\b|<font\b/, 'a Feishu tag'],
      [/:[a-z0-9_+-]+:/, 'an emoji shortcode (Feishu reads :CODE: its own way)'],
    ];
    for (const messages of Object.values(AREAS))
      for (const [key, text] of Object.entries(messages))
        for (const sentence of Object.values(text))
          for (const [pattern, what] of slackOrFeishu)
            expect(pattern.test(sentence.replace(/`[^`]*`/g, '')), `${key}: ${what} in "${sentence}"`).toBe(false);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'settings.saved', { what: 'Time zone', value: 'Asia/Shanghai' })).toBe('Saved: Time zone = Asia/Shanghai');
    expect(t('zh-CN', 'settings.saved', { what: '时区' })).toBe('已保存：时区 = {value}');
  });
});
