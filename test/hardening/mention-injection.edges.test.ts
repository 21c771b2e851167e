// Issue 21 item 4 at each edge where text enters, through the real transport: the views' private-use
// mention marks typed into Slack, Feishu or the sandbox, written into a CSV or sent to the API are gone
// before anything is stored, and the answers mention nobody the code did not mean.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { hasControlChars } from '../../src/core/text/clean-text.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { cardText } from '../fakes/fake-feishu-api.ts';
import { postFeishu } from '../helpers/feishu-signing.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { seedChannelWeek } from '../helpers/seed-channels.ts';
import { FORM, postSigned } from '../helpers/slack-signing.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { ENCRYPT_KEY, event, type FeishuHarness, startFeishuHarness, TENANT } from '../platforms/feishu/feishu-harness.ts';
import type { PlatformDriver } from '../platforms/platform.contract.ts';
import { startSandboxDriver } from '../platforms/sandbox/sandbox.driver.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from '../platforms/slack/slack-harness.ts';
import { feishuProblems, slackProblems } from './rendered-output.ts';

const ALL = '\uE000all\uE001';
const MARKS = /[\uE000-\uE00F]/;

/** Every name and note a workspace stores, for the no-marks check. */
async function storedTexts(store: Store, workspaceId: string): Promise<string[]> {
  const ws = await store.workspaces.get(workspaceId);
  return [
    ws?.name ?? '',
    ...(await store.segments.list(workspaceId)).map((s) => s.name),
    ...(await store.members.list(workspaceId)).map((m) => m.displayName ?? ''),
    ...(await store.alerts.listRules(workspaceId)).flatMap((r) => [r.name, r.note ?? '']),
  ];
}

describe('Slack: a signed slash command carrying the marks', () => {
  let h: SlackHarness;
  let wsId: string;
  beforeAll(async () => {
    h = await startSlackHarness();
    wsId = await seedChannels(h.store);
  });
  afterAll(() => h.close());
  const command = (cmd: string, text: string, extra: Record<string, string> = {}) =>
    new URLSearchParams({ ...fixture<Record<string, string>>('slash-command.json'), command: cmd, text, ...extra }).toString();
  const post = async (cmd: string, text: string, extra: Record<string, string> = {}) => {
    const res = await postSigned(`${h.url}/slack/events`, SECRET, command(cmd, text, extra), FORM);
    expect(res.status).toBe(200);
    return JSON.stringify(await res.json());
  };

  it('answers /kpi show <marks>all<marks> without pinging anyone, and stores a marked note and names clean', async () => {
    const answer = await post('/kpi', `show spend ${ALL}`);
    expect(answer).not.toMatch(MARKS);
    expect(answer).not.toContain('<@all>');
    expect(answer).not.toContain('<!');

    await post('/alerts', `rule add spend each above 1 note ${ALL} **b** <!channel>`);
    const rule = (await h.store.alerts.listRules(wsId)).at(-1);
    expect(rule?.note).toBe('all **b** <!channel>');
    // The rules list shows the note literally: escaped, and read as mrkdwn nothing in it works.
    const rules = await post('/alerts', 'rules');
    expect(rules).not.toContain('<!channel>');
    expect(rules).toContain('all **b** &lt;!channel&gt;');
    expect(slackProblems(JSON.parse(rules), new Set())).toEqual([]);

    // First contact from a new team whose names carry the marks.
    await post('/roi', '', { team_id: 'T0INJECT', team_domain: `team${ALL}`, user_id: 'U0INJECT', user_name: `bob${ALL}` });
    const ws = (await h.store.workspaces.list()).find((w) => w.externalId === 'T0INJECT');
    expect(ws?.name).toBe('teamall');
    const texts = [...(await storedTexts(h.store, wsId)), ...(await storedTexts(h.store, ws?.id as string))];
    expect(texts.filter((t) => MARKS.test(t))).toEqual([]);
    expect(texts).toContain('boball');
  });
});

