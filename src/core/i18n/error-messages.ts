import type { Locale } from './locale.ts';

// What a failure tells a person (core/explain.ts picks one), in Simplified Chinese and English.
export const ERROR_MESSAGES = {
  'error.internal': { 'zh-CN': '出错了，已记录日志。请稍后再试。', en: 'Something went wrong; it has been logged. Please try again.' },
  'error.conflict': {
    'zh-CN': '有人同时改动了同一项内容，请刷新后再试。',
    en: 'Someone changed the same thing at the same moment; refresh and try again.',
  },
  'error.rateLimited': { 'zh-CN': '平台请求过于频繁，请稍后再试。', en: 'The platform asked us to slow down; please try again shortly.' },
  'error.platform': {
    'zh-CN': '聊天平台暂时没有响应，请稍后再试。',
    en: 'The chat platform did not answer as expected; please try again shortly.',
  },
} as const satisfies Record<string, Record<Locale, string>>;
