export interface ApiToken {
  id: string;
  workspaceId: string;
  name: string;
  /** The first characters of the secret, to recognise it in listings. */
  prefix: string;
  createdAt: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

export interface ApiTokenRepository {
  /** Stores only the hash; the secret is returned once and never again. */
  create(workspaceId: string, name: string, createdBy?: string): Promise<{ token: ApiToken; secret: string }>;
  /** The live token a secret belongs to, or undefined (unknown or revoked). */
  authenticate(secret: string): Promise<ApiToken | undefined>;
  list(workspaceId: string): Promise<ApiToken[]>;
  revoke(workspaceId: string, idOrPrefix: string): Promise<ApiToken | undefined>;
}
