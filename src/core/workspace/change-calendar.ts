// A workspace's calendar settings: the holiday region and the shopping peaks, changed with an audit entry.
import { InputError } from '../errors.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { type CalendarSettings, calendarSettings, DEFAULT_PEAKS, isCalendarRegion } from '../time/holiday-calendar.ts';

export type CalendarChange =
  | { kind: 'region'; region: string }
  | { kind: 'peak'; key: string; from: string; to: string; name?: string }
  | { kind: 'removePeak'; key: string }
  | { kind: 'resetPeaks' };

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The settings after a change; InputError naming the field when the change does not make sense. */
export function applyCalendarChange(current: CalendarSettings, change: CalendarChange): CalendarSettings {
  switch (change.kind) {
    case 'region':
      if (!isCalendarRegion(change.region))
        throw new InputError(`the calendar region is CN, none, or a country code such as US, JP or SG; not "${change.region}"`, {
          field: 'region',
        });
      return { ...current, region: change.region };
    case 'peak': {
      if (!/^[\p{L}\p{N}_-]{1,40}$/u.test(change.key))
        throw new InputError(`"${change.key}" is not a peak name: letters, digits, _ and -`, { field: 'peak' });
      if (!MONTH_DAY.test(change.from) || !MONTH_DAY.test(change.to) || change.from > change.to)
        throw new InputError('a peak is MM-DD..MM-DD within one year, the first not after the second (06-16..06-18)', { field: 'peak' });
      const name = change.name ?? change.key;
      const peak = { key: change.key, names: { 'zh-CN': name, en: name }, from: change.from, to: change.to };
      return { ...current, peaks: [...current.peaks.filter((p) => p.key !== change.key), peak] };
    }
    case 'removePeak':
      if (!current.peaks.some((p) => p.key === change.key))
        throw new InputError(`no peak "${change.key}"; the peaks are ${current.peaks.map((p) => p.key).join(', ')}`, { field: 'peak' });
      return { ...current, peaks: current.peaks.filter((p) => p.key !== change.key) };
    case 'resetPeaks':
      return { ...current, peaks: [...DEFAULT_PEAKS] };
  }
}

/** Saves a calendar change with its audit entry, in one transaction. */
export async function changeCalendar(store: Store, workspace: Workspace, change: CalendarChange, actor: string): Promise<CalendarSettings> {
  const fresh = (await store.workspaces.get(workspace.id)) ?? workspace;
  const before = calendarSettings(fresh.settings);
  const after = applyCalendarChange(before, change);
  await store.transaction(async (tx) => {
    await tx.workspaces.update(workspace.id, { settings: { ...fresh.settings, calendar: after } });
    await tx.audit.append({ workspaceId: workspace.id, actor, action: 'workspace.calendar', before, after });
  });
  return after;
}
