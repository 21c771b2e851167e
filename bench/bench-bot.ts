// The bot under benchmark: a workspace on SQLite with `channels` channels × `days` days of daily spend, revenue,
// new users and D1/D7 cohort counts, and a cohort event log, answering signed slash commands through the real Bolt
// HTTPReceiver on our HTTP server; and the baseline, a Bolt app whose command handler only acknowledges, behind the
// same receiver on the same kind of server in the same process.
import { App, HTTPReceiver } from '@slack/bolt';
import { createHttpServer } from '../src/base/http/http-server.ts';
import { silentLogger } from '../src/base/logging/logger.ts';
import { createInbound } from '../src/core/inbound/inbound-pipeline.ts';
import type { ActivityDay } from '../src/core/ports/activity.ts';
import type { ObservationInput } from '../src/core/ports/observations.ts';
import type { Store } from '../src/core/ports/store.ts';
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
export const TODAY = '2026-11-23';

export interface Timing {
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function summarise(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (v: number) => Number(v.toFixed(1));
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] as number) };
}

let sent = 0;

/**
 * One signed slash command, timed from send to the whole answer read. Each carries its own trigger_id, as Slack's
 * do: an identical signed request is a replay, which the bot drops without answering.
 */
export async function timeCommand(url: string, command: string, text: string): Promise<number> {
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
    trigger_id: `${Date.now()}.${++sent}.bench`,
  }).toString();
  const t0 = performance.now();
  const res = await postSigned(`${url}/slack/events`, SECRET, body, FORM);
  await res.text();
  if (res.status !== 200) throw new Error(`${command} answered ${res.status}`);
  return performance.now() - t0;
}

export async function measure(url: string, command: string, text: string, n: number): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await timeCommand(url, command, text));
  return summarise(times);
}

export interface BenchBot {
  url: string;
  noopUrl: string;
  store: Store;
  workspaceId: string;
  data: { channels: number; days: number; observations: number; activityDays: number };
  /** A write that changes one value (so the next answer is computed afresh, as after any ingest). */
  touch(): Promise<void>;
  /** An event import that changes one user's day (the cohort matrix is computed afresh). */
  touchActivity(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchBot(channels: number, days: number, users = Math.round((20_000 * days) / 730)): Promise<BenchBot> {
  const db = sqliteDb();
  const fake = await startFakeSlackApi();
  await migrateDatabase(parseDatabaseUrl(db.url));
  const store = await createStore(db.url);
  const ws = await store.workspaces.ensure({
    platform: 'slack',
    externalId: 'T0001',
    name: 'bench',
    timezone: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  const first = addDays(TODAY, -days);
  const rows: ObservationInput[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(first, d);
    for (let c = 0; c < channels; c++) {
      const spend = 1000 + ((c * 37 + d * 11) % 300);
      const newUsers = 20 + ((c + d) % 15);
      rows.push({ metric: 'spend', segment: `ch${c}`, day, value: spend });
      rows.push({ metric: 'revenue', segment: `ch${c}`, day, value: spend * (1.2 + ((c * 13 + d) % 20) / 100) });
      rows.push({ metric: 'new_users', segment: `ch${c}`, day, value: newUsers });
      rows.push({ metric: 'retained_d1', segment: `ch${c}`, day, value: Math.round(newUsers * 0.4) });
      rows.push({ metric: 'retained_d7', segment: `ch${c}`, day, value: Math.round(newUsers * 0.2) });
    }
  }
  await store.segments.ensure(
    ws.id,
    Array.from({ length: channels }, (_, c) => ({ key: `ch${c}`, name: `渠道${c}` })),
  );
  await store.observations.upsert(ws.id, rows, { source: 'bench', actor: 'bench' });
  // Users over the period, each active on a few days: the cohort matrix behind /retention cohorts.
  const activity: ActivityDay[] = [];
  for (let u = 0; u < users; u++) {
    const start = (u * 7919) % days;
    for (const k of [0, 1, 7, 30])
      if (start + k < days && (u + k) % 3 !== 0)
        activity.push({ userKey: `u${u}`, day: addDays(first, start + k), segment: '', events: 1, revenue: 0 });
  }
  await store.activity.upsertDays(ws.id, activity, { source: 'bench', sourceRef: 'bench.csv', actor: 'bench' });

  const http = createHttpServer(silentLogger);
  const inbound = createInbound({
    platform: 'slack',
    store,
    logger: silentLogger,
    defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
    ackBudgetMs: SLACK_ACK_BUDGET_MS,
    now: () => new Date(`${TODAY}T04:00:00Z`),
  });
  const adapter = createSlackAdapter(
    { signingSecret: SECRET, botToken: 'xoxb-bench', apiUrl: fake.apiUrl },
    { inbound, logger: silentLogger, maxBodyBytes: 1024 * 1024, installations: store.installations },
  );
  adapter.mount(http);
  await adapter.start();
  const { port } = await http.listen(0, '127.0.0.1');

  const noopHttp = createHttpServer(silentLogger);
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logger: boltLogger(silentLogger) });
  const noop = new App({ receiver, token: 'xoxb-bench', clientOptions: { slackApiUrl: fake.apiUrl }, logger: boltLogger(silentLogger) });
  noop.command(/.*/, async ({ ack }) => ack({ text: 'ok' }));
  noopHttp.mount('/slack', receiver.requestListener as never);
  const noopPort = (await noopHttp.listen(0, '127.0.0.1')).port;

  let touches = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    noopUrl: `http://127.0.0.1:${noopPort}`,
    store,
    workspaceId: ws.id,
    data: { channels, days, observations: rows.length, activityDays: activity.length },
    async touch() {
      touches++;
      await store.observations.upsert(ws.id, [{ metric: 'spend', segment: 'ch0', day: addDays(TODAY, -2), value: 1000 + touches }], {
        source: 'bench',
        actor: 'bench',
      });
    },
    async touchActivity() {
      touches++;
      const day = { userKey: 'touch', day: addDays(TODAY, -2), segment: '', events: touches, revenue: 0 };
      await store.activity.upsertDays(ws.id, [day], { source: 'bench', sourceRef: 'touch.csv', actor: 'bench' });
    },
    async close() {
      await http.close(100);
      await noopHttp.close(100);
      await adapter.stop();
      await store.close();
      await fake.close();
      db.drop();
    },
  };
}
