import { staleSourceNotes } from '../sources/stale-text.ts';
import { cleanText } from '../text/clean-text.ts';
import { CommandUsageError } from '../text/usage-error.ts';
import type { View } from '../views/view.ts';
import type { CommandContext } from './command-context.ts';
import { parseCommand } from './command-grammar.ts';
import { alertsCommand } from './handlers/alerts.handler.ts';
import { growthChannel } from './handlers/channel.handler.ts';
import { manageChannels } from './handlers/channels.handler.ts';
import { checkinCommand } from './handlers/checkin.handler.ts';
import { digestCommand } from './handlers/digest.handler.ts';
import { growthHelp, growthOwners, growthSettings } from './handlers/growth.handler.ts';
import { kpiList, kpiLog, kpiShow } from './handlers/kpi.handler.ts';
import { kpiDelete, kpiUndo } from './handlers/kpi-undo.handler.ts';
import { meetingCommand } from './handlers/meeting.handler.ts';
import { growthMembers } from './handlers/members.handler.ts';
import { retentionCommand } from './handlers/retention.handler.ts';
import { roiCommand } from './handlers/roi.handler.ts';
import { growthSources } from './handlers/sources.handler.ts';
import { kpiWhy } from './handlers/why.handler.ts';
import { refreshAction } from './refresh-action.ts';
import { usageView } from './usage-view.ts';

/**
 * Runs a slash command (or a chat message read as one) and returns the view to show. A user's mistake
 * becomes a usage view in the workspace's language and changes nothing; other failures propagate.
 */
export async function runCommand(ctx: CommandContext, rawCommand: string, rawText: string): Promise<View> {
  // Adapters clean what users type; a button's stored command comes back through here too, and an
  // unknown command name is echoed in the answer.
  const [command, text] = [cleanText(rawCommand), cleanText(rawText)];
  const view = await answer(ctx, command, text);
  // Answers that show data get a refresh button; usage answers and notices do not.
  if (view.ephemeral || view.severity === 'ok') return view;
  // Numbers from a data source that stopped delivering are old: the answer says which source, since when.
  const stale = await staleSourceNotes(ctx.store, ctx.workspace, ctx.now);
  return {
    ...view,
    elements: [...view.elements, ...stale, { type: 'actions', actions: [refreshAction(command, text, ctx.workspace.locale)] }],
  };
}

/**
 * A command written as a message — "/roi 抖音 上周" or "roi 抖音 上周" — as chat mentions, Feishu messages and
 * the sandbox send it. Empty text is help.
 */
export function runCommandText(ctx: CommandContext, text: string): Promise<View> {
  // "@Growthbeat /roi", as people write to the bot in a group, typed where nobody else is addressed (the sandbox).
  const [first = '', ...rest] = text
    .trim()
    .replace(/^[@＠]growthbeat\b\s*/i, '')
    .split(/\s+/);
  if (!first) return runCommand(ctx, '/growth', 'help');
  return runCommand(ctx, first.startsWith('/') ? first : `/${first}`, rest.join(' '));
}

async function answer(ctx: CommandContext, command: string, text: string): Promise<View> {
  try {
    const parsed = parseCommand(command, text);
    switch (parsed.name) {
      case 'roi':
        return await roiCommand(ctx, parsed);
      case 'retention':
        return await retentionCommand(ctx, parsed);
      case 'kpi':
        if (parsed.action === 'log') return await kpiLog(ctx, parsed);
        if (parsed.action === 'show') return await kpiShow(ctx, parsed);
        if (parsed.action === 'why') return await kpiWhy(ctx, parsed);
        if (parsed.action === 'undo') return await kpiUndo(ctx);
        if (parsed.action === 'delete') return await kpiDelete(ctx, parsed);
        return await kpiList(ctx);
      case 'alerts':
        return await alertsCommand(ctx, parsed.args);
      case 'growth':
        if (parsed.action === 'settings') return await growthSettings(ctx, parsed);
        if (parsed.action === 'owners') return await growthOwners(ctx, parsed);
        if (parsed.action === 'members') return await growthMembers(ctx);
        if (parsed.action === 'channel') return await growthChannel(ctx, parsed);
        if (parsed.action === 'channels') return await manageChannels(ctx, parsed);
        if (parsed.action === 'digest') return await digestCommand(ctx, parsed);
        if (parsed.action === 'sources') return await growthSources(ctx, parsed);
        if (parsed.action === 'meeting') return await meetingCommand(ctx, parsed.meeting);
        if (parsed.action === 'checkin') return await checkinCommand(ctx, parsed.checkin);
        return growthHelp(ctx);
    }
  } catch (error) {
    if (error instanceof CommandUsageError) return usageView(error, ctx.workspace.locale);
    throw error;
  }
}
