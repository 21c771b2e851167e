import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage, OutboxKind, OutboxMessage, OutboxRepository, OutboxState } from '../../core/ports/outbox.ts';
import { type RawConnection, sqliteTimestamp } from '../raw/raw-connection.ts';
import type { Db } from './prisma-client.ts';

type Row = Awaited<ReturnType<Db['outboxMessage']['findFirstOrThrow']>>;

function toMessage(r: Row): OutboxMessage {
  return {
    id: r.id,
    workspaceId: r.workspaceId,
    key: r.idempotencyKey,
    kind: r.kind as OutboxKind,
    channel: r.channel,
    payload: r.payload,
    target: r.replyToKey ?? undefined,
    state: r.state as OutboxState,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    claimedBy: r.claimedBy ?? undefined,
    claimExpiresAt: r.claimExpiresAt ?? undefined,
    platformMessageId: r.platformMessageId ?? undefined,
    lastError: r.lastError ?? undefined,
    createdAt: r.createdAt,
    sentAt: r.sentAt ?? undefined,
  };
}

let lastTick = 0n;
/** Ids that sort in the order they were made (within a process), so messages written in one instant keep their order. */
function orderedId(): string {
  let tick = process.hrtime.bigint();
  if (tick <= lastTick) tick = lastTick + 1n;
  lastTick = tick;
  return `o${tick.toString(36).padStart(13, '0')}${randomUUID().slice(0, 8)}`;
}

export function createPrismaOutboxRepository(db: Db, raw: RawConnection): OutboxRepository {
  const due = (now: Date) => ({
    OR: [
      { state: 'pending', nextAttemptAt: { lte: now } },
      { state: 'sending', claimExpiresAt: { lte: now } },
    ],
  });
  const held = (id: string, worker: string) => ({ id, state: 'sending', claimedBy: worker });
  return {
    async enqueue(m: NewOutboxMessage) {
      // INSERT … ON CONFLICT DO NOTHING rather than catching a unique violation: inside a PostgreSQL
      // transaction (enqueue beside the state change that caused it) a failed insert would abort it.
      const at = m.availableAt ?? new Date();
      const values = [orderedId(), m.workspaceId, m.key, m.kind, m.channel, JSON.stringify(m.payload ?? null), m.target ?? null];
      const inserted =
        raw.kind === 'sqlite'
          ? await db.$queryRawUnsafe<{ id: string }[]>(
              `INSERT INTO "OutboxMessage" (id, "workspaceId", "idempotencyKey", kind, channel, payload, "replyToKey", state, attempts, "nextAttemptAt", "createdAt")
               VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING id`,
              ...values,
              sqliteTimestamp(at),
              sqliteTimestamp(at),
            )
          : await db.$queryRawUnsafe<{ id: string }[]>(
              `INSERT INTO "OutboxMessage" (id, "workspaceId", "idempotencyKey", kind, channel, payload, "replyToKey", state, attempts, "nextAttemptAt", "createdAt")
               VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 'pending', 0, $8, $8) ON CONFLICT ("idempotencyKey") DO NOTHING RETURNING id`,
              ...values,
              at,
            );
      return { created: inserted.length === 1 };
    },
    async claim(worker, now, limit, leaseMs) {
      const until = new Date(now.getTime() + leaseMs);
      // Only the head of each conversation's queue is due: an earlier message of the same channel that is
      // not yet sent (or failed) holds the later ones back, so a channel receives its messages in order.
      const head = `NOT EXISTS (SELECT 1 FROM "OutboxMessage" e WHERE e."workspaceId" = m."workspaceId" AND e.channel = m.channel
        AND e.state IN ('pending', 'sending') AND (e."createdAt" < m."createdAt" OR (e."createdAt" = m."createdAt" AND e.id < m.id)))`;
      if (raw.kind === 'postgres') {
        // One statement: pick due heads no other replica holds, mark them ours.
        const { rows } = await raw.pool.query<{ id: string }>(
          `UPDATE "OutboxMessage" SET state = 'sending', "claimedBy" = $1, "claimExpiresAt" = $2, attempts = attempts + 1
           WHERE id IN (
             SELECT m.id FROM "OutboxMessage" m
             WHERE ((m.state = 'pending' AND m."nextAttemptAt" <= $3) OR (m.state = 'sending' AND m."claimExpiresAt" <= $3)) AND ${head}
             ORDER BY m."createdAt", m.id LIMIT $4 FOR UPDATE SKIP LOCKED)
           RETURNING id`,
          [worker, until, now, limit],
        );
        if (rows.length === 0) return [];
        return (
          await db.outboxMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
        ).map(toMessage);
      }
      // SQLite: one process writes at a time; each head is taken only if it is still due (conditional update).
      const stamp = sqliteTimestamp(now);
      const candidates = raw.db
        .prepare(
          `SELECT m.id FROM "OutboxMessage" m WHERE ((m.state = 'pending' AND m."nextAttemptAt" <= ?) OR (m.state = 'sending' AND m."claimExpiresAt" <= ?)) AND ${head} ORDER BY m."createdAt", m.id LIMIT ?`,
        )
        .all(stamp, stamp, limit) as { id: string }[];
      const claimed: OutboxMessage[] = [];
      for (const { id } of candidates) {
        const taken = await db.outboxMessage.updateMany({
          where: { id, ...due(now) },
          data: { state: 'sending', claimedBy: worker, claimExpiresAt: until, attempts: { increment: 1 } },
        });
        if (taken.count === 1) claimed.push(toMessage(await db.outboxMessage.findUniqueOrThrow({ where: { id } })));
      }
      return claimed;
    },
    async markSent(id, worker, platformMessageId, now) {
      const r = await db.outboxMessage.updateMany({
        where: held(id, worker),
        data: { state: 'sent', platformMessageId: platformMessageId ?? null, sentAt: now, claimExpiresAt: null, lastError: null },
      });
      return r.count === 1;
    },
    async markRetry(id, worker, error, nextAttemptAt) {
      const r = await db.outboxMessage.updateMany({
        where: held(id, worker),
        data: { state: 'pending', nextAttemptAt, claimedBy: null, claimExpiresAt: null, lastError: error.slice(0, 1000) },
      });
      return r.count === 1;
    },
    async markFailed(id, worker, error) {
      const r = await db.outboxMessage.updateMany({
        where: held(id, worker),
        data: { state: 'failed', claimExpiresAt: null, lastError: error.slice(0, 1000) },
      });
      return r.count === 1;
    },
    async findByKey(key) {
      const row = await db.outboxMessage.findUnique({ where: { idempotencyKey: key } });
      return row ? toMessage(row) : undefined;
    },
    async list(filter = {}) {
      const rows = await db.outboxMessage.findMany({
        where: { ...(filter.workspaceId ? { workspaceId: filter.workspaceId } : {}), ...(filter.state ? { state: filter.state } : {}) },
        orderBy: { createdAt: 'desc' },
        take: filter.limit ?? 100,
      });
      return rows.map(toMessage);
    },
    async retry(id, now) {
      const r = await db.outboxMessage.updateMany({
        where: { id, state: 'failed' },
        data: { state: 'pending', nextAttemptAt: now, attempts: 0, lastError: null, claimedBy: null },
      });
      return r.count === 1;
    },
    async purge(before, options = {}) {
      const states = options.failed ? ['sent', 'failed'] : ['sent'];
      return (await db.outboxMessage.deleteMany({ where: { state: { in: states }, createdAt: { lt: before } } })).count;
    },
  };
}
