import { AlertConflictError, NotFoundError } from '../../core/errors.ts';
import type {
  Locale,
  Member,
  MemberRepository,
  NewWorkspace,
  Platform,
  Role,
  Workspace,
  WorkspaceRepository,
} from '../../core/ports/workspace.ts';
import { createUnlessTaken, findOrCreate } from './find-or-create.ts';
import type { Db } from './prisma-client.ts';

/** How often a settings change is tried again while others change the same workspace's settings. */
const SETTINGS_ATTEMPTS = 50;

type WorkspaceRow = Awaited<ReturnType<Db['workspace']['findFirstOrThrow']>>;
type MemberRow = Awaited<ReturnType<Db['member']['findFirstOrThrow']>>;

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    platform: row.platform as Platform,
    externalId: row.externalId,
    name: row.name,
    timezone: row.timezone,
    locale: row.locale as Locale,
    currency: row.currency,
    settings: (row.settings as Record<string, unknown> | null) ?? {},
  };
}

function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    externalUserId: row.externalUserId,
    displayName: row.displayName ?? undefined,
    role: row.role as Role,
    locale: (row.locale as Locale | null) ?? undefined,
  };
}

export function createPrismaWorkspaceRepository(db: Db): WorkspaceRepository {
  return {
    async ensure(input: NewWorkspace) {
      // Every command passes here: a read answers all but the first contact, which writes.
      const where = { platform_externalId: { platform: input.platform, externalId: input.externalId } };
      const row = await findOrCreate(
        () => db.workspace.findUnique({ where }),
        () => db.workspace.create({ data: { ...input, currency: input.currency ?? 'CNY', settings: {} } }),
      );
      return toWorkspace(row);
    },
    async get(id) {
      const row = await db.workspace.findUnique({ where: { id } });
      return row ? toWorkspace(row) : undefined;
    },
    async findByExternal(platform, externalId) {
      const row = await db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } } });
      return row ? toWorkspace(row) : undefined;
    },
    async list() {
      return (await db.workspace.findMany({ orderBy: { createdAt: 'asc' } })).map(toWorkspace);
    },
    async changeSettings(id, change) {
      // Compare-and-set on updatedAt, moved strictly forward so a change in the same millisecond still differs.
      for (let attempt = 0; attempt < SETTINGS_ATTEMPTS; attempt++) {
        const row = await db.workspace.findUnique({ where: { id } });
        if (!row) throw new NotFoundError(`workspace ${id}`);
        const settings = change((row.settings as Record<string, unknown> | null) ?? {});
        const { count } = await db.workspace.updateMany({
          where: { id, updatedAt: row.updatedAt },
          data: { settings: settings as object, updatedAt: new Date(Math.max(Date.now(), row.updatedAt.getTime() + 1)) },
        });
        if (count === 1) return toWorkspace(await db.workspace.findUniqueOrThrow({ where: { id } }));
      }
      // The conflict every read-modify-write raises when it never wins (the person is told to try again).
      throw new AlertConflictError(`workspace ${id} settings`);
    },
    async update(id, patch) {
      const { settings, ...rest } = patch;
      return toWorkspace(
        await db.workspace.update({ where: { id }, data: { ...rest, ...(settings ? { settings: settings as object } : {}) } }),
      );
    },
  };
}

export function createPrismaMemberRepository(db: Db): MemberRepository {
  return {
    async ensure(workspaceId, externalUserId, init) {
      const where = { workspaceId_externalUserId: { workspaceId, externalUserId } };
      const find = () => db.member.findUnique({ where });
      const found = await find();
      if (found && (!init?.displayName || found.displayName === init.displayName)) return toMember(found);
      if (found) return toMember(await db.member.update({ where, data: { displayName: init?.displayName } }));
      const data = { workspaceId, externalUserId, displayName: init?.displayName };
      // First contact: the workspace's first member becomes its admin (someone must be able to change settings).
      // The unique (workspaceId, firstAdmin) seat lets one insert win however many first contacts race; the
      // others come in as members.
      const seat =
        !init?.role && init?.firstIsAdmin && (await db.member.count({ where: { workspaceId } })) === 0
          ? await createUnlessTaken(() => db.member.create({ data: { ...data, role: 'admin', firstAdmin: true } }))
          : undefined;
      if (seat) return toMember(seat);
      return toMember(await findOrCreate(find, () => db.member.create({ data: { ...data, role: init?.role ?? 'member' } })));
    },
    async get(workspaceId, memberId) {
      const row = await db.member.findFirst({ where: { id: memberId, workspaceId } });
      return row ? toMember(row) : undefined;
    },
    async list(workspaceId) {
      return (await db.member.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } })).map(toMember);
    },
    async setRole(workspaceId, memberId, role) {
      const found = await db.member.updateManyAndReturn({ where: { id: memberId, workspaceId }, data: { role } });
      const row = found[0];
      if (!row) throw new Error(`member ${memberId} is not in workspace ${workspaceId}`);
      return toMember(row);
    },
  };
}
