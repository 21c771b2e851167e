// `/alerts`: open alerts with their buttons; the playbook; rules (add, edit, remove, list); where alerts go;
// metric targets. Anyone may look and act on alerts; changing rules needs an admin or the metric's owner.

import type { AlertAction } from '../../alerts/alert-lifecycle.ts';
import { actOnAlert, evaluateWorkspace, openAlertSummaries } from '../../alerts/alert-service.ts';
import { alertSettings, alertsEnabled, customReactions, targetsOf, withAlertSettings } from '../../alerts/alert-settings.ts';
import { ALERT_ACTIONS } from '../../alerts/alert-view.ts';
import { describeCondition } from '../../alerts/describe-rule.ts';
import { PLAYBOOK_TARGETS, playbookRules } from '../../alerts/playbook.ts';
import { parseRuleSpec, ruleNumber } from '../../alerts/rule-grammar.ts';
import { formatValue } from '../../format/format-value.ts';
import { type MessageKey, t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import type { MetricCatalog } from '../../metrics/metric-catalog.ts';
import type { MetricDefinition } from '../../metrics/metric-definition.ts';
import type { AlertRule, NewAlertRule } from '../../ports/alerts.ts';
import { segmentName } from '../../segments/resolve-segment.ts';
import { notice, refusal } from '../../views/notice.ts';
import type { View, ViewElement } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { CommandUsageError, channelId } from '../command-grammar.ts';
import { chatMetric, chatSegment } from '../resolve-words.ts';

const ON = new Set(['on', 'enable', '开', '开启', '启用', '打开']);
const OFF = new Set(['off', 'disable', '关', '关闭', '停用']);

function refused(ctx: CommandContext, key: MessageKey = 'error.alertsNotAllowed'): View {
  return refusal(t(ctx.workspace.locale, key));
}

/** Admins may change any rule; a metric's owner may change the rules on that metric. */
async function mayEditRule(ctx: CommandContext, metric: string): Promise<boolean> {
  if (ctx.member.role === 'admin') return true;
  const owners = await ctx.store.metrics.owners(ctx.workspace.id);
  return owners.some((o) => o.key === metric && o.memberId === ctx.member.id);
}

/** `here` → the channel the command came from; else a channel as the digest reads it (`<#C123|general>` → C123). */
function channelWord(ctx: CommandContext, word: string | undefined): string | undefined {
  if (!word || ['here', 'this', '这里', '本群', '当前'].includes(word.toLowerCase())) return ctx.channel;
  return channelId(word);
}

async function saveSettings(ctx: CommandContext, patch: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const settings = { ...withAlertSettings(ctx.workspace, patch), ...extra };
  ctx.workspace = await ctx.store.workspaces.update(ctx.workspace.id, { settings });
}

/** The open alerts, each with its buttons (the list re-renders itself after a click). */
export async function alertsList(ctx: CommandContext): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const open = await openAlertSummaries(ctx.store, ws);
  if (open.length === 0) {
    const rules = await ctx.store.alerts.listRules(ws.id);
    return notice(`${t(locale, 'alerts.none')} ${rules.length ? '' : t(locale, 'alerts.noRulesHint')}`.trim());
  }
  const title = t(locale, 'alerts.header', { n: open.length });
  const elements: ViewElement[] = [{ type: 'header', text: title }];
  for (const { alert, line, status } of open.slice(0, 10)) {
    elements.push({ type: 'text', text: line });
    elements.push({ type: 'context', text: status });
    elements.push({
      type: 'actions',
      actions: [
        ...(alert.state === 'acknowledged'
          ? []
          : [{ id: ALERT_ACTIONS.ack, label: t(locale, 'alert.action.ack'), value: `${alert.id}|list`, style: 'primary' as const }]),
        { id: ALERT_ACTIONS.snooze(1440), label: t(locale, 'alert.action.snooze1d'), value: `${alert.id}|list` },
        { id: ALERT_ACTIONS.resolve, label: t(locale, 'alert.action.resolve'), value: `${alert.id}|list`, style: 'danger' as const },
      ],
    });
  }
  if (open.length > 10) elements.push({ type: 'context', text: t(locale, 'alerts.more', { n: open.length - 10 }) });
  return { fallback: title, elements, severity: 'warning' };
}

