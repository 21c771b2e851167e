import type { Config } from '../config/load-config.ts';
import type { Store } from '../core/ports/store.ts';
import { observationsApiRoute } from '../ingest/observations-api.route.ts';
import type { Logger } from '../logging/logger.ts';
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
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  const target = parseDatabaseUrl(config.databaseUrl);
  const migrated = await migrateDatabase(target, (line) => logger.debug('schema engine', { line }));
  logger.info('database ready', { database: target.kind, applied: migrated.applied, migrations: migrated.total });

  const store = await createStore(config.databaseUrl);
  const http = createHttpServer(logger);
  http.route('GET', '/healthz', healthRoute(store, VERSION));
  http.route('POST', '/api/v1/observations', observationsApiRoute(store, config.maxBodyBytes));

  const { port, host } = await http.listen(config.port, config.host);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${port}`;
  logger.info('growthbeat is serving', { url, health: `${url}/healthz`, version: VERSION });

  let stopping: Promise<void> | undefined;
  return {
    url,
    store,
    http,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down', { inFlight: http.inFlight });
        await http.close(config.shutdownTimeoutMs);
        await store.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
