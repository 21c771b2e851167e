// The one inbound pipeline every platform feeds: a verified, parsed input is deduplicated by its event
// id, its caller identified, and its command / button / reaction run within the platform's
// acknowledgement budget; a slow answer moves to the follow-up path, a failure becomes the one localized
// error view. Adapters only verify, parse, render and send (bolt-js HTTPResponseAck keeps one ack timer
// for every receiver; this is ours).
import type { CommandContext } from '../commands/command-context.ts';
import { createInteractions, type Interactions } from '../commands/interactions.ts';
import { runCommand, runCommandText } from '../commands/run-command.ts';
import type { DigestSources } from '../digest/digest-data.ts';
import { explain } from '../explain.ts';
import { t } from '../i18n/messages.ts';
import type { ChartRenderer } from '../ports/chart-renderer.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { Locale, Platform, Workspace } from '../ports/workspace.ts';
import { notice, problem } from '../views/notice.ts';
import type { View } from '../views/view.ts';
import { identifyCaller } from '../workspace/identify.ts';
import type { InboundCaller, InboundInput, InboundOutcome, InboundReply } from './inbound-input.ts';

/** Platforms retry for hours (Slack within the hour, Feishu up to 6 h): event ids are remembered a day. */
export const EVENT_TTL_MS = 24 * 60 * 60 * 1000;

/** A command as typed: a slash command with its text, or a whole line. */
export type CommandRunner = (ctx: CommandContext, command: { command?: string; text: string }) => Promise<View>;

/** The core's commands: `/roi 上周` as a slash command, `roi 上周` as a line. */
export const runInboundCommand: CommandRunner = (ctx, c) => (c.command ? runCommand(ctx, c.command, c.text) : runCommandText(ctx, c.text));

export interface InboundDeps {
  platform: Platform;
  store: Store;
  logger: Logger;
  /** A new workspace's time zone and language on this platform. */
  defaults: { timezone: string; locale: Locale };
  /** How long the platform waits for an acknowledgement, less a margin: slower answers follow up. */
  ackBudgetMs: number;
  interactions?: Interactions;
  commands?: CommandRunner;
  now?: () => Date;
  charts?: ChartRenderer;
  digestSources?: DigestSources;
}

export interface Inbound {
  readonly platform: Platform;
  /** Runs one verified input; resolves once the platform has its acknowledgement (the rest runs on). */
  handle(input: InboundInput, reply: InboundReply): Promise<InboundOutcome>;
  /** The caller's workspace, created on first contact (a page that shows the workspace's language). */
  workspaceOf(caller: InboundCaller): Promise<Workspace>;
  /** The caller's workspace members' display names by platform user id (a page that shows mentions by name). */
  memberNames(caller: InboundCaller): Promise<ReadonlyMap<string, string>>;
  /** Resolves when every follow-up has finished (stop, and tests, wait for it). */
  idle(): Promise<void>;
}

/** The one error view: the localized explanation, for the asker alone. */
export function errorView(error: unknown, locale: Locale): View {
  return problem(explain(error, locale).message);
}

export function createInbound(deps: InboundDeps): Inbound {
  const { store, logger, platform } = deps;
  const interactions = deps.interactions ?? createInteractions();
  const commands = deps.commands ?? runInboundCommand;
  const now = deps.now ?? (() => new Date());
  const pending = new Set<Promise<void>>();

  async function contextFor(input: InboundInput): Promise<CommandContext> {
    const { workspace, member } = await identifyCaller(store, { platform, ...input.caller }, deps.defaults);
    return {
      store,
      workspace,
      member,
      now: now(),
      channel: input.channel,
      charts: deps.charts,
      publishImage: deps.charts ? input.publishImage : undefined,
      sharedAnswers: input.sharedAnswers,
      digestSources: deps.digestSources,
    };
  }

  async function run(ctx: CommandContext, input: InboundInput): Promise<View | undefined> {
    switch (input.kind) {
      case 'command':
        return commands(ctx, input);
      case 'action':
        return interactions.onAction(ctx, { actionId: input.actionId, value: input.value });
      case 'reaction':
        await interactions.onReaction(ctx, { messageRef: input.messageRef, reaction: input.reaction });
        return undefined;
      case 'task':
        return input.run(ctx);
    }
  }

  const failed = (input: InboundInput, error: unknown) =>
    logger.error(`${platform} ${input.kind} failed`, {
      error,
      eventId: input.eventId,
      ...(input.kind === 'task' ? { task: input.name } : {}),
    });

  function track(task: Promise<void>) {
    const tracked = task.finally(() => pending.delete(tracked));
    pending.add(tracked);
  }

  /** The answer through the follow-up path, or the error view there when the work failed. */
  async function followUp(work: Promise<View | undefined>, input: InboundInput, reply: InboundReply, locale: () => Locale) {
    let view: View | undefined;
    try {
      view = await work;
    } catch (error) {
      failed(input, error);
      view = input.kind === 'reaction' ? undefined : errorView(error, locale());
    }
    if (view && reply.followUp)
      await reply
        .followUp(view, locale())
        .catch((error) => logger.error(`${platform} follow-up failed`, { error, eventId: input.eventId }));
  }

  return {
    platform,
    async handle(input, reply) {
      let locale = deps.defaults.locale;
      try {
        if (input.eventId && !(await store.inbound.firstDelivery(`${platform}:${input.eventId}`, EVENT_TTL_MS))) {
          logger.debug(`${platform} delivery repeated`, { eventId: input.eventId, kind: input.kind });
          return 'repeat';
        }
      } catch (error) {
        // The database cannot say whether this is a repeat: the person still gets the error view, not silence.
        failed(input, error);
        const view = input.kind === 'reaction' ? undefined : errorView(error, locale);
        if (view) await (reply.ack ?? reply.followUp)?.(view, locale);
        return 'answered';
      }
      const work = contextFor(input).then((ctx) => {
        locale = ctx.workspace.locale;
        return run(ctx, input);
      });
      if (!reply.ack) {
        track(followUp(work, input, reply, () => locale));
        return 'follow-up';
      }
      // The one acknowledgement timer: whichever comes first, the answer or the budget.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), deps.ackBudgetMs);
      });
      const first = await Promise.race([
        work.then(
          (view) => ({ view }),
          (error: unknown) => ({ error }),
        ),
        late,
      ]);
      clearTimeout(timer);
      if (first !== 'late') {
        let view = 'view' in first ? first.view : undefined;
        if ('error' in first) {
          failed(input, first.error);
          view = errorView(first.error, locale);
        }
        if (view) await reply.ack(view, locale);
        return 'answered';
      }
      await reply.ack(notice(t(locale, 'working')), locale);
      track(followUp(work, input, reply, () => locale));
      return 'follow-up';
    },
    async workspaceOf(caller) {
      return (await identifyCaller(store, { platform, ...caller }, deps.defaults)).workspace;
    },
    async memberNames(caller) {
      const ws = await store.workspaces.findByExternal(platform, caller.teamId);
      const members = ws ? await store.members.list(ws.id) : [];
      return new Map(members.flatMap((m) => (m.displayName ? [[m.externalUserId, m.displayName] as const] : [])));
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
