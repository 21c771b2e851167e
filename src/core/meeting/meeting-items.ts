// Notes and actions as the digest, /growth actions and the meeting's minutes show them: names in both
// languages, people as platform ids (for mentions) and names, each action's metric then and now.
import { formatValue } from '../format/format-value.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { MetricUnit } from '../metrics/metric-definition.ts';
import type { Segment } from '../ports/catalog.ts';
import type { ActionStatus, MeetingAction, MeetingNote } from '../ports/meeting.ts';
import type { Store } from '../ports/store.ts';
import type { Member } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import { addDays } from '../time/day-math.ts';
import { mention } from '../views/mention.ts';
import { actionWindow, CHANNEL_METRIC, metricValue } from './meeting-values.ts';

export type Names = Record<Locale, string>;

/** A person as every output needs them: the platform id for a mention, and a name for plain text. */
export interface PersonItem {
  userId: string;
  name: string;
}

export interface NoteItem {
  metric?: string;
  segment?: string;
  /** "抖音 · ROI" (a channel-only note explains the channel's ROI), "次日留存" … */
  subject: Names;
  text: string;
  author: PersonItem;
  /** The value the note explains (the channel's ROI for a channel-only note), over the note's week. */
  value: number | null;
  unit: MetricUnit;
  createdAt: Date;
}

export interface ActionItem {
  number: number;
  text: string;
  owner: PersonItem;
  dueDay?: string;
  status: ActionStatus;
  closedAt?: Date;
  createdAt: Date;
  /** The metric it is measured on, named with its channel; its value when created (over the 7 days to baseDay) and now. */
  metric?: { key: string; segment?: string; names: Names; unit: MetricUnit; base: number | null; baseDay?: string; now: number | null };
  /** Open and past its due day. */
  overdue: boolean;
}

type Lookups = { catalog: MetricCatalog; segments: readonly Segment[]; members: readonly Member[] };

export function personItem(members: readonly Member[], memberId: string): PersonItem {
  const m = members.find((x) => x.id === memberId);
  return { userId: m?.externalUserId ?? memberId, name: m?.displayName ?? m?.externalUserId ?? memberId };
}

/** "抖音 · ROI", "ROI", "抖音" in both languages. */
export function subjectNames(lookups: Pick<Lookups, 'catalog' | 'segments'>, metric?: string, segment?: string): Names {
  const name = (locale: Locale) => {
    const m = metric ? (lookups.catalog.get(metric)?.names[locale] ?? metric) : undefined;
    const s = segment ? segmentName(lookups.segments.find((x) => x.key === segment) ?? segment, locale) : undefined;
    return [s, m].filter(Boolean).join(' · ');
  };
  return { 'zh-CN': name('zh-CN'), en: name('en') };
}

export function noteItem(lookups: Lookups, note: MeetingNote): NoteItem {
  const key = note.metric ?? CHANNEL_METRIC;
  return {
    ...(note.metric ? { metric: note.metric } : {}),
    ...(note.segment ? { segment: note.segment } : {}),
    subject: subjectNames(lookups, key, note.segment),
    text: note.text,
    author: personItem(lookups.members, note.authorId),
    value: note.value,
    unit: lookups.catalog.get(key)?.unit ?? 'ratio',
    createdAt: note.createdAt,
  };
}

/** Actions with their metric now (over the 7 complete days before `today`): one index read for all of them. */
export async function actionItems(
  store: Pick<Store, 'observations'>,
  workspaceId: string,
  lookups: Lookups,
  actions: readonly MeetingAction[],
  today: string,
): Promise<ActionItem[]> {
  const window = actionWindow(today);
  const out: ActionItem[] = [];
  for (const a of actions) {
    const def = a.metric ? lookups.catalog.get(a.metric) : undefined;
    const now = def ? await metricValue(store.observations, workspaceId, lookups.catalog, def.key, a.segment, window, today) : null;
    out.push({
      number: a.number,
      text: a.text,
      owner: personItem(lookups.members, a.ownerId),
      ...(a.dueDay ? { dueDay: a.dueDay } : {}),
      status: a.status,
      ...(a.closedAt ? { closedAt: a.closedAt } : {}),
      createdAt: a.createdAt,
      ...(def
        ? {
            metric: {
              key: def.key,
              ...(a.segment ? { segment: a.segment } : {}),
              names: subjectNames(lookups, def.key, a.segment),
              unit: def.unit,
              base: a.baseValue,
              ...(a.baseDay ? { baseDay: a.baseDay } : {}),
              now,
            },
          }
        : {}),
      overdue: a.status === 'open' && a.dueDay !== undefined && a.dueDay < today,
    });
  }
  return out;
}

/** At most this many notes and this many actions are listed in a message; the rest are counted (a message has a size limit). */
export const MAX_MEETING_LINES = 12;

/**
 * The first `max` lines and, when there are more, one line counting the rest; `total` when only the lines shown
 * were made (the rest counted, not drawn).
 */
export function capped(lines: string[], locale: Locale, max = MAX_MEETING_LINES, total = lines.length): string[] {
  return total > max ? [...lines.slice(0, max), t(locale, 'digest.more', { count: total - max })] : lines;
}

const STATUS_ICON: Record<ActionStatus, string> = { open: '🔧', done: '✅', dropped: '✖️' };

/** `🔧 #3 cut 抖音 bids 10% (@alice, due 12-04) — 抖音 · ROI 26.9% → 31.2% since 11-27` (the day it was created), ⏰ when overdue. */
export function actionLine(item: ActionItem, locale: Locale, currency: string, owner: 'mention' | 'name' = 'mention'): string {
  const m = item.metric;
  const fmt = (v: number | null) => formatValue(v, m?.unit ?? 'ratio', locale, currency);
  return t(locale, 'digest.actionLine', {
    icon: item.overdue ? '⏰' : STATUS_ICON[item.status],
    number: item.number,
    text: item.text,
    owner: owner === 'mention' ? mention(item.owner.userId) : `@${item.owner.name}`,
    due: item.dueDay ? t(locale, 'meeting.due', { day: item.dueDay.slice(5) }) : '',
    metric: m
      ? t(locale, 'meeting.since', {
          metric: m.names[locale],
          before: fmt(m.base),
          now: fmt(m.now),
          day: m.baseDay ? addDays(m.baseDay, 1).slice(5) : '',
        })
      : '',
    overdue: item.overdue ? t(locale, 'meeting.overdue') : '',
  });
}
