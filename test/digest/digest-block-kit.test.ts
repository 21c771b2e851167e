// The digest view through the Block Kit renderer, as exact JSON in both languages (fixtures reviewed
// by hand: test/fixtures/slack/digest.*.json), and within Slack's limits when a workspace has a lot to say.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartStandIns, withChartPictures } from '../../src/core/delivery/chart-pictures.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import type { DigestData, DigestLine } from '../../src/core/digest/digest-data.ts';
import { attachCharts } from '../../src/core/digest/send-digest.ts';
import type { ChatSender } from '../../src/core/ports/chat-sender.ts';
import { weekPeriod } from '../../src/core/time/period.ts';
import { toFeishuCard } from '../../src/platforms/feishu/card.renderer.ts';
import { MAX_BLOCKS, MAX_SECTION_TEXT, toBlockKit } from '../../src/platforms/slack/block-kit.renderer.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/slack');
const NOW = new Date('2026-11-25T06:00:00Z');
const TODAY = '2026-11-25';

const line = (
  key: string,
  zh: string,
  en: string,
  unit: DigestLine['unit'],
  direction: DigestLine['direction'],
  current: number | null,
  previous: number | null,
): DigestLine => ({
  key,
  names: { 'zh-CN': zh, en },
  unit,
  direction,
  current,
  previous,
  yearAgo: null,
  change:
    current === null || previous === null
      ? null
      : previous > 0
        ? { kind: 'percent', value: (current - previous) / previous }
        : { kind: 'absolute', value: current - previous },
  yoy: null,
  partial: false,
});

/** A small digest: one headline line of each direction, two channels, two cohorts, an alert, an agenda item, a stale metric. */
function sampleDigest(): DigestData {
  return {
    workspace: { id: 'w1', name: 'Acme', timezone: 'Asia/Shanghai', currency: 'CNY' },
    week: weekPeriod('2026-11-16', TODAY),
    previous: weekPeriod('2026-11-09', TODAY),
    asOf: '2026-11-24',
    headline: [
      line('revenue', '收入', 'Revenue', 'currency', 'up', 14_700, 14_000),
      line('spend', '花费', 'Spend', 'currency', 'neutral', 10_500, 10_500),
      line('cac', '获客成本', 'CAC', 'currency', 'down', 50, 42.857142857142854),
      { ...line('retention_d7', '7日留存', 'D7 retention', 'percent', 'up', 0.25, 0.3), partial: true },
    ],
    channels: [
      {
        segment: 'xiaohongshu',
        names: { 'zh-CN': '小红书', en: 'Xiaohongshu' },
        kind: 'paid',
        spendShare: 1 / 3,
        spend: 3500,
        newUsers: 70,
        cac: 50,
        revenue: 5600,
        roi: 0.6,
        roiPrevious: 0.2,
        roiChange: { kind: 'absolute', value: 0.6 - 0.2 },
      },
      {
        segment: 'douyin',
        names: { 'zh-CN': '抖音', en: 'Douyin' },
        kind: 'paid',
        spendShare: 2 / 3,
        spend: 7000,
        newUsers: 140,
        cac: 50,
        revenue: 9100,
        roi: 0.3,
        roiPrevious: 0.4,
        roiChange: { kind: 'absolute', value: 0.3 - 0.4 },
      },
    ],
    channelTotal: {
      segment: '',
      names: { 'zh-CN': '付费渠道合计', en: 'Paid channels' },
      spendShare: null,
      spend: 10_500,
      newUsers: 210,
      cac: 50,
      revenue: 14_700,
      roi: 0.4,
      roiPrevious: 1 / 3,
      roiChange: { kind: 'absolute', value: 0.4 - 1 / 3 },
    },
    blended: { revenue: 14_700, roi: 0.4, cac: 50 },
    minSpendShare: 0.05,
    smallChannels: [],
    notes: { 'zh-CN': [], en: [] },
    roiSeries: [
      { week: '2026-W46', segment: 'douyin', names: { 'zh-CN': '抖音', en: 'Douyin' }, roi: 0.4 },
      { week: '2026-W47', segment: 'douyin', names: { 'zh-CN': '抖音', en: 'Douyin' }, roi: 0.3 },
    ],
    cohorts: [
      {
        label: '2026-W46',
        from: '2026-11-09',
        to: '2026-11-15',
        newUsers: 245,
        retention: { d1: 0.42, d7: 0.3, d30: null },
        partial: { d1: false, d7: false, d30: false },
      },
      {
        label: '2026-W47',
        from: '2026-11-16',
        to: '2026-11-22',
        newUsers: 210,
        retention: { d1: 0.5, d7: 0.25, d30: null },
        partial: { d1: false, d7: true, d30: false },
      },
    ],
    operations: [line('dau', '日活', 'DAU', 'count', 'up', 1000, 1000)],
    business: [],
    stale: [{ key: 'nps', names: { 'zh-CN': '净推荐值', en: 'NPS' }, lastDay: '2026-11-09' }],
    alerts: [
      {
        ruleName: 'D1 < 25%',
        metricKey: 'retention_d1',
        segment: '',
        severity: 'critical',
        state: 'firing',
        firedAt: new Date('2026-11-20T01:00:00Z'),
        ownerUserIds: ['U0OPS'],
        ownerMemberIds: ['m-ops'],
      },
    ],
    agenda: [{ metricKey: 'ltv_cac', segment: '', value: 1.4, threshold: 1.5, note: '市场运营联席会议' }],
    offTarget: [],
    metrics: {
      retention_d1: { names: { 'zh-CN': '次日留存', en: 'D1 retention' }, unit: 'percent' },
      ltv_cac: { names: { 'zh-CN': 'LTV/CAC', en: 'LTV/CAC' }, unit: 'ratio' },
    },
  };
}

