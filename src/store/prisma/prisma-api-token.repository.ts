import type { ApiToken, ApiTokenRepository } from '../../core/ports/api-tokens.ts';
import { apiTokenPrefix, hashApiTokenSecret, newApiTokenSecret } from '../../core/security/api-token-secret.ts';
import type { Db } from './prisma-client.ts';

type Row = Awaited<ReturnType<Db['apiToken']['findFirstOrThrow']>>;

function toToken(row: Row): ApiToken {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt ?? undefined,
    revokedAt: row.revokedAt ?? undefined,
  };
}

export function createPrismaApiTokenRepository(db: Db): ApiTokenRepository {
  return {
    async create(workspaceId, name, createdBy) {
      const secret = newApiTokenSecret();
      const row = await db.apiToken.create({
        data: { workspaceId, name, createdBy, prefix: apiTokenPrefix(secret), tokenHash: hashApiTokenSecret(secret) },
      });
      await db.auditEntry.create({
        data: { workspaceId, actor: createdBy ?? 'system', action: 'token.create', target: row.prefix, after: { name } },
      });
      return { token: toToken(row), secret };
    },
    async authenticate(secret) {
      const row = await db.apiToken.findUnique({ where: { tokenHash: hashApiTokenSecret(secret) } });
      if (!row || row.revokedAt) return undefined;
      await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
      return toToken(row);
    },
    async list(workspaceId) {
      return (await db.apiToken.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } })).map(toToken);
    },
    async revoke(workspaceId, idOrPrefix) {
      const row = await db.apiToken.findFirst({
        where: { workspaceId, revokedAt: null, OR: [{ id: idOrPrefix }, { prefix: idOrPrefix }] },
      });
      if (!row) return undefined;
      const revoked = await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
      await db.auditEntry.create({ data: { workspaceId, actor: 'system', action: 'token.revoke', target: row.prefix } });
      return toToken(revoked);
    },
  };
}
