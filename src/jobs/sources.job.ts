import type { Store } from '../core/ports/store.ts';
import { sourcesScheduled } from '../core/sources/sources-scheduled.ts';
import { runSource, type SourceRunDeps } from '../ingest/sources/run-source.ts';
import { latestSlot } from '../ingest/sources/source-schedule.ts';
import type { JobDefinition } from './scheduler.ts';

/** How often a workspace's sources are looked at: every minute, so each runs at its own cron's minute. */
export const SOURCES_TICK_CRON = '* * * * *';

/**
 * The data sources' schedules, where any source has one. Each minute's tick runs, once across replicas (the
 * job slot), every source whose own schedule had a slot since its last scheduled run, within the catch-up grace
 * (a source due at 08:00 still runs at 09:30 after an outage, once: the source claims its slot too). One
 * source's failure is recorded on it (and announced once) and never stops the others.
 */
export function sourcesJob(store: Store, deps: SourceRunDeps, graceMs: number): JobDefinition {
  return {
    name: 'sources',
    cronFor: (ws) => (sourcesScheduled(ws) ? SOURCES_TICK_CRON : undefined),
    async run(ws, slotAt) {
      const outcomes: string[] = [];
      for (const source of await store.sources.list(ws.id)) {
        if (!source.schedule) continue;
        const slot = latestSlot(source.schedule, ws.timezone, slotAt, graceMs);
        if (!slot || !(await store.sources.claimSlot(ws.id, source.id, slot))) continue;
        try {
          const s = await runSource(store, ws, source, { actor: 'schedule', trigger: 'schedule', now: slotAt }, deps);
          outcomes.push(s.notModified ? `${source.name}: not modified` : `${source.name}: +${s.inserted} ~${s.updated} =${s.unchanged}`);
        } catch (error) {
          outcomes.push(`${source.name}: failed (${(error as Error).message.slice(0, 120)})`);
        }
      }
      return outcomes.length ? outcomes.join('; ') : 'nothing due';
    },
  };
}
