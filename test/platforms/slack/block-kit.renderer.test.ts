import { describe, expect, it } from 'vitest';
import { mention } from '../../../src/core/views/mention.ts';
import { bold, code } from '../../../src/core/views/rich-text.ts';
import type { View } from '../../../src/core/views/view.ts';
import {
  MAX_BLOCKS,
  MAX_FIELDS,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
  toBlockKit,
  toMrkdwn,
} from '../../../src/platforms/slack/block-kit.renderer.ts';

describe('view → Block Kit', () => {
  it('renders every element type exactly', () => {
    const view: View = {
      fallback: 'ROI 15.8%',
      elements: [
        { type: 'header', text: '渠道 ROI' },
        { type: 'text', text: `ROI is ${bold('up')} for ${mention('U123')} & co` },
        { type: 'fields', fields: [{ label: '花费', value: '¥1,900' }] },
        {
          type: 'table',
          columns: [{ label: 'Channel' }, { label: 'ROI', align: 'right' }],
          rows: [['抖音', '26.7%']],
          total: ['Total', '15.8%'],
        },
        { type: 'chart', title: 'ROI trend', image: 'https://example.com/c.png', altText: 'ROI by week' },
        { type: 'actions', actions: [{ id: 'gb.refresh', label: 'Refresh', value: '{"command":"/roi"}', style: 'primary' }] },
        { type: 'context', text: 'as of 2026-11-21' },
        { type: 'divider' },
      ],
    };
    expect(toBlockKit(view)).toEqual({
      text: 'ROI 15.8%',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '渠道 ROI', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'ROI is *up* for <@U123> &amp; co' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*花费*\n¥1,900' }] },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '```Channel    ROI\n-------  -----\n抖音     26.7%\n-------  -----\nTotal    15.8%```' },
        },
        {
          type: 'image',
          image_url: 'https://example.com/c.png',
          alt_text: 'ROI by week',
          title: { type: 'plain_text', text: 'ROI trend' },
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'gb.refresh',
              text: { type: 'plain_text', text: 'Refresh', emoji: true },
              value: '{"command":"/roi"}',
              style: 'primary',
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'as of 2026-11-21' }] },
        { type: 'divider' },
      ],
    });
  });

  it('escapes Slack control characters everywhere; only code-made mentions ping', () => {
    // A zero-width space after "@" keeps "@U2"/"@here" from Slack's mention parsing as well.
    expect(toMrkdwn(`<b> & ${mention('U1')} <@U2> <!channel>`)).toBe('&lt;b&gt; &amp; <@U1> &lt;@\u200BU2&gt; &lt;!channel&gt;');
    // Slack has no escape for * _ ~ `: zero-width spaces on both sides break every pairing; emoji codes and
    // a line-leading quote are broken too. Code-made bold and code keep their syntax.
    const Z = '\u200B';
    expect(toMrkdwn(`${bold('x')} *b* _i_ :tada:\n> q`)).toBe(`*x* ${Z}*${Z}b${Z}*${Z} ${Z}_${Z}i${Z}_${Z} :${Z}tada:\n${Z}&gt; q`);
    expect(toMrkdwn(code('a`b\nc'))).toBe('`aˋb c`');
    // A channel name from imported data cannot ping the channel or plant a link, in a table or the fallback.
    const hostile = '<!channel> <https://evil.example|Click>';
    const out = toBlockKit({
      fallback: `ROI ${hostile}`,
      elements: [{ type: 'table', columns: [{ label: 'Channel' }], rows: [[hostile]] }],
    });
    expect(JSON.stringify(out)).not.toContain('<!channel>');
    expect(JSON.stringify(out)).not.toContain('<https://');
    expect(out.text).toBe('ROI &lt;!channel&gt; &lt;https://evil.example|Click&gt;');
  });

  it('keeps within Slack’s limits: header 150, fields 10 per section, sections 3000, 50 blocks', () => {
    const big: View = {
      fallback: 'x',
      elements: [
        { type: 'header', text: 'H'.repeat(400) },
        { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: String(i) })) },
        {
          type: 'table',
          columns: [{ label: 'day' }, { label: 'value' }],
          rows: Array.from({ length: 400 }, (_, i) => [`2026-01-${i}`, String(i * 1000)]),
        },
      ],
    };
    const { blocks } = toBlockKit(big);
    expect(blocks[0]?.text.text).toHaveLength(MAX_HEADER_TEXT);
    expect(blocks[0]?.text.text.endsWith('…')).toBe(true);
    const fieldSections = blocks.filter((b) => b.fields);
    expect(fieldSections.map((b) => b.fields.length)).toEqual([MAX_FIELDS, MAX_FIELDS, 3]);
    const tables = blocks.filter((b) => b.text?.text.startsWith('```'));
    expect(tables.length).toBeGreaterThan(1);
    for (const b of tables) expect(b.text.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
    // Every row made it into some section, in order.
    const rows = tables.flatMap((b) => b.text.text.replace(/```/g, '').split('\n')).filter((l: string) => l.startsWith('2026-01-'));
    expect(rows).toHaveLength(400);

    const many: View = { fallback: 'x', elements: Array.from({ length: 80 }, (_, i) => ({ type: 'text' as const, text: `line ${i}` })) };
    const out = toBlockKit(many).blocks;
    expect(out).toHaveLength(MAX_BLOCKS);
    expect(out.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '… 31 more blocks not shown' }] });
  });
});
