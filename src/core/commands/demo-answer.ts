import { type DemoSummary, loadDemo } from '../demo/load-demo.ts';
import { t } from '../i18n/messages.ts';
import { notice } from '../views/notice.ts';
import type { View } from '../views/view.ts';
import type { CommandContext } from './command-context.ts';

export type { DemoSummary };

/** Loads the demo quarter into the caller's workspace (as them) and says what it wrote, in the workspace's language. */
export async function loadDemoAnswer(ctx: CommandContext): Promise<{ view: View; summary: DemoSummary }> {
  const locale = ctx.workspace.locale;
  const summary = await loadDemo(ctx.store, ctx.workspace, ctx.now, { actor: ctx.member.id });
  const text = t(locale, 'sandbox.demoLoaded', {
    from: summary.from,
    to: summary.to,
    observations: summary.observations,
    channels: summary.channels.join(locale === 'zh-CN' ? '、' : ', '),
  });
  return { view: notice(text, { severity: 'ok', shared: true }), summary };
}
