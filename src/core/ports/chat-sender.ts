import type { View } from '../views/view.ts';

/** Where a message went: enough to update it or reply in its thread later (Slack channel + ts, Feishu message_id). */
export interface MessageRef {
  channel: string;
  id: string;
}

/** What a platform adapter does for the outbox, alerts and the digest: post, update, reply, image. */
export interface ChatSender {
  post(channel: string, view: View, options?: { threadOf?: MessageRef }): Promise<MessageRef>;
  update(message: MessageRef, view: View): Promise<void>;
  postImage(
    channel: string,
    image: { png: Buffer; filename: string; title: string },
    options?: { threadOf?: MessageRef; comment?: string },
  ): Promise<MessageRef | undefined>;
}
