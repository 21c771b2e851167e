import type { Store } from '../core/ports/store.ts';
import { createSecretBox } from '../core/security/secret-box.ts';
import { parseDatabaseUrl } from './database-url.ts';
import { readMigrationSet } from './migrations/migration-files.ts';
import { createPrismaAlertRepository, createPrismaAlertWriter } from './prisma/prisma-alert.repository.ts';
import { createPrismaApiTokenRepository } from './prisma/prisma-api-token.repository.ts';
import { createPrismaAuditRepository } from './prisma/prisma-audit.repository.ts';
import { createPrismaMetricDefinitionRepository, createPrismaSegmentRepository } from './prisma/prisma-catalog.repository.ts';
import { type Db, openPrismaClient } from './prisma/prisma-client.ts';
import { createPrismaInboundEventRepository, createPrismaJobSlotRepository } from './prisma/prisma-delivery.repository.ts';
import { createPrismaInstallationRepository } from './prisma/prisma-installation.repository.ts';
import { createPrismaMeetingRepository, createPrismaMeetingWriter } from './prisma/prisma-meeting.repository.ts';
import { createPrismaObservationRepository } from './prisma/prisma-observation.repository.ts';
import { createPrismaOutboxRepository } from './prisma/prisma-outbox.repository.ts';
import { createPrismaSourceRepository } from './prisma/prisma-source.repository.ts';
import { createPrismaMemberRepository, createPrismaWorkspaceRepository } from './prisma/prisma-workspace.repository.ts';
import { scanActivity, writeActivity } from './raw/activity-store.ts';
import { readDataVersion } from './raw/data-version.ts';
import { type ConnectionLost, openRawConnection } from './raw/raw-connection.ts';

export interface StoreOptions {
  secretKey?: string;
  /** Told each time PostgreSQL drops a connection; the store reconnects by itself, this is for the log. */
  onConnectionLost?: ConnectionLost;
}

/** The Prisma-backed store for a DATABASE_URL (SQLite file or PostgreSQL). Migrate first. */
export async function createStore(databaseUrl: string, options: StoreOptions = {}): Promise<Store> {
  const target = parseDatabaseUrl(databaseUrl);
  const { db, kind, close } = await openPrismaClient(target, 10, options.onConnectionLost);
  const raw = await openRawConnection(target, 10, options.onConnectionLost);
  // The committed migrations cannot change under a running process: read them once, not on every health probe.
  const box = options.secretKey ? createSecretBox(options.secretKey) : undefined;
  const committed = readMigrationSet(kind).directories.map((d) => d.path);
  return {
    kind,
    workspaces: createPrismaWorkspaceRepository(db),
    members: createPrismaMemberRepository(db),
    observations: createPrismaObservationRepository(db, raw),
    segments: createPrismaSegmentRepository(db),
    metrics: createPrismaMetricDefinitionRepository(db, kind),
    activity: {
      upsertDays: (workspaceId, rows, meta) => writeActivity(raw, workspaceId, rows, meta),
      scan: (workspaceId, options) => scanActivity(raw, workspaceId, options?.segment),
      version: (workspaceId) => readDataVersion(raw, workspaceId, 'activity'),
    },
    outbox: createPrismaOutboxRepository(db, raw),
    installations: createPrismaInstallationRepository(db, box),
    audit: createPrismaAuditRepository(db),
    inbound: createPrismaInboundEventRepository(db),
    jobSlots: createPrismaJobSlotRepository(db),
    apiTokens: createPrismaApiTokenRepository(db),
    alerts: createPrismaAlertRepository(db, kind),
    sources: createPrismaSourceRepository(db, box),
    meeting: createPrismaMeetingRepository(db),
    transaction(work) {
      return db.$transaction(
        (tx) =>
          work({
            outbox: createPrismaOutboxRepository(tx as unknown as Db, raw),
            audit: createPrismaAuditRepository(tx as unknown as Db),
            alerts: createPrismaAlertWriter(tx as unknown as Db, kind),
            workspaces: createPrismaWorkspaceRepository(tx as unknown as Db),
            sources: createPrismaSourceRepository(tx as unknown as Db, box),
            meeting: createPrismaMeetingWriter(tx as unknown as Db),
          }),
        {
          timeout: 60_000,
          maxWait: 10_000,
        },
      );
    },
    async ping() {
      // Both pools: a write goes through either, and each must reach the database for the bot to be healthy.
      await db.$queryRawUnsafe('SELECT 1');
      if (raw.kind === 'postgres') await raw.pool.query('SELECT 1');
    },
    async migrationState() {
      let applied: string[] = [];
      try {
        const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
          'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
        );
        applied = rows.map((r) => r.migration_name);
      } catch (error) {
        // No history table yet: nothing is applied. Any other failure (a dropped connection) is not "pending".
        if (!/_prisma_migrations|does not exist|no such table/i.test(String((error as Error).message))) throw error;
      }
      return { applied, pending: committed.filter((name) => !applied.includes(name)) };
    },
    async close() {
      await raw.close();
      await close();
    },
  };
}
