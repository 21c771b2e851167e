import { t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import { channelKind, metricSettings } from '../../metrics/metric-settings.ts';
import type { Segment } from '../../ports/catalog.ts';
import { knownChannel, segmentKeyFor } from '../../segments/channel-aliases.ts';
import { resolveSegment, segmentName } from '../../segments/resolve-segment.ts';
import { cleanName } from '../../text/clean-text.ts';
import { normaliseName } from '../../text/normalise-name.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { notice, refusal } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import type { ParsedCommand } from '../command-grammar.ts';
import { chatSegment } from '../resolve-words.ts';

type ChannelsCommand = Extract<ParsedCommand, { action: 'channels' }>;

const list = (names: string[], locale: string) => names.join(locale === 'zh-CN' ? '、' : ', ');

/**
 * `/growth channels add|rename|alias|remove …` (admins): every change is audited. A channel with values is
 * removed only by merging it into another (its values move there), and never when both hold a value for the
 * same metric and day: a merge must not lose a number.
 */
export async function manageChannels(ctx: CommandContext, input: ChannelsCommand): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  if (ctx.member.role !== 'admin') return refusal(t(locale, 'error.notAdmin'));
  const segments = await ctx.store.segments.list(ws.id);
  const audit = (action: string, target: string, before: unknown, after: unknown) =>
    ctx.store.audit.append({ workspaceId: ws.id, actor: ctx.member.id, action, target, before, after });
  // A name or alias another channel already answers to would make names ambiguous.
  const refuseTaken = (name: string, except?: string) => {
    const owner = resolveSegment(segments, name);
    if (owner && owner.key !== except)
      throw new CommandUsageError('growth', 'channels.nameTaken', { name, channel: segmentName(owner, locale) });
  };

  if (input.sub === 'add') {
    const name = cleanName(input.channel);
    const existing = resolveSegment(segments, name);
    if (existing) throw new CommandUsageError('growth', 'channels.exists', { name, channel: segmentName(existing, locale) });
    const known = knownChannel(segmentKeyFor(name));
    const key = known?.key ?? segmentKeyFor(name);
    const aliases = [...new Set(input.aliases.map(cleanName).filter((a) => a !== ''))];
    for (const a of aliases) refuseTaken(a);
    await ctx.store.segments.ensure(ws.id, [{ key, name: known?.zh ?? name }]);
    if (aliases.length) await ctx.store.segments.setAliases(ws.id, key, aliases);
    // The settings as stored now, not as this request started with: another change may have landed since.
    const current = (await ctx.store.workspaces.get(ws.id)) ?? ws;
    const settings = metricSettings(current);
    if (input.kind)
      await ctx.store.workspaces.update(ws.id, {
        settings: { ...current.settings, channelKinds: { ...settings.channelKinds, [key]: input.kind } },
      });
    const kind = input.kind ?? channelKind(settings, key) ?? 'paid';
    await audit('segment.create', key, undefined, { name: known?.zh ?? name, kind, aliases });
    const shown = segmentName({ key, name: known?.zh ?? name }, locale);
    const text = t(locale, 'channels.added', {
      channel: shown,
      kind: t(locale, `channel.kind.${kind}`),
      aliases: aliases.length ? t(locale, 'channels.aliasList', { aliases: list(aliases, locale) }) : '',
    });
    return notice(text, { severity: 'ok', shared: true });
  }

  const segment = chatSegment('growth', segments, input.channel, locale);
  const shown = segmentName(segment, locale);

  if (input.sub === 'rename') {
    const name = cleanName(input.newName);
    refuseTaken(name, segment.key);
    await ctx.store.segments.rename(ws.id, segment.key, name);
    await audit('segment.rename', segment.key, { name: segment.name }, { name });
    return notice(t(locale, 'channels.renamed', { old: shown, channel: name }), { severity: 'ok', shared: true });
  }

  if (input.sub === 'alias') {
    const added = input.aliases.map(cleanName).filter((a) => a !== '');
    for (const a of added) refuseTaken(a, segment.key);
    const aliases = [...new Set([...segment.aliases, ...added].filter((a) => normaliseName(a) !== normaliseName(segment.name)))];
    await ctx.store.segments.setAliases(ws.id, segment.key, aliases);
    await audit('segment.aliases', segment.key, { aliases: segment.aliases }, { aliases });
    return notice(t(locale, 'channels.aliased', { channel: shown, aliases: list(aliases, locale) }), { severity: 'ok', shared: true });
  }

  return removeChannel(ctx, segments, segment, input, audit);
}

async function removeChannel(
  ctx: CommandContext,
  segments: readonly Segment[],
  segment: Segment,
  input: Extract<ChannelsCommand, { sub: 'remove' }>,
  audit: (action: string, target: string, before: unknown, after: unknown) => Promise<void>,
): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const shown = segmentName(segment, locale);
  const held = await ctx.store.observations.countSegment(ws.id, segment.key);
  if (input.into === undefined) {
    if (held > 0) throw new CommandUsageError('growth', 'channels.hasData', { channel: shown, n: held, typed: input.channel });
    await ctx.store.segments.remove(ws.id, segment.key);
    await audit('segment.remove', segment.key, { name: segment.name, aliases: segment.aliases }, undefined);
    return notice(t(locale, 'channels.removed', { channel: shown }), { severity: 'ok', shared: true });
  }
  const into = chatSegment('growth', segments, input.into, locale);
  if (into.key === segment.key) throw new CommandUsageError('growth', 'channels.sameChannel');
  const intoName = segmentName(into, locale);
  if (held > 0) {
    // Both sides' values over every day either holds: a (metric, day) both have would be lost in the move.
    const all = { metrics: await metricKeys(ctx), from: '0000-01-01', to: '9999-12-31' };
    const [mine, theirs] = await Promise.all([
      ctx.store.observations.query(ws.id, { ...all, segments: [segment.key] }),
      ctx.store.observations.query(ws.id, { ...all, segments: [into.key] }),
    ]);
    const taken = new Set(theirs.map((o) => `${o.metric} ${o.day}`));
    const clashes = mine.filter((o) => taken.has(`${o.metric} ${o.day}`));
    if (clashes.length)
      throw new CommandUsageError('growth', 'channels.overlap', {
        channel: shown,
        into: intoName,
        n: clashes.length,
        example: `${clashes[0]?.metric} ${clashes[0]?.day}`,
      });
  }
  const moved = held > 0 ? await ctx.store.observations.moveSegment(ws.id, segment.key, into.key, ctx.member.id) : 0;
  // Its names keep working: they become the target's aliases.
  const aliases = [...new Set([...into.aliases, segment.name, ...segment.aliases])].filter((a) => resolveSegment([into], a) === undefined);
  await ctx.store.segments.setAliases(ws.id, into.key, aliases);
  await ctx.store.segments.remove(ws.id, segment.key);
  await audit('segment.merge', segment.key, { name: segment.name, values: held }, { into: into.key, moved });
  return notice(t(locale, 'channels.merged', { channel: shown, into: intoName, n: moved }), { severity: 'ok', shared: true });
}

/** Every base metric of the workspace (a query names its metrics). */
async function metricKeys(ctx: CommandContext): Promise<string[]> {
  const catalog = await loadCatalog(ctx.store.metrics, ctx.workspace);
  return catalog
    .list()
    .filter((m) => m.kind === 'base')
    .map((m) => m.key);
}
