// The meeting loop at a big team's size (issue 17), on SQLite: 15 paid channels (each above the digest's 5% minimum share of spend) × 120 days, an owner per channel and
// one for D1 retention, then 200 open actions each measured on a channel's ROI. Reports the check-in's cost per
// slot (every owner's items, one transaction), the digest with its meeting section against the same digest without
// actions, and `/growth actions` — each the median of 5 runs, in milliseconds.
import { createAlertDigestSources } from '../src/core/alerts/alert-digest-sources.ts';
import { runCommand } from '../src/core/commands/run-command.ts';
import { buildDigest } from '../src/core/digest/build-digest.ts';
import { loadDigestData } from '../src/core/digest/load-digest-data.ts';
import { sendCheckin } from '../src/core/digest/send-checkin.ts';
import { addDays } from '../src/core/time/day-math.ts';
import { identifyCaller } from '../src/core/workspace/identify.ts';
import { createStore } from '../src/store/create-store.ts';
import { parseDatabaseUrl } from '../src/store/database-url.ts';
import { migrateDatabase } from '../src/store/migrations/migrate.ts';
import { sqliteDb } from './bench-databases.ts';

const CHANNELS = 15;
const DAYS = 120;
const ACTIONS = 200;
const FIRST_DAY = '2026-08-02';
// Tuesday 1 Dec 2026, 16:00 in Shanghai: the check-in before Wednesday's digest of W48.
const CHECKIN = new Date('2026-12-01T08:00:00Z');
const DIGEST = new Date('2026-12-02T06:00:00Z');

async function median(run: () => Promise<unknown>, times = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return Number((ms[Math.floor(times / 2)] as number).toFixed(1));
}

export async function benchMeetingLoop(): Promise<Record<string, unknown>> {
  const db = sqliteDb();
  try {
    await migrateDatabase(parseDatabaseUrl(db.url));
    const store = await createStore(db.url);
    const admin = await identifyCaller(
      store,
      { platform: 'slack', teamId: 'TBENCH', userId: 'UADMIN' },
      { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
    );
    const ws = await store.workspaces.update(admin.workspace.id, { settings: { digest: { channel: 'CGROWTH' } } });
    const segments = Array.from({ length: CHANNELS }, (_, c) => ({ key: `ch${c}`, name: `渠道${c}` }));
    await store.segments.ensure(ws.id, segments);
    const rows = [];
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(FIRST_DAY, d);
      for (let c = 0; c < CHANNELS; c++) {
        const spend = 1000 + ((c * 37 + d * 11) % 200);
        // The last week: every third channel's ROI falls, so the check-in has something to ask.
        const roi = 1.3 + (((c * 13 + d * 7) % 9) - 4) / 100 - (d >= DAYS - 7 && c % 3 === 0 ? 0.15 : 0);
        rows.push(
          { metric: 'spend', segment: `ch${c}`, day, value: spend },
          { metric: 'revenue', segment: `ch${c}`, day, value: Math.round(spend * roi) },
          { metric: 'new_users', segment: `ch${c}`, day, value: 20 + ((c + d) % 10) },
          { metric: 'retained_d1', segment: `ch${c}`, day, value: d >= DAYS - 10 ? 5 : 8 },
        );
      }
    }
    await store.observations.upsert(ws.id, rows, { source: 'csv', actor: 'bench' });
    const members = [];
    for (let c = 0; c < CHANNELS; c++) {
      const m = await store.members.ensure(ws.id, `U${c}`, { displayName: `owner${c}` });
      await store.segments.setOwner(ws.id, `ch${c}`, m.id);
      members.push(m);
    }
    await store.metrics.setOwner(ws.id, 'retention_d1', admin.member.id, 'bench');
    const sources = createAlertDigestSources(store);
    let slot = CHECKIN.getTime();
    // Each run a new slot (a slot is sent once): the work of a real one.
    const nextSlot = () => {
      slot += 60_000;
      return new Date(slot);
    };
    const checkin = await median(() => sendCheckin({ store, sources }, ws, nextSlot()));
    const result = await sendCheckin({ store, sources }, ws, nextSlot());
    const digest = () => loadDigestData(store, ws, DIGEST, { sources }).then((data) => buildDigest(data, DIGEST, ws.locale));
    const digestWithout = await median(digest);
    for (let i = 0; i < ACTIONS; i++) {
      const owner = members[i % CHANNELS]!;
      await runCommand(
        { store, ...admin, workspace: ws, now: new Date('2026-11-27T04:00:00Z') },
        '/growth',
        `action add 调整出价 ${i} owner <@${owner.externalUserId}> on roi ch${i % CHANNELS}`,
      );
    }
    const digestWith = await median(digest);
    const actions = await median(() => runCommand({ store, ...admin, workspace: ws, now: DIGEST }, '/growth', 'actions'));
    await store.close();
    return {
      channels: CHANNELS,
      days: DAYS,
      owners: CHANNELS + 1,
      checkinMs: checkin,
      checkinMessages: result.queued.length,
      checkinItems: result.items,
      digestMs: digestWithout,
      digestWith200ActionsMs: digestWith,
      actionsCommandMs: actions,
    };
  } finally {
    db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchMeetingLoop(), null, 2));
