// A Feishu message as a command line: the content is JSON, mentions are placeholders (@_user_1) resolved
// through `mentions`. The bot's own mention is dropped; other people become <@ou_…>, the form the
// command grammar reads (`/growth owners roi @someone`).

import { cleanText } from '../../core/text/clean-text.ts';

export interface FeishuMention {
  key: string;
  id?: { open_id?: string; user_id?: string; union_id?: string };
  name?: string;
}

export interface FeishuMessage {
  message_id: string;
  chat_id: string;
  chat_type?: string;
  message_type: string;
  content: string;
  mentions?: FeishuMention[];
  root_id?: string;
}

export interface ReadMessage {
  /** The command line, or undefined when the message is not text (a picture, a file, a card). */
  text?: string;
  /** Whether the message @-mentions the bot (in a group, only those are meant for it). */
  mentionsBot: boolean;
}

function textOf(message: FeishuMessage): string | undefined {
  if (message.message_type !== 'text') return undefined;
  try {
    const text = (JSON.parse(message.content) as { text?: unknown }).text;
    // Typed text loses code-only characters here, before a placeholder becomes a <@ou_…> mention.
    return typeof text === 'string' ? cleanText(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a message. The bot is known by its open_id when the adapter could look it up; otherwise a
 * mention at the very start of the text is taken as the bot's (`@Growthbeat /roi`).
 */
export function readMessage(message: FeishuMessage, botOpenId?: string): ReadMessage {
  const mentions = message.mentions ?? [];
  const text = textOf(message);
  const isBot = (m: FeishuMention) =>
    botOpenId ? m.id?.open_id === botOpenId : m === mentions[0] && (text ?? '').trimStart().startsWith(m.key);
  const mentionsBot = mentions.some(isBot);
  if (text === undefined) return { mentionsBot };
  // Longest keys first: @_user_1 must not eat the start of @_user_10.
  let out = text;
  for (const m of [...mentions].sort((a, b) => b.key.length - a.key.length)) {
    const openId = m.id?.open_id;
    out = out.split(m.key).join(isBot(m) || !openId ? ' ' : ` <@${openId}> `);
  }
  return { text: out.replace(/\s+/g, ' ').trim(), mentionsBot };
}
