import type { View } from '../views/view.ts';

/** Where a message went: enough to update it or reply in its thread later (Slack channel + ts, Feishu message_id). */
export interface MessageRef {
  channel: string;
  id: string;
}

/** What a platform adapter does for the outbox, alerts and the digest: post, update, reply, image. */
export interface ChatSender {
  /** `key` (the outbox key) travels with the message so a later attempt can find it (see findSent). */
  post(channel: string, view: View, options?: { threadOf?: MessageRef; key?: string }): Promise<MessageRef>;
  /**
   * The message an earlier attempt already delivered under `key`, if the platform has it: asked before
   * re-sending a message whose previous attempt ended without a confirmation (a timeout, a dead replica).
   */
  findSent?(channel: string, key: string, since: Date, options?: { threadOf?: MessageRef }): Promise<MessageRef | undefined>;
  update(message: MessageRef, view: View): Promise<void>;
  /**
   * Where a message can show a picture inside it (a Feishu card's img, the sandbox page): publishes the PNG
   * and returns the reference its renderer places in a chart's `image` (an image_key, a URL). A sender
   * without it (Slack) gets the pictures as images in the message's thread.
   */
  publishImage?(png: Buffer, filename: string): Promise<string>;
  postImage(
    channel: string,
    image: { png: Buffer; filename: string; title: string },
    options?: { threadOf?: MessageRef; comment?: string },
  ): Promise<MessageRef | undefined>;
}
