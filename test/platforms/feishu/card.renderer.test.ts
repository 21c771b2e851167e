import { describe, expect, it } from 'vitest';
import { mention } from '../../../src/core/views/mention.ts';
import { bold, code } from '../../../src/core/views/rich-text.ts';
import type { View } from '../../../src/core/views/view.ts';
import {
  MAX_CARD_BYTES,
  MAX_TABLE_COLUMNS,
  MAX_TABLE_ROWS,
  MAX_TABLES,
  toFeishuCard,
  toFeishuMarkdown,
} from '../../../src/platforms/feishu/card.renderer.ts';

const every: View = {
  fallback: 'ROI 15.8%',
  severity: 'warning',
  elements: [
    { type: 'header', text: '渠道 ROI' },
    { type: 'text', text: `ROI is ${bold('up')} for ${mention('ou_123')} & co` },
    {
      type: 'fields',
      fields: [
        { label: '花费', value: '¥1,900' },
        { label: '收入', value: '¥2,200' },
        { label: 'ROI', value: '15.8%' },
      ],
    },
    {
      type: 'table',
      columns: [{ label: 'Channel' }, { label: 'ROI', align: 'right' }],
      rows: [['抖音', '26.7%']],
      total: ['Total', '15.8%'],
      caption: 'By channel',
    },
    { type: 'chart', title: 'ROI trend', imageKey: 'roi-trend', image: 'img_v3_abc', altText: 'ROI by week' },
    { type: 'chart', title: 'No image yet', altText: 'ROI by week' },
    { type: 'actions', actions: [{ id: 'gb.refresh', label: 'Refresh', value: '{"command":"/roi"}', style: 'primary' }] },
    { type: 'context', text: 'as of 2026-11-21' },
    { type: 'divider' },
  ],
};

const md = (content: string, extra: Record<string, unknown> = {}) => ({ tag: 'markdown', content, ...extra });

