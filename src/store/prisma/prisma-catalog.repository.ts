import type { MetricDefinitionRepository, Segment, SegmentRepository } from '../../core/ports/catalog.ts';
import { createUnlessTaken, findOrCreate } from './find-or-create.ts';
import type { Db } from './prisma-client.ts';

const parseList = (text: string): string[] => {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export function createPrismaSegmentRepository(db: Db): SegmentRepository {
  return {
    async ensure(workspaceId, segments) {
      if (segments.length === 0) return;
      const existing = new Set((await db.segment.findMany({ where: { workspaceId }, select: { key: true } })).map((s) => s.key));
      const fresh = [...new Map(segments.filter((s) => !existing.has(s.key)).map((s) => [s.key, s])).values()];
      // A channel another request introduced a moment ago keeps that request's name.
      for (const s of fresh) await createUnlessTaken(() => db.segment.create({ data: { workspaceId, key: s.key, name: s.name } }));
    },
    async list(workspaceId) {
      const rows = await db.segment.findMany({ where: { workspaceId }, orderBy: { key: 'asc' } });
      return rows.map(
        (r): Segment => ({ key: r.key, name: r.name, aliases: parseList(r.aliases), ownerMemberId: r.ownerMemberId ?? undefined }),
      );
    },
    async setAliases(workspaceId, key, aliases) {
      await db.segment.update({ where: { workspaceId_key: { workspaceId, key } }, data: { aliases: JSON.stringify(aliases) } });
    },
    async rename(workspaceId, key, name) {
      await db.segment.update({ where: { workspaceId_key: { workspaceId, key } }, data: { name } });
    },
    async remove(workspaceId, key) {
      await db.segment.deleteMany({ where: { workspaceId, key } });
    },
    async setOwner(workspaceId, key, memberId) {
      await db.segment.update({ where: { workspaceId_key: { workspaceId, key } }, data: { ownerMemberId: memberId ?? null } });
    },
  };
}

export function createPrismaMetricDefinitionRepository(db: Db, kind: 'sqlite' | 'postgres'): MetricDefinitionRepository {
  type Row = Awaited<ReturnType<Db['metricDefinition']['findUniqueOrThrow']>>;
  /**
   * Changes one definition with its audit entry: the row is created bare when new (a null formula and no
   * owner mean nothing), then read and changed under its row lock, so concurrent changes take turns and
   * each audit entry's "before" is what the previous change wrote.
   */
  async function changeDefinition(
    workspaceId: string,
    key: string,
    create: { builtIn?: boolean },
    change: (tx: Db, before: Row) => Promise<void>,
  ) {
    const where = { workspaceId_key: { workspaceId, key } };
    await findOrCreate(
      () => db.metricDefinition.findUnique({ where }),
      () => db.metricDefinition.create({ data: { workspaceId, key, ...create } }),
    );
    await db.$transaction(
      async (t) => {
        const tx = t as unknown as Db;
        if (kind === 'postgres')
          await tx.$queryRawUnsafe('SELECT id FROM "MetricDefinition" WHERE "workspaceId" = $1 AND key = $2 FOR UPDATE', workspaceId, key);
        await change(tx, await tx.metricDefinition.findUniqueOrThrow({ where }));
        // Prisma's defaults (2 s to get a connection, 5 s in all) are short for 20 changes queued on one row lock.
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
  }
  return {
    async listCustom(workspaceId) {
      const rows = await db.metricDefinition.findMany({ where: { workspaceId, formula: { not: null } }, orderBy: { createdAt: 'asc' } });
      return rows.map((r) => ({
        key: r.key,
        formula: r.formula as string,
        nameZh: r.nameZh ?? undefined,
        nameEn: r.nameEn ?? undefined,
        aliases: parseList(r.aliases),
        unit: (r.unit ?? undefined) as never,
        direction: (r.direction ?? undefined) as never,
        team: (r.team ?? undefined) as never,
      }));
    },
    async saveCustom(workspaceId, spec, actor) {
      const data = {
        formula: spec.formula,
        nameZh: spec.nameZh ?? null,
        nameEn: spec.nameEn ?? null,
        aliases: JSON.stringify(spec.aliases ?? []),
        unit: spec.unit ?? null,
        direction: spec.direction ?? null,
        team: spec.team ?? null,
      };
      await changeDefinition(workspaceId, spec.key, {}, async (tx, before) => {
        await tx.metricDefinition.update({ where: { id: before.id }, data });
        await tx.auditEntry.create({
          data: {
            workspaceId,
            actor,
            action: 'metric.save',
            target: spec.key,
            before: before.formula ? { formula: before.formula } : undefined,
            after: { formula: spec.formula },
          },
        });
      });
    },
    async setOwner(workspaceId, key, memberId, actor) {
      await changeDefinition(workspaceId, key, { builtIn: true }, async (tx, before) => {
        await tx.metricDefinition.update({ where: { id: before.id }, data: { ownerMemberId: memberId } });
        await tx.auditEntry.create({
          data: {
            workspaceId,
            actor,
            action: 'metric.owner',
            target: key,
            before: before.ownerMemberId ? { owner: before.ownerMemberId } : undefined,
            after: { owner: memberId },
          },
        });
      });
    },
    async owners(workspaceId) {
      const rows = await db.metricDefinition.findMany({ where: { workspaceId, ownerMemberId: { not: null } }, orderBy: { key: 'asc' } });
      return rows.map((r) => ({ key: r.key, memberId: r.ownerMemberId as string }));
    },
    async removeCustom(workspaceId, key, actor) {
      const found = await db.metricDefinition.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
      if (!found?.formula) return false;
      await db.$transaction([
        db.metricDefinition.update({ where: { id: found.id }, data: { formula: null } }),
        db.auditEntry.create({ data: { workspaceId, actor, action: 'metric.remove', target: key, before: { formula: found.formula } } }),
      ]);
      return true;
    },
  };
}
