import { PermanentDeliveryError, RateLimitedError, TargetNotSentError } from '../errors.ts';
import type { ChatSender } from '../ports/chat-sender.ts';
import type { OutboxMessage, OutboxRepository } from '../ports/outbox.ts';
import type { View } from '../views/view.ts';
import { chartPng, withChartPictures } from './chart-pictures.ts';

export interface RelayOptions {
  outbox: OutboxRepository;
  /** The platform sender for a workspace (its bot token), or undefined when it has none any more. */
  senderFor(workspaceId: string): Promise<ChatSender | undefined>;
  worker: string;
  now?: () => Date;
  random?: () => number;
  /** How long a claim holds before another relay may take the message over (its sender died). */
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Told once per message that failed for good (the admin notice). */
  onFailed?(message: OutboxMessage, reason: string): Promise<void>;
}

export interface RelayPass {
  sent: number;
  retried: number;
  failed: number;
}

/** Waiting for the message it updates or replies to: not an error of this message, so no attempt is spent. */

/**
 * Delivers the outbox. "Mark before, confirm after": a message is claimed (state sending, with a lease)
 * before it is sent, and marked sent with the platform's id after. The window between the platform
 * accepting a message and our confirmation is the only place a duplicate can come from (a timeout after
 * Slack accepted, a relay that dies before confirming); a sender that can find a message by its key
 * (Slack: metadata in the channel's history) closes it, because any second attempt looks first. Our own
 * retries never resend a message the platform confirmed. Updates are idempotent by nature.
 */
export function createOutboxRelay(options: RelayOptions) {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 2_000;
  const maxDelayMs = options.maxDelayMs ?? 15 * 60_000;

  /** Exponential backoff with ±20% jitter, so replicas and channels do not retry in step. */
  const backoff = (attempts: number) => Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1)) * (0.8 + 0.4 * random());

  async function targetMessage(m: OutboxMessage) {
    const t = m.target ? await options.outbox.findByKey(m.target) : undefined;
    if (!t?.platformMessageId) throw new TargetNotSentError(`waiting for ${m.target} to be sent`);
    return t;
  }

  async function target(m: OutboxMessage) {
    const t = await targetMessage(m);
    return { channel: t.channel, id: t.platformMessageId as string };
  }

  /**
   * A message tried before without a confirmation may have reached the platform (a timeout after Slack
   * accepted it, a replica that died before confirming): look for it by key before sending it again.
   */
  async function alreadySent(
    sender: ChatSender,
    m: OutboxMessage,
    threadOf?: { channel: string; id: string },
  ): Promise<string | undefined> {
    if (m.attempts <= 1 || !sender.findSent) return undefined;
    return (await sender.findSent(m.channel, m.key, m.createdAt, { threadOf }))?.id;
  }

  async function deliver(sender: ChatSender, m: OutboxMessage): Promise<string | undefined> {
    switch (m.kind) {
      case 'post':
        return (
          (await alreadySent(sender, m)) ??
          (await sender.post(m.channel, await withChartPictures(sender, m.payload as View), { key: m.key })).id
        );
      case 'reply': {
        const threadOf = await target(m);
        return (
          (await alreadySent(sender, m, threadOf)) ??
          (await sender.post(m.channel, await withChartPictures(sender, m.payload as View), { threadOf, key: m.key })).id
        );
      }
      case 'update': {
        const ref = await target(m);
        await sender.update(ref, await withChartPictures(sender, m.payload as View));
        return ref.id;
      }
      case 'image': {
        // `chart`: the picture of a chart its target carries; a sender that showed it inside that message posts nothing.
        const p = m.payload as { pngBase64?: string; chart?: string; filename: string; title: string; comment?: string };
        if (p.chart && sender.publishImage) return undefined;
        const parent = m.target ? await targetMessage(m) : undefined;
        const threadOf = parent ? { channel: parent.channel, id: parent.platformMessageId as string } : undefined;
        const png = p.pngBase64 ? Buffer.from(p.pngBase64, 'base64') : chartPng(parent?.payload as View | undefined, p.chart ?? '');
        if (!png) throw new PermanentDeliveryError(`the picture of chart ${p.chart} is not in ${m.target}`);
        return (await sender.postImage(m.channel, { png, filename: p.filename, title: p.title }, { threadOf, comment: p.comment }))?.id;
      }
    }
  }

  async function fail(m: OutboxMessage, reason: string, pass: RelayPass) {
    if (await options.outbox.markFailed(m.id, options.worker, reason)) {
      pass.failed++;
      await options.onFailed?.(m, reason);
    }
  }

  /** One pass: claim what is due (each channel's next message) and try each once, until nothing is due or `limit` is reached. */
  async function runOnce(limit = 50): Promise<RelayPass> {
    const pass: RelayPass = { sent: 0, retried: 0, failed: 0 };
    let budget = limit;
    while (budget > 0) {
      const batch = await options.outbox.claim(options.worker, now(), budget, leaseMs);
      if (batch.length === 0) break;
      budget -= batch.length;
      await deliverBatch(batch, pass);
    }
    return pass;
  }

  async function deliverBatch(batch: OutboxMessage[], pass: RelayPass): Promise<void> {
    for (const m of batch) {
      const sender = await options.senderFor(m.workspaceId);
      if (!sender) {
        await fail(m, 'no chat platform is connected for this workspace', pass);
        continue;
      }
      try {
        const id = await deliver(sender, m);
        if (await options.outbox.markSent(m.id, options.worker, id, now())) pass.sent++;
      } catch (error) {
        if (error instanceof PermanentDeliveryError) await fail(m, error.message, pass);
        else if (error instanceof TargetNotSentError) {
          if (await options.outbox.markRetry(m.id, options.worker, error.message, new Date(now().getTime() + baseDelayMs))) pass.retried++;
        } else if (m.attempts >= maxAttempts) await fail(m, `gave up after ${m.attempts} attempts: ${(error as Error).message}`, pass);
        else {
          // A 429 says when to come back; anything else backs off.
          const wait = error instanceof RateLimitedError ? error.retryAfterMs : backoff(m.attempts);
          if (await options.outbox.markRetry(m.id, options.worker, (error as Error).message, new Date(now().getTime() + wait)))
            pass.retried++;
        }
      }
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    runOnce,
    /** Polls every `intervalMs` until stopped; a pass never overlaps the previous one. */
    start(intervalMs = 1000, onError: (error: unknown) => void = () => {}) {
      timer = setInterval(() => {
        running = running.then(() => runOnce()).catch(onError);
      }, intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
