// The outbound validator the fakes run on every message: each published rule it enforces fails a message
// that breaks it (so a pass means something), the renderers' real output passes, and a card Feishu would
// refuse is refused through the real lark.Client, as a permanent delivery failure.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { PermanentDeliveryError } from '../../src/core/errors.ts';
import type { View } from '../../src/core/views/view.ts';
import { toFeishuCard } from '../../src/platforms/feishu/card.renderer.ts';
import { createLarkClient } from '../../src/platforms/feishu/feishu-client.ts';
import { createFeishuSender } from '../../src/platforms/feishu/feishu-sender.ts';
import { toBlockKit } from '../../src/platforms/slack/block-kit.renderer.ts';
import { startFakeFeishuApi } from '../fakes/fake-feishu-api.ts';
import { blockKitViolations, feishuCardViolations } from '../fakes/outbound-validator.ts';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, action_id = 'a') => ({ type: 'button', text: { type: 'plain_text', text }, action_id, value: 'v' });

describe('Block Kit limits', () => {
  it('names every published limit a message breaks', () => {
    const found = blockKitViolations({
      text: 'fallback',
      blocks: [
        ...Array.from({ length: 45 }, () => section('ok')),
        section('x'.repeat(3001)),
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'actions', elements: [button('b'.repeat(76)), button('ok', 'i'.repeat(256))] },
        { type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) },
        { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
        section('**Usage** and <at id=ou_1></at>'),
      ],
    });
    expect(found).toEqual([
      'message.blocks: 51 blocks, over 50',
      'message.blocks[45].text.text: 3001 characters, over 3000',
      'message.blocks[46].text.text: 151 characters, over 150',
      'message.blocks[47].elements[0].text.text: 76 characters, over 75',
      'message.blocks[47].elements[1].action_id: missing or over 255',
      'message.blocks[48].fields: 11, over 10',
      'message.blocks[49].elements: 11, must be 1–10',
      'message.blocks[50].text: Markdown **bold** in Slack mrkdwn (Slack bold is *…*)',
      'message.blocks[50].text: a Feishu <at> tag in Slack mrkdwn',
    ]);
  });

  it('an image block needs a public URL: a sandbox path or a Feishu image_key is refused', () => {
    const image = (image_url: string) => ({ blocks: [{ type: 'image', image_url, alt_text: 'ROI' }] });
    expect(blockKitViolations(image('/sandbox/charts/1.png'))).toHaveLength(1);
    expect(blockKitViolations(image('img_v3_0001'))).toHaveLength(1);
    expect(blockKitViolations(image('https://example.com/roi.png'))).toEqual([]);
  });
});

