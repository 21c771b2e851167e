// Slash-command latency through the real Bolt HTTPReceiver on our server, signed like Slack signs, for a
// workspace with 50 channels × 2 years of daily data and a cohort event log; against a no-op Bolt command
// handler with the same receiver setup in the same process. Target: p99 ≤ 1.5 × no-op p99 + 50 ms.
import { App, HTTPReceiver } from '@slack/bolt';
import { createHttpServer } from '../src/base/http/http-server.ts';
import { silentLogger } from '../src/base/logging/logger.ts';
import { createInbound } from '../src/core/inbound/inbound-pipeline.ts';
import type { ActivityDay } from '../src/core/ports/activity.ts';
import type { ObservationInput } from '../src/core/ports/observations.ts';
import { addDays } from '../src/core/time/day-math.ts';
import { boltLogger } from '../src/platforms/slack/bolt-logger.ts';
import { createSlackAdapter, SLACK_ACK_BUDGET_MS } from '../src/platforms/slack/slack-adapter.ts';
import { createStore } from '../src/store/create-store.ts';
import { parseDatabaseUrl } from '../src/store/database-url.ts';
import { migrateDatabase } from '../src/store/migrations/migrate.ts';
import { startFakeSlackApi } from '../test/fakes/fake-slack-api.ts';
import { FORM, postSigned } from '../test/helpers/slack-signing.ts';
import { sqliteDb } from './bench-databases.ts';

const SECRET = 'bench-signing-secret-0123456789ab';
const CHANNELS = 50;
const DAYS = 730;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function measure(url: string, command: string, text: string, n: number): Promise<{ p50: number; p99: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const body = new URLSearchParams({
      token: 'x',
      team_id: 'T0001',
      team_domain: 'bench',
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'bench',
      command,
      text,
      response_url: 'http://127.0.0.1:9/none',
      trigger_id: 't',
    }).toString();
    const t0 = performance.now();
    const res = await postSigned(`${url}/slack/events`, SECRET, body, FORM);
    await res.text();
    if (res.status !== 200) throw new Error(`${command} answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const round = (v: number) => Number(v.toFixed(1));
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), max: round(times[times.length - 1] as number) };
}

export async function benchCommandLatency(n = 300): Promise<Record<string, unknown>> {
  const db = sqliteDb();
  const fake = await startFakeSlackApi();
  try {
    await migrateDatabase(parseDatabaseUrl(db.url));
    const store = await createStore(db.url);
    const ws = await store.workspaces.ensure({
      platform: 'slack',
      externalId: 'T0001',
      name: 'bench',
      timezone: 'Asia/Shanghai',
      locale: 'zh-CN',
    });
    const today = '2026-11-23';
    const first = addDays(today, -DAYS);
    const rows: ObservationInput[] = [];
    const segments = Array.from({ length: CHANNELS }, (_, c) => ({ key: `ch${c}`, name: `渠道${c}` }));
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(first, d);
      for (let c = 0; c < CHANNELS; c++) {
        const spend = 1000 + ((c * 37 + d * 11) % 300);
        const users = 20 + ((c + d) % 15);
        rows.push({ metric: 'spend', segment: `ch${c}`, day, value: spend });
        rows.push({ metric: 'revenue', segment: `ch${c}`, day, value: spend * (1.2 + ((c * 13 + d) % 20) / 100) });
        rows.push({ metric: 'new_users', segment: `ch${c}`, day, value: users });
        rows.push({ metric: 'retained_d1', segment: `ch${c}`, day, value: Math.round(users * 0.4) });
        rows.push({ metric: 'retained_d7', segment: `ch${c}`, day, value: Math.round(users * 0.2) });
      }
    }
    await store.segments.ensure(ws.id, segments);
    await store.observations.upsert(ws.id, rows, { source: 'bench', actor: 'bench' });
    // 20,000 users over two years, each active on a few days: the cohort matrix behind /retention cohorts.
    const activity: ActivityDay[] = [];
    for (let u = 0; u < 20_000; u++) {
      const start = (u * 7919) % DAYS;
      for (const k of [0, 1, 7, 30])
        if (start + k < DAYS && (u + k) % 3 !== 0)
          activity.push({ userKey: `u${u}`, day: addDays(first, start + k), segment: '', events: 1, revenue: 0 });
    }
    await store.activity.upsertDays(ws.id, activity, { source: 'bench', actor: 'bench' });

    // Growthbeat: the real adapter on our server.
    const http = createHttpServer(silentLogger);
    const inbound = createInbound({
      platform: 'slack',
      store,
      logger: silentLogger,
      defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
      ackBudgetMs: SLACK_ACK_BUDGET_MS,
      now: () => new Date(`${today}T04:00:00Z`),
    });
    const adapter = createSlackAdapter(
      { signingSecret: SECRET, botToken: 'xoxb-bench', apiUrl: fake.apiUrl },
      { inbound, logger: silentLogger, maxBodyBytes: 1024 * 1024, installations: store.installations },
    );
    adapter.mount(http);
    await adapter.start();
    const { port } = await http.listen(0, '127.0.0.1');

    // The baseline: a Bolt command handler that only acknowledges, behind the same receiver and server.
    const noopHttp = createHttpServer(silentLogger);
    const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logger: boltLogger(silentLogger) });
    const noop = new App({ receiver, token: 'xoxb-bench', clientOptions: { slackApiUrl: fake.apiUrl }, logger: boltLogger(silentLogger) });
    noop.command(/.*/, async ({ ack }) => ack({ text: 'ok' }));
    noopHttp.mount('/slack', receiver.requestListener as never);
    const noopPort = (await noopHttp.listen(0, '127.0.0.1')).port;

    await measure(`http://127.0.0.1:${port}`, '/roi', 'all 30d', 20); // warm-up
    await measure(`http://127.0.0.1:${noopPort}`, '/roi', 'all 30d', 20);
    const baseline = await measure(`http://127.0.0.1:${noopPort}`, '/roi', 'all 30d', n);
    const roi = await measure(`http://127.0.0.1:${port}`, '/roi', 'all 30d', n);
    const cohorts = await measure(`http://127.0.0.1:${port}`, '/retention', 'cohorts', Math.max(50, Math.floor(n / 3)));
    const target = baseline.p99 * 1.5 + 50;
    await http.close(100);
    await noopHttp.close(100);
    await adapter.stop();
    await store.close();
    return {
      data: { channels: CHANNELS, days: DAYS, observations: rows.length, activityDays: activity.length },
      noopMs: baseline,
      roiAll30dMs: roi,
      retentionCohortsMs: cohorts,
      targetP99Ms: Number(target.toFixed(1)),
      roiMeetsTarget: roi.p99 <= target,
      cohortsMeetTarget: cohorts.p99 <= target,
    };
  } finally {
    await fake.close();
    db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchCommandLatency(), null, 2));
