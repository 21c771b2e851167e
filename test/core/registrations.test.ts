// What features register at composition time: button and reaction handlers, and "observations written"
// listeners. The dispatcher and the write path import no feature; these are the seams they use instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { createInteractions } from '../../src/core/commands/interactions.ts';
import { type ActionInput, registerInteractionHandler } from '../../src/core/interactions/interaction-handlers.ts';
import { type ObservationsWritten, onObservationsWritten } from '../../src/core/observations/observations-written.ts';
import { writeObservations } from '../../src/core/observations/write-observations.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const NOW = new Date('2026-11-22T04:00:00Z');
const database = sqliteTestDatabase();
let store: Store;
let ctx: CommandContext;

beforeAll(async () => {
  store = await migratedStore(database);
  const caller = await identifyCaller(
    store,
    { platform: 'slack', teamId: 'T_REG', userId: 'U1' },
    { timezone: 'Asia/Shanghai', locale: 'en' },
  );
  ctx = { store, ...caller, now: NOW };
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('interaction handlers', () => {
  it('a registered handler answers the buttons with its prefix; an unknown button says it is no longer active', async () => {
    const pressed: ActionInput[] = [];
    registerInteractionHandler({
      actionPrefix: 'gb.poll.',
      async onAction(actor, input) {
        pressed.push(input);
        return { fallback: `voted by ${actor.member.externalUserId}`, elements: [] };
      },
    });
    const interactions = createInteractions();
    expect((await interactions.onAction(ctx, { actionId: 'gb.poll.yes', value: 'q1' })).fallback).toBe('voted by U1');
    expect(pressed).toEqual([{ actionId: 'gb.poll.yes', value: 'q1' }]);

    const unknown = await interactions.onAction(ctx, { actionId: 'gb.other.x', value: '' });
    expect(unknown.ephemeral).toBe(true);
    expect(unknown.fallback).toBe('This button is no longer active.');
    expect(pressed).toHaveLength(1);
  });

  it('every reaction reaches the registered handlers and the instance’s own', async () => {
    const seen: string[] = [];
    registerInteractionHandler({ onReaction: async (_a, r) => void seen.push(`registered:${r.reaction}`) });
    await createInteractions([{ onReaction: async (_a, r) => void seen.push(`extra:${r.reaction}`) }]).onReaction(ctx, {
      messageRef: 'C1:1.2',
      reaction: 'eyes',
    });
    expect(seen).toEqual(['registered:eyes', 'extra:eyes']);
  });
});

describe('the observations-written hook', () => {
  it('tells its listeners what a write changed, and stays quiet when a write changes nothing', async () => {
    const heard: Omit<ObservationsWritten, 'store'>[] = [];
    const off = onObservationsWritten(async ({ workspaceId, rows, now }) => void heard.push({ workspaceId, rows, now }));
    const rows = [{ metric: 'spend', segment: 'douyin', day: '2026-11-21', value: 5000 }];
    const meta = { source: 'test', actor: 'test' };

    await writeObservations(store, ctx.workspace.id, rows, meta, NOW);
    expect(heard).toEqual([{ workspaceId: ctx.workspace.id, rows, now: NOW }]);

    // The same value again: nothing inserted or updated, nothing announced.
    await writeObservations(store, ctx.workspace.id, rows, meta, NOW);
    expect(heard).toHaveLength(1);

    off();
    await writeObservations(store, ctx.workspace.id, [{ ...rows[0], value: 6000 } as (typeof rows)[0]], meta, NOW);
    expect(heard).toHaveLength(1);
  });
});
