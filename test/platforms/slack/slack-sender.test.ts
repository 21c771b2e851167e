import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mention } from '../../../src/core/views/mention.ts';
import type { View } from '../../../src/core/views/view.ts';
import { createSlackSender } from '../../../src/platforms/slack/slack-sender.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../fakes/fake-slack-api.ts';

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi();
});
afterAll(() => fake.close());

const view = (text: string): View => ({ fallback: text, elements: [{ type: 'text', text }] });

describe('posting as the bot through the real WebClient', () => {
  it('posts, replies in the thread, updates the original, and uploads an image in three steps', async () => {
    const sender = createSlackSender(new webApi.WebClient('xoxb-sender', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }));
    const message = await sender.post('C1', view(`ROI down 12% ${mention('U7')}`));
    expect(message).toEqual({ channel: 'C1', id: fake.callsTo('chat.postMessage')[0]?.body.ts ?? message.id });
    expect(fake.callsTo('chat.postMessage')[0]?.body).toMatchObject({
      channel: 'C1',
      text: 'ROI down 12% <@U7>',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ROI down 12% <@U7>' } }],
    });

    await sender.post('C1', view('recovered'), { threadOf: message });
    expect(fake.callsTo('chat.postMessage')[1]?.body).toMatchObject({ channel: 'C1', thread_ts: message.id });

    await sender.update(message, view(`resolved by ${mention('U7')}`));
    expect(fake.callsTo('chat.update')[0]?.body).toMatchObject({ channel: 'C1', ts: message.id, text: 'resolved by <@U7>' });

    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    const image = await sender.postImage('C1', { png, filename: 'roi.png', title: 'ROI by week' }, { threadOf: message });
    expect(fake.callsTo('files.getUploadURLExternal')[0]?.body).toMatchObject({ filename: 'roi.png', length: String(png.length) });
    expect(fake.callsTo('upload')).toHaveLength(1);
    const complete = fake.callsTo('files.completeUploadExternal')[0]?.body;
    expect(complete).toMatchObject({ channel_id: 'C1', thread_ts: message.id });
    expect(image?.id).toMatch(/^F/);
  });

  it('surfaces Slack’s error when the channel is gone', async () => {
    const sender = createSlackSender(new webApi.WebClient('xoxb-sender', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }));
    fake.failNext('chat.postMessage', 'channel_not_found');
    await expect(sender.post('C404', view('x'))).rejects.toThrow(/channel_not_found/);
  });
});
