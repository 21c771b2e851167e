// What the check-in asks each owner: the subjects the digest raises (the week's alerts, targets missed far,
// the largest ROI fall and rise) and the largest week-over-week moves among what they own, minus what a note
// already explains. A subject an alert raised is asked of the owners that alert mentions (the rule's owners for
// the channel, the rule's owners, the channel's owner, the metric's owner: alerts/alert-names.ts), and of nobody
// else; any other subject on a channel belongs to the channel's owner, else to the metric's owner. Nobody is
// asked about a number they do not own.
import { CHANNEL_METRIC, noteExplains } from '../meeting/meeting-values.ts';
import { type Change, changeFor } from '../metrics/change.ts';
import type { MetricUnit } from '../metrics/metric-definition.ts';
import type { Segment } from '../ports/catalog.ts';
import { type DigestData, digestLines, type Names } from './digest-data.ts';
import { raisedSubjects, type Subject } from './digest-meeting.ts';

/** At most this many of an owner's own moves are added to what the digest raises. */
export const MAX_MOVES_PER_OWNER = 3;

export type CheckinReason = 'alert' | 'target' | 'move';

export interface CheckinItem extends Subject {
  reasons: CheckinReason[];
  /** "抖音 · ROI" in both languages. */
  names: Names;
  value: number | null;
  unit: MetricUnit;
  change: Change;
  /** The words to answer with: `抖音`, `cac 抖音`, `retention_d7`. */
  noteWords: string;
}

/** Who owns what: metric keys and segment keys to member ids. */
export interface Ownership {
  metrics: Map<string, string>;
  segments: Map<string, string>;
}

export function ownership(metricOwners: { key: string; memberId: string }[], segments: readonly Segment[]): Ownership {
  return {
    metrics: new Map(metricOwners.map((o) => [o.key, o.memberId])),
    segments: new Map(segments.flatMap((s) => (s.ownerMemberId ? [[s.key, s.ownerMemberId] as const] : []))),
  };
}

/** The member who answers for a subject: the channel's owner, else the metric's owner; undefined when nobody owns it. */
export function ownerOf(owners: Ownership, s: Subject): string | undefined {
  return (s.segment ? owners.segments.get(s.segment) : undefined) ?? owners.metrics.get(s.metric);
}

const key = (s: Subject) => `${s.metric}\u0000${s.segment}`;

/**
 * Who is asked about a subject (member ids): the owners its alerts mention when an alert raised it (every alert on
 * it, as the digest hands them: alerts/alert-names.ts ownerMemberIdsFor), else its owner; none when nobody owns it.
 */
function askedAbout(data: DigestData, owners: Ownership, s: Subject): string[] {
  const alerts = data.alerts.filter((a) => a.metricKey === s.metric && a.segment === s.segment);
  if (alerts.length) return [...new Set(alerts.flatMap((a) => a.ownerMemberIds))];
  const owner = ownerOf(owners, s);
  return owner === undefined ? [] : [owner];
}

function reasonOf(data: DigestData, s: Subject): CheckinReason {
  if (data.alerts.some((a) => a.metricKey === s.metric && a.segment === s.segment)) return 'alert';
  if (!s.segment && data.offTarget.some((o) => o.key === s.metric)) return 'target';
  return 'move';
}

/** A move's size for the threshold: relative to the week before, or the difference itself from a zero baseline. */
function moveSize(current: number | null, previous: number | null): number {
  if (current === null || previous === null) return 0;
  return previous === 0 ? Math.abs(current) : Math.abs(current - previous) / Math.abs(previous);
}

/** The week's moves at least `threshold` among every number the digest has a change for, largest first. */
function moves(data: DigestData, threshold: number): { subject: Subject; size: number }[] {
  const lines = digestLines(data).map((l) => ({
    subject: { metric: l.key, segment: '' },
    size: moveSize(l.current, l.previous),
  }));
  const small = new Set(data.smallChannels);
  const channels = data.channels
    .filter((c) => !small.has(c.segment))
    .map((c) => ({ subject: { metric: CHANNEL_METRIC, segment: c.segment }, size: moveSize(c.roi, c.roiPrevious) }));
  return [...lines, ...channels].filter((m) => m.size >= threshold && Number.isFinite(m.size)).sort((a, b) => b.size - a.size);
}

