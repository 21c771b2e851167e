import { alertSettings, withAlertSettings } from '../alerts/alert-settings.ts';
import { type DemoSummary, loadDemo } from '../demo/load-demo.ts';
import { digestSettings, withDigestSettings } from '../digest/digest-settings.ts';
import { t } from '../i18n/messages.ts';
import { notice } from '../views/notice.ts';
import type { View } from '../views/view.ts';
import type { CommandContext } from './command-context.ts';

export type { DemoSummary };

/** The demo's two stories: 抖音's ROI slide and the D1 dip; whoever loads it owns them, to try the meeting loop. */
const DEMO_OWNED = { segment: 'douyin', metric: 'retention_d1' } as const;

/**
 * Where the meeting loop can run at once on demo data (the sandbox): the digest and alerts go to `channel` where
 * none is set, and, where nobody owns anything yet, the caller owns the demo's two stories, so the check-in
 * (`/growth checkin send`) asks them by direct message.
 */
async function setUpMeetingLoop(ctx: CommandContext, channel: string): Promise<void> {
  const ws = ctx.workspace.id;
  await ctx.store.workspaces.changeSettings(ws, (settings) => {
    const withDigest = digestSettings({ settings }).channel ? settings : withDigestSettings({ settings }, { channel });
    return alertSettings({ settings: withDigest }).channel ? withDigest : withAlertSettings({ settings: withDigest }, { channel });
  });
  const segments = await ctx.store.segments.list(ws);
  const owned = segments.some((s) => s.ownerMemberId) || (await ctx.store.metrics.owners(ws)).length > 0;
  if (owned) return;
  if (segments.some((s) => s.key === DEMO_OWNED.segment)) await ctx.store.segments.setOwner(ws, DEMO_OWNED.segment, ctx.member.id);
  await ctx.store.metrics.setOwner(ws, DEMO_OWNED.metric, ctx.member.id, ctx.member.id);
}

/**
 * Loads the demo quarter into the caller's workspace (as them) and says what it wrote, in the workspace's
 * language; with `meetingChannel`, also sets up the meeting loop there (setUpMeetingLoop).
 */
export async function loadDemoAnswer(
  ctx: CommandContext,
  options: { meetingChannel?: string } = {},
): Promise<{ view: View; summary: DemoSummary }> {
  const locale = ctx.workspace.locale;
  const summary = await loadDemo(ctx.store, ctx.workspace, ctx.now, { actor: ctx.member.id });
  if (options.meetingChannel) await setUpMeetingLoop(ctx, options.meetingChannel);
  const text = t(locale, 'sandbox.demoLoaded', {
    from: summary.from,
    to: summary.to,
    observations: summary.observations,
    channels: summary.channels.join(locale === 'zh-CN' ? '、' : ', '),
  });
  const loop = options.meetingChannel ? `\n${t(locale, 'sandbox.demoMeeting')}` : '';
  return { view: notice(`${text}${loop}`, { severity: 'ok', shared: true }), summary };
}
