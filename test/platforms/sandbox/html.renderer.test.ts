import { describe, expect, it } from 'vitest';
import { mention } from '../../../src/core/views/mention.ts';
import { bold, code } from '../../../src/core/views/rich-text.ts';
import { toHtml } from '../../../src/platforms/sandbox/html.renderer.ts';

describe('view → HTML', () => {
  it('renders every element type, escaping everything that comes from data', () => {
    const html = toHtml({
      fallback: 'x',
      severity: 'warning',
      elements: [
        { type: 'header', text: 'ROI <script>' },
        { type: 'text', text: `${bold('up')} for ${mention('U1')} & ${code('code')} <@U2> **not bold** *nor this*` },
        { type: 'fields', fields: [{ label: '花费', value: '¥1,900' }] },
        {
          type: 'table',
          columns: [{ label: 'Channel' }, { label: 'ROI', align: 'right' }],
          rows: [['<b>抖音</b>', '26.7%']],
          total: ['Total', '15.8%'],
        },
        { type: 'chart', title: 'Trend', image: '/c.png?a=1&b=2', altText: 'ROI "by" week' },
        { type: 'actions', actions: [{ id: 'gb.refresh', label: 'Refresh', value: '{"command":"/roi"}', style: 'primary' }] },
        { type: 'context', text: 'as of today' },
        { type: 'divider' },
      ],
    });
    expect(html).toBe(
      '<div class="card severity-warning"><h3>ROI &lt;script&gt;</h3>' +
        '<p><strong>up</strong> for <span class="mention">@U1</span> &amp; <code>code</code> &lt;@U2&gt; **not bold** *nor this*</p>' +
        '<dl class="fields"><div><dt>花费</dt><dd>¥1,900</dd></div></dl>' +
        '<table><thead><tr><th>Channel</th><th class="num">ROI</th></tr></thead><tbody><tr><td>&lt;b&gt;抖音&lt;/b&gt;</td><td class="num">26.7%</td></tr><tr class="total"><td>Total</td><td class="num">15.8%</td></tr></tbody></table>' +
        '<figure><img src="/c.png?a=1&amp;b=2" alt="ROI &quot;by&quot; week"><figcaption>Trend</figcaption></figure>' +
        '<div class="actions"><button type="button" class="action primary" data-action-id="gb.refresh" data-value="{&quot;command&quot;:&quot;/roi&quot;}">Refresh</button></div>' +
        '<p class="context">as of today</p><hr></div>',
    );
  });

  it('shows a mention by the member’s name where the sandbox knows it, escaped, and by id otherwise', () => {
    const names = new Map([
      ['local_e5b08fe78e8b', '小王'],
      ['local-x', '<b>x</b>'],
    ]);
    const html = toHtml(
      {
        fallback: '',
        elements: [
          { type: 'header', text: `Owner ${mention('local_e5b08fe78e8b')}` },
          { type: 'table', columns: [{ label: 'Owner' }], rows: [[mention('local_e5b08fe78e8b')], [mention('local-x')], [mention('U9')]] },
        ],
      },
      names,
    );
    expect(html).toContain('<h3>Owner @小王</h3>');
    expect(html).toContain('<td><span class="mention">@小王</span></td>');
    expect(html).toContain('<td><span class="mention">@&lt;b&gt;x&lt;/b&gt;</span></td>');
    expect(html).toContain('<td><span class="mention">@U9</span></td>');
  });
});
