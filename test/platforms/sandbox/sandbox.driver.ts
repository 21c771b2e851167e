import { createHttpServer } from '../../../src/base/http/http-server.ts';
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { registerAlerts } from '../../../src/core/alerts/register-alerts.ts';
import { createInteractions } from '../../../src/core/commands/interactions.ts';
import { createOutboxRelay } from '../../../src/core/delivery/outbox-relay.ts';
import { createInbound, runInboundCommand } from '../../../src/core/inbound/inbound-pipeline.ts';
import { createSandboxAdapter, SANDBOX_ACK_BUDGET_MS, SANDBOX_TEAM, SANDBOX_USER } from '../../../src/platforms/sandbox/sandbox-adapter.ts';
import { migratedStore } from '../../helpers/migrated-store.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';
import { type ActingAs, type DriverOptions, eventually, type PlatformDriver } from '../platform.contract.ts';

// Wired as the composition root (startApp) wires it: alert buttons, reactions and evaluation after writes.
registerAlerts();

const NOW = new Date('2026-11-22T04:00:00Z');

/** The sandbox has one person, the one at the browser: acting as anyone else is not something it can do. */
function onlyTheLocalUser(as?: ActingAs): void {
  if (as?.user !== undefined && as.user !== SANDBOX_USER) throw new Error(`the sandbox has one user (${SANDBOX_USER}), not ${as.user}`);
}

/** An HTML tag's attributes as the renderer writes them (`name="…"`, bare `required`), entities decoded. */
function attributes(tag: string, decode: (text: string) => string): Map<string, string> {
  return new Map([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1] ?? '', decode(m[2] ?? '')]));
}

/** The sandbox as a browser on this machine meets it: same-origin JSON to its routes; answers are HTML. */
export async function startSandboxDriver(options: DriverOptions = {}): Promise<PlatformDriver> {
  const database = sqliteTestDatabase();
  const store = await migratedStore(database);
  const workspaceId = await seedChannelWeek(store, 'local', SANDBOX_TEAM, { empty: options.empty });
  const http = createHttpServer(silentLogger);
  const inbound = createInbound({
    platform: 'local',
    store,
    logger: silentLogger,
    defaults: { timezone: 'Asia/Shanghai', locale: 'zh-CN' },
    ackBudgetMs: options.ackBudgetMs ?? SANDBOX_ACK_BUDGET_MS,
    interactions: createInteractions(),
    commands: options.commands ?? runInboundCommand,
    now: options.clock ?? (() => NOW),
  });
  const adapter = createSandboxAdapter({}, { inbound, logger: silentLogger, maxBodyBytes: 64 * 1024, installations: store.installations });
  adapter.mount(http);
  const { port } = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  // The HTML as text: tags dropped, the few entities the renderer writes decoded.
  const plain = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const text = async (res: Response) => plain(((await res.json()) as { html: string }).html);
  return {
    store,
    databaseUrl: database.url,
    workspaceId,
    userId(name) {
      if (name !== undefined) throw new Error(`the sandbox has one user (${SANDBOX_USER}); there is no ${name}`);
      return SANDBOX_USER;
    },
    async command(t, as) {
      onlyTheLocalUser(as);
      return text(await post('/sandbox/command', { text: t }));
    },
    async press(actionId, value, as) {
      onlyTheLocalUser(as);
      return text(await post('/sandbox/action', { actionId, value }));
    },
    // The inline form as the page's script reads and posts it: its action, its carried value and every field's
    // value (FormData: what was typed, or what the field was prefilled with); the browser refuses to submit
    // while a required field is empty.
    async answerWithForm(actionId, value, typed, answer = {}) {
      onlyTheLocalUser(answer);
      const { html } = (await (await post('/sandbox/action', { actionId, value })).json()) as { html: string };
      const form = /<form class="answer-form" data-form-id="([^"]*)" data-value="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
      if (!form) throw new Error(`no form in the answer: ${plain(html)}`);
      const inputs = [...(form[3] ?? '').matchAll(/<textarea([^>]*)>([\s\S]*?)<\/textarea>|<input([^>]*)>/g)].map((m) => {
        const attrs = attributes(m[1] ?? m[3] ?? '', plain);
        return {
          name: attrs.get('name') ?? '',
          initial: m[1] !== undefined ? plain(m[2] ?? '') : (attrs.get('value') ?? ''),
          required: attrs.has('required'),
        };
      });
      const initials = Object.fromEntries(inputs.map((i) => [i.name, i.initial]));
      const typedFields: Record<string, string> = { ...answer.fields, text: typed };
      const fields: Record<string, string> = {};
      for (const input of inputs) {
        fields[input.name] = typedFields[input.name] ?? input.initial;
        if (!fields[input.name] && input.required)
          throw new Error(`the browser would not submit the form: the field ${input.name} is required and empty`);
      }
      const carried = JSON.parse(plain(form[2] ?? '')) as Record<string, unknown>;
      const shown = await text(
        await post('/sandbox/action', { actionId: plain(form[1] ?? ''), value: JSON.stringify({ ...carried, fields }) }),
      );
      return { initial: initials.text ?? '', initials, answer: shown };
    },
    // A page on another site posting to the sandbox: refused by the same-origin check.
    async acknowledged(t, acked) {
      const ack = await text(await post('/sandbox/command', { text: t }));
      acked();
      const feed = async () => {
        const { messages } = (await (await fetch(`${url}/sandbox/feed?after=0`)).json()) as { messages: { html: string }[] };
        return messages.length ? messages.map((m) => m.html).join('\n') : undefined;
      };
      return { ack, followUp: plain(await eventually(feed)) };
    },
    // What the relay delivers lands in the page's feed: its HTML from the feed route, its conversation from the feed.
    async deliver() {
      const { seq } = adapter.feed.since(0);
      const relay = createOutboxRelay({
        outbox: store.outbox,
        senderFor: async () => adapter.senderFor(),
        worker: 'driver',
        baseDelayMs: 0,
        now: options.clock ?? (() => NOW),
      });
      for (let i = 0; i < 3; i++) await relay.runOnce();
      const channels = new Map(adapter.feed.since(seq).messages.map((m) => [m.id, m.channel]));
      const { messages } = (await (await fetch(`${url}/sandbox/feed?after=${seq}`)).json()) as { messages: { id: string; html: string }[] };
      return messages.map((m) => ({ to: channels.get(m.id) ?? '', text: plain(m.html) }));
    },
    forge: async (t) => (await post('/sandbox/command', { text: t }, { origin: 'http://evil.example' })).status,
    async close() {
      await http.close(100);
      await inbound.idle();
      await store.close();
      await database.drop();
    },
  };
}