function ruleRow(rule: AlertRule, i: number, catalog: MetricCatalog, ctx: CommandContext, segments: Map<string, string>): string[] {
  const locale = ctx.workspace.locale;
  const metric = rule.metric === '*' ? undefined : catalog.get(rule.metric);
  const scope =
    rule.scope === 'each'
      ? t(locale, 'rules.each')
      : rule.scope === 'segment'
        ? (segments.get(rule.segment ?? '') ?? rule.segment ?? '')
        : t(locale, 'rules.total');
  return [
    `#${i + 1}`,
    rule.name + (rule.enabled ? '' : ` (${t(locale, 'rules.disabled')})`),
    `${metric?.names[locale] ?? (rule.metric === '*' ? t(locale, 'rules.anyMetric') : rule.metric)} · ${scope}`,
    describeCondition(rule, metric, locale, targetsOf(ctx.workspace), ctx.workspace.currency),
    rule.note ?? '',
  ];
}

async function rulesList(ctx: CommandContext): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const rules = await ctx.store.alerts.listRules(ws.id);
  if (rules.length === 0) return notice(t(locale, 'rules.none'));
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const segments = new Map((await ctx.store.segments.list(ws.id)).map((s) => [s.key, segmentName(s, locale)]));
  const channel = alertSettings(ws).channel;
  const title = t(locale, 'rules.header', { n: rules.length });
  return {
    fallback: title,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [
          { label: '#' },
          { label: t(locale, 'col.rule') },
          { label: t(locale, 'col.metric') },
          { label: t(locale, 'col.condition') },
          { label: t(locale, 'col.note') },
        ],
        rows: rules.map((r, i) => ruleRow(r, i, catalog, ctx, segments)),
      },
      { type: 'context', text: channel ? t(locale, 'rules.channel', { channel }) : t(locale, 'rules.noChannel') },
    ],
    ephemeral: true,
  };
}

