// The meeting loop's records: owners' notes on their numbers, the actions the meeting tracks against a
// metric, and what it decided. Member ids, metric keys and segment keys are the workspace's own; days are
// `YYYY-MM-DD` in the workspace's timezone. A later check-in (a Slack modal, a Feishu form) writes the same
// notes through the same writer: one note per answered item.

export interface MeetingNote {
  id: string;
  workspaceId: string;
  /** The member who wrote it. */
  authorId: string;
  /** What it is about: a metric, a channel, or a metric on a channel (at least one of the two). */
  metric?: string;
  segment?: string;
  text: string;
  /** The value it explains (a channel-only note: the channel's ROI) over [periodFrom, periodTo]; null when n/a. */
  value: number | null;
  /** The complete ISO week the value covers: the digest week the note belongs to. */
  periodFrom: string;
  periodTo: string;
  createdAt: Date;
}

export type NewMeetingNote = Omit<MeetingNote, 'id' | 'createdAt'> & { createdAt?: Date };

export type ActionStatus = 'open' | 'done' | 'dropped';

export interface MeetingAction {
  id: string;
  workspaceId: string;
  /** Numbered per workspace from 1, in creation order: what people type (`/growth action done 3`). */
  number: number;
  text: string;
  ownerId: string;
  creatorId: string;
  dueDay?: string;
  metric?: string;
  segment?: string;
  /** The metric's value over the 7 complete days ending baseDay, when the action was created. */
  baseValue: number | null;
  baseDay?: string;
  status: ActionStatus;
  closedAt?: Date;
  closedBy?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type NewMeetingAction = Omit<MeetingAction, 'id' | 'number' | 'status' | 'closedAt' | 'closedBy' | 'createdAt' | 'updatedAt'> & {
  createdAt?: Date;
};

/** What `edit` may change: the text, the owner, the due day, the metric it is measured on (and its base value). */
export type MeetingActionPatch = Partial<
  Pick<MeetingAction, 'text' | 'ownerId' | 'dueDay' | 'metric' | 'segment' | 'baseValue' | 'baseDay' | 'status' | 'closedAt' | 'closedBy'>
>;

export interface MeetingDecision {
  id: string;
  workspaceId: string;
  authorId: string;
  text: string;
  /** Metric keys the decision is about. */
  metrics: string[];
  createdAt: Date;
}

export type NewMeetingDecision = Omit<MeetingDecision, 'id' | 'createdAt'> & { createdAt?: Date };

/** The writes, taken inside store.transaction with the audit entry that records them (see TransactionScope). */
export interface MeetingWriter {
  addNote(note: NewMeetingNote): Promise<MeetingNote>;
  /** Gives the action the workspace's next number; two actions created at once never share one. */
  addAction(action: NewMeetingAction): Promise<MeetingAction>;
  /**
   * Changes an action if it is still as `expected` (its updatedAt) says: undefined when it is gone or someone
   * changed it since (the caller reads it again and answers).
   */
  updateAction(workspaceId: string, id: string, patch: MeetingActionPatch, expected: Date): Promise<MeetingAction | undefined>;
  addDecision(decision: NewMeetingDecision): Promise<MeetingDecision>;
}

export interface MeetingRepository extends MeetingWriter {
  /** Notes explaining the period starting `periodFrom` (a digest week), oldest first. */
  notesFor(workspaceId: string, periodFrom: string): Promise<MeetingNote[]>;
  /** The action numbered `number`, or undefined. */
  action(workspaceId: string, number: number): Promise<MeetingAction | undefined>;
  /** Actions still open, and those closed at or after `closedSince` when given; by number. */
  actions(workspaceId: string, options?: { closedSince?: Date }): Promise<MeetingAction[]>;
  /** Actions created in [from, to), by number. */
  actionsCreated(workspaceId: string, from: Date, to: Date): Promise<MeetingAction[]>;
  /** Decisions made in [from, to), oldest first. */
  decisions(workspaceId: string, from: Date, to: Date): Promise<MeetingDecision[]>;
}
