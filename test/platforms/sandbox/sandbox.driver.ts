import { registerAlerts } from '../../../src/core/alerts/register-alerts.ts';
import { createInteractions } from '../../../src/core/commands/interactions.ts';
import { silentLogger } from '../../../src/logging/logger.ts';
import { createSandboxAdapter, SANDBOX_TEAM } from '../../../src/platforms/sandbox/sandbox-adapter.ts';
import { createHttpServer } from '../../../src/server/http-server.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';
import type { PlatformDriver } from '../platform.contract.ts';

// Wired as the composition root (startApp) wires it: alert buttons, reactions and evaluation after writes.
registerAlerts();

const NOW = new Date('2026-11-22T04:00:00Z');

/** The sandbox as a browser on this machine meets it: same-origin JSON to its routes; answers are HTML. */
export async function startSandboxDriver(): Promise<PlatformDriver> {
  const database = sqliteTestDatabase();
  const store = await migratedStore(database);
  const workspaceId = await seedChannelWeek(store, 'local', SANDBOX_TEAM);
  const http = createHttpServer(silentLogger);
  createSandboxAdapter({
    store,
    logger: silentLogger,
    defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
    interactions: createInteractions(),
    now: () => NOW,
  }).mount(http);
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  // The HTML as text: tags dropped, the few entities the renderer writes decoded.
  const text = async (res: Response) =>
    ((await res.json()) as { html: string }).html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  return {
    store,
    workspaceId,
    command: async (t) => text(await post('/sandbox/command', { text: t })),
    press: async (actionId, value) => text(await post('/sandbox/action', { actionId, value })),
    // A page on another site posting to the sandbox: refused by the same-origin check.
    forge: async (t) => (await post('/sandbox/command', { text: t }, { origin: 'http://evil.example' })).status,
    async close() {
      await http.close(100);
      await store.close();
      await database.drop();
    },
  };
}
