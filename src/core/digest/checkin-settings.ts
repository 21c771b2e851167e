// The pre-meeting check-in's schedule (`workspace.settings.checkin`): by default the day before the digest's
// weekday at 16:00 in the workspace's timezone, with a reminder 2 hours before the digest.
import type { Workspace } from '../ports/workspace.ts';
import { type NotWeekly, readCron } from '../time/read-cron.ts';
import { DEFAULT_DIGEST_CRON, digestSettings } from './digest-settings.ts';

/** The hour of the default check-in, the day before the digest. */
export const DEFAULT_CHECKIN_HOUR = 16;
/** A week-over-week move at least this large (relative) among what an owner owns is asked about. */
export const DEFAULT_MOVE_THRESHOLD = 0.1;
/** How long before the digest the reminder goes to owners who have not answered. */
export const REMINDER_LEAD_MINUTES = 120;

export interface CheckinSettings {
  /** A cron set with `/growth checkin schedule`; undefined: the day before the digest at 16:00. */
  cron?: string;
  /** `/growth checkin off`: no check-in and no reminder. */
  off?: boolean;
  /** The week-over-week move (a fraction) that puts an owned number on the check-in. */
  moveThreshold?: number;
}

/** The check-in settings of a workspace, ignoring anything malformed. */
export function checkinSettings(workspace: Pick<Workspace, 'settings'>): CheckinSettings {
  const raw = workspace.settings.checkin;
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  return {
    ...(typeof r.cron === 'string' && r.cron.trim() ? { cron: r.cron.trim() } : {}),
    ...(r.off === true ? { off: true } : {}),
    ...(typeof r.moveThreshold === 'number' && r.moveThreshold > 0 && r.moveThreshold <= 10 ? { moveThreshold: r.moveThreshold } : {}),
  };
}

/** The settings object with the check-in part changed (a key set to undefined is removed), the rest kept. */
export function withCheckinSettings(workspace: Pick<Workspace, 'settings'>, patch: CheckinSettings): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...checkinSettings(workspace), ...patch };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return { ...workspace.settings, checkin: merged };
}

/** Why a digest's schedule gives no default check-in: it is not the same weekdays every week, or unreadable. */
export type NoDefaultCheckin = NotWeekly | 'unreadable';

export interface CheckinDefaults {
  /** 16:00 the day before the week's digest; undefined when the digest is not weekly (see `why`). */
  checkin?: string;
  /** 2 hours before the week's digest (before each of its times, on a schedule that is not weekly); undefined when it cannot be written as a cron. */
  reminder?: string;
  why?: NoDefaultCheckin;
}

/** Monday first: the digest's key is its week, so of a week's slots the first (from Monday 00:00) sends it. */
const mondayFirst = (day: number) => (day === 0 ? 7 : day);

/**
 * The check-in and reminder a digest schedule gives by default, for every cron node-cron accepts. The digest
 * goes out once a week, at the week's first slot (its outbox key is the week; the later slots find it sent),
 * so on a weekly schedule (`0 9 * * 1-5`, `30 9 * * 1,3`, `0 0 * * 1`, `@daily`) the check-in is 16:00 the day
 * before that slot and the reminder 2 hours before it (`0 0 * * 1` → `0 16 * * 0` and `0 22 * * 0`). A
 * schedule on days of the month, some months or a weekday of the month (`0 9 1,15 * *`, `0 9 * * 1#1`) has no
 * "day before" every week: no default check-in (`why`), and the reminder only where 2 hours earlier is the same day.
 */
export function checkinDefaults(digest: string): CheckinDefaults {
  const cron = readCron(digest);
  if (!cron || cron.times.length === 0) return { why: 'unreadable' };
  const lead = REMINDER_LEAD_MINUTES;
  if (cron.weekdays) {
    const first = [...cron.weekdays].sort((a, b) => mondayFirst(a) - mondayFirst(b))[0] as number;
    const at = (cron.times[0] as number) - lead;
    // Earlier than midnight: the day before (the lead is under a day).
    const [minutes, day] = at < 0 ? [at + 24 * 60, (first + 6) % 7] : [at, first];
    return {
      checkin: `0 ${DEFAULT_CHECKIN_HOUR} * * ${(first + 6) % 7}`,
      reminder: `${minutes % 60} ${Math.floor(minutes / 60)} * * ${day}`,
    };
  }
  // The same days at other times: only when no time crosses midnight (the day before a day of the month is not one).
  const earlier = lead % 60 === 0 && cron.hours.every((h) => h * 60 >= lead);
  return {
    why: cron.notWeekly,
    ...(earlier ? { reminder: [cron.minutes.join(','), cron.hours.map((h) => h - lead / 60).join(','), ...cron.dayFields].join(' ') } : {}),
  };
}

/** The digest's cron where a digest channel is set (the check-in and its reminder run only there). */
export function digestCron(workspace: Pick<Workspace, 'settings'>): string | undefined {
  const digest = digestSettings(workspace);
  return digest.channel ? (digest.cron ?? DEFAULT_DIGEST_CRON) : undefined;
}

/** When the check-in runs in this workspace: its own schedule, else the day before the digest at 16:00; undefined when off, without a digest, or without a default (checkinDefaults). */
export function checkinCron(workspace: Pick<Workspace, 'settings'>): string | undefined {
  const digest = digestCron(workspace);
  const settings = checkinSettings(workspace);
  if (!digest || settings.off) return undefined;
  return settings.cron ?? checkinDefaults(digest).checkin;
}

/** When the reminder runs: 2 hours before the digest, where there is a check-in to remind of; undefined otherwise. */
export function reminderCron(workspace: Pick<Workspace, 'settings'>): string | undefined {
  const digest = digestCron(workspace);
  if (!digest || !checkinCron(workspace)) return undefined;
  return checkinDefaults(digest).reminder;
}
