import { ruleSignature } from '../../alerts/rule-signature.ts';
import { DuplicateRuleError } from '../../errors.ts';
// `/alerts`: open alerts with their buttons; the playbook; rules (add, edit, remove, list); where alerts go;
// metric targets. Thin: it reads the words and calls the alert use cases (alerts/manage-rules.ts), which save each
// change with its audit entry and messages. Anyone may look and act on alerts; changing rules needs an admin
// or the metric's owner.

import type { AlertAction } from '../../alerts/alert-lifecycle.ts';
import { alertSettings, targetsOf } from '../../alerts/alert-settings.ts';
import { backtestText, backtestWorkspaceRule, segmentNamer } from '../../alerts/backtest.ts';
import { setAlertChannel, setEvaluationHour, setReaction, setTarget } from '../../alerts/change-alert-settings.ts';
import { describeCondition } from '../../alerts/describe-rule.ts';
import { evaluateWorkspace } from '../../alerts/evaluate-rules.ts';
import {
  addRule,
  disablePlaybook,
  editRule,
  enablePlaybook,
  type RuleChanger,
  removeRule,
  setRuleEnabled,
} from '../../alerts/manage-rules.ts';
import { openAlertsView } from '../../alerts/open-alerts-view.ts';
import { ruleNumber } from '../../alerts/rule-grammar.ts';
import { rulesView } from '../../alerts/rules-view.ts';
import { formatValue } from '../../format/format-value.ts';
import { type MessageKey, t } from '../../i18n/messages.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import type { AlertRule, NewAlertRule } from '../../ports/alerts.ts';
import { channelId } from '../../text/mentions.ts';
import { CommandUsageError } from '../../text/usage-error.ts';
import { notice, refusal } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { chatMetric } from '../resolve-words.ts';
import { ruleFromSpec } from './alert-rule-spec.ts';

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

/** The caller as the rule use cases name them: audit actor, resolver of closed alerts, the conversation. */
function changer(ctx: CommandContext): RuleChanger {
  return { store: ctx.store, workspace: ctx.workspace, memberId: ctx.member.id, now: ctx.now, channel: ctx.channel };
}

/** `here` → the channel the command came from; else a channel as the digest reads it (`<#C123|general>` → C123). */
function channelWord(ctx: CommandContext, word: string | undefined): string | undefined {
  if (!word || ['here', 'this', '这里', '本群', '当前'].includes(word.toLowerCase())) return ctx.channel;
  return channelId(word);
}

/** Runs a rule change; a rule the workspace has already (added a moment ago by someone else) becomes the refusal naming it. */
async function refuseDuplicate<T>(ctx: CommandContext, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof DuplicateRuleError) throw await duplicateOf(ctx, error.signature);
    throw error;
  }
}

/** The refusal of a rule the workspace has already, naming it (its number in /alerts rules). */
async function duplicateOf(ctx: CommandContext, signature: string): Promise<CommandUsageError> {
  const rules = await ctx.store.alerts.listRules(ctx.workspace.id);
  const same = rules.findIndex((r) => ruleSignature(r) === signature);
  return new CommandUsageError('alerts', 'error.duplicateRule', { n: same + 1, name: (rules[same] as AlertRule | undefined)?.name ?? '' });
}

