// Issue 21 item 3: concurrent writes to one key must leave an audit history that replays to the stored value.
// Property, on both providers: rounds of 20 concurrent `/kpi log`-path writes (recordObservations with
// source chat) of random values to one key; the key's `observation.update` entries, in order, form a chain —
// each entry's old value is the previous entry's new value — that ends at the stored value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservations } from '../../src/core/metrics/record-observations.ts';
import type { AuditRecord } from '../../src/core/ports/audit.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const WRITERS = 20;
const ROUNDS = 3;

/** Follows the chain from `start`; answers the value it reaches, or throws at the first broken link. */
function replay(start: number, entries: AuditRecord[]): number {
  let value = start;
  for (const [i, e] of entries.entries()) {
    const before = (e.before as { value: number }).value;
    if (before !== value) throw new Error(`entry ${i} (id ${e.id}) says the value was ${before}, but the chain had reached ${value}`);
    value = (e.after as { value: number }).value;
  }
  return value;
}

for (const provider of PROVIDERS) {
  describe(`the audit chain of one key under concurrent writes, on ${provider.kind}`, () => {
    let database: TestDatabase;
    let store: Store;
    let workspaceId: string;
    let skip = false;

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      store = await migratedStore(database);
      workspaceId = (await store.workspaces.ensure({ platform: 'slack', externalId: 'T-AUDIT', name: 'A', timezone: 'UTC', locale: 'en' }))
        .id;
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await database.drop();
    });

    const log = (day: string, value: number, actor: string) =>
      recordObservations(store, workspaceId, [{ metric: 'spend', day, value }], { source: 'chat', actor }, { allowNewSegments: false });
    const entriesFor = async (day: string) =>
      (await store.audit.list(workspaceId, { action: 'observation.update', limit: 10_000 }))
        .filter((e) => e.target === `spend//${day}`)
        .sort((a, b) => a.id - b.id);
    const stored = async (day: string) =>
      (await store.observations.query(workspaceId, { metrics: ['spend'], from: day, to: day }))[0]?.value;
    // Distinct random values per round, none equal to what is stored: every write is a change.
    const values = (round: number) => {
      const base = 1000 * (round + 1) + Math.floor(Math.random() * 500);
      return Array.from({ length: WRITERS }, (_, i) => base + i * 0.5);
    };

    it('rounds of 20 concurrent writes to an existing key replay from the first value to the stored one', async (ctx) => {
      if (skip) return ctx.skip();
      const day = '2026-11-20';
      await log(day, 1, 'seed');
      let changes = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const summaries = await Promise.all(values(round).map((v, i) => log(day, v, `m${i}`)));
        changes += summaries.reduce((n, s) => n + s.updated, 0);
        const entries = await entriesFor(day);
        expect(entries).toHaveLength(changes);
        expect(replay(1, entries)).toBe(await stored(day));
      }
      expect(changes).toBe(ROUNDS * WRITERS);
    });

    it('20 concurrent writes creating a key: one inserts, the others chain from its value', async (ctx) => {
      if (skip) return ctx.skip();
      const day = '2026-11-21';
      const vs = values(7);
      const summaries = await Promise.all(vs.map((v, i) => log(day, v, `m${i}`)));
      const inserted = summaries.flatMap((s, i) => (s.inserted ? [vs[i] as number] : []));
      expect(inserted).toHaveLength(1);
      const entries = await entriesFor(day);
      expect(entries).toHaveLength(WRITERS - 1);
      expect(replay(inserted[0] as number, entries)).toBe(await stored(day));
    });
  });
}
