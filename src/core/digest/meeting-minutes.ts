// The minutes of a week's growth meeting, which nobody has to write: the numbers of the digest posted that
// week (the week before), the owners' notes on them, the decisions taken and the actions opened and closed.
import { formatChange, formatValue } from '../format/format-value.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { type ActionItem, actionItems, actionLine, type NoteItem, type PersonItem, personItem } from '../meeting/meeting-items.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { addDays } from '../time/day-math.ts';
import { type Period, previousPeriod } from '../time/period.ts';
import { dayInZone, startOfDayInZone } from '../time/zoned-today.ts';
import { bold } from '../views/rich-text.ts';
import type { View, ViewElement } from '../views/view.ts';
import { type DigestData, type DigestSources, digestLines } from './digest-data.ts';
import { noteLine } from './digest-meeting.ts';
import { loadDigestData } from './load-digest-data.ts';

export interface MinutesDecision {
  text: string;
  author: PersonItem;
  metrics: string[];
  createdAt: Date;
}

export interface MeetingMinutes {
  workspace: { id: string; name: string; timezone: string };
  /** The meeting's week: decisions and actions dated in it. */
  week: { label: string; from: string; to: string };
  /** The digest's week (the one before): its numbers and the notes on them. */
  digestWeek: { label: string; from: string; to: string };
  numbers: Pick<DigestData, 'headline' | 'operations' | 'business' | 'retention' | 'channels' | 'channelTotal' | 'alerts' | 'offTarget'>;
  notes: NoteItem[];
  decisions: MinutesDecision[];
  /** Created in the week; each with its metric when created and at the week's end. */
  opened: ActionItem[];
  /** Done or dropped in the week. */
  closed: ActionItem[];
}

/**
 * The minutes of `week` (an ISO week) as they read at `now`, or at the week's end when that is earlier: the
 * digest of the week before as the digest job builds it, and the meeting records dated in the week.
 */
export async function loadMinutes(
  store: Store,
  workspace: Workspace,
  week: Period,
  now: Date,
  sources?: DigestSources,
): Promise<{ minutes: MeetingMinutes; digest: DigestData }> {
  const from = startOfDayInZone(week.from, workspace.timezone);
  const to = startOfDayInZone(addDays(week.to, 1), workspace.timezone);
  const at = now < to ? now : to;
  const today = dayInZone(at, workspace.timezone);
  const digestWeek = previousPeriod(week, today);
  const digest = await loadDigestData(store, workspace, at, { week: digestWeek, sources });
  const catalog = await loadCatalog(store.metrics, workspace);
  const [members, segments, decisions, created, recent] = await Promise.all([
    store.members.list(workspace.id),
    store.segments.list(workspace.id),
    store.meeting.decisions(workspace.id, from, to),
    store.meeting.actionsCreated(workspace.id, from, to),
    store.meeting.actions(workspace.id, { closedSince: from }),
  ]);
  const lookups = { catalog, segments, members };
  const closed = recent.filter((a) => a.status !== 'open' && a.closedAt !== undefined && a.closedAt < to);
  const span = (p: Period) => ({ label: p.label, from: p.from, to: p.to });
  const minutes: MeetingMinutes = {
    workspace: { id: workspace.id, name: workspace.name, timezone: workspace.timezone },
    week: span(week),
    digestWeek: span(digestWeek),
    numbers: {
      headline: digest.headline,
      operations: digest.operations,
      business: digest.business,
      retention: digest.retention ?? [],
      channels: digest.channels,
      channelTotal: digest.channelTotal,
      alerts: digest.alerts,
      offTarget: digest.offTarget,
    },
    notes: digest.meeting?.notes ?? [],
    decisions: decisions.map((d) => ({
      text: d.text,
      author: personItem(members, d.authorId),
      metrics: d.metrics,
      createdAt: d.createdAt,
    })),
    opened: await actionItems(store, workspace.id, lookups, created, today),
    closed: await actionItems(store, workspace.id, lookups, closed, today),
  };
  return { minutes, digest };
}

/** The minutes as a view (people by name: minutes are read outside chat). */
export function minutesView(minutes: MeetingMinutes, digest: DigestData, locale: Locale): View {
  const currency = digest.workspace.currency;
  const title = t(locale, 'minutes.title', { week: minutes.week.label });
  const elements: ViewElement[] = [
    { type: 'header', text: title },
    {
      type: 'context',
      text: t(locale, 'minutes.context', {
        workspace: minutes.workspace.name,
        from: minutes.week.from,
        to: minutes.week.to,
        timezone: minutes.workspace.timezone,
        digestWeek: minutes.digestWeek.label,
      }),
    },
  ];
  const section = (key: Parameters<typeof t>[1], lines: string[]) =>
    elements.push(
      { type: 'divider' },
      { type: 'text', text: `${bold(t(locale, key))}\n${lines.length ? lines.join('\n') : t(locale, 'minutes.none')}` },
    );
  const numbers = digestLines(digest)
    .filter((l) => l.current !== null)
    .map((l) => ({
      label: l.names[locale],
      value: `${formatValue(l.current, l.unit, locale, currency)} (${formatChange(l.change, l.unit, locale, currency)})`,
    }));
  const channels = digest.channels
    .filter((c) => c.roi !== null)
    .map((c) => ({
      label: `${c.names[locale]} ROI`,
      value: `${formatValue(c.roi, 'percent', locale)} (${formatChange(c.roiChange, 'percent', locale)})`,
    }));
  elements.push({ type: 'divider' }, { type: 'text', text: bold(t(locale, 'minutes.numbers')) });
  if (numbers.length + channels.length) elements.push({ type: 'fields', fields: [...numbers, ...channels] });
  else elements.push({ type: 'text', text: t(locale, 'minutes.none') });
  section(
    'minutes.notes',
    minutes.notes.map((n) => noteLine(digest, n, locale, 'name')),
  );
  const metricName = (k: string) => digest.metrics[k]?.names[locale] ?? k;
  section(
    'minutes.decisions',
    minutes.decisions.map((d) =>
      t(locale, 'minutes.decisionLine', {
        text: d.text,
        author: `@${d.author.name}`,
        day: dayInZone(d.createdAt, minutes.workspace.timezone),
        metrics: d.metrics.length
          ? t(locale, 'meeting.decisionMetrics', { metrics: d.metrics.map(metricName).join(locale === 'zh-CN' ? '、' : ', ') })
          : '',
      }),
    ),
  );
  section(
    'minutes.opened',
    minutes.opened.map((a) => actionLine(a, locale, currency, 'name')),
  );
  section(
    'minutes.closed',
    minutes.closed.map((a) => actionLine(a, locale, currency, 'name')),
  );
  return { fallback: title, elements };
}
