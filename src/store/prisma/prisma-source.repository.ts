import { ConfigError, InputError } from '../../core/errors.ts';
import type { Source, SourceKind, SourceRepository, SourceRun, SourceRunResult, SourceTrigger } from '../../core/ports/sources.ts';
import type { SecretBox } from '../../core/security/secret-box.ts';
import { isUniqueViolation } from './find-or-create.ts';
import type { Db } from './prisma-client.ts';

type Row = Awaited<ReturnType<Db['source']['findFirstOrThrow']>>;
type RunRow = Awaited<ReturnType<Db['sourceRun']['findFirstOrThrow']>>;

const opt = <T>(v: T | null): T | undefined => v ?? undefined;

function toRun(row: RunRow): SourceRun {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    sourceId: row.sourceId,
    trigger: row.trigger as SourceTrigger,
    since: opt(row.since),
    startedAt: row.startedAt,
    finishedAt: opt(row.finishedAt),
    rowsRead: row.rowsRead,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    error: opt(row.error),
  };
}

/** Sources with their connection and headers sealed by the secret box: neither reaches the database in clear. */
export function createPrismaSourceRepository(db: Db, box: SecretBox | undefined): SourceRepository {
  const need = (): SecretBox => {
    if (!box)
      throw new ConfigError(
        'GROWTHBEAT_SECRET_KEY',
        'GROWTHBEAT_SECRET_KEY is not set: data sources store their connection encrypted with it; set it to a random string of at least 32 characters',
      );
    return box;
  };
  const toSource = (row: Row): Source => ({
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    kind: row.kind as SourceKind,
    connection: need().open(row.connection),
    headers: row.headers ? (JSON.parse(need().open(row.headers)) as Record<string, string>) : undefined,
    query: opt(row.query),
    mapping: (row.mapping ?? {}) as Record<string, unknown>,
    schedule: opt(row.schedule),
    lookbackDays: row.lookbackDays,
    createdBy: opt(row.createdBy),
    createdAt: row.createdAt,
    lastSuccessAt: opt(row.lastSuccessAt),
    lastErrorAt: opt(row.lastErrorAt),
    lastError: opt(row.lastError),
    failingSince: opt(row.failingSince),
    nextRunAt: opt(row.nextRunAt),
    lastSlotAt: opt(row.lastSlotAt),
    etag: opt(row.etag),
    lastModified: opt(row.lastModified),
  });
  const sealHeaders = (headers: Record<string, string> | undefined) =>
    headers && Object.keys(headers).length ? need().seal(JSON.stringify(headers)) : null;
  return {
    async create(workspaceId, spec, createdBy) {
      try {
        const row = await db.source.create({
          data: {
            workspaceId,
            name: spec.name,
            kind: spec.kind,
            connection: need().seal(spec.connection),
            headers: sealHeaders(spec.headers),
            query: spec.query ?? null,
            mapping: spec.mapping as object,
            schedule: spec.schedule ?? null,
            lookbackDays: spec.lookbackDays,
            createdBy: createdBy ?? null,
          },
        });
        return toSource(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new InputError(`a source named "${spec.name}" already exists`, { field: 'name' });
        throw error;
      }
    },
    async get(workspaceId, name) {
      const row = await db.source.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
      return row ? toSource(row) : undefined;
    },
    async list(workspaceId) {
      return (await db.source.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } })).map(toSource);
    },
    async statuses(workspaceId) {
      const rows = await db.source.findMany({
        where: { workspaceId },
        orderBy: { name: 'asc' },
        select: {
          name: true,
          kind: true,
          schedule: true,
          createdAt: true,
          lastSuccessAt: true,
          lastErrorAt: true,
          lastError: true,
          failingSince: true,
          nextRunAt: true,
        },
      });
      return rows.map((r) => ({
        name: r.name,
        kind: r.kind as SourceKind,
        schedule: opt(r.schedule),
        createdAt: r.createdAt,
        lastSuccessAt: opt(r.lastSuccessAt),
        lastErrorAt: opt(r.lastErrorAt),
        lastError: opt(r.lastError),
        failingSince: opt(r.failingSince),
        nextRunAt: opt(r.nextRunAt),
      }));
    },
    async any() {
      return (await db.source.count({ take: 1 })) > 0;
    },
    async update(workspaceId, name, patch) {
      const data: Record<string, unknown> = {};
      if (patch.name !== undefined) data.name = patch.name;
      if (patch.kind !== undefined) data.kind = patch.kind;
      if (patch.connection !== undefined) data.connection = need().seal(patch.connection);
      if (patch.headers !== undefined) data.headers = sealHeaders(patch.headers);
      if (patch.query !== undefined) data.query = patch.query;
      if (patch.mapping !== undefined) data.mapping = patch.mapping;
      if ('schedule' in patch) data.schedule = patch.schedule ?? null;
      if (patch.lookbackDays !== undefined) data.lookbackDays = patch.lookbackDays;
      if (patch.nextRunAt !== undefined) data.nextRunAt = patch.nextRunAt;
      // A new connection or query reads other data: the cached validators no longer describe it.
      if (patch.connection !== undefined || patch.headers !== undefined || patch.query !== undefined) {
        data.etag = null;
        data.lastModified = null;
      }
      try {
        const { count } = await db.source.updateMany({ where: { workspaceId, name }, data });
        if (count === 0) return undefined;
      } catch (error) {
        if (isUniqueViolation(error)) throw new InputError(`a source named "${patch.name}" already exists`, { field: 'name' });
        throw error;
      }
      return this.get(workspaceId, patch.name ?? name);
    },
    async remove(workspaceId, name) {
      const found = await db.source.findUnique({ where: { workspaceId_name: { workspaceId, name } }, select: { id: true } });
      if (!found) return false;
      await db.sourceRun.deleteMany({ where: { workspaceId, sourceId: found.id } });
      return (await db.source.deleteMany({ where: { workspaceId, id: found.id } })).count > 0;
    },
    async startRun(workspaceId, sourceId, run) {
      const owned = await db.source.count({ where: { workspaceId, id: sourceId } });
      if (owned === 0) throw new InputError('no such source in this workspace', { field: 'source' });
      const row = await db.sourceRun.create({
        data: { workspaceId, sourceId, trigger: run.trigger, since: run.since ?? null, startedAt: run.startedAt },
      });
      return toRun(row);
    },
    async finishRun(workspaceId, runId, result: SourceRunResult, finishedAt, state) {
      const run = await db.sourceRun.findFirst({ where: { workspaceId, id: runId }, select: { sourceId: true } });
      if (!run) return;
      await db.sourceRun.updateMany({
        where: { workspaceId, id: runId },
        data: {
          finishedAt,
          rowsRead: result.rowsRead,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          error: result.error?.slice(0, 2000) ?? null,
        },
      });
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(state)) if (v !== undefined) data[k] = k === 'lastError' && v ? String(v).slice(0, 2000) : v;
      if (Object.keys(data).length) await db.source.updateMany({ where: { workspaceId, id: run.sourceId }, data });
    },
    async markFailing(workspaceId, sourceId, at) {
      return (
        (await db.source.updateMany({ where: { workspaceId, id: sourceId, failingSince: null }, data: { failingSince: at } })).count === 1
      );
    },
    async markRecovered(workspaceId, sourceId) {
      return (
        (await db.source.updateMany({ where: { workspaceId, id: sourceId, NOT: { failingSince: null } }, data: { failingSince: null } }))
          .count === 1
      );
    },
    async claimSlot(workspaceId, sourceId, slotAt) {
      const { count } = await db.source.updateMany({
        where: { workspaceId, id: sourceId, OR: [{ lastSlotAt: null }, { lastSlotAt: { lt: slotAt } }] },
        data: { lastSlotAt: slotAt },
      });
      return count === 1;
    },
    async runs(workspaceId, sourceId, limit) {
      return (await db.sourceRun.findMany({ where: { workspaceId, sourceId }, orderBy: { startedAt: 'desc' }, take: limit })).map(toRun);
    },
  };
}
