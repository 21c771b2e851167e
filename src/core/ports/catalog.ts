import type { MetricUnit, Team } from '../metrics/metric-definition.ts';

/** A workspace's own derived metric (or its LTV formula), as stored. */
export interface CustomMetricSpec {
  key: string;
  formula: string;
  nameZh?: string;
  nameEn?: string;
  aliases?: string[];
  unit?: MetricUnit;
  direction?: 'up' | 'down' | 'neutral';
  team?: Team;
}

export interface Segment {
  key: string;
  name: string;
  aliases: string[];
  ownerMemberId?: string;
}

export interface SegmentRepository {
  /** Creates the segments a workspace does not have yet (imports call this); existing ones are left as they are. */
  ensure(workspaceId: string, segments: { key: string; name: string }[]): Promise<void>;
  list(workspaceId: string): Promise<Segment[]>;
  setAliases(workspaceId: string, key: string, aliases: string[]): Promise<void>;
  /** Changes the name a channel is shown by (its key, which the values are stored under, stays). */
  rename(workspaceId: string, key: string, name: string): Promise<void>;
  /** Removes a channel; the caller makes sure no values are stored under it. */
  remove(workspaceId: string, key: string): Promise<void>;
  /** The member who owns a channel (alerts on that channel mention them first). */
  setOwner(workspaceId: string, key: string, memberId: string | undefined): Promise<void>;
}

export interface MetricDefinitionRepository {
  /** The workspace's own derived metrics (and its LTV formula). */
  listCustom(workspaceId: string): Promise<CustomMetricSpec[]>;
  saveCustom(workspaceId: string, spec: CustomMetricSpec, actor: string): Promise<void>;
  removeCustom(workspaceId: string, key: string, actor: string): Promise<boolean>;
  /** The member who owns a metric (built-in or custom); alerts mention them. */
  setOwner(workspaceId: string, key: string, memberId: string, actor: string): Promise<void>;
  owners(workspaceId: string): Promise<{ key: string; memberId: string }[]>;
}
