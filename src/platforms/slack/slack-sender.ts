import type { App } from '@slack/bolt';
import type { ChatSender, MessageRef } from '../../core/ports/chat-sender.ts';
import { toBlockKit } from './block-kit.renderer.ts';

/** ChatSender over Slack's Web API: chat.postMessage / chat.update / filesUploadV2. The message id is its `ts`. */
export function createSlackSender(client: App['client']): ChatSender {
  return {
    async post(channel, view, options) {
      const res = await client.chat.postMessage({
        channel,
        ...toBlockKit(view),
        ...(options?.threadOf ? { thread_ts: options.threadOf.id } : {}),
      });
      return { channel: res.channel ?? channel, id: res.ts as string };
    },
    async update(message, view) {
      await client.chat.update({ channel: message.channel, ts: message.id, ...toBlockKit(view) });
    },
    async postImage(channel, image, options) {
      const file = {
        file: image.png,
        filename: image.filename,
        title: image.title,
        ...(options?.comment ? { initial_comment: options.comment } : {}),
      };
      const res = (await (options?.threadOf
        ? client.filesUploadV2({ ...file, channel_id: channel, thread_ts: options.threadOf.id })
        : client.filesUploadV2({ ...file, channel_id: channel }))) as { files?: { files?: { id?: string }[] }[] };
      const id = res.files?.[0]?.files?.[0]?.id;
      return id ? ({ channel, id } satisfies MessageRef) : undefined;
    },
  };
}
