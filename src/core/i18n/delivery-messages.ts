import type { Locale } from './locale.ts';

// Every user-facing sentence about delivery (the outbox relay's notices to admins), in Simplified Chinese and English.
export const DELIVERY_MESSAGES = {
  'delivery.failed': {
    'zh-CN': '⚠️ 一条消息无法送达 {channel}：{reason}。用 growthbeat outbox list 查看，修好后 growthbeat outbox retry 重发。',
    en: '⚠️ A message could not be delivered to {channel}: {reason}. See growthbeat outbox list; after fixing it, growthbeat outbox retry sends it again.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
