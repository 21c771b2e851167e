import { t } from '../i18n/messages.ts';
import type { ChartRenderer } from '../ports/chart-renderer.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import type { Period } from '../time/period.ts';
import type { View, ViewElement } from '../views/view.ts';
import { buildDigest } from './build-digest.ts';
import { digestCharts } from './digest-charts.ts';
import type { DigestSources } from './digest-data.ts';
import { digestSettings } from './digest-settings.ts';
import { loadDigestData } from './load-digest-data.ts';

export interface DigestDeliveryDeps {
  store: Store;
  /** Without a renderer the digest goes out without its chart images. */
  charts?: ChartRenderer;
  sources?: DigestSources;
}

export interface DigestChartImage {
  key: string;
  title: string;
  filename: string;
  png: Uint8Array;
}

/** The digest of a week with its chart images rendered: what preview, send, the job and the CLI share. */
export async function prepareDigest(
  deps: DigestDeliveryDeps,
  workspace: Workspace,
  now: Date,
  week?: Period,
): Promise<{ view: View; week: string; images: DigestChartImage[] }> {
  const data = await loadDigestData(deps.store, workspace, now, { week, sources: deps.sources });
  const view = buildDigest(data, now, workspace.locale);
  const images: DigestChartImage[] = [];
  if (deps.charts)
    for (const chart of digestCharts(data, workspace.locale))
      images.push({
        key: chart.key,
        title: chart.title,
        filename: `${chart.key}-${data.week.label}.png`,
        png: await deps.charts.renderPng(chart),
      });
  return { view, week: data.week.label, images };
}

/**
 * The digest as it is posted: each chart with a rendered image carries its PNG, published inside the
 * message where the platform can (a Feishu card's img, the sandbox) and otherwise replaced by one line
 * saying the charts are in the message's thread (or, for a DM, in `channel`'s); charts without an image
 * are left out.
 */
export function attachCharts(view: View, images: DigestChartImage[], locale: Workspace['locale'], channel?: string): View {
  const imageOf = (e: ViewElement) => (e.type === 'chart' ? images.find((i) => i.key === e.imageKey) : undefined);
  const titles = view.elements.flatMap((e) => (imageOf(e) && e.type === 'chart' ? [e.title] : []));
  const note = channel
    ? t(locale, 'digest.chartsInChannel', { charts: titles.join(' · '), channel })
    : t(locale, 'digest.chartsInThread', { charts: titles.join(' · ') });
  let first = true;
  const elements = view.elements.flatMap((e): ViewElement[] => {
    if (e.type !== 'chart') return [e];
    const image = imageOf(e);
    if (!image) return [];
    const elsewhere = first ? note : '';
    first = false;
    return [{ ...e, png: Buffer.from(image.png).toString('base64'), elsewhere }];
  });
  return { ...view, elements };
}

/** The outbox key of a workspace's digest for a week: the one thing that makes it once per week. */
export function digestKey(workspaceId: string, week: string): string {
  return `digest:${workspaceId}:${week}`;
}

/**
 * Sends a workspace's weekly digest through the outbox, in ONE transaction: the post (key
 * `digest:<workspace>:<week>`, or `key` for a manual send) carrying its charts' PNGs, an image message per
 * chart for its thread (posted only where the platform cannot show the chart inside the message: Slack),
 * and a direct message to each manager (its charts inside where the platform can; otherwise a line pointing
 * to the channel's thread, since a DM's own thread needs the DM channel's id, which only Slack's answer
 * knows). Enqueuing a key that exists does nothing, so replicas and retries send a week's digest once.
 * `now` decides the week: a slot caught up late is the same week.
 */
export async function sendDigest(
  deps: DigestDeliveryDeps,
  workspace: Workspace,
  now: Date,
  options: { key?: string; week?: Period } = {},
): Promise<{ status: 'queued' | 'duplicate' | 'no-channel'; key?: string; week?: string; managers: number }> {
  const settings = digestSettings(workspace);
  if (!settings.channel) return { status: 'no-channel', managers: 0 };
  const channel = settings.channel;
  const digest = await prepareDigest(deps, workspace, now, options.week);
  const key = options.key ?? digestKey(workspace.id, digest.week);
  const posted = attachCharts(digest.view, digest.images, workspace.locale);
  const direct = attachCharts(digest.view, digest.images, workspace.locale, channel);
  const managers = [...new Set(settings.managers ?? [])];
  const created = await deps.store.transaction(async (tx) => {
    const enqueue = async (postKey: string, to: string, payload: View, images: DigestChartImage[]) => {
      const first = await tx.outbox.enqueue({
        workspaceId: workspace.id,
        key: postKey,
        kind: 'post',
        channel: to,
        payload,
        availableAt: now,
      });
      if (!first.created) return false;
      for (const image of images)
        await tx.outbox.enqueue({
          workspaceId: workspace.id,
          key: `${postKey}:chart:${image.key}`,
          kind: 'image',
          channel: to,
          target: postKey,
          // The PNG travels once, in the post: the relay reads it there (or the post showed it inline).
          payload: { chart: image.key, filename: image.filename, title: image.title },
          availableAt: now,
        });
      return true;
    };
    if (!(await enqueue(key, channel, posted, digest.images))) return false;
    for (const manager of managers) await enqueue(`${key}:dm:${manager}`, manager, direct, []);
    return true;
  });
  return { status: created ? 'queued' : 'duplicate', key, week: digest.week, managers: managers.length };
}