describe('view → Feishu card JSON 2.0', () => {
  it('renders every element type exactly, the header coloured by severity and the buttons last', () => {
    expect(toFeishuCard(every)).toEqual({
      schema: '2.0',
      config: { update_multi: true, summary: { content: 'ROI 15.8%' } },
      header: { title: { tag: 'plain_text', content: '渠道 ROI' }, template: 'orange' },
      body: {
        elements: [
          md('ROI is **up** for <at id=ou_123></at> &#38; co'),
          {
            tag: 'column_set',
            columns: [
              { tag: 'column', width: 'weighted', weight: 1, elements: [md('**花费**\n¥1,900')] },
              { tag: 'column', width: 'weighted', weight: 1, elements: [md('**收入**\n¥2,200')] },
            ],
          },
          { tag: 'column_set', columns: [{ tag: 'column', width: 'weighted', weight: 1, elements: [md('**ROI**\n15.8%')] }] },
          md('**By channel**'),
          {
            tag: 'table',
            page_size: 2,
            row_height: 'low',
            header_style: { bold: true, background_style: 'grey' },
            columns: [
              { name: 'c0', display_name: 'Channel', data_type: 'text', horizontal_align: 'left', width: 'auto' },
              { name: 'c1', display_name: 'ROI', data_type: 'text', horizontal_align: 'right', width: 'auto' },
            ],
            rows: [
              { c0: '抖音', c1: '26.7%' },
              { c0: 'Total', c1: '15.8%' },
            ],
          },
          md('**ROI trend**'),
          { tag: 'img', img_key: 'img_v3_abc', alt: { tag: 'plain_text', content: 'ROI by week' } },
          md('**No image yet**\nROI by week'),
          md('as of 2026-11-21', { text_size: 'notation' }),
          { tag: 'hr' },
          {
            tag: 'column_set',
            columns: [
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    text: { tag: 'plain_text', content: 'Refresh' },
                    type: 'primary',
                    behaviors: [{ type: 'callback', value: { action: 'gb.refresh', value: '{"command":"/roi"}' } }],
                  },
                ],
              },
            ],
          },
        ],
      },
    });
  });

  it('colours headers by severity and leaves the header out when the view has none', () => {
    const colour = (severity?: View['severity']) =>
      toFeishuCard({ fallback: 'x', severity, elements: [{ type: 'header', text: 'x' }] }).header?.template;
    expect([colour(), colour('info'), colour('ok'), colour('warning'), colour('critical')]).toEqual([
      'blue',
      'blue',
      'green',
      'orange',
      'red',
    ]);
    expect(toFeishuCard({ fallback: 'hi', elements: [{ type: 'text', text: 'hi' }] })).toEqual({
      schema: '2.0',
      config: { update_multi: true, summary: { content: 'hi' } },
      body: { elements: [md('hi')] },
    });
  });

  it('escapes data so it cannot mention everyone, link or inject tags; code-made mentions become <at>', () => {
    expect(toFeishuMarkdown('<at id=all></at> [click](http://evil.example) a&b')).toBe(
      '&#60;at id=all&#62;&#60;/at&#62; &#91;click&#93;(http://evil.example) a&#38;b',
    );
    // Markdown from data stays literal (Feishu's documented entity escapes); only code-made marks format.
    expect(toFeishuMarkdown(`${bold('x')} **b** _i_ ~~s~~ \`c\` :OK: a|b`)).toBe(
      '**x** &#42;&#42;b&#42;&#42; &#95;i&#95; &#126;&#126;s&#126;&#126; &#96;c&#96; &#58;OK: a&#124;b',
    );
    // A line of data cannot open a heading, a list or an indented code block.
    expect(toFeishuMarkdown('# h\n- li\n12. x\n    code\n15.8%')).toBe('&#35; h\n&#45; li\n12&#46; x\n&#160;&#160;&#160;&#160;code\n15.8%');
    // Entities show raw inside code (CommonMark), so code keeps look-alikes instead.
    expect(toFeishuMarkdown(code('/roi [渠道|all] <period> `x`'))).toBe('`/roi [渠道|all] ＜period＞ ˋxˋ`');
    expect(toFeishuMarkdown(mention('all'))).toBe('@all');
    expect(toFeishuMarkdown(`owner ${mention('ou_84aad35d084aa403a838cf73ee18467')}`)).toBe(
      'owner <at id=ou_84aad35d084aa403a838cf73ee18467></at>',
    );
    // Table cells are plain text: mentions show as @id, nothing is interpreted.
    const card = toFeishuCard({
      fallback: 't',
      elements: [{ type: 'table', columns: [{ label: 'Owner' }], rows: [[mention('ou_1')], ['<b>x</b>']] }],
    });
    expect(card.body.elements[0]?.rows).toEqual([{ c0: '@ou_1' }, { c0: '<b>x</b>' }]);
  });

  it('cuts a long table with a note in the workspace language', () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 7 }, (_, i) => [`r${i}`, String(i)]);
    const view: View = { fallback: 't', elements: [{ type: 'table', columns: [{ label: 'k' }, { label: 'v' }], rows }] };
    const zh = toFeishuCard(view).body.elements;
    expect(zh[0]?.rows).toHaveLength(MAX_TABLE_ROWS);
    expect(zh[0]?.page_size).toBe(10);
    expect(zh[1]).toEqual(md('…另有 7 行未显示', { text_size: 'notation' }));
    expect(toFeishuCard(view, { locale: 'en' }).body.elements[1]).toEqual(md('… 7 more rows not shown', { text_size: 'notation' }));
  });

  it('writes tables past the per-card limit as monospace text', () => {
    const table = { type: 'table' as const, columns: [{ label: 'k' }, { label: 'v' }], rows: [['a', '1']] };
    const card = toFeishuCard({ fallback: 't', elements: Array.from({ length: MAX_TABLES + 1 }, () => table) });
    expect(card.body.elements.filter((e) => e.tag === 'table')).toHaveLength(MAX_TABLES);
    expect(card.body.elements.at(-1)).toEqual(md('```\nk  v\n-  -\na  1\n```'));
    const wide = {
      type: 'table' as const,
      columns: Array.from({ length: MAX_TABLE_COLUMNS + 1 }, (_, i) => ({ label: `c${i}` })),
      rows: [],
    };
    expect(toFeishuCard({ fallback: 't', elements: [wide] }).body.elements[0]?.tag).toBe('markdown');
  });

  it('stays under 30 KB: drops elements from the end, keeps the buttons, and says how many were left out', () => {
    const big: View = {
      fallback: 'big',
      elements: [
        ...Array.from({ length: 40 }, (_, i) => ({ type: 'text' as const, text: `${i} ${'数据'.repeat(400)}` })),
        { type: 'actions', actions: [{ id: 'gb.refresh', label: '刷新', value: '{}' }] },
      ],
    };
    const card = toFeishuCard(big);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const elements = card.body.elements;
    expect(elements.at(-1)?.tag).toBe('column_set');
    const note = elements.at(-2)?.content as string;
    const dropped = Number(/另有 (\d+) 项未显示/.exec(note)?.[1]);
    expect(elements.length - 2 + dropped).toBe(40);
    expect(toFeishuCard(big, { locale: 'en' }).body.elements.at(-2)?.content).toMatch(
      /^… \d+ more items not shown \(Feishu cards hold at most 30 KB\)$/,
    );
  });
});
