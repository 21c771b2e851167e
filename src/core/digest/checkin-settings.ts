// The pre-meeting check-in's schedule (`workspace.settings.checkin`): by default the day before the digest's
// weekday at 16:00 in the workspace's timezone, with a reminder 2 hours before the digest.
import type { Workspace } from '../ports/workspace.ts';
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

/** `m h * * d[,d…]` with numbers only (what `周三 14:00` and the default become); undefined for any other cron. */
function simpleWeekly(cron: string): { minute: number; hour: number; days: number[] | '*' } | undefined {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5 || !/^\d{1,2}$/.test(f[0] as string) || !/^\d{1,2}$/.test(f[1] as string)) return undefined;
  if (f[2] !== '*' || f[3] !== '*') return undefined;
  const dow = f[4] as string;
  if (dow !== '*' && !/^[0-7](,[0-7])*$/.test(dow)) return undefined;
  return {
    minute: Number(f[0]),
    hour: Number(f[1]),
    days: dow === '*' ? '*' : [...new Set(dow.split(',').map((d) => Number(d) % 7))].sort((a, b) => a - b),
  };
}

function weekly(minute: number, hour: number, days: number[] | '*'): string {
  return `${minute} ${hour} * * ${days === '*' ? '*' : days.join(',')}`;
}

/** The digest's cron where a digest channel is set (the check-in and its reminder run only there). */
function digestCron(workspace: Pick<Workspace, 'settings'>): string | undefined {
  const digest = digestSettings(workspace);
  return digest.channel ? (digest.cron ?? DEFAULT_DIGEST_CRON) : undefined;
}

/** The day before each of the digest's days at 16:00 (`0 14 * * 3` → `0 16 * * 2`); undefined for a cron we cannot read. */
export function dayBeforeCron(digest: string): string | undefined {
  const s = simpleWeekly(digest);
  if (!s) return undefined;
  return weekly(0, DEFAULT_CHECKIN_HOUR, s.days === '*' ? '*' : s.days.map((d) => (d + 6) % 7));
}

/** The digest's cron moved `minutes` earlier (crossing midnight moves the days too); undefined for a cron we cannot read. */
export function earlierCron(digest: string, minutes: number): string | undefined {
  const s = simpleWeekly(digest);
  if (!s) return undefined;
  let at = s.hour * 60 + s.minute - minutes;
  let shift = 0;
  while (at < 0) {
    at += 24 * 60;
    shift++;
  }
  const days = s.days === '*' ? '*' : [...new Set(s.days.map((d) => (((d - shift) % 7) + 7) % 7))].sort((a, b) => a - b);
  return weekly(at % 60, Math.floor(at / 60), days);
}

/** When the check-in runs in this workspace: its own schedule, else the day before the digest at 16:00; undefined when off or without a digest. */
export function checkinCron(workspace: Pick<Workspace, 'settings'>): string | undefined {
  const digest = digestCron(workspace);
  const settings = checkinSettings(workspace);
  if (!digest || settings.off) return undefined;
  return settings.cron ?? dayBeforeCron(digest);
}

/** When the reminder runs: 2 hours before the digest; undefined when the check-in is off or the digest's cron cannot be moved. */
export function reminderCron(workspace: Pick<Workspace, 'settings'>): string | undefined {
  const digest = digestCron(workspace);
  if (!digest || checkinSettings(workspace).off) return undefined;
  return earlierCron(digest, REMINDER_LEAD_MINUTES);
}
