import { formatValue } from '../../format/format-value.ts';
import { t } from '../../i18n/messages.ts';
import { deleteObservations } from '../../metrics/delete-observations.ts';
import { loadCatalog } from '../../metrics/load-catalog.ts';
import type { MetricCatalog } from '../../metrics/metric-catalog.ts';
import { writeObservations } from '../../observations/write-observations.ts';
import type { AuditRecord } from '../../ports/audit.ts';
import type { ObservationInput } from '../../ports/observations.ts';
import { segmentName } from '../../segments/resolve-segment.ts';
import { dayInZone } from '../../time/zoned-today.ts';
import { mention } from '../../views/mention.ts';
import { notice, refusal } from '../../views/notice.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';
import { chatBaseMetric, chatPeriod, chatSegment } from '../resolve-words.ts';
import { periodText } from './period-text.ts';

/** How far back /kpi undo reaches. */
export const UNDO_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The audit actions /kpi undo can take back; `kpi.undo` entries name the entry they took back. */
const UNDOABLE = ['kpi.log', 'observations.delete'];
/** What undo and delete write carry as their source reference, so an undo is never itself undone as a change. */
const UNDO_REF = 'undo';

/**
 * `/kpi delete <metric> [channel] <day|period>` (admins or the metric's owner): removes the stored values through
 * the one delete path (audited with their old values; alerts re-evaluated), answering with what went.
 */
export async function kpiDelete(ctx: CommandContext, input: { metric: string; segment?: string; period: string }): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const metric = chatBaseMetric('kpi', catalog, input.metric, locale);
  const owner = (await ctx.store.metrics.owners(ws.id)).find((o) => o.key === metric.key)?.memberId;
  if (ctx.member.role !== 'admin' && owner !== ctx.member.id)
    return refusal(t(locale, 'kpi.deleteNotAllowed', { metric: metric.names[locale] }));
  const period = chatPeriod('kpi', input.period, input.period, dayInZone(ctx.now, ws.timezone));
  const segment = input.segment ? chatSegment('kpi', await ctx.store.segments.list(ws.id), input.segment, locale) : undefined;
  const removed = await deleteObservations(
    ctx.store,
    ws.id,
    { metrics: [metric.key], segments: [segment?.key ?? ''], from: period.from, to: period.to },
    {
      source: 'chat',
      sourceRef: `/kpi delete ${input.metric} ${input.segment ?? ''} ${input.period}`.replace(/\s+/g, ' ').trim(),
      actor: ctx.member.id,
    },
    ctx.now,
  );
  const params = {
    metric: metric.names[locale],
    segment: segment ? ` · ${segmentName(segment, locale)}` : '',
    period: period.from === period.to ? period.from : periodText(period, locale),
  };
  if (removed.length === 0) return notice(t(locale, 'kpi.nothingToDelete', params));
  const old =
    removed.length === 1
      ? t(locale, 'kpi.deletedWas', { value: formatValue(removed[0]?.value ?? null, metric.unit, locale, ws.currency) })
      : '';
  return notice(t(locale, 'kpi.deleted', { ...params, n: removed.length, old }), { severity: 'ok', shared: true });
}

interface LogEntry {
  before?: { value: number | null };
  after?: { value: number };
}

/**
 * `/kpi undo`: takes back the caller's own last /kpi log or /kpi delete of the last 24 hours (each undo goes one
 * change further back). A value someone changed since is left alone, and the answer says so: an undo must not
 * overwrite a newer number.
 */
