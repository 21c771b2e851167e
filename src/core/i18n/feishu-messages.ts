import type { Locale } from './locale.ts';

// Every user-facing sentence of the Feishu / Lark adapter, in Simplified Chinese and English.
export const FEISHU_MESSAGES = {
  'feishu.updated': { 'zh-CN': '已更新', en: 'Updated' },
  'feishu.formSent': { 'zh-CN': '已在下方发送填写卡片', en: 'A card to fill in was sent below' },
  'feishu.notText': {
    'zh-CN': '请用文字发送命令，例如 /roi 抖音 近7天；发送 /growth help 查看全部命令。',
    en: 'Send commands as text, e.g. /roi douyin 7d; send /growth help for every command.',
  },
  'feishu.cardCut': {
    'zh-CN': '…另有 {count} 项未显示（飞书卡片最大 30 KB）',
    en: '… {count} more items not shown (Feishu cards hold at most 30 KB)',
  },
  'feishu.rowsCut': { 'zh-CN': '…另有 {count} 行未显示', en: '… {count} more rows not shown' },
} as const satisfies Record<string, Record<Locale, string>>;