describe('Feishu card JSON 2.0 rules', () => {
  const card = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ schema: '2.0', body: { elements }, ...extra });
  const table = (pageSize = 5) => ({
    tag: 'table',
    page_size: pageSize,
    columns: [{ name: 'c0', display_name: 'A', data_type: 'text' }],
    rows: [{ c0: '1', c9: 'x' }],
  });

  it('names every rule a card breaks', () => {
    const found = feishuCardViolations(
      card([
        { tag: 'action', actions: [] },
        { tag: 'note', elements: [] },
        { tag: 'column_set', columns: [{ tag: 'column', elements: [table()] }] },
        { tag: 'img', img_key: 'channel-roi' },
        table(11),
        ...Array.from({ length: 5 }, () => table()),
        { tag: 'markdown', content: '*Usage*\n`/roi &#91;渠道|all&#93;`' },
        { tag: 'markdown', content: 'owner <@U0ALICE> &lt;= 80' },
        { tag: 'button', text: { tag: 'plain_text', content: 'Go' }, value: { a: 1 } },
      ]),
      new Set(['img_v3_0001']),
    );
    expect(found).toEqual([
      'card.body.elements[0].tag: "action" is not allowed here in card JSON 2.0',
      'card.body.elements[1].tag: "note" is not allowed here in card JSON 2.0',
      'card.body.elements[2].columns[0].elements[0].tag: "table" is not allowed here in card JSON 2.0',
      'card.body.elements[3].img_key: "channel-roi" was never returned by an im/v1/images upload',
      'card.body.elements[4].page_size: 11, must be 1–10',
      'card.body.elements[4].rows[0]: "c9" names no column',
      ...Array.from({ length: 5 }, (_, i) => `card.body.elements[${5 + i}].rows[0]: "c9" names no column`),
      'card.body.elements[10]: an HTML entity inside a code span shows literally: `/roi &#91;渠道|all&#93;`',
      'card.body.elements[10]: Slack *bold* in Feishu markdown (Feishu bold is **…**)',
      'card.body.elements[11]: Slack mention syntax in Feishu markdown',
      "card.body.elements[11]: Slack's &lt;/&gt;/&amp; escapes in Feishu markdown",
      'card.body.elements[12]: JSON 2.0 buttons use behaviors, not value',
      'card: 6 tables, over 5',
    ]);
    expect(feishuCardViolations({ elements: [] }, new Set())).toEqual([
      'card.schema: "undefined", not "2.0"',
      "card.elements: JSON 1.0's top-level elements in a 2.0 card (use body.elements)",
      'card.body.elements: missing',
    ]);
    const big = card([{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }]);
    expect(feishuCardViolations(big, new Set())).toEqual([`card: ${Buffer.byteLength(JSON.stringify(big))} bytes, over 30 KB`]);
  });

  it('passes what the renderers make of every element type, data full of other platforms’ syntax included', () => {
    const view: View = {
      fallback: 'x',
      severity: 'warning',
      elements: [
        { type: 'header', text: '*Usage* <@U1> &lt;' },
        { type: 'text', text: '**bold** `/roi [渠道|all] <x>` *not bold* <#C1|general> <!here> &amp;' },
        { type: 'fields', fields: [{ label: '*ROI*', value: '`[a|b]`' }] },
        { type: 'table', columns: [{ label: '*渠道*' }, { label: 'ROI' }], rows: [['抖音', '26.7%']], total: ['合计', '15.8%'] },
        { type: 'chart', title: 'ROI', altText: 'a', imageKey: 'channel-roi', image: 'img_v3_0001' },
        { type: 'chart', title: 'Retention', altText: 'b', imageKey: 'retention' },
        { type: 'actions', actions: [{ id: 'gb.refresh', label: 'Refresh', value: '{}', style: 'primary' }] },
        { type: 'context', text: '`&#91;` *x*' },
        { type: 'divider' },
      ],
    };
    expect(feishuCardViolations(toFeishuCard(view, { locale: 'en' }), new Set(['img_v3_0001']))).toEqual([]);
    const slack = toBlockKit({ ...view, elements: view.elements.filter((e) => e.type !== 'chart') });
    expect(blockKitViolations(slack as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('the fake Open API refuses what Feishu refuses', () => {
  it('a card naming an image never uploaded fails for good through the real lark.Client', async () => {
    const fake = await startFakeFeishuApi();
    try {
      const client = createLarkClient({ appId: 'cli_validator00000001', appSecret: 's', domain: fake.url }, silentLogger);
      const sender = createFeishuSender(client, { locale: 'en' });
      const chart: View = { fallback: 'c', elements: [{ type: 'chart', title: 'ROI', altText: 'a', image: 'channel-roi' }] };
      await expect(sender.post('oc_1', chart)).rejects.toBeInstanceOf(PermanentDeliveryError);
      expect(fake.violations).toEqual([
        'im.message.create.body.elements[1].img_key: "channel-roi" was never returned by an im/v1/images upload',
      ]);
      const key = await sender.publishImage?.(Buffer.from('png bytes'), 'roi.png');
      await sender.post('oc_1', { ...chart, elements: [{ type: 'chart', title: 'ROI', altText: 'a', image: key }] });
      expect(fake.messages).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
