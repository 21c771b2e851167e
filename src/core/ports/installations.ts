/** A chat platform's app installation for one team (Slack OAuth), with its tokens inside `data`. */
export interface PlatformInstallation {
  key: string;
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  botUserId?: string;
  installerUserId?: string;
  /** The platform's installation object, tokens included: stored encrypted. */
  data: unknown;
}

export interface InstallationRepository {
  save(installation: PlatformInstallation): Promise<void>;
  find(key: string): Promise<PlatformInstallation | undefined>;
  remove(key: string): Promise<void>;
}
