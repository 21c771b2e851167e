// One digest, whoever asks: `growthbeat digest` (text and JSON) and chat's /growth digest preview give the same
// content for the same week and moment, the alerts of the week and the agenda included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { toPlainText } from '../../src/cli/view-text.renderer.ts';
import { createAlertDigestSources } from '../../src/core/alerts/alert-digest-sources.ts';
import { registerAlerts } from '../../src/core/alerts/register-alerts.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { loadDemo } from '../../src/core/demo/load-demo.ts';
import type { Store } from '../../src/core/ports/store.ts';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import type { View } from '../../src/core/views/view.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

// Wired as the composition root wires it: evaluation after writes.
registerAlerts();

const database = sqliteTestDatabase();
let store: Store;
let ws: Workspace;
let ctx: CommandContext;
// The data arrives on Saturday 21 November (the alerts open then, inside 2026-W47); the digest is read on Wednesday 25th.
const arrived = new Date('2026-11-21T02:00:00Z');
const now = new Date('2026-11-25T06:00:00Z');

async function cli(format: 'text' | 'json'): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(['digest', '--workspace', ws.id, '--at', now.toISOString(), '--format', format], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env: { DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
    isTty: false,
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

beforeAll(async () => {
  store = await migratedStore(database);
  ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T-ONE', name: 'One', timezone: 'Asia/Shanghai', locale: 'zh-CN' });
  const admin = await store.members.ensure(ws.id, 'U_ADMIN', { role: 'admin' });
  ctx = { store, workspace: ws, member: admin, now: arrived, channel: 'C_GROWTH' };
  await runCommand(ctx, '/alerts', 'playbook on');
  ws = (await store.workspaces.get(ws.id)) as Workspace;
  await loadDemo(store, ws, arrived, { actor: 'test' });
  ctx = { ...ctx, workspace: ws, now, digestSources: createAlertDigestSources(store) };
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('the digest from the CLI and from chat', () => {
  it('has the same content: JSON view and text, alerts of the week and agenda included', async () => {
    const preview = await runCommand(ctx, '/growth', 'digest preview');
    // The chat preview is the digest with one line on top saying it is a preview for the caller alone.
    expect(preview.elements[0]).toMatchObject({ type: 'context' });
    const chat: View = { fallback: preview.fallback, elements: preview.elements.slice(1), severity: preview.severity };
    const text = JSON.stringify(chat);
    expect(text).toContain('本周预警');
    expect(text).toContain('本周触发');
    expect(text).toContain('会议议程建议');
    expect(text).toContain('市场运营联席会议');

    const json = JSON.parse(await cli('json')) as View;
    expect(json.elements).toEqual(chat.elements);
    expect(json.fallback).toBe(chat.fallback);
    expect(await cli('text')).toBe(toPlainText(chat));
  }, 120_000);
});