async function findRule(ctx: CommandContext, word: string | undefined): Promise<AlertRule> {
  const rules = await ctx.store.alerts.listRules(ctx.workspace.id);
  const n = word?.match(/^#?(\d+)$/)?.[1];
  const found = n ? rules[Number(n) - 1] : rules.find((r) => r.name === word || r.id === word);
  if (!found) throw new CommandUsageError('alerts', 'error.ruleNotFound', { word: word ?? '' });
  return found;
}

/** Platform user ids to member ids (members are created on first mention, as with /growth owners). */
async function memberIds(ctx: CommandContext, externalIds: string[] | undefined): Promise<string[] | undefined> {
  if (!externalIds) return undefined;
  const out: string[] = [];
  for (const id of externalIds) out.push((await ctx.store.members.ensure(ctx.workspace.id, id)).id);
  return out;
}

async function ruleFromSpec(
  ctx: CommandContext,
  words: string[],
  catalog: MetricCatalog,
  existing: AlertRule | undefined,
  authorize: (metricKey: string) => Promise<boolean>,
): Promise<Partial<NewAlertRule> | undefined> {
  const locale = ctx.workspace.locale;
  const percent = (typed: string) => {
    const key = existing ? existing.metric : catalog.resolve(typed)?.key;
    return key ? catalog.get(key)?.unit === 'percent' : false;
  };
  const spec = parseRuleSpec(words, existing ? 'edit' : 'add', percent);
  const patch: Partial<NewAlertRule> = {};
  let metric: MetricDefinition | undefined;
  if (spec.metric) {
    metric = spec.metric === '*' ? undefined : chatMetric('alerts', catalog, spec.metric, locale);
    patch.metric = metric?.key ?? '*';
  }
  const metricKey = patch.metric ?? (existing?.metric as string);
  // Refused before anything is written (members are created on first mention below).
  if (!(await authorize(metricKey))) return undefined;
  const params = spec.params ?? existing?.params;
  // A rule that could never fire is refused: `*` watches only for data going quiet; quiet needs a stored (base) metric.
  if (metricKey === '*' && (params?.type !== 'freshness' || (spec.segment && spec.segment !== 'total')))
    throw new CommandUsageError('alerts', 'error.ruleStarQuiet');
  if (params?.type === 'freshness' && metricKey !== '*' && catalog.get(metricKey)?.kind !== 'base')
    throw new CommandUsageError('alerts', 'error.ruleQuietBase', { metric: catalog.get(metricKey)?.names[locale] ?? metricKey });
  // Editing the LTV/CAC rule's threshold keeps it on the digest's agenda.
  if (spec.params?.type === 'threshold' && existing?.params.type === 'threshold' && existing.params.agenda)
    spec.params = { ...spec.params, agenda: true };
  const segments = await ctx.store.segments.list(ctx.workspace.id);
  if (!existing) {
    if (spec.segment === 'each') patch.scope = 'each';
    else if (spec.segment) {
      patch.scope = 'segment';
      patch.segment = chatSegment('alerts', segments, spec.segment, locale).key;
    } else patch.scope = 'total';
  }
  if (spec.params) patch.params = spec.params;
  const o = spec.options;
  if (o.severity) patch.severity = o.severity;
  if (o.owners) patch.owners = await memberIds(ctx, o.owners);
  if (o.segmentOwners) {
    const map: Record<string, string[]> = { ...(existing?.segmentOwners ?? {}) };
    for (const [typed, ids] of Object.entries(o.segmentOwners))
      map[chatSegment('alerts', segments, typed, locale).key] = (await memberIds(ctx, ids)) ?? [];
    patch.segmentOwners = map;
  }
  if (o.repeatMinutes !== undefined) patch.repeatMinutes = o.repeatMinutes;
  if (o.escalateAfter !== undefined) patch.escalateAfter = o.escalateAfter;
  if (o.escalateTo) patch.escalateTo = await memberIds(ctx, o.escalateTo);
  if (o.recoveryEvaluations !== undefined) patch.recoveryEvaluations = o.recoveryEvaluations;
  if (o.note !== undefined) patch.note = o.note || undefined;
  return patch;
}

async function ruleCommand(ctx: CommandContext, action: string | undefined, rest: string[]): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const a = action?.toLowerCase();
  if (!a || a === 'list' || a === '列表') return rulesList(ctx);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  if (a === 'add' || a === '添加' || a === '新增') {
    const patch = await ruleFromSpec(ctx, rest, catalog, undefined, (key) => mayEditRule(ctx, key));
    if (!patch) return refused(ctx);
    const metricKey = patch.metric as string;
    const metric = catalog.get(metricKey);
    const name = `${metric?.names[locale] ?? t(locale, 'rules.anyMetric')} · ${describeCondition(patch as AlertRule, metric, locale, targetsOf(ws), ws.currency)}`;
    const rule = await ctx.store.alerts.createRule({
      workspaceId: ws.id,
      name: name.slice(0, 80),
      metric: metricKey,
      scope: patch.scope ?? 'total',
      segment: patch.segment,
      params: patch.params as NewAlertRule['params'],
      severity: patch.severity ?? 'warning',
      owners: patch.owners ?? [],
      segmentOwners: patch.segmentOwners ?? {},
      repeatMinutes: patch.repeatMinutes ?? 24 * 60,
      escalateAfter: patch.escalateAfter,
      escalateTo: patch.escalateTo ?? [],
      recoveryEvaluations: patch.recoveryEvaluations ?? 1,
      note: patch.note,
      enabled: true,
      createdBy: ctx.member.id,
    });
    await enableAlerts(ctx);
    await audit(ctx, 'alerts.rule.add', rule.id, undefined, rule);
    const n = (await ctx.store.alerts.listRules(ws.id)).length;
    return notice(t(locale, 'rules.added', { n, name: rule.name }) + channelHint(ctx) + (await evaluateNow(ctx)), { severity: 'ok' });
  }
  if (a === 'edit' || a === '修改' || a === '编辑') {
    const [which, ...words] = rest;
    const rule = await findRule(ctx, which);
    if (!(await mayEditRule(ctx, rule.metric))) return refused(ctx);
    if (words.length === 0) throw new CommandUsageError('alerts', 'error.ruleOption', { word: '' });
    const patch = await ruleFromSpec(ctx, words, catalog, rule, async () => true);
    if (!patch) return refused(ctx);
    const updated = await ctx.store.alerts.updateRule(ws.id, rule.id, patch);
    await audit(ctx, 'alerts.rule.edit', rule.id, rule, updated);
    return notice(t(locale, 'rules.edited', { name: updated.name }), { severity: 'ok' });
  }
  if (a === 'remove' || a === 'delete' || a === '删除') {
    const rule = await findRule(ctx, rest[0]);
    if (rest.length > 1) throw new CommandUsageError('alerts', 'error.unexpected', { word: rest[1] as string });
    if (!(await mayEditRule(ctx, rule.metric))) return refused(ctx);
    await closeAlertsOf(ctx, rule.id);
    await ctx.store.alerts.removeRule(ws.id, rule.id);
    await audit(ctx, 'alerts.rule.remove', rule.id, rule, undefined);
    return notice(t(locale, 'rules.removed', { name: rule.name }), { severity: 'ok' });
  }
  if (a === 'on' || a === 'off' || ON.has(a) || OFF.has(a)) {
    const rule = await findRule(ctx, rest[0]);
    if (!(await mayEditRule(ctx, rule.metric))) return refused(ctx);
    if (!ON.has(a)) await closeAlertsOf(ctx, rule.id);
    await ctx.store.alerts.updateRule(ws.id, rule.id, { enabled: ON.has(a) });
    return notice(t(locale, ON.has(a) ? 'rules.enabled' : 'rules.disabledNow', { name: rule.name }), { severity: 'ok' });
  }
  throw new CommandUsageError('alerts', 'error.unknownAction', { action: action as string });
}

