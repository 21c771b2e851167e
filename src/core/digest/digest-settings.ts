import type { Workspace } from '../ports/workspace.ts';
import type { TargetRule } from './digest-data.ts';

/** Wednesday 14:00 in the workspace's timezone: before the weekly meeting. */
export const DEFAULT_DIGEST_CRON = '0 14 * * 3';

/** `workspace.settings.digest`: when, where and to whom the weekly digest goes. */
export interface DigestSettings {
  cron?: string;
  /** A channel id; without one the digest is not scheduled. */
  channel?: string;
  /** Platform user ids who also get it by direct message. */
  managers?: string[];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The digest settings of a workspace, ignoring anything malformed (settings are JSON anyone may have edited). */
export function digestSettings(workspace: Pick<Workspace, 'settings'>): DigestSettings {
  const raw = workspace.settings.digest;
  if (typeof raw !== 'object' || raw === null) return {};
  const r = raw as Record<string, unknown>;
  return {
    ...(typeof r.cron === 'string' && r.cron.trim() ? { cron: r.cron.trim() } : {}),
    ...(typeof r.channel === 'string' && r.channel.trim() ? { channel: r.channel.trim() } : {}),
    ...(isStringArray(r.managers) ? { managers: r.managers } : {}),
  };
}

/** The settings object with the digest part changed, the rest kept. */
export function withDigestSettings(workspace: Pick<Workspace, 'settings'>, patch: DigestSettings): Record<string, unknown> {
  return { ...workspace.settings, digest: { ...digestSettings(workspace), ...patch } };
}

/** `workspace.settings.targets`: `{ cac: { op: '<=', value: 80 }, retention_d7: { op: '>=', value: 0.35 } }`. */
export function workspaceTargets(workspace: Pick<Workspace, 'settings'>): Record<string, TargetRule> {
  const raw = workspace.settings.targets;
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, TargetRule> = {};
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const t = v as { op?: unknown; value?: unknown };
    if ((t?.op === '>=' || t?.op === '<=') && typeof t.value === 'number' && Number.isFinite(t.value))
      out[key] = { op: t.op, value: t.value };
  }
  return out;
}
