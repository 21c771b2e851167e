// The marks of the view model: what code writes (mention, bold, code, an i18n template's **…**) and how
// renderers walk it. Data never carries marks: clean-text.ts removes them where text enters.
import { describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/messages.ts';
import { cleanName, cleanText } from '../../src/core/text/clean-text.ts';
import { bold, code, markup, mention, plainText, renderRich, spans } from '../../src/core/views/rich-text.ts';

describe('rich text marks', () => {
  it('splits text into literal, bold, code and mention spans; a stray mark is dropped', () => {
    expect(spans(`a ${bold(`b ${mention('U1')}`)} ${code('**c**')}\uE001`)).toEqual([
      { kind: 'text', text: 'a ', bold: false },
      { kind: 'text', text: 'b ', bold: true },
      { kind: 'mention', id: 'U1', bold: true },
      { kind: 'text', text: ' ', bold: false },
      { kind: 'code', text: '**c**', bold: false },
    ]);
  });

  it('never makes a broadcast a mention, whatever id the code is handed', () => {
    for (const id of ['all', 'ALL', 'here', 'channel', 'everyone']) expect(plainText(mention(id))).toBe(`@${id}`);
    expect(spans(mention('all')).some((s) => s.kind === 'mention')).toBe(false);
  });

  it('turns a template’s own **bold** and `code` into marks before data goes in; data stays literal', () => {
    expect(markup('**x** and `y`')).toBe(`${bold('x')} and ${code('y')}`);
    // alert.summary is '**{subject}** was **{value}** on {day}: {condition}.'
    const text = t('en', 'alert.summary', { subject: '**b**', value: '`v`', day: '2026-11-21', condition: '<!channel>' });
    expect(text).toBe(`${bold('**b**')} was ${bold('`v`')} on 2026-11-21: <!channel>.`);
  });

  it('keeps whitespace at the edges of a bold run outside it', () => {
    const r = { text: (s: string) => s, code: (s: string) => s, mention: (id: string) => `@${id}`, bold: (s: string) => `[${s}]` };
    expect(renderRich(`a${bold(' b ')}c`, r)).toBe('a [b] c');
  });

  it('cleans typed text of marks, controls, zero-width spaces and bidi overrides; names go on one line', () => {
    expect(cleanText('\uE000all\uE001 \u202Eevil\u202C a\u200Bb\u0007\n次行')).toBe('all evil ab\n次行');
    expect(cleanName('  抖音\n\tA  ')).toBe('抖音 A');
  });
});
