// The pipeline on its own, on a real SQLite store: what every adapter relies on when things go wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { createInbound } from '../../src/core/inbound/inbound-pipeline.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { View } from '../../src/core/views/view.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
beforeAll(async () => {
  store = await migratedStore(database);
});
afterAll(() => database.drop());

const caller = { teamId: 'T-PIPE', userId: 'U1' };
const inbound = () =>
  createInbound({
    platform: 'slack',
    store,
    logger: silentLogger,
    defaults: { timezone: 'UTC', locale: 'en' },
    // Generous: these cases are about repeats and failures, not the budget (the contract suite times that).
    ackBudgetMs: 30_000,
    now: () => new Date('2026-11-22T04:00:00Z'),
  });

describe('the inbound pipeline', () => {
  it('answers inside the acknowledgement when the work is quick, and drops the repeat of an event id', async () => {
    const pipeline = inbound();
    const acked: View[] = [];
    const reply = { ack: async (view: View) => void acked.push(view) };
    const input = { kind: 'command' as const, eventId: 'Ev-1', caller, text: 'growth help' };
    expect(await pipeline.handle(input, reply)).toBe('answered');
    expect(await pipeline.handle(input, reply)).toBe('repeat');
    expect(acked).toHaveLength(1);
    expect(acked[0]?.fallback).toContain('Growthbeat');
  });

  it('still shows the error view when the database cannot say whether a delivery is a repeat', async () => {
    const pipeline = inbound();
    await store.close();
    const acked: View[] = [];
    const outcome = await pipeline.handle(
      { kind: 'command', eventId: 'Ev-2', caller, text: 'roi' },
      { ack: async (view) => void acked.push(view) },
    );
    expect(outcome).toBe('answered');
    expect(acked.map((v) => v.fallback)).toEqual(['Something went wrong; it has been logged. Please try again.']);
    expect(acked[0]).toMatchObject({ ephemeral: true, severity: 'warning' });
  });
});
