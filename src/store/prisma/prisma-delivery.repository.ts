import { type InboundEventRepository, type JobSlotRepository, jobSlotKey } from '../../core/ports/delivery.ts';
import { isUniqueViolation } from './find-or-create.ts';
import type { Db } from './prisma-client.ts';

export function createPrismaInboundEventRepository(db: Db): InboundEventRepository {
  return {
    async firstDelivery(key, ttlMs, now = new Date()) {
      try {
        await db.inboundEvent.create({ data: { key, receivedAt: now, expiresAt: new Date(now.getTime() + ttlMs) } });
        return true;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // An expired record no longer counts: take it over, once (the conditional delete decides the race).
        const taken = await db.inboundEvent.deleteMany({ where: { key, expiresAt: { lte: now } } });
        if (taken.count === 0) return false;
        return this.firstDelivery(key, ttlMs, now);
      }
    },
    async purgeExpired(now = new Date()) {
      return (await db.inboundEvent.deleteMany({ where: { expiresAt: { lte: now } } })).count;
    },
  };
}

export function createPrismaJobSlotRepository(db: Db): JobSlotRepository {
  return {
    async claim(claim) {
      try {
        await db.jobSlot.create({
          data: {
            key: jobSlotKey(claim),
            job: claim.job,
            workspaceId: claim.workspaceId ?? null,
            slotAt: claim.slotAt,
            claimedBy: claim.claimedBy,
          },
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async finish(key, result, now = new Date()) {
      await db.jobSlot.update({ where: { key }, data: { finishedAt: now, result } });
    },
    async lastRun(job, workspaceId) {
      const row = await db.jobSlot.findFirst({ where: { job, workspaceId: workspaceId ?? null }, orderBy: { slotAt: 'desc' } });
      return row
        ? { key: row.key, slotAt: row.slotAt, finishedAt: row.finishedAt ?? undefined, result: row.result ?? undefined }
        : undefined;
    },
    async purge(before) {
      // One delete per schedule, each keeping that schedule's latest slot.
      const latest = await db.jobSlot.groupBy({ by: ['job', 'workspaceId'], _max: { slotAt: true } });
      let removed = 0;
      for (const { job, workspaceId, _max } of latest) {
        const last = _max.slotAt;
        if (!last) continue;
        const cut = last < before ? last : before;
        removed += (await db.jobSlot.deleteMany({ where: { job, workspaceId, slotAt: { lt: cut } } })).count;
      }
      return removed;
    },
  };
}
