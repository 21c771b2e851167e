// The sandbox's chat channel as the outbox sees it: a ChatSender that keeps what it is sent in memory, for
// the page to poll. Alerts and their updates and thread replies reach the sandbox like they reach Slack.
import { PermanentDeliveryError } from '../../core/errors.ts';
import type { ChatSender, MessageRef } from '../../core/ports/chat-sender.ts';
import type { View } from '../../core/views/view.ts';

export interface FeedMessage {
  id: string;
  /** Bumped on every post and update: the page asks for what changed after the last one it saw. */
  seq: number;
  channel: string;
  view?: View;
  image?: { dataUrl: string; title: string };
  /** The message this one replies to (a thread). */
  threadOf?: string;
  key?: string;
}

/** How many messages the sandbox keeps (oldest dropped first). */
export const FEED_LIMIT = 500;

/** `publishImage`: where a delivered message's chart pictures go (the sandbox page's local URLs). */
export function createSandboxFeed(feedOptions: { publishImage?(name: string, png: Uint8Array): Promise<string> } = {}) {
  const publish = feedOptions.publishImage;
  const messages = new Map<string, FeedMessage>();
  let seq = 0;
  let next = 0;
  const keep = (m: FeedMessage) => {
    messages.set(m.id, m);
    if (messages.size > FEED_LIMIT) messages.delete(messages.keys().next().value as string);
  };
  const sender: ChatSender = {
    async post(channel, view, options) {
      const id = `m${++next}`;
      keep({ id, seq: ++seq, channel, view, threadOf: options?.threadOf?.id, key: options?.key });
      return { channel, id };
    },
    async findSent(channel, key): Promise<MessageRef | undefined> {
      for (const m of messages.values()) if (m.key === key && m.channel === channel) return { channel, id: m.id };
      return undefined;
    },
    async update(ref, view) {
      const m = messages.get(ref.id);
      if (!m) throw new PermanentDeliveryError(`message_not_found: ${ref.id} is no longer in the sandbox`);
      m.view = view;
      m.seq = ++seq;
    },
    ...(publish ? { publishImage: (png: Buffer, filename: string) => publish(filename, png) } : {}),
    async postImage(channel, image, options) {
      const id = `m${++next}`;
      keep({
        id,
        seq: ++seq,
        channel,
        image: { dataUrl: `data:image/png;base64,${image.png.toString('base64')}`, title: image.title },
        threadOf: options?.threadOf?.id,
      });
      return { channel, id };
    },
  };
  return {
    sender,
    /** Messages posted or changed after `after`, oldest change first, and the latest sequence number. */
    since(after: number): { seq: number; messages: FeedMessage[] } {
      return { seq, messages: [...messages.values()].filter((m) => m.seq > after).sort((a, b) => a.seq - b.seq) };
    },
  };
}

export type SandboxFeed = ReturnType<typeof createSandboxFeed>;
