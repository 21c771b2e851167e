// What the meeting says about a number goes to the thread of each open alert on it: an owner's note, an
// action opened on it. One reply per alert, keyed so a retried write queues it once.
import { metricOf, segmentOf } from '../alerts/alert-names.ts';
import { noteExplains } from '../meeting/meeting-values.ts';
import type { NewOutboxMessage } from '../ports/outbox.ts';
import type { View } from '../views/view.ts';
import type { CommandContext } from './command-context.ts';

export interface AlertThread {
  id: string;
  channel: string;
  messageKey: string;
}

/** The open alerts about a number (a metric, a channel, or both) whose message was posted. */
export async function alertThreads(ctx: CommandContext, subject: { metric?: string; segment?: string }): Promise<AlertThread[]> {
  const open = await ctx.store.alerts.listOpen(ctx.workspace.id);
  if (open.length === 0) return [];
  const rules = new Map((await ctx.store.alerts.listRules(ctx.workspace.id)).map((r) => [r.id, r]));
  return open.flatMap((a) => {
    const rule = rules.get(a.ruleId);
    if (!rule || !a.channel || !a.messageKey) return [];
    return noteExplains(subject, { metric: metricOf(rule, a), segment: segmentOf(rule, a) })
      ? [{ id: a.id, channel: a.channel, messageKey: a.messageKey }]
      : [];
  });
}

/** The reply `payload` in each thread, keyed by what caused it (`note:<id>`, `action:<id>`). */
export function threadReplies(ctx: CommandContext, threads: AlertThread[], cause: string, payload: View): NewOutboxMessage[] {
  return threads.map((a) => ({
    workspaceId: ctx.workspace.id,
    key: `${cause}:alert:${a.id}`,
    kind: 'reply' as const,
    channel: a.channel,
    target: a.messageKey,
    payload,
    availableAt: ctx.now,
  }));
}
