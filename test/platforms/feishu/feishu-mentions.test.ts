// People in Feishu commands, through the real Lark dispatcher over signed, encrypted HTTP: a picked
// mention (@_user_2 resolved through `mentions`) records the person with the name Feishu sent, so a
// later plain "@小王" typed as text finds them; an unknown name is answered with the known members.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { ENCRYPT_KEY, event, type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

let h: FeishuHarness;
let wsId: string;
beforeAll(async () => {
  h = await startFeishuHarness();
  wsId = await seedChannelWeek(h.store, 'feishu', TENANT);
});
afterAll(() => h.close());

const XIAOWANG = { key: '@_user_2', id: { open_id: 'ou_3f1a2b3c4d5e6f708192a3b4c5d6e7f8' }, name: '小王' };

/** A direct message from the fixture's sender (the workspace's first member: its admin); the card it gets back, as text. */
async function say(text: string, mentions?: unknown[]): Promise<string> {
  const before = h.fake.messages.length;
  const e = event('message-receive-p2p.json', (f) => {
    f.event.message.content = JSON.stringify({ text });
    if (mentions) f.event.message.mentions = mentions;
  });
  expect((await postFeishu(h.events, e, ENCRYPT_KEY)).status).toBe(200);
  await vi.waitFor(() => expect(h.fake.messages.length).toBe(before + 1));
  return cardText(h.fake.messages.at(-1)?.content ?? '{}');
}

describe('Feishu commands that name a person', () => {
  it('a picked mention records the person and the name Feishu sent', async () => {
    expect(await say('/growth owners roi @_user_2', [XIAOWANG])).toContain('ROI 的负责人');
    const xiaowang = (await h.store.members.list(wsId)).find((m) => m.externalUserId === XIAOWANG.id.open_id);
    expect(xiaowang).toMatchObject({ displayName: '小王', role: 'member' });
    expect((await h.store.metrics.owners(wsId)).find((o) => o.key === 'roi')?.memberId).toBe(xiaowang?.id);
  });

  it('a plain "@小王" typed as text, with no mention attached, finds the same member', async () => {
    expect(await say('/growth 负责人 获客成本 ＠小王')).toContain('获客成本 的负责人');
    const xiaowang = (await h.store.members.list(wsId)).find((m) => m.displayName === '小王');
    expect((await h.store.metrics.owners(wsId)).find((o) => o.key === 'cac')?.memberId).toBe(xiaowang?.id);
  });

  it('an unknown plain name is answered with the known members, and nobody is created', async () => {
    const before = await h.store.members.list(wsId);
    expect(await say('/growth digest managers @小李')).toContain('这个工作区没有成员 @小李。已知成员：@小王。');
    expect(await h.store.members.list(wsId)).toEqual(before);
  });
});
