import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FORM, JSON_TYPE, postSigned } from '../../helpers/slack-signing.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let wsId: string;
beforeAll(async () => {
  h = await startSlackHarness();
  wsId = await seedChannels(h.store);
});
afterAll(() => h.close());

const events = () => `${h.url}/slack/events`;
const command = (cmd: string, text: string, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    ...fixture<Record<string, string>>('slash-command.json'),
    command: cmd,
    text,
    response_url: `${h.fake.url}/respond/cmd`,
    ...extra,
  }).toString();
type SlackReply = {
  response_type: string;
  text: string;
  blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string; action_id?: string }[] }[];
};
const blockText = (r: SlackReply) =>
  r.blocks
    .map((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)].join(' '))
    .join('\n');

describe('Slack slash commands over HTTP, signed, through the real Bolt receiver', () => {
  it('answers /roi with per-channel numbers from sums, the total, and the change, within 3 s', async () => {
    const started = performance.now();
    const res = await postSigned(events(), SECRET, command('/roi', '上周'), FORM);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(3000);
    const reply = (await res.json()) as SlackReply;
    expect(reply.response_type).toBe('in_channel');
    expect(reply.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: '渠道 ROI · 2026-11-09 … 2026-11-15 (2026-W46)', emoji: true },
    });
    const table = blockText(reply);
    // Douyin: (1500+400 − (1000+500)) / 1500 = 26.7%; SEM: (300 − 400) / 400 = −25.0%; total: (2200 − 1900) / 1900 = 15.8%.
    // Douyin's ROI the week before: (1000 − 800) / 800 = 25%, so the change is 26.67% − 25% = +1.7 percentage points
    // (a percentage metric changes in points). Both channels are paid, so the total row is the paid channels' (付费渠道合计):
    // the week before 800 spend, 1000 revenue → 25.0%, so 15.8% − 25.0% = −9.2 points.
    // CAC: Douyin 1500 / 30 = ¥50.00, SEM 400 / 10 = ¥40.00, total 1900 / 40 = ¥47.50.
    const lines = table
      .replace(/```/g, '')
      .split('\n')
      .filter((l) => /抖音|SEM|合计/.test(l));
    expect(lines[0]).toMatch(/^抖音\s+¥1,500\s+¥1,900\s+26\.7%\s+¥50\.00\s+\+1\.7个百分点$/);
    expect(lines[1]).toMatch(/^SEM\s+¥400\.00\s+¥300\.00\s+-25\.0%\s+¥40\.00\s+n\/a$/);
    expect(lines[2]).toMatch(/^付费渠道合计\s+¥1,900\s+¥2,200\s+15\.8%\s+¥47\.50\s+−9\.2个百分点$/);
    expect(reply.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'gb.refresh' }] });
  });

  it('logs a value with /kpi log and shows it with /kpi show', async () => {
    const logged = (await (
      await postSigned(events(), SECRET, command('/kpi', 'log 花费 12,000 抖音 2026-11-20'), FORM)
    ).json()) as SlackReply;
    expect(blockText(logged)).toContain('已记录 花费 · 抖音 2026-11-20：¥12,000');
    const stored = await h.store.observations.query(wsId, {
      metrics: ['spend'],
      segments: ['douyin'],
      from: '2026-11-20',
      to: '2026-11-20',
    });
    expect(stored.map((o) => [o.value, o.source])).toEqual([[12000, 'chat']]);
    const shown = (await (await postSigned(events(), SECRET, command('/kpi', 'show spend douyin 2026-11-20'), FORM)).json()) as SlackReply;
    expect(blockText(shown)).toContain('*本期*\n*¥12,000*');
  });

  it('answers /kpi why with the channels that moved the total, in parts that add up to the change', async () => {
    const reply = (await (await postSigned(events(), SECRET, command('/kpi', '为什么 roi 上周'), FORM)).json()) as SlackReply;
    const text = blockText(reply);
    // Paid ROI 25.0% → 15.8% (−9.2 points). 抖音: share 1 → 1500/1900, own ROI 25.0% → 26.7%: rate +1.5, mix −5.4,
    // together −3.9 points. SEM is new this week: all mix, (300 − 400) / 1900 = −5.3 points. −3.9 − 5.3 = −9.2.
    expect(text).toContain('ROI 从 25.0% 到 15.8%（−9.2个百分点');
    expect(text).toContain('SEM −5.3个百分点（自身ROI ±0.0个百分点 · 占比变化 −5.3个百分点）');
    expect(text).toContain('抖音 −3.9个百分点（自身ROI +1.5个百分点 · 占比变化 −5.4个百分点）');
  });

  it('previews the weekly digest only to the caller, with the chart titles where Slack cannot show an image', async () => {
    const reply = (await (await postSigned(events(), SECRET, command('/growth', '周报 预览'), FORM)).json()) as SlackReply;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks[0]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '预览（仅你可见，未发送）' }] });
    // Sunday 22 Nov in Shanghai: the last complete week is 2026-W46.
    expect(reply.blocks[1]).toEqual({ type: 'header', text: { type: 'plain_text', text: '增长周报 · 2026-W46', emoji: true } });
    // The fixture has two weeks of spend: the chart spans the weeks with data.
    expect(blockText(reply)).toContain('*渠道 ROI · 近 2 周*');
    expect(blockText(reply)).toContain('付费渠道合计   ¥1,900    40    ¥47.50   ¥2,200   15.8%  −9.2个百分点 ▼🔴');
    expect(await h.store.outbox.list({ workspaceId: wsId })).toEqual([]);
  });

  it('answers /growth 数据源 to an admin with the data sources, only to the caller', async () => {
    const list = (await (await postSigned(events(), SECRET, command('/growth', '数据源'), FORM)).json()) as SlackReply;
    expect(list.response_type).toBe('ephemeral');
    expect(blockText(list)).toContain('还没有数据源。管理员可以用命令行添加');
    const run = (await (await postSigned(events(), SECRET, command('/growth', 'sources run warehouse'), FORM)).json()) as SlackReply;
    expect(blockText(run)).toContain('没有名为 warehouse 的数据源。已有：—。');
  });

  it('keeps an owner’s note from /growth note for the channel to see, with the number it explains', async () => {
    const reply = (await (
      await postSigned(events(), SECRET, command('/growth', 'note 抖音 素材疲劳，周四换新素材'), FORM)
    ).json()) as SlackReply;
    expect(reply.response_type).toBe('in_channel');
    // Sunday 22 Nov in Shanghai: the note explains W46, where 抖音's ROI is (1900 − 1500) / 1500 = 26.7%.
    expect(blockText(reply)).toContain('已记下 抖音（2026-W46 · ROI 26.7%）的说明：素材疲劳，周四换新素材');
    expect((await h.store.meeting.notesFor(wsId, '2026-11-09')).map((n) => [n.segment, n.text])).toEqual([
      ['douyin', '素材疲劳，周四换新素材'],
    ]);
    const refused = (await (await postSigned(events(), SECRET, command('/growth', 'action add 降出价'), FORM)).json()) as SlackReply;
    expect(refused.response_type).toBe('ephemeral');
    expect(blockText(refused)).toContain('每个行动都要有负责人');
    expect(await h.store.meeting.actions(wsId)).toEqual([]);
  });

  it('answers a mistake with the usage and an example, only to the caller, and changes nothing', async () => {
    const before = await h.store.audit.list(wsId);
    for (const [cmd, text, problem] of [
      ['/roi', '2026-13', '“2026-13”不是周期'],
      ['/roi', '快手', '没有渠道“快手”。已有渠道：抖音、SEM'],
      ['/kpi', 'log roi 3', 'ROI 由 revenue, spend 计算得出'],
      ['/kpi', 'log spend lots', '“lots”不是数值'],
      ['/kpi', 'frobnicate', '没有“frobnicate”这个操作'],
    ]) {
      const reply = (await (await postSigned(events(), SECRET, command(cmd as string, text as string), FORM)).json()) as SlackReply;
      expect(reply.response_type).toBe('ephemeral');
      expect(blockText(reply)).toContain(problem);
      expect(blockText(reply)).toContain('*用法*');
      expect(blockText(reply)).toContain('例如：');
    }
    expect(await h.store.audit.list(wsId)).toEqual(before);
  });

  it('refuses forged and stale signatures with 401 and stores nothing', async () => {
    const before = (await h.store.workspaces.list()).length;
    const body = command('/roi', '', { team_id: 'T9999' });
    expect((await postSigned(events(), SECRET, body, FORM, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await postSigned(events(), 'not-the-secret', body, FORM)).status).toBe(401);
    expect((await postSigned(events(), SECRET, body, FORM, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 })).status).toBe(401);
    expect((await h.store.workspaces.list()).length).toBe(before);
  });

  it('answers ssl_check and the URL verification challenge', async () => {
    expect((await postSigned(events(), SECRET, 'ssl_check=1&token=x', FORM)).status).toBe(200);
    const challenge = fixture('url-verification.json');
    const res = await postSigned(events(), SECRET, JSON.stringify(challenge), JSON_TYPE);
    expect(await res.json()).toEqual({ challenge: challenge.challenge });
  });

  it('routes a button click to the core and replaces the original message through response_url', async () => {
    const payload = fixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions.json');
    payload.response_url = `${h.fake.url}/respond/button`;
    payload.actions = [{ ...payload.actions[0], action_id: 'gb.refresh', value: JSON.stringify({ command: '/roi', text: '上周' }) }];
    const res = await postSigned(events(), SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('response_url/respond/button')).toHaveLength(1));
    const [call] = h.fake.callsTo('response_url/respond/button');
    expect(call?.body).toMatchObject({ replace_original: true, response_type: 'in_channel' });
    expect(JSON.stringify(call?.body.blocks)).toContain('26.7%');
  });

  it('handles a reaction once, even when Slack retries the event', async () => {
    const event = JSON.stringify(fixture('reaction-added.json'));
    expect((await postSigned(events(), SECRET, event, JSON_TYPE)).status).toBe(200);
    await vi.waitFor(() => expect(h.reactions).toHaveLength(1));
    expect(h.reactions[0]).toEqual({ messageRef: 'C061EG9SL:1464196127.000002', reaction: 'white_check_mark' });
    const retry = await postSigned(events(), SECRET, event, JSON_TYPE, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.reactions).toHaveLength(1);
  });

  it('answers an @mention in the thread through chat.postMessage', async () => {
    const mention = fixture<{ event: Record<string, string> }>('app-mention.json');
    mention.event.text = '<@U0LAN0Z89> roi 上周';
    expect((await postSigned(events(), SECRET, JSON.stringify(mention), JSON_TYPE)).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1));
    const post = h.fake.callsTo('chat.postMessage')[0];
    expect(post?.body).toMatchObject({ channel: 'C0LAN2Q65', thread_ts: '1515449522.000016' });
    expect(post?.headers.authorization).toBe('Bearer xoxb-test-token');
    expect(JSON.stringify(post?.body.blocks)).toContain('15.8%');
  });

  it('refuses a body over the size limit before reading it', async () => {
    const res = await postSigned(events(), SECRET, command('/roi', 'x'.repeat(70 * 1024)), FORM);
    expect(res.status).toBe(413);
  });
});
