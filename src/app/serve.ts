import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config/load-config.ts';
import { createAlertDigestSources } from '../core/alerts/alert-digest-sources.ts';
import { registerAlerts } from '../core/alerts/register-alerts.ts';
import { reportDeliveryFailure } from '../core/delivery/failure-notice.ts';
import { createOutboxRelay } from '../core/delivery/outbox-relay.ts';
import type { DigestSources } from '../core/digest/digest-data.ts';
import { ConfigError } from '../core/errors.ts';
import type { ChartRenderer } from '../core/ports/chart-renderer.ts';
import type { ChatSender } from '../core/ports/chat-sender.ts';
import type { Store } from '../core/ports/store.ts';
import { observationsApiRoute } from '../ingest/observations-api.route.ts';
import { createJobs } from '../jobs/job-registry.ts';
import { startPurge } from '../jobs/purge.job.ts';
import { createScheduler } from '../jobs/scheduler.ts';
import type { Logger } from '../logging/logger.ts';
import { createFeishuAdapter, FEISHU_EVENTS_PATH } from '../platforms/feishu/feishu-adapter.ts';
import { createSandboxAdapter } from '../platforms/sandbox/sandbox-adapter.ts';
import { createSandboxFeed } from '../platforms/sandbox/sandbox-feed.ts';
import { createSlackAdapter } from '../platforms/slack/slack-adapter.ts';
import { healthRoute } from '../server/health.route.ts';
import { createHttpServer, type HttpServer } from '../server/http-server.ts';
import { createStore } from '../store/create-store.ts';
import { parseDatabaseUrl } from '../store/database-url.ts';
import { migrateDatabase } from '../store/migrations/migrate.ts';
import { VERSION } from './version.ts';

export interface RunningApp {
  url: string;
  store: Store;
  http: HttpServer;
  /** Graceful stop: no new requests, in-flight work finishes (up to the configured timeout), then the database closes. */
  stop(): Promise<void>;
}

/** Migrates the database, opens the store and serves HTTP. */
/** How often (real time) a virtual test clock ticks the schedules. */
export const TEST_CLOCK_TICK_MS = 200;

/** A clock that starts at `start` now and runs `speed` times faster than real time. */
export function compressedClock(start: Date, speed: number): () => Date {
  const began = Date.now();
  return () => new Date(start.getTime() + (Date.now() - began) * speed);
}

/** How often every replica re-reads the workspaces' schedules (a digest time changed through any replica). */
export const SCHEDULE_REFRESH_MS = 60_000;