/** The words `/growth note` takes for a subject: `抖音` (a channel's ROI), `cac 抖音`, `retention_d7`. */
export function noteWords(s: Subject, segments: readonly Segment[]): string {
  // A channel's name is what people type; a name with spaces would split, so its key goes instead.
  const name = segments.find((x) => x.key === s.segment)?.name ?? s.segment;
  const channel = /\s/.test(name) ? s.segment : name;
  return !s.segment ? s.metric : s.metric === CHANNEL_METRIC ? channel : `${s.metric} ${channel}`;
}

function describe(data: DigestData, s: Subject, segments: readonly Segment[]): Omit<CheckinItem, 'reasons'> {
  const unit = data.metrics[s.metric]?.unit ?? 'ratio';
  const channel = s.segment ? data.channels.find((c) => c.segment === s.segment) : undefined;
  const line = s.segment ? undefined : digestLines(data).find((l) => l.key === s.metric);
  const target = s.segment ? undefined : data.offTarget.find((o) => o.key === s.metric);
  const value = channel && s.metric === CHANNEL_METRIC ? channel.roi : (line?.current ?? target?.value ?? null);
  const change =
    channel && s.metric === CHANNEL_METRIC
      ? changeFor(unit, channel.roi, channel.roiPrevious)
      : line
        ? changeFor(unit, line.current, line.previous)
        : null;
  const metricNames = data.metrics[s.metric]?.names ?? { 'zh-CN': s.metric, en: s.metric };
  const segmentNames = channel?.names ?? (s.segment ? { 'zh-CN': s.segment, en: s.segment } : undefined);
  const names = (l: keyof Names) => [segmentNames?.[l], metricNames[l]].filter(Boolean).join(' · ');
  return {
    ...s,
    names: { 'zh-CN': names('zh-CN'), en: names('en') },
    value,
    unit,
    change: change ?? null,
    noteWords: noteWords(s, segments),
  };
}

/**
 * Each owner's items (member id → items; `''` → every raised item, for a workspace without owners), the
 * subjects a note on the digest's week already explains left out.
 */
export function checkinItems(
  digest: DigestData,
  owners: Ownership,
  segments: readonly Segment[],
  threshold: number,
): Map<string, CheckinItem[]> {
  // The week's alerts and those opened since that are still open: the meeting discusses both.
  const data = digest.openSince?.length ? { ...digest, alerts: [...digest.alerts, ...digest.openSince] } : digest;
  const notes = data.meeting?.notes ?? [];
  const open = (s: Subject) => !notes.some((n) => noteExplains(n, s));
  const noOwners = owners.metrics.size === 0 && owners.segments.size === 0;
  const out = new Map<string, CheckinItem[]>();
  const add = (member: string, s: Subject, reason: CheckinReason) => {
    const list = out.get(member) ?? [];
    const existing = list.find((i) => key(i) === key(s));
    if (existing) {
      if (!existing.reasons.includes(reason)) existing.reasons.push(reason);
      return;
    }
    list.push({ ...describe(data, s, segments), reasons: [reason] });
    out.set(member, list);
  };
  for (const s of raisedSubjects(data).filter(open)) {
    const asked = askedAbout(data, owners, s);
    // Without owners, what no alert names anyone for goes to the digest channel.
    for (const owner of asked.length === 0 && noOwners ? [''] : asked) add(owner, s, reasonOf(data, s));
  }
  if (noOwners) return out;
  const counted = new Map<string, number>();
  for (const m of moves(data, threshold)) {
    if (!open(m.subject)) continue;
    for (const owner of askedAbout(data, owners, m.subject)) {
      if ((counted.get(owner) ?? 0) >= MAX_MOVES_PER_OWNER) continue;
      counted.set(owner, (counted.get(owner) ?? 0) + 1);
      add(owner, m.subject, 'move');
    }
  }
  return out;
}