export async function kpiUndo(ctx: CommandContext): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const entries = await ctx.store.audit.list(ws.id, {
    actor: ctx.member.id,
    actions: [...UNDOABLE, 'kpi.undo'],
    since: new Date(ctx.now.getTime() - UNDO_WINDOW_MS),
    limit: 500,
  });
  const undone = new Set(entries.filter((e) => e.action === 'kpi.undo').map((e) => e.target));
  const last = entries.find((e) => UNDOABLE.includes(e.action) && e.target !== UNDO_REF && !undone.has(String(e.id)));
  if (!last) return notice(t(locale, 'kpi.undoNothing'));
  const catalog = await loadCatalog(ctx.store.metrics, ws);
  const view = last.action === 'kpi.log' ? await undoLog(ctx, catalog, last) : await undoDelete(ctx, last);
  if (view.severity === 'ok')
    await ctx.store.audit.append({
      workspaceId: ws.id,
      actor: ctx.member.id,
      action: 'kpi.undo',
      target: String(last.id),
      before: last.after,
      after: last.before,
    });
  return view;
}

/** Who wrote a value: a member as a mention, else the writer's name (`cli`, `api:gb_ab12`). */
async function who(ctx: CommandContext, updatedBy: string | undefined): Promise<string> {
  if (!updatedBy) return '—';
  const member = await ctx.store.members.get(ctx.workspace.id, updatedBy);
  return member ? mention(member.externalUserId) : updatedBy;
}

const meta = (ctx: CommandContext) => ({ source: 'chat', sourceRef: UNDO_REF, actor: ctx.member.id });

async function current(ctx: CommandContext, key: { metric: string; segment: string; day: string }) {
  const [row] = await ctx.store.observations.query(ctx.workspace.id, {
    metrics: [key.metric],
    segments: [key.segment],
    from: key.day,
    to: key.day,
  });
  return row;
}

async function undoLog(ctx: CommandContext, catalog: MetricCatalog, entry: AuditRecord): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const [metricKey = '', segment = '', day = ''] = (entry.target ?? '').split('/');
  const { before, after } = entry as LogEntry;
  const metric = catalog.get(metricKey);
  const fmt = (v: number) => formatValue(v, metric?.unit ?? 'count', locale, ws.currency);
  const key = { metric: metricKey, segment, day };
  const params = {
    metric: metric?.names[locale] ?? metricKey,
    segment: segment ? ` · ${segmentName(segment, locale)}` : '',
    day,
  };
  const now = await current(ctx, key);
  if (now?.value !== after?.value)
    return refusal(t(locale, 'kpi.undoChanged', { what: `${params.metric}${params.segment} ${day}`, by: await who(ctx, now?.updatedBy) }));
  if (before?.value === null || before?.value === undefined) {
    await deleteObservations(ctx.store, ws.id, { metrics: [metricKey], segments: [segment], from: day, to: day }, meta(ctx), ctx.now);
    return notice(t(locale, 'kpi.undoneNew', { ...params, value: fmt(after?.value ?? 0) }), { severity: 'ok', shared: true });
  }
  await writeObservations(ctx.store, ws.id, [{ ...key, value: before.value }], meta(ctx), ctx.now);
  return notice(t(locale, 'kpi.undoneLog', { ...params, value: fmt(before.value) }), { severity: 'ok', shared: true });
}

async function undoDelete(ctx: CommandContext, entry: AuditRecord): Promise<View> {
  const locale = ctx.workspace.locale;
  const before = entry.before as { rows?: ObservationInput[]; count?: number } | undefined;
  if (!before?.rows) return refusal(t(locale, 'kpi.undoTooLarge', { n: before?.count ?? 0 }));
  // Values someone wrote again since the delete are theirs: refuse rather than overwrite them.
  for (const row of before.rows) {
    const now = await current(ctx, row);
    if (now)
      return refusal(
        t(locale, 'kpi.undoChanged', {
          what: `${row.metric} ${row.segment} ${row.day}`.replace(/\s+/g, ' '),
          by: await who(ctx, now.updatedBy),
        }),
      );
  }
  await writeObservations(ctx.store, ctx.workspace.id, before.rows, meta(ctx), ctx.now);
  return notice(t(locale, 'kpi.undoneDelete', { n: before.rows.length }), { severity: 'ok', shared: true });
}