function audit(ctx: CommandContext, action: string, target: string, before: unknown, after: unknown) {
  return ctx.store.audit.append({ workspaceId: ctx.workspace.id, actor: ctx.member.id, action, target, before, after });
}

/**
 * A rule turned off or removed takes its open alerts with it: each is resolved by the person who did it, so
 * the posted messages update (no buttons left) and say who closed them, instead of staying open forever.
 */
async function closeAlertsOf(ctx: CommandContext, ruleId: string): Promise<void> {
  for (const alert of await ctx.store.alerts.listOpen(ctx.workspace.id, ruleId))
    await actOnAlert(ctx.store, ctx.workspace, ctx.member.id, alert.id, { kind: 'resolve' }, ctx.now);
}

/** A new rule looks at the data at once (the daily evaluation would otherwise be the first look); a failure is not the command's. */
async function evaluateNow(ctx: CommandContext): Promise<string> {
  try {
    await evaluateWorkspace(ctx.store, ctx.workspace, ctx.now);
  } catch {
    return '';
  }
  const open = (await ctx.store.alerts.listOpen(ctx.workspace.id)).length;
  return ` ${t(ctx.workspace.locale, 'alerts.openNow', { n: open })}`;
}

/** Alerts go to the channel where rules were first set up, unless one was chosen. */
async function enableAlerts(ctx: CommandContext): Promise<void> {
  const s = alertSettings(ctx.workspace);
  if (alertsEnabled(ctx.workspace) && (s.channel || !ctx.channel)) return;
  await saveSettings(ctx, { enabled: true, ...(s.channel || !ctx.channel ? {} : { channel: ctx.channel }) });
}

function channelHint(ctx: CommandContext): string {
  const channel = alertSettings(ctx.workspace).channel;
  return ` ${channel ? t(ctx.workspace.locale, 'rules.channel', { channel }) : t(ctx.workspace.locale, 'rules.noChannel')}`;
}

async function playbook(ctx: CommandContext, word: string | undefined): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
  const w = word?.toLowerCase() ?? 'on';
  const existing = (await ctx.store.alerts.listRules(ws.id)).filter((r) => r.playbookKey);
  if (OFF.has(w)) {
    for (const r of existing) {
      await closeAlertsOf(ctx, r.id);
      await ctx.store.alerts.removeRule(ws.id, r.id);
    }
    await audit(ctx, 'alerts.playbook.off', 'playbook', existing.length, undefined);
    return notice(t(locale, 'playbook.off', { n: existing.length }), { severity: 'ok' });
  }
  if (!ON.has(w)) throw new CommandUsageError('alerts', 'error.unknownAction', { action: word as string });
  const have = new Set(existing.map((r) => r.playbookKey));
  const added: AlertRule[] = [];
  for (const rule of playbookRules(ws.id, locale, ctx.member.id))
    if (!have.has(rule.playbookKey)) added.push(await ctx.store.alerts.createRule(rule));
  // The playbook's targets fill in where the workspace has none.
  const targets = { ...PLAYBOOK_TARGETS, ...targetsOf(ws) };
  await saveSettings(ctx, { enabled: true, ...(alertSettings(ws).channel || !ctx.channel ? {} : { channel: ctx.channel }) }, { targets });
  await audit(
    ctx,
    'alerts.playbook.on',
    'playbook',
    undefined,
    added.map((r) => r.playbookKey),
  );
  if (added.length === 0) return notice(t(locale, 'playbook.already') + channelHint(ctx));
  return notice(
    `${t(locale, 'playbook.on', { n: added.length, names: added.map((r) => r.name).join(locale === 'zh-CN' ? '、' : ', ') })}${channelHint(ctx)}${await evaluateNow(ctx)}`,
    { severity: 'ok' },
  );
}

