import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { addDays } from '../time/day-math.ts';
import type { Period } from '../time/period.ts';
import { startOfDayInZone } from '../time/zoned-today.ts';
import { type ActionItem, actionItems, MAX_MEETING_LINES, type NoteItem, noteItem } from './meeting-items.ts';

/** What the digest shows of the meeting loop: the notes on its week, and the actions open or just closed. */
export interface DigestMeeting {
  notes: NoteItem[];
  /** Open ones (by number), then those closed in the 7 days before the digest's day: the first MAX_MEETING_LINES. */
  actions: ActionItem[];
  /** How many more there are (the digest counts them; their metric then and now is not worked out). */
  moreActions: number;
}

/** The days an action stays in the digest after it was closed. */
export const JUST_CLOSED_DAYS = 7;

/** The notes explaining `week` and the actions open or closed in the 7 days before `today`, their metric then and now. */
export async function loadMeetingItems(
  store: Pick<Store, 'meeting' | 'members' | 'segments' | 'observations'>,
  workspace: Workspace,
  catalog: MetricCatalog,
  week: Period,
  today: string,
): Promise<DigestMeeting> {
  const closedSince = startOfDayInZone(addDays(today, -JUST_CLOSED_DAYS), workspace.timezone);
  const [notes, actions, members, segments] = await Promise.all([
    store.meeting.notesFor(workspace.id, week.from),
    store.meeting.actions(workspace.id, { closedSince }),
    store.members.list(workspace.id),
    store.segments.list(workspace.id),
  ]);
  const lookups = { catalog, segments, members };
  const ordered = [...actions.filter((a) => a.status === 'open'), ...actions.filter((a) => a.status !== 'open')];
  return {
    notes: notes.map((n) => noteItem(lookups, n)),
    actions: await actionItems(store, workspace.id, lookups, ordered.slice(0, MAX_MEETING_LINES), today),
    moreActions: Math.max(0, ordered.length - MAX_MEETING_LINES),
  };
}
