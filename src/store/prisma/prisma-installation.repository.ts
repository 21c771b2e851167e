import type { InstallationRepository } from '../../core/ports/installations.ts';
import type { SecretBox } from '../../core/security/secret-box.ts';
import { createUnlessTaken } from './find-or-create.ts';
import type { Db } from './prisma-client.ts';

/** Installations with their data sealed by the secret box: the tokens never reach the database in clear. */
export function createPrismaInstallationRepository(db: Db, box: SecretBox | undefined): InstallationRepository {
  const need = (): SecretBox => {
    if (!box) throw new Error('GROWTHBEAT_SECRET_KEY is not set: it is needed to store platform tokens encrypted');
    return box;
  };
  return {
    async save(i) {
      const data = need().seal(JSON.stringify(i.data));
      const row = {
        teamId: i.teamId ?? null,
        enterpriseId: i.enterpriseId ?? null,
        isEnterpriseInstall: i.isEnterpriseInstall,
        botUserId: i.botUserId ?? null,
        installerUserId: i.installerUserId ?? null,
        data,
      };
      // Update, else insert; an insert that loses to a concurrent install of the same team updates theirs.
      const update = () => db.slackInstallation.updateMany({ where: { key: i.key }, data: row });
      if ((await update()).count === 1) return;
      if (await createUnlessTaken(() => db.slackInstallation.create({ data: { key: i.key, ...row } }))) return;
      await update();
    },
    async find(key) {
      const row = await db.slackInstallation.findUnique({ where: { key } });
      if (!row) return undefined;
      return {
        key: row.key,
        teamId: row.teamId ?? undefined,
        enterpriseId: row.enterpriseId ?? undefined,
        isEnterpriseInstall: row.isEnterpriseInstall,
        botUserId: row.botUserId ?? undefined,
        installerUserId: row.installerUserId ?? undefined,
        data: JSON.parse(need().open(row.data)),
      };
    },
    async remove(key) {
      await db.slackInstallation.deleteMany({ where: { key } });
    },
  };
}
