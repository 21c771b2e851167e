import type { OutboxMessage } from '../ports/outbox.ts';
import type { Store } from '../ports/store.ts';
import type { View } from '../views/view.ts';

/**
 * A message that failed for good is recorded in the audit log (so `growthbeat outbox list` and admins see
 * it) and announced in the workspace's admin channel when one is set — unless it is that channel that fails.
 */
export async function reportDeliveryFailure(
  store: Pick<Store, 'audit' | 'workspaces' | 'outbox'>,
  message: OutboxMessage,
  reason: string,
  now: Date,
): Promise<void> {
  await store.audit.append({
    workspaceId: message.workspaceId,
    actor: 'system',
    action: 'delivery.failed',
    target: message.key,
    after: { channel: message.channel, reason },
  });
  const ws = await store.workspaces.get(message.workspaceId);
  const adminChannel = typeof ws?.settings.adminChannel === 'string' ? ws.settings.adminChannel : undefined;
  if (!ws || !adminChannel || adminChannel === message.channel || message.key.startsWith('notice:')) return;
  const text =
    ws.locale === 'zh-CN'
      ? `⚠️ 一条消息无法送达 ${message.channel}：${reason}。用 growthbeat outbox list 查看，修好后 growthbeat outbox retry 重发。`
      : `⚠️ A message could not be delivered to ${message.channel}: ${reason}. See growthbeat outbox list; after fixing it, growthbeat outbox retry sends it again.`;
  const view: View = { fallback: text, elements: [{ type: 'text', text }], severity: 'warning' };
  await store.outbox.enqueue({
    workspaceId: ws.id,
    key: `notice:${message.key}`,
    kind: 'post',
    channel: adminChannel,
    payload: view,
    availableAt: now,
  });
}
