// What the sandbox page loads besides itself: the CJK font and the favicon. The font is the Noto Sans CJK
// SC the charts draw with (src/charts/chart-font.ts), served as a web font with a CJK unicode-range, so a
// browser on a machine without Chinese fonts shows 增长 instead of boxes, and one with them never fetches it.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { chartFontFiles } from '../../charts/chart-font.ts';

export const SANDBOX_FONT_FAMILY = 'Growthbeat CJK';
export const FAVICON_PATH = '/favicon.svg';
const FONT_PREFIX = '/sandbox/fonts/';

/**
 * The regular weight only (chartFontFiles()[0]): each file is 8 MB and compresses by a tenth, so bold CJK
 * text is synthesized from it rather than costing a newcomer a second 8 MB download.
 */
const FONT_FILES: Record<string, number> = { 'noto-sans-sc-400.otf': 0 };

// CJK punctuation, kana, CJK letters and symbols, ideographs (with extension A and the compatibility
// block), vertical and small forms, full-width forms.
const CJK_RANGE =
  'U+2E80-2FDF, U+3000-30FF, U+3100-312F, U+31C0-31EF, U+3200-33FF, U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF, U+FE10-FE1F, U+FE30-FE4F, U+FF00-FFEF';

/** The @font-face rules the page's style starts with. */
export function fontFaceCss(): string {
  return Object.keys(FONT_FILES)
    .map(
      (file) =>
        `@font-face{font-family:"${SANDBOX_FONT_FAMILY}";src:url(${FONT_PREFIX}${file}) format("opentype");font-weight:400;font-display:swap;unicode-range:${CJK_RANGE};}`,
    )
    .join('\n');
}

/** Streams the font file: 8 MB, cached by the browser for a year (the file changes only with the package). */
export function sendFont(path: string, res: ServerResponse): boolean {
  const index = FONT_FILES[path.slice(FONT_PREFIX.length)];
  const file = index === undefined ? undefined : chartFontFiles()[index];
  if (!path.startsWith(FONT_PREFIX) || !file) return false;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  res.writeHead(200, { 'content-type': 'font/otf', 'content-length': size, 'cache-control': 'public, max-age=31536000, immutable' });
  createReadStream(file).pipe(res);
  return true;
}

/** A rising line on the brand green: small enough to inline, readable at 16 px. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#1f6f5c"/>' +
  '<path d="M12 46 26 31l10 8 16-21" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>' +
  '<circle cx="52" cy="18" r="5" fill="#f3d19e"/></svg>';

export function sendFavicon(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'image/svg+xml',
    'cache-control': 'public, max-age=86400',
    'content-length': Buffer.byteLength(FAVICON_SVG),
  });
  res.end(FAVICON_SVG);
}
