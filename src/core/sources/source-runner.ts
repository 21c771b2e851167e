// How the core asks for a source to run (the chat's `/growth sources run`): the ingest layer, which holds the
// drivers, registers the runner at composition time (registerSources), as alerts register their hooks.
import type { SourceTrigger } from '../ports/sources.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';

export interface SourceRunSummary {
  source: string;
  runId?: string;
  /** The first day read. */
  since: string;
  rowsRead: number;
  observations: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** The source said nothing changed (HTTP 304): nothing was read. */
  notModified: boolean;
  dryRun: boolean;
  metrics: string[];
  from?: string;
  to?: string;
  /** A dry run: the first rows it would store (newest day first). */
  preview?: { metric: string; segment: string; day: string; value: number }[];
}

export interface SourceRunRequest {
  actor: string;
  trigger: SourceTrigger;
  /** Read from this day instead of the last `lookbackDays` (a backfill). */
  since?: string;
  dryRun?: boolean;
  now: Date;
}

export type SourceRunner = (store: Store, workspace: Workspace, name: string, request: SourceRunRequest) => Promise<SourceRunSummary>;

let registered: SourceRunner | undefined;

/** Sets the runner (the composition roots, once). */
export function registerSourceRunner(runner: SourceRunner): void {
  registered = runner;
}

/** The registered runner, or undefined in a process that wired none. */
export function sourceRunner(): SourceRunner | undefined {
  return registered;
}
