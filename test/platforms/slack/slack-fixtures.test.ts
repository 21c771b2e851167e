// Every inbound fixture in test/fixtures/slack (see its README for where each came from), signed and posted
// to the real Bolt HTTPReceiver as Slack posts it, with only what a test must change changed (the
// response_url points at the fake, event ids are fresh). Each has the effect the product promises.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FORM, JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let wsId: string;
let n = 0;
beforeAll(async () => {
  h = await startSlackHarness();
  wsId = await seedChannels(h.store);
  // Steve (slash-command.json's user) speaks first: the workspace's admin.
  await slash('slash-command.json', { command: '/growth', text: 'help' });
});
afterAll(() => h.close());

async function slash(name: string, patch: Record<string, string> = {}) {
  const form = { ...fixture<Record<string, string>>(name), response_url: `${h.fake.url}/respond/fixture-${++n}`, ...patch };
  const res = await postSigned(`${h.url}/slack/events`, SECRET, new URLSearchParams(form).toString(), FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as { response_type?: string; blocks?: unknown[] };
}

const members = async () => h.store.members.list(wsId);

/** An interaction payload (block_actions, view_submission) as Slack posts it: form-encoded `payload`, signed. */
const interaction = (payload: unknown, secret = SECRET) =>
  postSigned(`${h.url}/slack/events`, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);

describe('Slack’s documented payloads through the real Bolt receiver', () => {
  it('slash-command-mentions.json: escaped mentions record the right members, with the names Slack sent', async () => {
    const reply = await slash('slash-command-mentions.json');
    expect(JSON.stringify(reply.blocks)).toContain('已添加规则');
    const bob = (await members()).find((m) => m.externalUserId === 'U024BE7LH');
    const ernest = (await members()).find((m) => m.externalUserId === 'U012ABCDEF');
    expect([bob?.displayName, ernest?.displayName]).toEqual(['bob', 'ernest']);
    const [rule] = await h.store.alerts.listRules(wsId);
    expect(rule).toMatchObject({ metric: 'roi', segmentOwners: { douyin: [bob?.id] }, escalateTo: [ernest?.id] });
  });

  it('slash-command-channel.json: an escaped channel is stored by its id', async () => {
    await slash('slash-command-channel.json');
    expect((await h.store.workspaces.get(wsId))?.settings.alerts).toMatchObject({ channel: 'C024BE7LR' });
  });

  it('block-actions.json: a button press is answered through its response_url', async () => {
    const payload = fixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions.json');
    payload.response_url = `${h.fake.url}/respond/press`;
    payload.team = { id: 'T0001', domain: 'example' };
    payload.actions = [{ ...payload.actions[0], action_id: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) }];
    const res = await interaction(payload);
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(h.fake.callsTo('response_url/respond/press')[0]?.body)).toContain('26.7%'));
  });

  it('view-submission.json: a modal Growthbeat never opened is closed with an empty acknowledgement, and nothing is written', async () => {
    const audit = await h.store.audit.list(wsId);
    const payload = fixture('view-submission.json');
    const res = await interaction(payload);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(await h.store.audit.list(wsId)).toEqual(audit);
    // Forged, it is refused before any listener runs.
    const forged = await interaction(payload, 'guessed');
    expect(forged.status).toBe(401);
  });

  it('reaction-added.json: a reaction on a message reaches the core with the message it names', async () => {
    const body = fixture<{ team_id: string; event_id: string }>('reaction-added.json');
    const res = await postSigned(`${h.url}/slack/events`, SECRET, JSON.stringify(body), JSON_TYPE);
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(h.reactions).toContainEqual({ messageRef: 'C061EG9SL:1464196127.000002', reaction: 'white_check_mark' }));
  });

  it('every message the fake received is one Slack accepts', () => {
    expect(h.fake.violations).toEqual([]);
  });
});
