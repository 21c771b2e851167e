// The CJK font shipped with the project (Noto Sans CJK SC, named "Noto Sans S Chinese" in its files, as the npm package @embedpdf/fonts-sc carries
// it, SIL OFL 1.1): these machines have no CJK fonts, and a chart must look the same everywhere.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const CHART_FONT_FAMILY = 'Noto Sans S Chinese';

const require = createRequire(import.meta.url);

/** The OTF files resvg loads (regular for labels, bold for titles); no system font is read. */
export function chartFontFiles(): string[] {
  const dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts');
  return [join(dir, 'NotoSansHans-Regular.otf'), join(dir, 'NotoSansHans-Bold.otf')];
}
