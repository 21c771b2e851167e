// One chart path: a view carries its charts' PNGs; a sender that can show a picture inside a message
// publishes each (its reference replaces the PNG), any other gets each chart's stand-in line.
import { describe, expect, it } from 'vitest';
import { chartPng, chartStandIns, withChartPictures } from '../../src/core/delivery/chart-pictures.ts';
import type { ChatSender } from '../../src/core/ports/chat-sender.ts';
import type { View } from '../../src/core/views/view.ts';

const png = (text: string) => Buffer.from(text).toString('base64');
const view: View = {
  fallback: 'digest',
  elements: [
    { type: 'header', text: 'Digest' },
    {
      type: 'chart',
      title: 'ROI',
      altText: 'roi',
      imageKey: 'channel-roi',
      png: png('roi'),
      elsewhere: '📈 In the thread: ROI · Retention',
    },
    { type: 'chart', title: 'Retention', altText: 'ret', imageKey: 'retention', png: png('ret'), elsewhere: '' },
    { type: 'chart', title: 'No picture', altText: 'none', imageKey: 'none' },
  ],
};
const sender = (publish?: ChatSender['publishImage']) => ({ publishImage: publish }) as unknown as ChatSender;

describe('chart pictures', () => {
  it('a sender with publishImage shows every chart inside the message, by the reference it returns', async () => {
    const published: [string, string][] = [];
    const shown = await withChartPictures(
      sender(async (bytes, filename) => {
        published.push([bytes.toString(), filename]);
        return `img_v3_${published.length}`;
      }),
      view,
    );
    expect(published).toEqual([
      ['roi', 'channel-roi.png'],
      ['ret', 'retention.png'],
    ]);
    expect(shown.elements.slice(1)).toEqual([
      { type: 'chart', title: 'ROI', altText: 'roi', imageKey: 'channel-roi', image: 'img_v3_1' },
      { type: 'chart', title: 'Retention', altText: 'ret', imageKey: 'retention', image: 'img_v3_2' },
      { type: 'chart', title: 'No picture', altText: 'none', imageKey: 'none' },
    ]);
  });

  it('any other sender gets the stand-in line once, and no PNG reaches its renderer', async () => {
    const expected = [
      { type: 'header', text: 'Digest' },
      { type: 'context', text: '📈 In the thread: ROI · Retention' },
      { type: 'chart', title: 'No picture', altText: 'none', imageKey: 'none' },
    ];
    expect(chartStandIns(view).elements).toEqual(expected);
    expect((await withChartPictures(sender(), view)).elements).toEqual(expected);
    expect(JSON.stringify(chartStandIns(view))).not.toContain('"png"');
  });

  it('finds a chart’s PNG in the post that carries it (what the thread image message uploads)', () => {
    expect(chartPng(view, 'retention')?.toString()).toBe('ret');
    expect(chartPng(view, 'none')).toBeUndefined();
    expect(chartPng(undefined, 'retention')).toBeUndefined();
  });
});
