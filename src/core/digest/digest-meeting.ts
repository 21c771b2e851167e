// The digest's meeting section: each owner's note beside its number, what still has no note (the week's
// alerts, far-off targets and the channels whose ROI moved most), and the tracked actions with their
// metric then and now.
import { formatChange, formatValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import { newActionButton } from '../meeting/action-button.ts';
import { actionLine, capped, MAX_MEETING_LINES, type NoteItem } from '../meeting/meeting-items.ts';
import { CHANNEL_METRIC, noteExplains } from '../meeting/meeting-values.ts';
import type { Change } from '../metrics/change.ts';
import type { Locale } from '../ports/workspace.ts';
import { mention } from '../views/mention.ts';
import type { ViewElement } from '../views/view.ts';
import { type DigestData, digestLines } from './digest-data.ts';

/** Something the meeting will ask about: a metric on a channel ('' = the whole product). */
export interface Subject {
  metric: string;
  segment: string;
}

function change(data: DigestData, s: Subject): Change {
  if (s.segment) return s.metric === CHANNEL_METRIC ? (data.channels.find((c) => c.segment === s.segment)?.roiChange ?? null) : null;
  return digestLines(data).find((l) => l.key === s.metric)?.change ?? null;
}

/** The subjects the digest raises (the week's alerts, targets missed far, the largest ROI fall and rise): what an owner is asked to explain, here and by the check-in. */
export function raisedSubjects(data: DigestData): Subject[] {
  const small = new Set(data.smallChannels);
  const moved = data.channels
    .filter((c) => c.roi !== null && c.roiPrevious !== null && !small.has(c.segment))
    .map((c) => ({ segment: c.segment, delta: (c.roi as number) - (c.roiPrevious as number) }))
    .sort((a, b) => a.delta - b.delta);
  const movers = [moved[0], moved.at(-1)].filter((m) => m !== undefined && m.delta !== 0);
  const all: Subject[] = [
    ...data.alerts.map((a) => ({ metric: a.metricKey, segment: a.segment })),
    ...data.offTarget.map((o) => ({ metric: o.key, segment: '' })),
    ...movers.map((m) => ({ metric: CHANNEL_METRIC, segment: m!.segment })),
  ];
  const seen = new Set<string>();
  return all.filter((s) => {
    const key = `${s.metric}\u0000${s.segment}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function subjectName(data: DigestData, s: Subject, locale: Locale): string {
  const metric = data.metrics[s.metric]?.names[locale] ?? s.metric;
  const channel = s.segment ? (data.channels.find((c) => c.segment === s.segment)?.names[locale] ?? s.segment) : '';
  return [channel, metric].filter(Boolean).join(' · ');
}

/** `💬 抖音 · ROI 25.3% (−4.7pp) — @alice: 素材疲劳…`: the number the note explains and its week-over-week change. */
export function noteLine(data: DigestData, n: NoteItem, locale: Locale, author: 'mention' | 'name' = 'mention'): string {
  const s = { metric: n.metric ?? CHANNEL_METRIC, segment: n.segment ?? '' };
  const c = change(data, s);
  const shown = formatValue(n.value, n.unit, locale, data.workspace.currency);
  return t(locale, 'digest.noteLine', {
    subject: n.subject[locale],
    number: c === null ? shown : `${shown} (${formatChange(c, n.unit, locale, data.workspace.currency)})`,
    author: author === 'mention' ? mention(n.author.userId) : `@${n.author.name}`,
    text: n.text,
  });
}

/** At most this many "+ Action" buttons under the meeting section: the numbers the digest raises first. */
export const MAX_ACTION_BUTTONS = 5;

/** "+ Action: 抖音 · ROI" for each number the digest raises, so the meeting turns one into a tracked action. */
export function actionButtons(data: DigestData, locale: Locale): ViewElement | undefined {
  if (!data.meeting) return undefined;
  const raised = raisedSubjects(data).slice(0, MAX_ACTION_BUTTONS);
  if (raised.length === 0) return undefined;
  return {
    type: 'actions',
    actions: raised.map((s, i) => newActionButton(locale, s.metric, s.segment, { named: subjectName(data, s, locale), index: i })),
  };
}

/** The meeting section's text, or undefined when there are no notes, no actions and nothing unexplained. */
export function meetingSection(data: DigestData, locale: Locale): ViewElement | undefined {
  const meeting = data.meeting;
  if (!meeting) return undefined;
  const currency = data.workspace.currency;
  const unitOf = (key: string) => data.metrics[key]?.unit ?? 'ratio';
  const notes = meeting.notes.map((n) => noteLine(data, n, locale));
  const open = raisedSubjects(data).filter((s) => !meeting.notes.some((n) => noteExplains(n, s)));
  const unexplained = open.length
    ? [
        t(locale, 'digest.unexplained', {
          items: open
            .slice(0, MAX_MEETING_LINES)
            .map((s) => {
              const c = change(data, s);
              const name = subjectName(data, s, locale);
              return c === null ? name : `${name} ${formatChange(c, unitOf(s.metric), locale, currency)}`;
            })
            .concat(open.length > MAX_MEETING_LINES ? ['…'] : [])
            .join(locale === 'zh-CN' ? '、' : ', '),
        }),
      ]
    : [];
  const actions = meeting.actions.map((a) => actionLine(a, locale, currency));
  const lines = [
    ...capped(notes, locale),
    ...unexplained,
    ...capped(actions, locale, MAX_MEETING_LINES, actions.length + meeting.moreActions),
  ];
  return lines.length ? { type: 'text', text: lines.join('\n') } : undefined;
}
