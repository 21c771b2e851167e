// One chart path for every platform. A view may carry its charts' PNGs (`png`, base64) to the outbox;
// delivery publishes them where the message can show a picture inside it (the sender's publishImage: a
// Feishu image_key, a sandbox URL), and elsewhere (Slack) leaves each chart's stand-in line and lets the
// separate image messages put the pictures in the message's thread.
import type { ChatSender } from '../ports/chat-sender.ts';
import type { View, ViewElement } from '../views/view.ts';

type Chart = Extract<ViewElement, { type: 'chart' }>;

/** A chart still carrying its PNG. */
const unpublished = (e: ViewElement): e is Chart & { png: string } => e.type === 'chart' && typeof e.png === 'string';

/** Does any chart of this view still carry its PNG? */
export function hasUnpublishedCharts(view: View): boolean {
  return view.elements.some(unpublished);
}

/** The PNG of a view's chart named `key`, if the view carries it. */
export function chartPng(view: View | undefined, key: string): Buffer | undefined {
  const chart = view?.elements.find((e): e is Chart & { png: string } => unpublished(e) && e.imageKey === key);
  return chart ? Buffer.from(chart.png, 'base64') : undefined;
}

/** The view where no picture can be shown inside a message: each chart's stand-in line (none given: its title alone). */
export function chartStandIns(view: View): View {
  if (!hasUnpublishedCharts(view)) return view;
  return {
    ...view,
    elements: view.elements.flatMap((e): ViewElement[] => {
      if (!unpublished(e)) return [e];
      const { png: _, elsewhere, ...chart } = e;
      return elsewhere === undefined ? [chart] : elsewhere ? [{ type: 'context', text: elsewhere }] : [];
    }),
  };
}

/** The view as this sender can show it: charts published inline (publishImage), or their stand-ins. */
export async function withChartPictures(sender: ChatSender, view: View): Promise<View> {
  if (!sender.publishImage || !hasUnpublishedCharts(view)) return chartStandIns(view);
  const elements: ViewElement[] = [];
  for (const e of view.elements) {
    if (!unpublished(e)) {
      elements.push(e);
      continue;
    }
    const { png, elsewhere: _, ...chart } = e;
    elements.push({ ...chart, image: await sender.publishImage(Buffer.from(png, 'base64'), `${e.imageKey ?? 'chart'}.png`) });
  }
  return { ...view, elements };
}