async function target(ctx: CommandContext, words: string[]): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const [metricWord, op, value, ...more] = words;
  if (!metricWord || !op || value === undefined || !['<=', '>=', '≤', '≥'].includes(op))
    throw new CommandUsageError('alerts', 'error.targetNeeds');
  if (more.length) throw new CommandUsageError('alerts', 'error.unexpected', { word: more[0] as string });
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const metric = chatMetric('alerts', catalog, metricWord, locale);
  if (!(await mayEditRule(ctx, metric.key))) return refused(ctx);
  const v = ruleNumber(value, metric.unit === 'percent');
  const normalized = op === '≤' ? '<=' : op === '≥' ? '>=' : op;
  const targets = { ...targetsOf(ws), [metric.key]: { op: normalized, value: v } };
  ctx.workspace = await ctx.store.workspaces.update(ws.id, { settings: { ...ws.settings, targets } });
  await audit(ctx, 'alerts.target', metric.key, targetsOf(ws)[metric.key], targets[metric.key]);
  return notice(
    t(locale, 'alerts.targetSet', {
      metric: metric.names[locale],
      op: normalized === '<=' ? '≤' : '≥',
      value: formatValue(v, metric.unit, locale, ws.currency),
    }),
    { severity: 'ok' },
  );
}

const REACTION_ACTIONS: Record<string, AlertAction | null> = {
  ack: { kind: 'ack' },
  acknowledge: { kind: 'ack' },
  确认: { kind: 'ack' },
  snooze: { kind: 'snooze', minutes: 24 * 60 },
  暂停: { kind: 'snooze', minutes: 24 * 60 },
  resolve: { kind: 'resolve' },
  解决: { kind: 'resolve' },
  off: null,
  关闭: null,
};

/** `/alerts reaction [<emoji name> ack|snooze|resolve|off]`: what a reaction on an alert message does (admins change it). */
async function reactionCommand(ctx: CommandContext, words: string[]): Promise<View> {
  const locale = ctx.workspace.locale;
  const [emojiWord, actionWord, ...more] = words;
  const describe = (action: AlertAction) =>
    t(locale, action.kind === 'ack' ? 'alert.action.ack' : action.kind === 'resolve' ? 'alert.action.resolve' : 'alert.action.snooze1d');
  if (!emojiWord) {
    const entries = Object.entries(alertSettings(ctx.workspace).reactions).map(([name, action]) => `:${name}: → ${describe(action)}`);
    return notice(`${t(locale, 'reactions.current')} ${entries.join(' · ')}`);
  }
  if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
  const name = emojiWord.match(/^:?([A-Za-z0-9_+-]{1,64}):?$/)?.[1];
  const action = actionWord === undefined ? undefined : REACTION_ACTIONS[actionWord.toLowerCase()];
  if (!name || action === undefined || more.length)
    throw new CommandUsageError('alerts', 'error.reactionNeeds', { word: more[0] ?? actionWord ?? emojiWord });
  await saveSettings(ctx, { reactions: { ...customReactions(ctx.workspace), [name]: action } });
  await audit(ctx, 'alerts.reaction', name, undefined, action);
  return notice(action ? t(locale, 'reactions.saved', { name, action: describe(action) }) : t(locale, 'reactions.off', { name }), {
    severity: 'ok',
  });
}

/** `/alerts …`: the subcommands above; refusals and mistakes answer the caller alone. */
export async function alertsCommand(ctx: CommandContext, args: string[]): Promise<View> {
  const [first, ...rest] = args;
  const a = first?.toLowerCase();
  const locale = ctx.workspace.locale;
  if (!a || a === 'list' || a === '列表' || a === 'open') return alertsList(ctx);
  if (a === 'playbook' || a === '预设' || a === '预设规则' || a === '剧本') return playbook(ctx, rest[0]);
  if (a === 'rules' || a === '规则列表') return rulesList(ctx);
  if (a === 'rule' || a === '规则') return ruleCommand(ctx, rest[0], rest.slice(1));
  if (a === 'target' || a === '目标') return target(ctx, rest);
  if (a === 'channel' || a === '频道' || a === '群') {
    if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
    const channel = channelWord(ctx, rest[0]);
    if (!channel) throw new CommandUsageError('alerts', 'error.channelNeeds', { word: rest[0] ?? '' });
    await saveSettings(ctx, { channel });
    return notice(t(locale, 'rules.channel', { channel }), { severity: 'ok' });
  }
  if (a === 'reaction' || a === 'reactions' || a === '表情') return reactionCommand(ctx, rest);
  if (a === 'hour' || a === '时间' || a === '评估时间') {
    if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
    const hour = Number(rest[0]?.replace(/[:：]00$|点$/, ''));
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new CommandUsageError('alerts', 'error.hourNeeds', { word: rest[0] ?? '' });
    await saveSettings(ctx, { hour });
    return notice(t(locale, 'alerts.hourSet', { hour }), { severity: 'ok' });
  }
  throw new CommandUsageError('alerts', 'error.unknownAction', { action: first as string });
}
