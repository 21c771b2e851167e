// Issue #6's scheduling tests through real processes: `growthbeat serve` on PostgreSQL with the fake Slack
// API and a compressed, injected clock (GROWTHBEAT_TEST_CLOCK) instead of waiting for Wednesday.
//  1. Two replicas over three weekly digest slots: each slot produces exactly one delivery.
//  2. A process down across the 14:00 slot, restarted within the grace window: the digest is sent once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/core/demo/load-demo.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/fake-slack-api.ts';
import { type Served, startServe } from '../helpers/cli-process.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { postgresAvailable, postgresTestDatabase, type TestDatabase } from '../helpers/test-databases.ts';

const available = await postgresAvailable();

async function setUp(): Promise<{ database: TestDatabase; store: Store; fake: FakeSlackApi; ws: Workspace; env: Record<string, string> }> {
  const database = await postgresTestDatabase();
  const store = await migratedStore(database);
  let ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T0001', name: 'Acme', timezone: 'Asia/Shanghai', locale: 'en' });
  // Data up to 8 Dec 2026, so every digest week has numbers.
  await loadDemo(store, ws, new Date('2026-12-09T00:00:00Z'), { days: 120, actor: 'test' });
  ws = await store.workspaces.update(ws.id, { settings: { digest: { channel: 'CDIGEST' } } });
  const fake = await startFakeSlackApi();
  const env = {
    DATABASE_URL: database.url,
    SLACK_SIGNING_SECRET: 'digest-schedule-secret',
    SLACK_BOT_TOKEN: 'xoxb-digest-schedule',
    SLACK_API_URL: fake.apiUrl,
    HOST: '127.0.0.1',
    RELAY_INTERVAL_MS: '100',
    LOG_LEVEL: 'info',
  };
  return { database, store, fake, ws, env };
}

const digestPosts = (fake: FakeSlackApi) =>
  fake
    .callsTo('chat.postMessage')
    // The digest's own posts (a workspace without owners also gets the check-in in this channel).
    .filter((c) => c.body.channel === 'CDIGEST' && String(c.body.text).startsWith('Weekly growth digest'))
    .map((c) => String(c.body.text).match(/2026-W\d\d/)?.[0]);

describe.skipIf(!available)('scheduled digests across real serve processes with a compressed clock', () => {
  let ctx: Awaited<ReturnType<typeof setUp>>;
  let replicas: Served[] = [];
  beforeAll(async () => {
    ctx = await setUp();
  }, 120_000);
  afterAll(async () => {
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) await r.stop();
    await ctx?.fake.close();
    await ctx?.store.close();
    await ctx?.database.drop();
  });

  it('delivers each weekly slot exactly once with two replicas running the scheduler', async () => {
    // Tuesday 24 Nov 12:00 in Shanghai; one real second is 12 virtual hours, so the Wednesdays 14:00 of
    // 25 Nov, 2 Dec and 9 Dec come after about 5, 19 and 33 seconds.
    const clock = { GROWTHBEAT_TEST_CLOCK: '2026-11-24T04:00:00Z*43200' };
    replicas = await Promise.all([startServe({ ...ctx.env, ...clock }), startServe({ ...ctx.env, ...clock })]);
    await vi.waitFor(() => expect(new Set(digestPosts(ctx.fake))).toEqual(new Set(['2026-W47', '2026-W48', '2026-W49'])), {
      timeout: 90_000,
      interval: 250,
    });
    await Promise.all(replicas.map((r) => r.stop()));
    const posts = digestPosts(ctx.fake);
    // Each slot once (a fourth week may have started before the processes stopped; it too is once).
    expect(posts.filter((w) => w === '2026-W47')).toHaveLength(1);
    expect(posts.filter((w) => w === '2026-W48')).toHaveLength(1);
    expect(posts.filter((w) => w === '2026-W49')).toHaveLength(1);
    expect(new Set(posts).size).toBe(posts.length);
    // Each digest's two charts went to its thread.
    expect(ctx.fake.callsTo('files.completeUploadExternal')).toHaveLength(posts.length * 2);
    // The job-slot table recorded the slots as run: the latest is 9 Dec's (or a later one).
    expect((await ctx.store.jobSlots.lastRun('digest', ctx.ws.id))?.slotAt.getTime()).toBeGreaterThanOrEqual(
      Date.parse('2026-12-09T06:00:00Z'),
    );
    const workers = new Set((await ctx.store.outbox.list({ state: 'sent', limit: 100 })).map((m) => m.claimedBy?.split(':')[1]));
    console.log(
      `[digest-schedule] two replicas, ${posts.length} weekly slots: ${posts.length} digests delivered, 0 lost, 0 duplicated (relays on ${workers.size} process(es))`,
    );
  }, 150_000);
});

describe.skipIf(!available)('a digest slot missed while the process was down', () => {
  let ctx: Awaited<ReturnType<typeof setUp>>;
  const served: Served[] = [];
  beforeAll(async () => {
    ctx = await setUp();
  }, 120_000);
  afterAll(async () => {
    for (const r of served) if (r.child.exitCode === null && r.child.signalCode === null) await r.stop();
    await ctx?.fake.close();
    await ctx?.store.close();
    await ctx?.database.drop();
  });

  it('is sent once when the process restarts within the grace window, and not again on the next restart', async () => {
    // Up at 13:50 Shanghai time, one real second a virtual minute; stopped a few virtual minutes later, before 14:00.
    const before = await startServe({ ...ctx.env, GROWTHBEAT_TEST_CLOCK: '2026-11-25T05:50:00Z*60' });
    served.push(before);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await before.stop()).toBe(0);
    expect(digestPosts(ctx.fake)).toEqual([]);

    // Back at 16:00 (two hours after the slot, within the 6-hour window), at normal speed: caught up at start.
    const after = await startServe({ ...ctx.env, GROWTHBEAT_TEST_CLOCK: '2026-11-25T08:00:00Z' });
    served.push(after);
    await vi.waitFor(() => expect(digestPosts(ctx.fake)).toEqual(['2026-W47']), { timeout: 30_000, interval: 200 });
    expect(after.logs()).toContain('caught up missed schedules');
    expect(await after.stop()).toBe(0);

    // Restarted again at 17:00: the slot was run; nothing is sent twice.
    const again = await startServe({ ...ctx.env, GROWTHBEAT_TEST_CLOCK: '2026-11-25T09:00:00Z' });
    served.push(again);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await again.stop()).toBe(0);
    expect(digestPosts(ctx.fake)).toEqual(['2026-W47']);
    expect((await ctx.store.jobSlots.lastRun('digest', ctx.ws.id))?.slotAt).toEqual(new Date('2026-11-25T06:00:00Z'));
    console.log('[digest-schedule] process down across the 14:00 slot, restarted at 16:00: 1 digest delivered, 0 lost, 0 duplicated');
  }, 120_000);
});
