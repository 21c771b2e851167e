/** What the relay does with a message: post it, update an earlier one, reply in its thread, or post an image. */
export type OutboxKind = 'post' | 'update' | 'reply' | 'image';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface NewOutboxMessage {
  workspaceId: string;
  /** Unique: `digest:<workspace>:<week>`, `alert:<id>:notify:<n>`. Enqueuing the same key again does nothing. */
  key: string;
  kind: OutboxKind;
  channel: string;
  /** A View (post, update, reply) or an image `{ pngBase64, filename, title }`. */
  payload: unknown;
  /** For update and reply: the key of the message to update or reply to. */
  target?: string;
  /** When it may be sent (default: now); the caller's clock, so time stays injected. */
  availableAt?: Date;
}

export interface OutboxMessage extends NewOutboxMessage {
  id: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy?: string;
  claimExpiresAt?: Date;
  /** Slack `ts`, Feishu `message_id`, once sent. */
  platformMessageId?: string;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}

export interface OutboxRepository {
  enqueue(message: NewOutboxMessage): Promise<{ created: boolean }>;
  /**
   * Marks up to `limit` due messages as being sent by `worker` until `now + leaseMs` ("mark before"). A
   * message whose lease expired (its sender died) is claimed again. On PostgreSQL, FOR UPDATE SKIP LOCKED
   * lets replicas claim disjoint messages.
   */
  claim(worker: string, now: Date, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  /** "Confirm after": sent, with the platform's id for later updates and replies. Only the claim holder may. */
  markSent(id: string, worker: string, platformMessageId: string | undefined, now: Date): Promise<boolean>;
  markRetry(id: string, worker: string, error: string, nextAttemptAt: Date): Promise<boolean>;
  markFailed(id: string, worker: string, error: string): Promise<boolean>;
  findByKey(key: string): Promise<OutboxMessage | undefined>;
  list(filter?: { workspaceId?: string; state?: OutboxState; limit?: number }): Promise<OutboxMessage[]>;
  /** An operator's retry of a failed message: pending again, now. */
  retry(id: string, now: Date): Promise<boolean>;
  /** Removes sent (and, with `failed`, failed) messages older than a date. */
  purge(before: Date, options?: { failed?: boolean }): Promise<number>;
}
