import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createHttpServer, type HttpServer } from '../base/http/http-server.ts';
import type { Logger } from '../base/logging/logger.ts';
import type { Config } from '../config/load-config.ts';
import { createAlertDigestSources } from '../core/alerts/alert-digest-sources.ts';
import { registerAlerts } from '../core/alerts/register-alerts.ts';
import { reportDeliveryFailure } from '../core/delivery/failure-notice.ts';
import { createOutboxRelay } from '../core/delivery/outbox-relay.ts';
import type { DigestSources } from '../core/digest/digest-data.ts';
import { ConfigError } from '../core/errors.ts';
import { createInbound, type Inbound } from '../core/inbound/inbound-pipeline.ts';
import type { PlatformAdapter } from '../core/inbound/platform-adapter.ts';
import { platformSenders } from '../core/inbound/platform-senders.ts';
import type { ChartRenderer } from '../core/ports/chart-renderer.ts';
import type { Store } from '../core/ports/store.ts';
import { observationsApiRoute, observationsDeleteRoute } from '../ingest/observations-api.route.ts';
import { registerSources } from '../ingest/sources/register-sources.ts';
import { createJobs } from '../jobs/job-registry.ts';
import { startPurge } from '../jobs/purge.job.ts';
import { createScheduler } from '../jobs/scheduler.ts';
import { PLATFORMS } from '../platforms/registry.ts';
import { healthRoute } from '../server/health.route.ts';
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
  const migrated = await migrateDatabase(target, (line) => logger.debug('schema engine', { line }), { isolate: true });
  logger.info('database ready', { database: target.kind, applied: migrated.applied, migrations: migrated.total });

  const store = await createStore(config.databaseUrl, {
    secretKey: config.secretKey,
    // The pools drop the connection and open a new one on the next query; requests in flight fail with a 5xx.
    onConnectionLost: (error) =>
      logger.warn('database connection lost; reconnecting', { code: (error as { code?: string }).code, reason: error.message }),
  });
  // Data sources keep their connections sealed: once one exists, the key must be there to read it.
  if (!config.secretKey && (await store.sources.any())) {
    await store.close();
    throw new ConfigError(
      'GROWTHBEAT_SECRET_KEY',
      'GROWTHBEAT_SECRET_KEY is missing: data sources are stored encrypted with it; set it to the key they were added with',
    );
  }
  const sourceRun = { env: process.env, limits: config.sourceLimits };
  registerSources(sourceRun);
  const http = createHttpServer(logger, { keepAliveTimeoutMs: config.keepAliveTimeoutMs });
  http.route('GET', '/healthz', healthRoute(store, VERSION));
  http.route('POST', '/api/v1/observations', observationsApiRoute(store, config.maxBodyBytes));
  http.route('DELETE', '/api/v1/observations', observationsDeleteRoute(store));

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
  // One clock for everything that asks the time: commands, the relay, the schedules (a test clock runs faster).
  const clock = config.testClock ? compressedClock(config.testClock.start, config.testClock.speed) : () => new Date();
  // Every configured platform (the registry loads only their modules), each with its own inbound pipeline.
  const adapters: PlatformAdapter[] = [];
  const pipelines: Inbound[] = [];
  for (const entry of PLATFORMS) {
    const settings = entry.settings(config);
    if (!settings) continue;
    const platform = await entry.load();
    const inbound = createInbound({
      platform: platform.name,
      store,
      logger: logger.child({ platform: platform.name }),
      defaults: platform.workspaceDefaults ?? defaults,
      ackBudgetMs: platform.ackBudgetMs,
      charts,
      digestSources,
      now: clock,
    });
    const adapter = platform.create(settings, { inbound, logger, maxBodyBytes: config.maxBodyBytes, installations: store.installations });
    adapter.mount(http);
    try {
      await adapter.start();
    } catch (error) {
      for (const started of adapters) await started.stop().catch(() => {});
      await store.close();
      throw error;
    }
    adapters.push(adapter);
    pipelines.push(inbound);
  }

  // Every replica runs a relay; claims with a lease keep them from sending the same message.
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const relay = createOutboxRelay({
    outbox: store.outbox,
    worker,
    senderFor: platformSenders(store, adapters),
    // A lease is real time: on a test clock running `speed` times faster it spans as many virtual milliseconds.
    leaseMs: config.relayLeaseMs * (config.testClock?.speed ?? 1),
    now: clock,
    onFailed: async (message, reason) => {
      logger.warn('delivery failed for good', { key: message.key, channel: message.channel, reason });
      await reportDeliveryFailure(store, message, reason, clock());
    },
  });
  if (adapters.length) relay.start(config.relayIntervalMs, (error) => logger.error('outbox relay pass failed', { error }));

  const stopPurge = startPurge(store, logger);

  // Every replica runs the scheduler; the job-slot table lets one of them run each slot.
  const scheduler = createScheduler({
    store,
    jobs: createJobs({ store, charts, sources: digestSources, sourceRun, graceMs: config.catchUpGraceMs }),
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

  // Everything but the HTTP server, in order: schedules, the relay, the platforms, their pipelines, the database.
  const stopWork = async () => {
    stopPurge();
    clearInterval(refresh);
    if (ticker) clearInterval(ticker);
    await ticking;
    await scheduler.stop();
    await relay.stop();
    for (const p of adapters) await p.stop().catch((error) => logger.warn('platform stop failed', { error }));
    for (const inbound of pipelines) await inbound.idle();
    await store.close();
  };
  let listening: { port: number; host: string };
  try {
    listening = await http.listen(config.port, config.host);
  } catch (error) {
    // Everything started above would keep the process alive: stop it all, so `serve` exits and a supervisor restarts it.
    await stopWork();
    throw explainListenError(error, config.port, config.host);
  }
  const { port, host } = listening;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${port}`;
  logger.info('growthbeat is serving', {
    url,
    health: `${url}/healthz`,
    version: VERSION,
    ...(config.sandbox ? { sandbox: `${url}/` } : {}),
  });

  let stopping: Promise<void> | undefined;
  return {
    url,
    store,
    http,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down', { inFlight: http.inFlight });
        await http.close(config.shutdownTimeoutMs);
        await stopWork();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}

/** A port we cannot listen on is the configuration's fault: one line naming PORT (or HOST) and the fix. */
function explainListenError(error: unknown, port: number, host: string | undefined): unknown {
  const code = (error as { code?: string }).code;
  const where = `${host ?? '0.0.0.0'}:${port}`;
  if (code === 'EADDRINUSE')
    return new ConfigError('PORT', `port ${port} is already in use (${where}): stop the process using it, or set PORT to a free port`, {
      cause: error,
    });
  if (code === 'EACCES')
    return new ConfigError('PORT', `permission denied to listen on ${where}: use a port above 1023 (set PORT)`, { cause: error });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new ConfigError('HOST', `cannot listen on ${where}: this machine has no such address; fix HOST`, { cause: error });
  return error;
}
