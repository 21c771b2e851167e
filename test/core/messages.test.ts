import { describe, expect, it } from 'vitest';
import { ALERT_MESSAGES } from '../../src/core/i18n/alert-messages.ts';
import { DIGEST_MESSAGES } from '../../src/core/i18n/digest-messages.ts';
import { FEISHU_MESSAGES } from '../../src/core/i18n/feishu-messages.ts';
import { COMMAND_MESSAGES, t } from '../../src/core/i18n/messages.ts';

const AREAS: Record<string, Record<string, Record<string, string>>> = {
  commands: COMMAND_MESSAGES,
  alerts: ALERT_MESSAGES,
  digest: DIGEST_MESSAGES,
  feishu: FEISHU_MESSAGES,
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

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'settings.saved', { what: 'Time zone', value: 'Asia/Shanghai' })).toBe('Saved: Time zone = Asia/Shanghai');
    expect(t('zh-CN', 'settings.saved', { what: '时区' })).toBe('已保存：时区 = {value}');
  });
});
