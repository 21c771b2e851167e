import type { Source, SourceSpec } from '../ports/sources.ts';
import { maskConnection, maskHeaders } from './mask-secret.ts';
import { type SourceState, sourceHealth } from './source-health.ts';

/** A source as listings show it (`growthbeat sources list`, `/growth sources`): its spec with the connection and the header values masked, and its health. */
export interface SourceListing extends SourceSpec {
  state: SourceState;
  stale: boolean;
  /** When stale: since when its data is old. */
  staleSince?: Date;
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string;
  failingSince?: Date;
  nextRunAt?: Date;
}

export function sourceListing(source: Source, now: Date): SourceListing {
  const health = sourceHealth(source, now);
  return {
    name: source.name,
    kind: source.kind,
    connection: maskConnection(source.connection),
    headers: maskHeaders(source.headers),
    query: source.query,
    mapping: source.mapping,
    schedule: source.schedule,
    lookbackDays: source.lookbackDays,
    state: health.state,
    stale: health.stale,
    staleSince: health.stale ? health.since : undefined,
    lastSuccessAt: source.lastSuccessAt,
    lastErrorAt: source.lastErrorAt,
    lastError: source.lastError,
    failingSince: source.failingSince,
    nextRunAt: source.schedule ? source.nextRunAt : undefined,
  };
}
