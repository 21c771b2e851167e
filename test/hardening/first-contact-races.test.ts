// Issue 21 item 2 through the real entry points, on PostgreSQL (where the round found it) and SQLite: the
// app as `serve` starts it, with the real Bolt receiver and the ingest API on one HTTP server.
// 20 new users of a new Slack team send a signed slash command at the same moment; 20 API calls name the
// same new channel at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from '../../src/app/serve.ts';
import { silentLogger } from '../../src/base/logging/logger.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { t } from '../../src/core/i18n/messages.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/fake-slack-api.ts';
import { FORM, postSigned } from '../helpers/slack-signing.ts';
import { PROVIDERS, type TestDatabase } from '../helpers/test-databases.ts';

const N = 20;
const SIGNING_SECRET = 'first-contact-races-signing-secret';
const TEAM = 'T0FIRST';

for (const provider of PROVIDERS) {
  describe(`first contact through serve's entry points, 20 at once, on ${provider.kind}`, () => {
    let database: TestDatabase;
    let fake: FakeSlackApi;
    let app: RunningApp;
    let skip = false;

    beforeAll(async () => {
      skip = !(await provider.available());
      if (skip) return;
      database = await provider.create();
      fake = await startFakeSlackApi({ id: TEAM, name: 'first' });
      app = await startApp(
        loadConfig({
          DATABASE_URL: database.url,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
          DEFAULT_LOCALE: 'en',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_BOT_TOKEN: 'xoxb-first-contact',
          SLACK_API_URL: fake.apiUrl,
        }),
        silentLogger,
      );
    });
    afterAll(async () => {
      if (skip) return;
      await app.stop();
      await fake.close();
      await database.drop();
    });

    it('20 new users typing /growth help at once: every answer normal, one workspace, exactly one admin', async (ctx) => {
      if (skip) return ctx.skip();
      const replies = await Promise.all(
        Array.from({ length: N }, async (_, i) => {
          const body = new URLSearchParams({
            team_id: TEAM,
            team_domain: 'first',
            channel_id: 'C0FIRST',
            channel_name: 'growth',
            user_id: `U0NEW${String(i).padStart(2, '0')}`,
            user_name: `new${i}`,
            command: '/growth',
            text: 'help',
            response_url: `${fake.url}/respond/${i}`,
            trigger_id: `${i}.1.abc`,
            api_app_id: 'A0FIRST',
          }).toString();
          const res = await postSigned(`${app.url}/slack/events`, SIGNING_SECRET, body, FORM);
          return { status: res.status, text: await res.text() };
        }),
      );
      expect(replies.map((r) => r.status)).toEqual(Array.from({ length: N }, () => 200));
      const internal = t('en', 'error.internal');
      expect(replies.filter((r) => r.text.includes(internal) || !r.text.includes('/kpi'))).toEqual([]);
      const workspaces = (await app.store.workspaces.list()).filter((w) => w.platform === 'slack' && w.externalId === TEAM);
      expect(workspaces).toHaveLength(1);
      const members = await app.store.members.list(workspaces[0]?.id as string);
      expect(members).toHaveLength(N);
      expect(members.filter((m) => m.role === 'admin')).toHaveLength(1);
    });

    it('20 API calls introducing the same new channel at once: all 200, one channel, every value stored', async (ctx) => {
      if (skip) return ctx.skip();
      const ws = await app.store.workspaces.ensure({ platform: 'local', externalId: 'api', name: 'API', timezone: 'UTC', locale: 'en' });
      const { secret } = await app.store.apiTokens.create(ws.id, 'races');
      const statuses = await Promise.all(
        Array.from({ length: N }, async (_, i) => {
          const res = await fetch(`${app.url}/api/v1/observations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              observations: [
                { date: `2026-11-${String(i + 1).padStart(2, '0')}`, metric: 'spend', segment: 'Bilibili 新渠道', value: 10 * i },
              ],
            }),
          });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      expect(statuses).toEqual(Array.from({ length: N }, () => 200));
      const segments = await app.store.segments.list(ws.id);
      expect(segments.map((s) => s.name)).toEqual(['Bilibili 新渠道']);
      const stored = await app.store.observations.query(ws.id, { metrics: ['spend'], from: '2026-11-01', to: '2026-11-30' });
      expect(stored.map((o) => o.value)).toEqual(Array.from({ length: N }, (_, i) => 10 * i));
    });
  });
}
