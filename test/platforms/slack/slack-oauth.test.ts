import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { fixture, SECRET, type SlackHarness, startSlackHarness } from './slack-harness.ts';

const KEY = 'a-long-random-secret-key-for-tests-0123456789';
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness(
    { botToken: undefined, clientId: '123.456', clientSecret: 'client-secret', stateSecret: 'state-secret-for-tests' },
    KEY,
  );
});
afterAll(() => h.close());

describe('multi-workspace Slack: OAuth install with tokens encrypted at rest', () => {
  it('installs through /slack/install and /slack/oauth_redirect, stores the token encrypted, then uses it', async () => {
    const install = await fetch(`${h.url}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const location = new URL(install.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('123.456');
    expect(location.searchParams.get('scope')).toContain('commands');
    const state = location.searchParams.get('state') as string;
    const cookie = (install.headers.get('set-cookie') as string).split(';')[0] as string;

    const callback = await fetch(`${h.url}/slack/oauth_redirect?code=oauth-code&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(callback.status).toBe(200);
    expect(h.fake.callsTo('oauth.v2.access')[0]?.body).toMatchObject({ code: 'oauth-code', client_id: '123.456' });

    const installed = await h.store.installations.find('team:T0002');
    expect(installed).toMatchObject({ teamId: 'T0002', botUserId: 'UBOT2', installerUserId: 'UINSTALLER' });
    expect((installed?.data as { bot?: { token?: string } } | undefined)?.bot?.token).toBe('xoxb-installed-secret-token');

    // The row itself holds no token in clear.
    const db = new Database(h.dbFile, { readonly: true });
    const raw = db.prepare('SELECT data FROM "SlackInstallation"').get() as { data: string };
    db.close();
    expect(raw.data.startsWith('v1:')).toBe(true);
    expect(raw.data).not.toContain('xoxb-installed-secret-token');

    const mention = fixture<{ team_id: string; event_id: string; event: Record<string, string> }>('app-mention.json');
    mention.team_id = 'T0002';
    mention.event_id = 'Ev-oauth-1';
    mention.event.text = '<@UBOT2> growth help';
    expect((await postSigned(`${h.url}/slack/events`, SECRET, JSON.stringify(mention), JSON_TYPE)).status).toBe(200);
    // Help is for the asker alone: an ephemeral reply, sent with the installed workspace's token.
    await vi.waitFor(() => expect(h.fake.callsTo('chat.postEphemeral')).toHaveLength(1));
    expect(h.fake.callsTo('chat.postEphemeral')[0]?.headers.authorization).toBe('Bearer xoxb-installed-secret-token');
    expect(h.fake.callsTo('chat.postEphemeral')[0]?.body).toMatchObject({ user: 'U061F7AUR', channel: 'C0LAN2Q65' });
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    const ws = await h.store.workspaces.findByExternal('slack', 'T0002');
    expect(ws).toBeDefined();
  });

  it('refuses a callback whose state was not issued here', async () => {
    const res = await fetch(`${h.url}/slack/oauth_redirect?code=x&state=forged`, { redirect: 'manual' });
    expect(res.status).not.toBe(200);
    expect(await h.store.installations.find('team:T0003')).toBeUndefined();
  });
});
