import { writeObservations } from '../observations/write-observations.ts';
import type { UpsertSummary } from '../ports/observations.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { dayInZone } from '../time/zoned-today.ts';
import { DEMO_DAYS, demoQuarter } from './demo-quarter.ts';

export interface DemoSummary extends UpsertSummary {
  from: string;
  to: string;
  observations: number;
  channels: string[];
}

/** Fills a workspace with the demo quarter ending yesterday (its timezone); the same seed again changes nothing. */
export async function loadDemo(
  store: Store,
  workspace: Workspace,
  now: Date,
  options: { seed?: number; days?: number; actor: string; onProgress?: (step: string) => void },
): Promise<DemoSummary> {
  options.onProgress?.('generating');
  const quarter = demoQuarter(dayInZone(now, workspace.timezone), options.seed ?? 42, options.days ?? DEMO_DAYS);
  options.onProgress?.('writing');
  await store.segments.ensure(workspace.id, quarter.segments);
  const summary = await writeObservations(
    store,
    workspace.id,
    quarter.rows,
    {
      source: 'demo',
      sourceRef: `demo seed ${options.seed ?? 42}`,
      actor: options.actor,
    },
    now,
  );
  options.onProgress?.('done');
  return {
    ...summary,
    from: quarter.from,
    to: quarter.to,
    observations: quarter.rows.length,
    channels: quarter.segments.map((s) => s.name),
  };
}