async function findRule(ctx: CommandContext, word: string | undefined): Promise<AlertRule> {
  const rules = await ctx.store.alerts.listRules(ctx.workspace.id);
  const n = word?.match(/^#?(\d+)$/)?.[1];
  const found = n ? rules[Number(n) - 1] : rules.find((r) => r.name === word || r.id === word);
  if (!found) throw new CommandUsageError('alerts', 'error.ruleNotFound', { word: word ?? '' });
  return found;
}

async function ruleCommand(ctx: CommandContext, action: string | undefined, rest: string[]): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const a = action?.toLowerCase();
  if (!a || a === 'list' || a === '列表') return rulesView(ctx.store, ws);
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  if (a === 'add' || a === '添加' || a === '新增') {
    const patch = await ruleFromSpec(ctx, rest, catalog, undefined, (key) => mayEditRule(ctx, key));
    if (!patch) return refused(ctx);
    const metricKey = patch.metric as string;
    // The same condition on the same metric and scope twice would alert twice: refuse, naming the rule there is.
    // The database holds each signature once, so two people adding it at the same moment get one rule and one refusal.
    const signature = ruleSignature({
      metric: metricKey,
      scope: patch.scope ?? 'total',
      segment: patch.segment,
      params: patch.params as AlertRule['params'],
    });
    if ((await ctx.store.alerts.listRules(ws.id)).some((r) => ruleSignature(r) === signature)) throw await duplicateOf(ctx, signature);
    const metric = catalog.get(metricKey);
    const name = `${metric?.names[locale] ?? t(locale, 'rules.anyMetric')} · ${describeCondition(patch as AlertRule, metric, locale, targetsOf(ws), ws.currency)}`;
    const { rule, workspace } = await refuseDuplicate(ctx, () =>
      addRule(changer(ctx), {
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
      }),
    );
    ctx.workspace = workspace;
    const n = (await ctx.store.alerts.listRules(ws.id)).length;
    // How often it would have fired on this workspace's last 90 days, so a noisy rule is caught before it pings anyone.
    const backtest = backtestText(
      await backtestWorkspaceRule(ctx.store, workspace, rule, ctx.now),
      locale,
      await segmentNamer(ctx.store, workspace),
    );
    return notice(`${t(locale, 'rules.added', { n, name: rule.name })}\n${backtest}${channelHint(ctx)}${await evaluateNow(ctx)}`, {
      severity: 'ok',
    });
  }
  if (a === 'edit' || a === '修改' || a === '编辑') {
    const [which, ...words] = rest;
    const rule = await findRule(ctx, which);
    if (!(await mayEditRule(ctx, rule.metric))) return refused(ctx);
    if (words.length === 0) throw new CommandUsageError('alerts', 'error.ruleOption', { word: '' });
    const patch = await ruleFromSpec(ctx, words, catalog, rule, async () => true);
    if (!patch) return refused(ctx);
    const updated = await refuseDuplicate(ctx, () => editRule(changer(ctx), rule, patch));
    return notice(t(locale, 'rules.edited', { name: updated.name }), { severity: 'ok' });
  }
  if (a === 'remove' || a === 'delete' || a === '删除') {
    const rule = await findRule(ctx, rest[0]);
    if (rest.length > 1) throw new CommandUsageError('alerts', 'error.unexpected', { word: rest[1] as string });
    if (!(await mayEditRule(ctx, rule.metric))) return refused(ctx);
    await removeRule(changer(ctx), rule);
    return notice(t(locale, 'rules.removed', { name: rule.name }), { severity: 'ok' });
  }
  if (a === 'on' || a === 'off' || ON.has(a) || OFF.has(a)) {
    const rule = await findRule(ctx, rest[0]);
    if (!(await mayEditRule(ctx, rule.metric))) return refused(ctx);
    await setRuleEnabled(changer(ctx), rule, ON.has(a));
    return notice(t(locale, ON.has(a) ? 'rules.enabled' : 'rules.disabledNow', { name: rule.name }), { severity: 'ok' });
  }
  throw new CommandUsageError('alerts', 'error.unknownAction', { action: action as string });
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

function channelHint(ctx: CommandContext): string {
  const channel = alertSettings(ctx.workspace).channel;
  return ` ${channel ? t(ctx.workspace.locale, 'rules.channel', { channel }) : t(ctx.workspace.locale, 'rules.noChannel')}`;
}

async function playbook(ctx: CommandContext, word: string | undefined): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
  const w = word?.toLowerCase() ?? 'on';
  if (OFF.has(w)) return notice(t(locale, 'playbook.off', { n: await disablePlaybook(changer(ctx)) }), { severity: 'ok' });
  if (!ON.has(w)) throw new CommandUsageError('alerts', 'error.unknownAction', { action: word as string });
  const { added, workspace } = await enablePlaybook(changer(ctx), locale);
  ctx.workspace = workspace;
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
  const normalized = op === '≤' || op === '<=' ? '<=' : '>=';
  ctx.workspace = await setTarget(changer(ctx), metric.key, { op: normalized, value: v });
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
  ctx.workspace = await setReaction(changer(ctx), name, action);
  return notice(action ? t(locale, 'reactions.saved', { name, action: describe(action) }) : t(locale, 'reactions.off', { name }), {
    severity: 'ok',
  });
}

/** `/alerts …`: the subcommands above; refusals and mistakes answer the caller alone. */
export async function alertsCommand(ctx: CommandContext, args: string[]): Promise<View> {
  const [first, ...rest] = args;
  const a = first?.toLowerCase();
  const locale = ctx.workspace.locale;
  if (!a || a === 'list' || a === '列表' || a === 'open') return openAlertsView(ctx.store, ctx.workspace);
  if (a === 'playbook' || a === '预设' || a === '预设规则' || a === '剧本') return playbook(ctx, rest[0]);
  if (a === 'rules' || a === '规则列表') return rulesView(ctx.store, ctx.workspace);
  if (a === 'rule' || a === '规则') return ruleCommand(ctx, rest[0], rest.slice(1));
  if (a === 'target' || a === '目标') return target(ctx, rest);
  if (a === 'channel' || a === '频道' || a === '群') {
    if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
    const channel = channelWord(ctx, rest[0]);
    if (!channel) throw new CommandUsageError('alerts', 'error.channelNeeds', { word: rest[0] ?? '' });
    ctx.workspace = await setAlertChannel(changer(ctx), channel);
    return notice(t(locale, 'rules.channel', { channel }), { severity: 'ok' });
  }
  if (a === 'reaction' || a === 'reactions' || a === '表情') return reactionCommand(ctx, rest);
  if (a === 'hour' || a === '时间' || a === '评估时间') {
    if (ctx.member.role !== 'admin') return refused(ctx, 'error.notAdmin');
    const hour = Number(rest[0]?.replace(/[:：]00$|点$/, ''));
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new CommandUsageError('alerts', 'error.hourNeeds', { word: rest[0] ?? '' });
    ctx.workspace = await setEvaluationHour(changer(ctx), hour);
    return notice(t(locale, 'alerts.hourSet', { hour }), { severity: 'ok' });
  }
  throw new CommandUsageError('alerts', 'error.unknownAction', { action: first as string });
}
