// A Feishu text message as a command line: the content is JSON, mentions are placeholders (@_user_1)
// resolved through `mentions`. The bot's own mention is dropped; other people become <@ou_…>, the form
// the command grammar reads (`/growth owners roi @someone`).

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

/** The command text of a message, or undefined when it is not a text message (an image, a file, a card). */
export function commandText(message: FeishuMessage, botOpenId?: string): string | undefined {
  if (message.message_type !== 'text') return undefined;
  let text: unknown;
  try {
    text = (JSON.parse(message.content) as { text?: unknown }).text;
  } catch {
    return undefined;
  }
  if (typeof text !== 'string') return undefined;
  const mentions = message.mentions ?? [];
  // Longest keys first: @_user_1 must not eat the start of @_user_10.
  const byKey = [...mentions].sort((a, b) => b.key.length - a.key.length);
  let out = text;
  for (const m of byKey) {
    const openId = m.id?.open_id;
    // Without a known bot id, a message that reaches the bot in a group mentions it first.
    const isBot = botOpenId ? openId === botOpenId : m === mentions[0] && text.trimStart().startsWith(m.key);
    out = out.split(m.key).join(isBot || !openId ? ' ' : ` <@${openId}> `);
  }
  return out.replace(/\s+/g, ' ').trim();
}