/** Starts the app; `digestSources` connects the alerts store to the digest (alerts of the week, agenda). */
export async function startApp(config: Config, logger: Logger, options: { digestSources?: DigestSources } = {}): Promise<RunningApp> {
  // The core's features meet here: alert buttons and reactions, alert evaluation after every write.
  registerAlerts();
  const target = parseDatabaseUrl(config.databaseUrl);
  const migrated = await migrateDatabase(target, (line) => logger.debug('schema engine', { line }));
  logger.info('database ready', { database: target.kind, applied: migrated.applied, migrations: migrated.total });

  const store = await createStore(config.databaseUrl, {
    secretKey: config.secretKey,
    // The pools drop the connection and open a new one on the next query; requests in flight fail with a 5xx.
    onConnectionLost: (error) =>
      logger.warn('database connection lost; reconnecting', { code: (error as { code?: string }).code, reason: error.message }),
  });
  const http = createHttpServer(logger);
  http.route('GET', '/healthz', healthRoute(store, VERSION));
  http.route('POST', '/api/v1/observations', observationsApiRoute(store, config.maxBodyBytes));

  const defaults = { timezone: config.defaultTimezone, locale: config.defaultLocale };
  // Loaded here, not at the top: the CLI's other commands start without vega and resvg.
  // vega, resvg and the CJK font load on the first chart, not at start: an idle bot stays small.
  let renderer: Promise<ChartRenderer> | undefined;
  const charts: ChartRenderer = {
    async renderPng(chart) {
      renderer ??= import('../charts/vega-chart.renderer.ts').then((m) => m.createChartRenderer());
      return (await renderer).renderPng(chart);
    },
  };
  const digestSources = options.digestSources ?? createAlertDigestSources(store);
  const platforms: { stop(): Promise<void> }[] = [];
  const senders: ((workspaceId: string) => Promise<ChatSender | undefined>)[] = [];
  if (config.slack) {
    const slack = createSlackAdapter(
      { ...config.slack, maxBodyBytes: config.maxBodyBytes },
      { store, logger, defaults, charts, digestSources },
    );
    if (slack.requestListener) http.mount('/slack', slack.requestListener);
    try {
      await slack.start();
    } catch (cause) {
      await store.close();
      throw new ConfigError(
        'SLACK_BOT_TOKEN',
        `Slack refused to start: ${(cause as Error).message}. Check SLACK_BOT_TOKEN (or SLACK_APP_TOKEN) and SLACK_API_URL`,
      );
    }
    platforms.push(slack);
    senders.push((workspaceId) => slack.senderFor(workspaceId));
  }

  if (config.feishu) {
    // A tenant becomes a workspace in zh-CN and Asia/Shanghai (the adapter's defaults), whatever DEFAULT_LOCALE says.
    const feishu = createFeishuAdapter({ ...config.feishu, maxBodyBytes: config.maxBodyBytes }, { store, logger });
    if (feishu.requestHandler) http.route('POST', FEISHU_EVENTS_PATH, feishu.requestHandler);
    try {
      await feishu.start();
    } catch (cause) {
      await store.close();
      throw new ConfigError(
        'FEISHU_APP_ID',
        `Feishu refused to start: ${(cause as Error).message}. Check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN`,
      );
    }
    platforms.push(feishu);
    senders.push((workspaceId) => feishu.senderFor(workspaceId));
  }

  // Without chat credentials, the local sandbox is the way in (on 127.0.0.1 unless HOST says otherwise); the
  // outbox delivers its alerts to an in-memory feed the page polls.
  const sandbox = !config.slack && !config.feishu;
  const feed = sandbox ? createSandboxFeed() : undefined;
  if (feed)
    senders.push(async (workspaceId) => ((await store.workspaces.get(workspaceId))?.platform === 'local' ? feed.sender : undefined));

  // Every replica runs a relay; claims with a lease keep them from sending the same message.
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const relay = createOutboxRelay({
    outbox: store.outbox,
    worker,
    senderFor: async (workspaceId) => {
      for (const find of senders) {
        const sender = await find(workspaceId);
        if (sender) return sender;
      }
      return undefined;
    },
    leaseMs: config.relayLeaseMs,
    onFailed: async (message, reason) => {
      logger.warn('delivery failed for good', { key: message.key, channel: message.channel, reason });
      await reportDeliveryFailure(store, message, reason, new Date());
    },
  });
  if (senders.length) relay.start(config.relayIntervalMs, (error) => logger.error('outbox relay pass failed', { error }));

  const stopPurge = startPurge(store, logger);

  // Every replica runs the scheduler; the job-slot table lets one of them run each slot.
  const clock = config.testClock ? compressedClock(config.testClock.start, config.testClock.speed) : () => new Date();
  const scheduler = createScheduler({
    store,
    jobs: createJobs({ store, charts, sources: digestSources }),
    logger,
    replica: worker,
    graceMs: config.catchUpGraceMs,
    ticks: Boolean(config.testClock),
  });
  await scheduler.start();
  // A virtual clock (tests) drives the schedules by ticks: each tick runs the slots that became due.
  let ticking: Promise<unknown> = Promise.resolve();
  const ticker = config.testClock
    ? setInterval(() => {
        ticking = ticking.then(() => scheduler.catchUp(clock())).catch((error) => logger.error('schedule tick failed', { error }));
      }, TEST_CLOCK_TICK_MS)
    : undefined;
  const refresh = setInterval(() => {
    scheduler.refresh().catch((error) => logger.warn('refreshing schedules failed', { error }));
  }, SCHEDULE_REFRESH_MS);
  refresh.unref();
  const caughtUp = await scheduler.catchUp(clock());
  if (caughtUp.some((c) => c.ran)) logger.info('caught up missed schedules', { slots: caughtUp.filter((c) => c.ran) });

  if (sandbox) createSandboxAdapter({ store, logger, defaults, host: config.host, feed, charts, digestSources }).mount(http);

  const { port, host } = await http.listen(config.port, config.host);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${port}`;
  logger.info('growthbeat is serving', { url, health: `${url}/healthz`, version: VERSION, ...(sandbox ? { sandbox: `${url}/` } : {}) });

  let stopping: Promise<void> | undefined;
  return {
    url,
    store,
    http,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down', { inFlight: http.inFlight });
        await http.close(config.shutdownTimeoutMs);
        stopPurge();
        clearInterval(refresh);
        if (ticker) clearInterval(ticker);
        await ticking;
        await scheduler.stop();
        await relay.stop();
        for (const p of platforms) await p.stop().catch((error) => logger.warn('platform stop failed', { error }));
        await store.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
