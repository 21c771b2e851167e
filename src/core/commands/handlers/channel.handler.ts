import { t } from '../../i18n/messages.ts';
import { channelKind, metricSettings } from '../../metrics/metric-settings.ts';
import { knownChannel, segmentKeyFor } from '../../segments/channel-aliases.ts';
import { resolveSegment, segmentName } from '../../segments/resolve-segment.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { refusal } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';

/**
 * `/growth channel[s] [<channel> organic|paid]`: lists each channel's kind and aliases, or sets a kind (admins). Paid figures
 * (CAC, ROI, ROAS, LTV/CAC) count paid channels only; blended ones count every channel.
 */
export async function growthChannel(ctx: CommandContext, input: { channel?: string; kind?: 'paid' | 'organic' }): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const segments = await ctx.store.segments.list(ws.id);
  const settings = metricSettings(ws);
  if (input.channel && input.kind) {
    if (ctx.member.role !== 'admin') return refusal(t(locale, 'error.notAdmin'));
    let segment = resolveSegment(segments, input.channel);
    const known = knownChannel(segmentKeyFor(input.channel));
    if (!segment && known) {
      await ctx.store.segments.ensure(ws.id, [{ key: known.key, name: known.zh }]);
      segment = { key: known.key, name: known.zh, aliases: [] };
    }
    if (!segment)
      throw new CommandUsageError('growth', 'error.unknownSegment', {
        name: input.channel,
        known: segments.map((s) => segmentName(s, locale)).join(locale === 'zh-CN' ? '、' : ', ') || '—',
      });
    const before = channelKind(settings, segment.key);
    await ctx.store.workspaces.update(ws.id, {
      settings: { ...ws.settings, channelKinds: { ...settings.channelKinds, [segment.key]: input.kind } },
    });
    await ctx.store.audit.append({
      workspaceId: ws.id,
      actor: ctx.member.id,
      action: 'settings.update',
      target: `channel.${segment.key}`,
      before: { kind: before },
      after: { kind: input.kind },
    });
    const text = t(locale, 'channel.saved', {
      channel: segmentName(segment, locale),
      kind: t(locale, `channel.kind.${input.kind}`),
      effect: t(locale, `channel.effect.${input.kind}`),
    });
    return { fallback: text, elements: [{ type: 'text', text: `✅ ${text}` }], severity: 'ok' };
  }
  const title = t(locale, 'channel.header');
  if (segments.length === 0)
    return {
      fallback: title,
      elements: [
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'channels.none') },
      ],
    };
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [
          { label: t(locale, 'col.channel') },
          { label: t(locale, 'channel.kindColumn') },
          { label: t(locale, 'channels.aliasColumn') },
        ],
        rows: segments.map((s) => [
          segmentName(s, locale),
          t(locale, `channel.kind.${channelKind(settings, s.key) ?? 'paid'}`),
          [...(knownChannel(s.key) ? [s.key] : []), ...s.aliases].join(', ') || '—',
        ]),
      },
      { type: 'context', text: `${t(locale, 'note.paid')}\n${t(locale, 'channels.listHint')}` },
    ],
  };
}
