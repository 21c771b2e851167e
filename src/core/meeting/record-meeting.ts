// The meeting's writes, each with its audit entry in one transaction: a note, an action, a change to an
// action, a decision. Chat commands call these today; the check-in's modal and form will call addNote.
import { AlertConflictError } from '../errors.ts';
import type { NewAuditRecord } from '../ports/audit.ts';
import type {
  MeetingAction,
  MeetingActionPatch,
  MeetingDecision,
  MeetingNote,
  NewMeetingAction,
  NewMeetingDecision,
  NewMeetingNote,
} from '../ports/meeting.ts';
import type { NewOutboxMessage } from '../ports/outbox.ts';
import type { Store, TransactionScope } from '../ports/store.ts';
import type { Member } from '../ports/workspace.ts';

type MeetingStore = Pick<Store, 'transaction' | 'meeting'>;

/** How often a change is tried again when someone else changed the action between the read and the write. */
const CHANGE_ATTEMPTS = 5;

/** Writes one record and the audit entry saying who wrote what, in one transaction. */
function withAudit<T extends { workspaceId: string }>(
  store: MeetingStore,
  write: (tx: TransactionScope) => Promise<T>,
  entry: (saved: T) => Omit<NewAuditRecord, 'workspaceId'>,
): Promise<T> {
  return store.transaction(async (tx) => {
    const saved = await write(tx);
    await tx.audit.append({ workspaceId: saved.workspaceId, ...entry(saved) });
    return saved;
  });
}

/**
 * Stores a note (who said what about which number) with its audit entry, and the messages it causes (the
 * note in the thread of each open alert it explains): all or nothing.
 */
export function recordNote(
  store: MeetingStore,
  note: NewMeetingNote,
  messages: (saved: MeetingNote) => NewOutboxMessage[] = () => [],
): Promise<MeetingNote> {
  return withAudit(
    store,
    async (tx) => {
      const saved = await tx.meeting.addNote(note);
      for (const message of messages(saved)) await tx.outbox.enqueue(message);
      return saved;
    },
    (n) => ({
      actor: n.authorId,
      action: 'meeting.note',
      target: n.id,
      after: { metric: n.metric, segment: n.segment, text: n.text, value: n.value, period: [n.periodFrom, n.periodTo] },
    }),
  );
}

/**
 * Stores an action under the workspace's next number, with its audit entry and the messages it causes (the
 * action in the thread of each open alert on its number): all or nothing.
 */
export function recordAction(
  store: MeetingStore,
  action: NewMeetingAction,
  messages: (saved: MeetingAction) => NewOutboxMessage[] = () => [],
): Promise<MeetingAction> {
  return withAudit(
    store,
    async (tx) => {
      const saved = await tx.meeting.addAction(action);
      for (const message of messages(saved)) await tx.outbox.enqueue(message);
      return saved;
    },
    (a) => ({ actor: a.creatorId, action: 'meeting.action.add', target: `#${a.number}`, after: auditShape(a) }),
  );
}

/** Stores a decision with its audit entry. */
export function recordDecision(store: MeetingStore, decision: NewMeetingDecision): Promise<MeetingDecision> {
  return withAudit(
    store,
    (tx) => tx.meeting.addDecision(decision),
    (d) => ({ actor: d.authorId, action: 'meeting.decision', target: d.id, after: { text: d.text, metrics: d.metrics } }),
  );
}

/** Who asks to change an action: a member as the permission check needs them. */
export type ActionActor = Pick<Member, 'id' | 'role'>;

/** Only an action's owner, its creator or a workspace admin may close or edit it. */
export function mayChangeAction(actor: ActionActor, action: Pick<MeetingAction, 'ownerId' | 'creatorId'>): boolean {
  return actor.role === 'admin' || actor.id === action.ownerId || actor.id === action.creatorId;
}

export type ActionChange =
  | { kind: 'missing' }
  /** `actor` may not change it (see mayChangeAction): nothing written; the action as it is. */
  | { kind: 'refused'; action: MeetingAction }
  /** `patch` returned undefined: nothing to change (e.g. done twice); the action as it is. */
  | { kind: 'unchanged'; action: MeetingAction }
  | { kind: 'changed'; before: MeetingAction; action: MeetingAction };

/**
 * Changes action #`number` by what `patch` makes of its current state (undefined: leave it), with an audit
 * entry naming `verb`, read-modify-write safe: when someone changed it in between, reads it again and
 * asks `patch` again, so two people closing it at once close it once. `actor` must be allowed to change
 * the action as read (mayChangeAction): the write only lands if it is still as read, so an owner replaced
 * between the read and the write is refused on the re-read.
 */
export async function changeAction(
  store: MeetingStore,
  workspaceId: string,
  number: number,
  actor: ActionActor,
  verb: 'done' | 'drop' | 'edit',
  patch: (current: MeetingAction) => MeetingActionPatch | undefined,
): Promise<ActionChange> {
  for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
    const current = await store.meeting.action(workspaceId, number);
    if (!current) return { kind: 'missing' };
    if (!mayChangeAction(actor, current)) return { kind: 'refused', action: current };
    const wanted = patch(current);
    if (!wanted) return { kind: 'unchanged', action: current };
    const saved = await store.transaction(async (tx) => {
      const updated = await tx.meeting.updateAction(workspaceId, current.id, wanted, current.updatedAt);
      if (!updated) return undefined;
      await tx.audit.append({
        workspaceId,
        actor: actor.id,
        action: `meeting.action.${verb}`,
        target: `#${number}`,
        before: auditShape(current),
        after: auditShape(updated),
      });
      return updated;
    });
    if (saved) return { kind: 'changed', before: current, action: saved };
  }
  throw new AlertConflictError(`meeting action #${number}`);
}

function auditShape(a: MeetingAction) {
  return {
    text: a.text,
    owner: a.ownerId,
    due: a.dueDay,
    metric: a.metric,
    segment: a.segment,
    baseValue: a.baseValue,
    baseDay: a.baseDay,
    status: a.status,
  };
}
