import type { MetricDefinitionRepository, Segment, SegmentRepository } from '../../core/ports/catalog.ts';
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
      for (const s of fresh) {
        await db.segment.upsert({
          where: { workspaceId_key: { workspaceId, key: s.key } },
          create: { workspaceId, key: s.key, name: s.name },
          update: {},
        });
      }
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
    async setOwner(workspaceId, key, memberId) {
      await db.segment.update({ where: { workspaceId_key: { workspaceId, key } }, data: { ownerMemberId: memberId ?? null } });
    },
  };
}

export function createPrismaMetricDefinitionRepository(db: Db): MetricDefinitionRepository {
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
      const before = await db.metricDefinition.findUnique({ where: { workspaceId_key: { workspaceId, key: spec.key } } });
      const data = {
        formula: spec.formula,
        nameZh: spec.nameZh ?? null,
        nameEn: spec.nameEn ?? null,
        aliases: JSON.stringify(spec.aliases ?? []),
        unit: spec.unit ?? null,
        direction: spec.direction ?? null,
        team: spec.team ?? null,
      };
      await db.$transaction([
        db.metricDefinition.upsert({
          where: { workspaceId_key: { workspaceId, key: spec.key } },
          create: { workspaceId, key: spec.key, ...data },
          update: data,
        }),
        db.auditEntry.create({
          data: {
            workspaceId,
            actor,
            action: 'metric.save',
            target: spec.key,
            before: before?.formula ? { formula: before.formula } : undefined,
            after: { formula: spec.formula },
          },
        }),
      ]);
    },
    async setOwner(workspaceId, key, memberId, actor) {
      const before = await db.metricDefinition.findUnique({ where: { workspaceId_key: { workspaceId, key } } });
      await db.$transaction([
        db.metricDefinition.upsert({
          where: { workspaceId_key: { workspaceId, key } },
          create: { workspaceId, key, builtIn: true, ownerMemberId: memberId },
          update: { ownerMemberId: memberId },
        }),
        db.auditEntry.create({
          data: {
            workspaceId,
            actor,
            action: 'metric.owner',
            target: key,
            before: before?.ownerMemberId ? { owner: before.ownerMemberId } : undefined,
            after: { owner: memberId },
          },
        }),
      ]);
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
