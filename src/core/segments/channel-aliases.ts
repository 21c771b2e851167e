import { normaliseName } from '../text/normalise-name.ts';

/** Well-known acquisition channels: canonical key, display names, aliases people type. */
export const KNOWN_CHANNELS: readonly { key: string; zh: string; en: string; aliases: string[] }[] = [
  { key: 'douyin', zh: '抖音', en: 'Douyin', aliases: ['tiktok_cn', 'dy', '巨量引擎', 'oceanengine'] },
  { key: 'kuaishou', zh: '快手', en: 'Kuaishou', aliases: ['ks', 'kwai', '磁力引擎'] },
  { key: 'xiaohongshu', zh: '小红书', en: 'Xiaohongshu', aliases: ['xhs', 'red', 'rednote', 'redbook'] },
  { key: 'wechat', zh: '微信', en: 'WeChat', aliases: ['weixin', 'wx', '公众号', '朋友圈', '广点通', '腾讯广告'] },
  { key: 'wechat_channels', zh: '视频号', en: 'WeChat Channels', aliases: ['shipinhao', 'channels', '微信视频号'] },
  // 百度 stays SEM's name (Baidu's search ads), as workspaces have stored it since the first imports.
  { key: 'sem', zh: 'SEM', en: 'SEM', aliases: ['search', 'baidu_sem', '百度', 'baidu', '搜索', '搜索广告'] },
  { key: 'feeds', zh: '信息流', en: 'Feeds', aliases: ['feed', 'infeed', '信息流广告'] },
  { key: 'app_store', zh: '应用商店', en: 'App stores', aliases: ['appstore', 'app_stores', 'aso', '应用市场', '商店'] },
  { key: 'kol', zh: 'KOL', en: 'KOL', aliases: ['influencer', 'influencers', '达人', '网红'] },
  { key: 'bilibili', zh: 'B站', en: 'Bilibili', aliases: ['哔哩哔哩', 'bili', 'b_站'] },
  { key: 'zhihu', zh: '知乎', en: 'Zhihu', aliases: [] },
  { key: 'weibo', zh: '微博', en: 'Weibo', aliases: ['新浪微博', 'sina_weibo'] },
  { key: 'google_ads', zh: 'Google Ads', en: 'Google Ads', aliases: ['google', 'adwords', '谷歌', '谷歌广告'] },
  { key: 'meta', zh: 'Meta', en: 'Meta', aliases: ['facebook', 'fb', 'instagram', 'ig', 'meta_ads', 'facebook_ads'] },
  { key: 'tiktok', zh: 'TikTok', en: 'TikTok', aliases: ['tiktok_ads', 'tt'] },
  { key: 'apple_search_ads', zh: 'Apple Search Ads', en: 'Apple Search Ads', aliases: ['asa', 'apple_ads', '苹果搜索广告'] },
  { key: 'referral', zh: '裂变', en: 'Referral', aliases: ['refer', 'invite', '邀请', '推荐', '裂变/推荐'] },
  { key: 'organic', zh: '自然流量', en: 'Organic', aliases: ['natural', '自然', '自然量'] },
  { key: 'unknown', zh: '未归因', en: 'Unattributed', aliases: ['#n/a', 'n/a', 'na', 'none', '(none)', 'unattributed', '未知'] },
];

const byAlias = new Map<string, string>();
for (const c of KNOWN_CHANNELS) for (const name of [c.key, c.zh, c.en, ...c.aliases]) byAlias.set(normaliseName(name), c.key);

/** The segment key for what someone typed or a file holds: a known channel's key, else the normalised text. */
export function segmentKeyFor(name: string): string {
  const n = normaliseName(name);
  return byAlias.get(n) ?? n;
}

export function knownChannel(key: string) {
  return KNOWN_CHANNELS.find((c) => c.key === key);
}

/** Words that mean the whole product, not a channel: a "合计" or "Total" row is the product's own row. */
export const TOTAL_WORDS = new Set([
  'all',
  'total',
  'totals',
  'sum',
  'grand_total',
  '全部',
  '所有',
  '整体',
  '合计',
  '总计',
  '汇总',
  '全渠道',
]);

export function isTotalWord(name: string): boolean {
  return TOTAL_WORDS.has(normaliseName(name));
}
