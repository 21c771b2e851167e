import { t } from '../i18n/messages.ts';
import type { OutboxMessage } from '../ports/outbox.ts';
import type { Store } from '../ports/store.ts';
import { notice } from '../views/notice.ts';

/**
 * A message that failed for good is recorded in the audit log (so `growthbeat outbox list` and admins see
 * it) and announced in the workspace's admin channel when one is set — unless it is that channel that fails.
 * The audit entry and the notice land in one transaction: an admin never reads a notice the log does not explain.
 */
export async function reportDeliveryFailure(
  store: Pick<Store, 'workspaces' | 'transaction'>,
  message: OutboxMessage,
  reason: string,
  now: Date,
): Promise<void> {
  const ws = await store.workspaces.get(message.workspaceId);
  const adminChannel = typeof ws?.settings.adminChannel === 'string' ? ws.settings.adminChannel : undefined;
  const announce = ws && adminChannel && adminChannel !== message.channel && !message.key.startsWith('notice:');
  await store.transaction(async (tx) => {
    await tx.audit.append({
      workspaceId: message.workspaceId,
      actor: 'system',
      action: 'delivery.failed',
      target: message.key,
      after: { channel: message.channel, reason },
    });
    if (!announce) return;
    await tx.outbox.enqueue({
      workspaceId: ws.id,
      key: `notice:${message.key}`,
      kind: 'post',
      channel: adminChannel,
      payload: notice(t(ws.locale, 'delivery.failed', { channel: message.channel, reason }), { severity: 'warning', shared: true }),
      availableAt: now,
    });
  });
}
