import type { Locale } from '../i18n/locale.ts';

/** Re-exported: the adapters and the store name a workspace's language through this port. */
export type { Locale };

export type Platform = 'slack' | 'feishu' | 'local';
export type Role = 'admin' | 'manager' | 'member';

/** A team's space: one Slack team, one Feishu tenant, or the local sandbox. */
export interface Workspace {
  id: string;
  platform: Platform;
  externalId: string;
  name: string;
  timezone: string;
  locale: Locale;
  currency: string;
  settings: Record<string, unknown>;
}

export interface NewWorkspace {
  platform: Platform;
  externalId: string;
  name: string;
  timezone: string;
  locale: Locale;
  currency?: string;
}

export interface WorkspaceRepository {
  /** Finds the workspace of a platform team, creating it on first contact. */
  ensure(input: NewWorkspace): Promise<Workspace>;
  get(id: string): Promise<Workspace | undefined>;
  findByExternal(platform: Platform, externalId: string): Promise<Workspace | undefined>;
  list(): Promise<Workspace[]>;
  update(id: string, patch: Partial<Pick<Workspace, 'name' | 'timezone' | 'locale' | 'currency' | 'settings'>>): Promise<Workspace>;
  /**
   * Changes the settings as `change` makes them from the current ones, read-modify-write safe: when someone
   * changed them in between, reads them again and asks `change` again, so two changes at once both land.
   */
  changeSettings(id: string, change: (settings: Record<string, unknown>) => Record<string, unknown>): Promise<Workspace>;
}

export interface Member {
  id: string;
  workspaceId: string;
  externalUserId: string;
  displayName?: string;
  role: Role;
  locale?: Locale;
}

export interface MemberRepository {
  /**
   * Finds a chat user's membership, creating it on first contact: as `role` when given, else as `admin`
   * when `firstIsAdmin` and the workspace has no member yet, else as `member`. A known member costs one read.
   */
  ensure(
    workspaceId: string,
    externalUserId: string,
    init?: { displayName?: string; role?: Role; firstIsAdmin?: boolean },
  ): Promise<Member>;
  get(workspaceId: string, memberId: string): Promise<Member | undefined>;
  list(workspaceId: string): Promise<Member[]>;
  setRole(workspaceId: string, memberId: string, role: Role): Promise<Member>;
}
