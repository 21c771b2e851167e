// Every command that takes a person or a channel, through the real Bolt receiver with signed requests,
// with the text exactly as Slack sends it under the manifest's `should_escape: true` (<@U…|name>,
// <#C…|name>, and &lt; &gt; &amp; for what the user typed), and once as pasted plain @name.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FORM, JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let wsId: string;
beforeAll(async () => {
  h = await startSlackHarness();
  wsId = await seedChannels(h.store);
  // Steve (the fixture's caller) is the first to use Growthbeat here: the admin.
  await slash('/growth', 'help');
});
afterAll(() => h.close());

type SlackReply = { response_type: string; text: string; blocks: unknown[] };

async function slash(cmd: string, text: string): Promise<SlackReply> {
  const body = new URLSearchParams({
    ...fixture<Record<string, string>>('slash-command.json'),
    command: cmd,
    text,
    response_url: `${h.fake.url}/respond/mentions`,
  }).toString();
  const res = await postSigned(`${h.url}/slack/events`, SECRET, body, FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as SlackReply;
}

const member = async (externalUserId: string) => (await h.store.members.list(wsId)).find((m) => m.externalUserId === externalUserId);
const settings = async (key: string) => ((await h.store.workspaces.get(wsId))?.settings[key] ?? {}) as Record<string, unknown>;
const digest = async () => ((await h.store.workspaces.get(wsId))?.settings.digest ?? {}) as { channel?: string; managers?: string[] };

describe('Slack commands that take a person or a channel, as Slack sends them', () => {
  it('/growth owners <@U…|alice>: the escaped mention records alice, with the name Slack sent', async () => {
    const reply = await slash('/growth', 'owners roi <@U0ALICE|alice>');
    expect(JSON.stringify(reply.blocks)).toContain('ROI 的负责人：<@U0ALICE>');
    const alice = await member('U0ALICE');
    expect(alice).toMatchObject({ displayName: 'alice', role: 'member' });
    expect((await h.store.metrics.owners(wsId)).find((o) => o.key === 'roi')?.memberId).toBe(alice?.id);
  });

  it('/growth owners with a pasted plain @Alice and ＠alice: the same member, by name', async () => {
    await slash('/growth', 'owners cac @Alice');
    await slash('/growth', '负责人 抖音 ＠alice');
    const alice = await member('U0ALICE');
    expect((await h.store.metrics.owners(wsId)).find((o) => o.key === 'cac')?.memberId).toBe(alice?.id);
    expect((await h.store.segments.list(wsId)).find((s) => s.key === 'douyin')?.ownerMemberId).toBe(alice?.id);
  });

  it('/growth digest managers, escaped and plain, and /growth digest channel <#C…|growth>', async () => {
    await slash('/growth', 'digest managers <@U0ALICE|alice> <@U0BOB|bob>');
    expect((await digest()).managers).toEqual(['U0ALICE', 'U0BOB']);
    expect(await member('U0BOB')).toMatchObject({ displayName: 'bob' });
    await slash('/growth', 'digest managers @bob @alice');
    expect((await digest()).managers).toEqual(['U0BOB', 'U0ALICE']);
    await slash('/growth', 'digest channel <#C0GROWTH|growth>');
    expect((await digest()).channel).toBe('C0GROWTH');
  });

  it('/alerts rule add with segment owner and escalation, escaped and plain, and /alerts channel <#C…|…>', async () => {
    const escaped = await slash('/alerts', 'rule add roi each falls 3d 10% owner 抖音 <@U0ALICE|alice> escalate 2 <@U0BOSS|boss>');
    expect(JSON.stringify(escaped.blocks)).toContain('已添加规则');
    const plain = await slash('/alerts', 'rule add cac above 80 7d owner @alice @bob escalate 1 @boss');
    expect(JSON.stringify(plain.blocks)).toContain('已添加规则');
    const [alice, bob, boss] = [await member('U0ALICE'), await member('U0BOB'), await member('U0BOSS')];
    expect(boss).toMatchObject({ displayName: 'boss' });
    const rules = await h.store.alerts.listRules(wsId);
    expect(rules.map((r) => [r.metric, r.segmentOwners, r.owners, r.escalateTo])).toEqual([
      ['roi', { douyin: [alice?.id] }, [], [boss?.id]],
      ['cac', {}, [alice?.id, bob?.id], [boss?.id]],
    ]);
    await slash('/alerts', 'rule edit 2 owner <@U0BOB|bob>');
    expect((await h.store.alerts.listRules(wsId))[1]?.owners).toEqual([bob?.id]);
    await slash('/alerts', 'channel <#C0ALERTS|alerts>');
    expect((await settings('alerts')).channel).toBe('C0ALERTS');
  });

  it('/alerts target with "<=" as Slack escapes it (&lt;=)', async () => {
    const reply = await slash('/alerts', 'target cac &lt;= 80');
    expect(JSON.stringify(reply.blocks)).toContain('≤');
    expect((await settings('targets')).cac).toEqual({ op: '<=', value: 80 });
  });

  it('answers an unknown plain @name with the known members, only to the caller, and records nothing', async () => {
    const before = await h.store.members.list(wsId);
    const reply = await slash('/growth', 'owners roi @carol');
    expect(reply.response_type).toBe('ephemeral');
    // The Slack renderer breaks every typed "@" with a zero-width space, so no name in the answer pings anyone.
    expect(JSON.stringify(reply.blocks)).toContain(
      '这个工作区没有成员 @\u200Bcarol。已知成员：@\u200Balice、@\u200Bbob、@\u200Bboss、@\u200BSteve。',
    );
    expect(await h.store.members.list(wsId)).toEqual(before);
    // Text the user typed that only looks like a mention (Slack escapes it) is not one.
    const typed = await slash('/growth', 'owners roi &lt;@U0MALLORY&gt;');
    expect(JSON.stringify(typed.blocks)).toContain('不是 @成员');
    expect(await member('U0MALLORY')).toBeUndefined();
  });

  it('an @mention of the bot that names a person keeps the person (only the bot’s own mention is dropped)', async () => {
    const event = fixture<{ event_id: string; event: Record<string, string> }>('app-mention.json');
    event.event_id = 'EvMENTIONOWNER';
    // The bot's id comes from auth.test (UBOT); Slack sends app_mention text with bare <@U…> mentions.
    event.event.text = '<@UBOT> growth owners SEM <@U0CAROL>';
    event.event.user = 'U2147483697'; // Steve, the admin
    expect((await postSigned(`${h.url}/slack/events`, SECRET, JSON.stringify(event), JSON_TYPE)).status).toBe(200);
    await vi.waitFor(async () => expect((await h.store.segments.list(wsId)).find((s) => s.key === 'sem')?.ownerMemberId).toBeDefined());
    const carol = await member('U0CAROL');
    expect((await h.store.segments.list(wsId)).find((s) => s.key === 'sem')?.ownerMemberId).toBe(carol?.id);
    await vi.waitFor(() =>
      expect(JSON.stringify(h.fake.callsTo('chat.postMessage').map((c) => c.body.blocks))).toContain('SEM 的负责人：<@U0CAROL>'),
    );
  });

  it('/growth members lists who Growthbeat knows, with roles', async () => {
    const reply = await slash('/growth', 'members');
    expect(reply.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('成员（5）');
    expect(text).toMatch(/@Steve\s+管理员/);
    expect(text).toMatch(/@alice\s+成员/);
  });
});
