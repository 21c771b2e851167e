import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { InstallationRepository } from '../../core/ports/installations.ts';

/** The key an installation is stored under: its enterprise for an org-wide install, else its team. */
export function installationKeyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `enterprise:${q.enterpriseId}`;
  if (q.teamId) return `team:${q.teamId}`;
  throw new Error('a Slack installation needs a team or an enterprise id');
}

/** Bolt's installation store over our repository (which encrypts the tokens at rest). */
export function createSlackInstallationStore(repo: InstallationRepository): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const key = installationKeyOf({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await repo.save({
        key,
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
        botUserId: installation.bot?.userId,
        installerUserId: installation.user.id,
        data: installation,
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await repo.find(installationKeyOf(query));
      if (!found) throw new Error(`no Slack installation for ${installationKeyOf(query)}`);
      return found.data as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await repo.remove(installationKeyOf(query));
    },
  };
}
