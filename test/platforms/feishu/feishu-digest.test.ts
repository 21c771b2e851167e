// The scheduled digest in Feishu: the weekly slot, the outbox, the real lark.Client against the fake Open
// API — one interactive card with the week's numbers and its two charts, uploaded and shown inside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { createChartRenderer } from '../../../src/charts/vega-chart.renderer.ts';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import type { Store } from '../../../src/core/ports/store.ts';
import { createJobs } from '../../../src/jobs/job-registry.ts';
import { createScheduler } from '../../../src/jobs/scheduler.ts';
import { createLarkClient } from '../../../src/platforms/feishu/feishu-client.ts';
import { createFeishuSender } from '../../../src/platforms/feishu/feishu-sender.ts';
import { twoWeekRows } from '../../digest/digest-fixture.ts';
import { cardImages, cardText, type FakeFeishuApi, startFakeFeishuApi } from '../../fakes/fake-feishu-api.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const CHAT = 'oc_growth0000000000000000000000000';
const database = sqliteTestDatabase();
let store: Store;
let fake: FakeFeishuApi;
beforeAll(async () => {
  store = await migratedStore(database);
  fake = await startFakeFeishuApi();
});
afterAll(async () => {
  await fake.close();
  await store.close();
  await database.drop();
});

describe('the scheduled digest in Feishu', () => {
  it('arrives once as a card with the week’s numbers and its charts uploaded and shown inside it', async () => {
    let ws = await store.workspaces.ensure({
      platform: 'feishu',
      externalId: 'tenant-1',
      name: 'Acme',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
    });
    await store.segments.ensure(ws.id, [
      { key: 'douyin', name: '抖音' },
      { key: 'xiaohongshu', name: '小红书' },
    ]);
    await store.observations.upsert(ws.id, twoWeekRows(), { source: 'test', actor: 'test' });
    ws = await store.workspaces.update(ws.id, { settings: { digest: { channel: CHAT } } });
    const jobs = createJobs({ store, charts: createChartRenderer() });
    const replicas = ['r1', 'r2'].map((replica) => createScheduler({ store, jobs, logger: silentLogger, replica }));
    await Promise.all(replicas.map((r) => r.start()));
    try {
      const now = new Date('2026-11-25T07:00:00Z'); // Wednesday 15:00 in Shanghai: the 14:00 slot is due
      // The digest's slot runs once (the check-in's reminder at 12:00 is caught up too, after it: it sends nothing).
      const ran = (await Promise.all(replicas.map((r) => r.catchUp(now)))).flat().filter((o) => o.ran);
      expect(ran.filter((o) => o.job === 'digest')).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
    const client = createLarkClient({ appId: 'cli_digest0000000001', appSecret: 's', domain: fake.url }, silentLogger);
    const relay = createOutboxRelay({
      outbox: store.outbox,
      senderFor: async () => createFeishuSender(client, { locale: 'zh-CN' }),
      worker: 'w',
      baseDelayMs: 0,
    });
    for (let i = 0; i < 5; i++) await relay.runOnce();

    const cards = fake.messages.filter((m) => m.msg_type === 'interactive');
    expect(cards).toHaveLength(1);
    expect(cards[0]?.chat_id).toBe(CHAT);
    const text = cardText(cards[0]?.content ?? '');
    expect(text).toContain('增长周报 · 2026-W47');
    // twoWeekRows by hand: spend ¥10,500, ROI 40.0% (+20.0% on 33.3%), CAC ¥50.00.
    expect(text).toContain('¥10,500');
    expect(text).toContain('40.0%');
    // One chart path: both PNGs uploaded through im/v1/images, their image_keys shown inside the card; no
    // separate image messages, no "charts in the thread" line.
    expect(fake.callsTo('im.image.create')).toHaveLength(2);
    expect(fake.callsTo('im.image.create').every((c) => (c.fileBytes ?? 0) > 1000)).toBe(true);
    expect(cardImages(cards[0]?.content ?? '')).toEqual(fake.imageKeys);
    expect(fake.messages.filter((m) => m.msg_type === 'image')).toEqual([]);
    expect(text).not.toContain('图表在本条消息的回复中');
    expect((await store.outbox.list({ state: 'sent', limit: 100 })).length).toBe(3);
  }, 60_000);
});
