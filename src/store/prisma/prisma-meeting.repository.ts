import type {
  ActionStatus,
  MeetingAction,
  MeetingDecision,
  MeetingNote,
  MeetingRepository,
  MeetingWriter,
} from '../../core/ports/meeting.ts';
import type { Db } from './prisma-client.ts';

type NoteRow = Awaited<ReturnType<Db['meetingNote']['findFirstOrThrow']>>;
type ActionRow = Awaited<ReturnType<Db['meetingAction']['findFirstOrThrow']>>;
type DecisionRow = Awaited<ReturnType<Db['meetingDecision']['findFirstOrThrow']>>;

function toNote(r: NoteRow): MeetingNote {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    authorId: r.authorId,
    ...(r.metric ? { metric: r.metric } : {}),
    ...(r.segment ? { segment: r.segment } : {}),
    text: r.text,
    value: r.value,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    createdAt: r.createdAt,
  };
}

function toAction(r: ActionRow): MeetingAction {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    number: r.number,
    text: r.text,
    ownerId: r.ownerId,
    creatorId: r.creatorId,
    ...(r.dueDay ? { dueDay: r.dueDay } : {}),
    ...(r.metric ? { metric: r.metric } : {}),
    ...(r.segment ? { segment: r.segment } : {}),
    baseValue: r.baseValue,
    ...(r.baseDay ? { baseDay: r.baseDay } : {}),
    status: r.status as ActionStatus,
    ...(r.closedAt ? { closedAt: r.closedAt } : {}),
    ...(r.closedBy ? { closedBy: r.closedBy } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toDecision(r: DecisionRow): MeetingDecision {
  let metrics: string[] = [];
  try {
    metrics = JSON.parse(r.metrics) as string[];
  } catch {
    metrics = [];
  }
  return { id: r.id, workspaceId: r.workspaceId, authorId: r.authorId, text: r.text, metrics, createdAt: r.createdAt };
}

/** The writes; inside store.transaction `db` is the transaction, so the audit entry lands with them. */
export function createPrismaMeetingWriter(db: Db): MeetingWriter {
  return {
    async addNote(note) {
      return toNote(
        await db.meetingNote.create({
          data: {
            workspaceId: note.workspaceId,
            authorId: note.authorId,
            metric: note.metric ?? null,
            segment: note.segment ?? null,
            text: note.text,
            value: note.value,
            periodFrom: note.periodFrom,
            periodTo: note.periodTo,
            ...(note.createdAt ? { createdAt: note.createdAt } : {}),
          },
        }),
      );
    },
    async addAction(action) {
      // One statement raises the counter and reads it: the row stays locked until the transaction ends,
      // so a second action of the workspace waits and gets the next number (both SQLite and PostgreSQL).
      const [counter] = await db.$queryRaw<{ actions: number | bigint }[]>`
        INSERT INTO "MeetingCounter" ("workspaceId", "actions") VALUES (${action.workspaceId}, 1)
        ON CONFLICT ("workspaceId") DO UPDATE SET "actions" = "MeetingCounter"."actions" + 1
        RETURNING "actions"`;
      const number = Number(counter?.actions);
      return toAction(
        await db.meetingAction.create({
          data: {
            workspaceId: action.workspaceId,
            number,
            text: action.text,
            ownerId: action.ownerId,
            creatorId: action.creatorId,
            dueDay: action.dueDay ?? null,
            metric: action.metric ?? null,
            segment: action.segment ?? null,
            baseValue: action.baseValue,
            baseDay: action.baseDay ?? null,
            ...(action.createdAt ? { createdAt: action.createdAt } : {}),
          },
        }),
      );
    },
    async updateAction(workspaceId, id, patch, expected) {
      const has = (k: keyof typeof patch) => k in patch;
      const changed = await db.meetingAction.updateMany({
        where: { workspaceId, id, updatedAt: expected },
        data: {
          ...(has('text') ? { text: patch.text } : {}),
          ...(has('ownerId') ? { ownerId: patch.ownerId } : {}),
          ...(has('dueDay') ? { dueDay: patch.dueDay ?? null } : {}),
          ...(has('metric') ? { metric: patch.metric ?? null } : {}),
          ...(has('segment') ? { segment: patch.segment ?? null } : {}),
          ...(has('baseValue') ? { baseValue: patch.baseValue ?? null } : {}),
          ...(has('baseDay') ? { baseDay: patch.baseDay ?? null } : {}),
          ...(has('status') ? { status: patch.status } : {}),
          ...(has('closedAt') ? { closedAt: patch.closedAt ?? null } : {}),
          ...(has('closedBy') ? { closedBy: patch.closedBy ?? null } : {}),
          updatedAt: new Date(Math.max(Date.now(), expected.getTime() + 1)),
        },
      });
      if (changed.count === 0) return undefined;
      const row = await db.meetingAction.findFirst({ where: { workspaceId, id } });
      return row ? toAction(row) : undefined;
    },
    async addDecision(decision) {
      return toDecision(
        await db.meetingDecision.create({
          data: {
            workspaceId: decision.workspaceId,
            authorId: decision.authorId,
            text: decision.text,
            metrics: JSON.stringify(decision.metrics),
            ...(decision.createdAt ? { createdAt: decision.createdAt } : {}),
          },
        }),
      );
    },
  };
}

export function createPrismaMeetingRepository(db: Db): MeetingRepository {
  return {
    ...createPrismaMeetingWriter(db),
    async notesFor(workspaceId, periodFrom) {
      const rows = await db.meetingNote.findMany({ where: { workspaceId, periodFrom }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return rows.map(toNote);
    },
    async action(workspaceId, number) {
      const row = await db.meetingAction.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
      return row ? toAction(row) : undefined;
    },
    async actions(workspaceId, options = {}) {
      const rows = await db.meetingAction.findMany({
        where: {
          workspaceId,
          OR: [{ status: 'open' }, ...(options.closedSince ? [{ closedAt: { gte: options.closedSince } }] : [])],
        },
        orderBy: { number: 'asc' },
      });
      return rows.map(toAction);
    },
    async actionsCreated(workspaceId, from, to) {
      const rows = await db.meetingAction.findMany({
        where: { workspaceId, createdAt: { gte: from, lt: to } },
        orderBy: { number: 'asc' },
      });
      return rows.map(toAction);
    },
    async decisions(workspaceId, from, to) {
      const rows = await db.meetingDecision.findMany({
        where: { workspaceId, createdAt: { gte: from, lt: to } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toDecision);
    },
  };
}
