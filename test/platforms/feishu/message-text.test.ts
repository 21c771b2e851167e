import { describe, expect, it } from 'vitest';
import { type FeishuMention, type FeishuMessage, readMessage } from '../../../src/platforms/feishu/message-text.ts';
import { fixture } from './feishu-harness.ts';

const group = () => fixture('message-receive-group.json').event.message as FeishuMessage;
const p2p = () => fixture('message-receive-p2p.json').event.message as FeishuMessage;

describe('a Feishu text message as a command line', () => {
  it('reads the text of a direct message', () => {
    expect(readMessage({ ...p2p(), content: JSON.stringify({ text: ' /roi 抖音  近7天 ' }) })).toEqual({
      text: '/roi 抖音 近7天',
      mentionsBot: false,
    });
  });

  it('drops the bot’s leading mention in a group and turns other mentions into user ids with their names', () => {
    // The documented example: "@_user_1 hello @_user_2", the bot first, then Tom.
    expect(readMessage(group())).toEqual({ text: 'hello <@ou_84aad35d084aa403a838cf73ee18467|Tom>', mentionsBot: true });
    const owners = { ...group(), content: JSON.stringify({ text: '@_user_1 /growth owners roi @_user_2' }) };
    expect(readMessage(owners).text).toBe('/growth owners roi <@ou_84aad35d084aa403a838cf73ee18467|Tom>');
    // A name with spaces or the mention's own marks still makes one word the grammar reads.
    const odd = { ...group(), mentions: [group().mentions?.[0], { ...group().mentions?.[1], name: 'Tom <Li>|QA' }] as FeishuMention[] };
    expect(readMessage(odd).text).toBe('hello <@ou_84aad35d084aa403a838cf73ee18467|Tom LiQA>');
    // Nobody at the start: a group message about someone, not a question for the bot.
    expect(readMessage({ ...group(), content: JSON.stringify({ text: 'ask @_user_2' }) }).mentionsBot).toBe(false);
  });

  it('knows the bot by its open_id when told, wherever the mention is', () => {
    const m = { ...group(), content: JSON.stringify({ text: '/retention d7 @_user_1' }) };
    expect(readMessage(m, 'ou_b0731a8c6c9e4c6e8a8f1e7f0c3d2a11')).toEqual({ text: '/retention d7', mentionsBot: true });
    const other = { ...group(), content: JSON.stringify({ text: '@_user_2 hi' }), mentions: [group().mentions?.[1] as FeishuMention] };
    expect(readMessage(other, 'ou_b0731a8c6c9e4c6e8a8f1e7f0c3d2a11').mentionsBot).toBe(false);
  });

  it('keeps @_user_10 apart from @_user_1', () => {
    const mentions = Array.from({ length: 10 }, (_, i) => ({ key: `@_user_${i + 1}`, id: { open_id: `ou_${i + 1}` } }));
    const m = { ...p2p(), mentions, content: JSON.stringify({ text: 'x @_user_10 @_user_1' }) };
    expect(readMessage(m, 'ou_bot').text).toBe('x <@ou_10> <@ou_1>');
  });

  it('has no command in a picture, a file or broken content', () => {
    expect(readMessage({ ...p2p(), message_type: 'image', content: '{"image_key":"img_x"}' }).text).toBeUndefined();
    expect(readMessage({ ...p2p(), content: 'not json' }).text).toBeUndefined();
    expect(readMessage({ ...p2p(), content: '{"text":42}' }).text).toBeUndefined();
  });
});
