import type { DigestMeeting } from '../meeting/load-meeting-items.ts';
import type { Change } from '../metrics/change.ts';
import type { Direction, MetricUnit } from '../metrics/metric-definition.ts';
import type { Locale } from '../ports/workspace.ts';
import type { Period } from '../time/period.ts';
import type { DigestWhy } from './digest-why.ts';

/** An alert of the week, as the alerts feature hands it to the digest. */
export interface DigestAlertItem {
  ruleName: string;
  metricKey: string;
  /** '' is the whole product. */
  segment: string;
  severity: 'info' | 'warning' | 'critical';
  state: 'firing' | 'acknowledged' | 'snoozed' | 'resolved';
  firedAt: Date;
  resolvedAt?: Date;
  /** Platform user ids, rendered with mention(): whom the alert's messages mention (alerts/alert-names.ts ownersFor). */
  ownerUserIds: string[];
  /** The same owners as member ids: whom the check-in asks about the alert. */
  ownerMemberIds: string[];
}

/** An item a rule put on the meeting's agenda (e.g. LTV/CAC < 1.5 → 市场运营联席会议). */
export interface DigestAgendaItem {
  metricKey: string;
  segment: string;
  value: number | null;
  threshold: number;
  note: string;
}

/** Where alerts and rule agenda items come from (the alerts store wires these). */
export interface DigestSources {
  alertsOfWeek?(workspaceId: string, from: Date, to: Date): Promise<DigestAlertItem[]>;
  agenda?(workspaceId: string, from: Date, to: Date): Promise<DigestAgendaItem[]>;
}

export type Names = Record<Locale, string>;

/** One metric of the week against the week before (and the same week a year earlier when it has data). */
export interface DigestLine {
  key: string;
  names: Names;
  unit: MetricUnit;
  direction: Direction;
  current: number | null;
  previous: number | null;
  yearAgo: number | null;
  change: Change;
  yoy: Change;
  /** Only part of the week counted: a retention metric whose youngest cohorts are not mature yet. */
  partial: boolean;
  /** LTV and LTV/CAC are over the latest cohorts old enough (the same 30 days the playbook's rule judges), not the week. */
  window?: { from: string; to: string };
}

export interface DigestChannel {
  segment: string;
  names: Names;
  /** undefined for the total row. */
  kind?: 'paid' | 'organic';
  /** The channel's share of the week's paid spend (null without spend). */
  spendShare: number | null;
  spend: number | null;
  newUsers: number | null;
  cac: number | null;
  revenue: number | null;
  roi: number | null;
  roiPrevious: number | null;
  roiChange: Change;
}

/** A weekly cohort: its size and Dn retention over its days that are at least n days old. */
export interface DigestCohort {
  label: string;
  from: string;
  to: string;
  newUsers: number | null;
  retention: { d1: number | null; d7: number | null; d30: number | null };
  /** Per n: true when only some of the week's cohort days are mature. */
  partial: { d1: boolean; d7: boolean; d30: boolean };
}

/** A metric whose data stopped arriving: the last day it has (undefined when none in the window). */
export interface DigestStale {
  key: string;
  names: Names;
  lastDay?: string;
}

export interface TargetRule {
  op: '>=' | '<=';
  value: number;
}

export interface DigestOffTarget {
  key: string;
  names: Names;
  unit: MetricUnit;
  value: number;
  target: TargetRule;
  /** How far from the target, relative to it: 0.19 is 19% off. */
  gap: number;
}

/** Everything the digest shows, computed; buildDigest only lays it out. */
export interface DigestData {
  workspace: { id: string; name: string; timezone: string; currency: string };
  week: Period;
  previous: Period;
  /** Set when the same week a year earlier has data. */
  yearAgo?: Period;
  asOf: string;
  headline: DigestLine[];
  /** Which channels moved the headline ratio (ROI) against the week before. */
  why?: DigestWhy;
  channels: DigestChannel[];
  /** The paid channels' total (CAC, ROI from the paid channels' sums). */
  channelTotal?: DigestChannel;
  /** Every channel, organic included: revenue, blended ROI and blended CAC. */
  blended?: { revenue: number | null; roi: number | null; cac: number | null };
  /** Channels under this share of paid spend are not movers and not on the ROI chart. */
  minSpendShare: number;
  /** Segment keys of the channels left out of movers and the chart for their small spend. */
  smallChannels: string[];
  /** Notes on the numbers (days left out, LTV without cohort revenue), in both languages. */
  notes: Record<Locale, string[]>;
  /** ROI per channel (and '' for the total) per week, the last 8 weeks ending with the digest's week. */
  roiSeries: { week: string; segment: string; names: Names; roi: number }[];
  cohorts: DigestCohort[];
  operations: DigestLine[];
  business: DigestLine[];
  /**
   * D1 retention of the week's cohorts against the week before's: a number the meeting asks about (the check-in,
   * the notes), shown in the digest as the cohort table's D1 column. Absent in data made before it existed.
   */
  retention?: DigestLine[];
  stale: DigestStale[];
  /** Data sources that stopped delivering: which, and since when their data is old. */
  staleSources?: { name: string; since: Date }[];
  alerts: DigestAlertItem[];
  /**
   * Alerts opened after the week (before the data was loaded) and still open: Monday's alert on Sunday's number.
   * Not the digest's "alerts of the week"; the check-in asks about them too.
   */
  openSince?: DigestAlertItem[];
  agenda: DigestAgendaItem[];
  offTarget: DigestOffTarget[];
  /** Names and units of the workspace's metrics, for alerts and agenda items that name any of them. */
  metrics: Record<string, { names: Names; unit: MetricUnit }>;
  /** Owners' notes on the week and the tracked actions (absent when the store has no meeting records). */
  meeting?: DigestMeeting;
}

/** Every whole-product number of the digest with its week-over-week change: what a note or a check-in item can be about. */
export function digestLines(data: Pick<DigestData, 'headline' | 'operations' | 'business' | 'retention'>): DigestLine[] {
  return [...data.headline, ...data.operations, ...data.business, ...(data.retention ?? [])];
}