describe('Feishu: a message carrying the marks through the real webhook', () => {
  let h: FeishuHarness;
  let wsId: string;
  beforeAll(async () => {
    h = await startFeishuHarness();
    wsId = await seedChannelWeek(h.store, 'feishu', TENANT);
  });
  afterAll(() => h.close());
  const say = async (text: string) => {
    const before = h.fake.messages.length;
    const p2p = event('message-receive-p2p.json', (f) => {
      f.event.message.content = JSON.stringify({ text });
    });
    expect((await postFeishu(h.events, p2p, ENCRYPT_KEY)).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.messages.length).toBe(before + 1));
    return String(h.fake.callsTo('im.message.create').at(-1)?.body.content);
  };

  it('answers /kpi show <marks>all<marks> with no <at id=all>, and stores a marked note clean', async () => {
    // The reported reproduction: the error reply to this carried <at id=all></at>.
    const card = await say(`/kpi show ${ALL}`);
    expect(card).not.toMatch(MARKS);
    expect(card).not.toMatch(/<at\b/);
    await say(`/alerts rule add spend each above 1 note ${ALL} <at id=all></at> **b**`);
    const rule = (await h.store.alerts.listRules(wsId)).at(-1);
    expect(rule?.note).toBe('all <at id=all></at> **b**');
    // The rules table shows the note as plain text; no markdown element carries a tag or bold from it.
    const rules = await say('/alerts rules');
    expect(feishuProblems(JSON.parse(rules), new Set())).toEqual([]);
    expect(cardText(rules)).toContain('all <at id=all></at> **b**');
    expect((await storedTexts(h.store, wsId)).filter((t) => MARKS.test(t))).toEqual([]);
  });
});

describe('sandbox: a command carrying the marks', () => {
  let d: PlatformDriver;
  beforeAll(async () => {
    d = await startSandboxDriver();
  });
  afterAll(() => d.close());

  it('answers without a mention chip and stores the note clean', async () => {
    const answer = await d.command(`/kpi show ${ALL}`);
    expect(answer).not.toMatch(MARKS);
    await d.command(`/alerts rule add spend each above 1 note ${ALL} <b>x</b>`);
    const rule = (await d.store.alerts.listRules(d.workspaceId)).at(-1);
    expect(rule?.note).toBe('all <b>x</b>');
    expect((await storedTexts(d.store, d.workspaceId)).filter((t) => MARKS.test(t))).toEqual([]);
  });
});

describe('CSV import: marks in a channel name, a header and a value', () => {
  const database = sqliteTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'gb-inject-csv-'));
  let store: Store;
  beforeAll(async () => {
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the channel under its name without the marks, reads the marked header and value', async () => {
    const ws = await store.workspaces.ensure({ platform: 'slack', externalId: 'T1', name: 'A', timezone: 'Asia/Shanghai', locale: 'en' });
    const file = join(dir, 'marked.csv');
    // The header "spend" and the value 1200 each carry a mark; the channel is named with them around "all".
    writeFileSync(file, `date,channel,\uE002spend\uE003\n2026-11-20,"${ALL} 快手\uE004",1\u200B200\n`);
    const summary = await importObservationFile(store, ws.id, file, { actor: 'test' });
    expect(summary.inserted).toBe(1);
    const names = (await store.segments.list(ws.id)).map((s) => s.name);
    expect(names).toEqual(['all 快手']);
    const rows = await store.observations.query(ws.id, { metrics: ['spend'], from: '2026-11-20', to: '2026-11-20' });
    expect(rows.map((r) => r.value)).toEqual([1200]);
    expect(names.some((n) => hasControlChars(n))).toBe(false);
  });
});

describe('the observations API: marks in a channel name', () => {
  const database = sqliteTestDatabase();
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent', MAX_BODY_BYTES: '65536' }), silentLogger);
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('stores the new channel without the marks', async () => {
    const ws = await app.store.workspaces.ensure({
      platform: 'slack',
      externalId: 'T1',
      name: 'A',
      timezone: 'Asia/Shanghai',
      locale: 'en',
    });
    const { secret } = await app.store.apiTokens.create(ws.id, 'job');
    const res = await fetch(`${app.url}/api/v1/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ observations: [{ date: '2026-11-20', metric: 'spend', segment: `${ALL} <!here> 视频号`, value: 10 }] }),
    });
    expect(res.status).toBe(200);
    const names = (await app.store.segments.list(ws.id)).map((s) => s.name);
    expect(names).toEqual(['all <!here> 视频号']);
  });
});