describe('the digest in Block Kit', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`renders the ${locale} digest as the reviewed JSON`, () => {
      const view = buildDigest(sampleDigest(), NOW, locale);
      // Slack cannot show a picture inside a message: the charts' stand-in line says they are in the thread.
      const posted = chartStandIns(
        attachCharts(view, [{ key: 'channel-roi', title: 'x', filename: 'x.png', png: new Uint8Array() }], locale),
      );
      const file = join(FIXTURES, `digest.${locale}.json`);
      // UPDATE_GOLDEN=1 rewrites the fixture; review its diff before committing.
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(toBlockKit(posted), null, 2)}\n`);
      const expected = JSON.parse(readFileSync(file, 'utf8'));
      expect(toBlockKit(posted)).toEqual(expected);
    });
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`renders the ${locale} digest as the reviewed Feishu card JSON 2.0, its chart uploaded and shown inside, within 30 KB`, async () => {
      const view = buildDigest(sampleDigest(), NOW, locale);
      const uploaded: string[] = [];
      const feishu = {
        publishImage: async (_png: Buffer, filename: string) => `img_v3_${uploaded.push(filename)}`,
      } as unknown as ChatSender;
      const attached = attachCharts(view, [{ key: 'channel-roi', title: 'x', filename: 'x.png', png: new Uint8Array([1]) }], locale);
      const posted = await withChartPictures(feishu, attached);
      expect(uploaded).toEqual(['channel-roi.png']);
      const file = join(import.meta.dirname, '../fixtures/feishu', `digest.${locale}.json`);
      const card = toFeishuCard(posted, { locale });
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(card, null, 2)}\n`);
      expect(card).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(30 * 1024);
    });
  }

  it('stays within 50 blocks and 3000 characters a section for a workspace with a lot to say', () => {
    const data = sampleDigest();
    data.channels = Array.from({ length: 60 }, (_, i) => ({
      ...data.channels[0]!,
      segment: `c${i}`,
      names: { 'zh-CN': `渠道${i}`, en: `Channel ${i}` },
    }));
    data.alerts = Array.from({ length: 40 }, (_, i) => ({ ...data.alerts[0]!, ruleName: `Rule ${i}`, ownerUserIds: ['U1', 'U2'] }));
    data.agenda = Array.from({ length: 30 }, () => data.agenda[0]!);
    const { blocks } = toBlockKit(buildDigest(data, NOW, 'en'));
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const b of blocks) if (b.text) expect([...b.text.text].length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    const alerts = blocks.find((b) => String(b.text?.text).startsWith('Fired this week 40'));
    expect(alerts?.text.text).toContain('… and 28 more');
  });
});
