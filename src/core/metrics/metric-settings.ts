// The workspace settings that are part of its definitions (口径): which channels are paid, the LTV horizon,
// and how small a channel may be before movers and charts leave it out. Read from `workspace.settings`.
import type { Workspace } from '../ports/workspace.ts';

export type ChannelKind = 'paid' | 'organic';

/** The LTV horizons a workspace may choose (days a cohort's revenue is counted). */
export const LTV_HORIZONS = [30, 90, 180] as const;
export type LtvHorizon = (typeof LTV_HORIZONS)[number];
export const DEFAULT_LTV_HORIZON: LtvHorizon = 90;

/** Channels under this share of the week's paid spend are not movers and not on the ROI chart's axis. */
export const DEFAULT_MIN_SPEND_SHARE = 0.05;

/**
 * Segment keys that are organic unless a workspace says otherwise: the known organic channel (自然流量,
 * 自然, natural …, stored as `organic`) and the usual names of unpaid traffic.
 */
const ORGANIC_BY_DEFAULT = new Set(['organic', 'seo', 'organic_search', 'direct', '自然搜索', '直接访问']);

export interface MetricSettings {
  /** Explicit kinds by segment key; others follow the defaults. */
  channelKinds: Record<string, ChannelKind>;
  ltvHorizon: LtvHorizon;
  minSpendShare: number;
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The definitions part of a workspace's settings, ignoring anything malformed (settings are JSON anyone may edit). */
export function metricSettings(workspace: Pick<Workspace, 'settings'> | undefined): MetricSettings {
  const s = record(workspace?.settings);
  const kinds: Record<string, ChannelKind> = {};
  for (const [key, kind] of Object.entries(record(s.channelKinds))) if (kind === 'paid' || kind === 'organic') kinds[key] = kind;
  const horizon = LTV_HORIZONS.find((h) => h === s.ltvHorizon) ?? DEFAULT_LTV_HORIZON;
  const share =
    typeof s.minSpendShare === 'number' && s.minSpendShare >= 0 && s.minSpendShare < 1 ? s.minSpendShare : DEFAULT_MIN_SPEND_SHARE;
  return { channelKinds: kinds, ltvHorizon: horizon, minSpendShare: share };
}

/** A channel's kind: what the workspace set, else organic for the well-known organic names, else paid. "" (the whole product) has none. */
export function channelKind(settings: Pick<MetricSettings, 'channelKinds'>, segment: string): ChannelKind | undefined {
  if (segment === '') return undefined;
  return settings.channelKinds[segment] ?? (ORGANIC_BY_DEFAULT.has(segment) ? 'organic' : 'paid');
}
