import type { AuditRecord, AuditRepository } from '../../core/ports/audit.ts';
import type { Db } from './prisma-client.ts';

export function createPrismaAuditRepository(db: Db): AuditRepository {
  return {
    async append(entry) {
      await db.auditEntry.create({
        data: {
          workspaceId: entry.workspaceId,
          actor: entry.actor,
          action: entry.action,
          target: entry.target,
          before: entry.before === undefined ? undefined : (entry.before as object),
          after: entry.after === undefined ? undefined : (entry.after as object),
          ...(entry.at ? { at: entry.at } : {}),
        },
      });
    },
    async list(workspaceId, options = {}) {
      const rows = await db.auditEntry.findMany({
        where: {
          workspaceId,
          ...(options.action ? { action: options.action } : options.actions ? { action: { in: options.actions } } : {}),
          ...(options.actor ? { actor: options.actor } : {}),
          ...(options.since ? { at: { gte: options.since } } : {}),
          ...(options.targetPrefix ? { target: { startsWith: options.targetPrefix } } : {}),
        },
        orderBy: { id: 'desc' },
        take: options.limit ?? 100,
      });
      return rows.map(
        (r): AuditRecord => ({
          id: r.id,
          workspaceId: r.workspaceId,
          actor: r.actor,
          action: r.action,
          target: r.target ?? undefined,
          before: parseJson(r.before),
          after: parseJson(r.after),
          at: r.at,
        }),
      );
    },
  };
}

// Rows written through raw SQL hold JSON text; rows written by the client hold JSON values.
function parseJson(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
