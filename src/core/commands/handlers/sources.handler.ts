import { GrowthbeatError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { sourceHealth } from '../../sources/source-health.ts';
import { sourceRunner } from '../../sources/source-runner.ts';
import { staleSourceLines } from '../../sources/stale-text.ts';
import { formatMoment } from '../../time/zoned-today.ts';
import { notice, problem, refusal } from '../../views/notice.ts';
import { code } from '../../views/rich-text.ts';
import type { View } from '../../views/view.ts';
import type { CommandContext } from '../command-context.ts';

/**
 * `/growth sources` (admins): every data source with its last success, last error, next run and state, and a
 * warning per source whose data is stale. `/growth sources run <name>` runs one now, as `growthbeat sources run`.
 */
export async function growthSources(ctx: CommandContext, input: { run?: string }): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  if (ctx.member.role !== 'admin') return refusal(t(locale, 'sources.adminOnly'));
  // Statuses need no GROWTHBEAT_SECRET_KEY: the list shows even where a run could not open the connection.
  const sources = await ctx.store.sources.statuses(ws.id);
  if (input.run !== undefined) {
    const wanted = input.run.toLowerCase();
    const source = sources.find((s) => s.name.toLowerCase() === wanted);
    if (!source) return problem(t(locale, 'sources.unknown', { name: input.run, known: sources.map((s) => s.name).join(', ') || '—' }));
    const runner = sourceRunner();
    if (!runner) return problem(t(locale, 'sources.unavailable'));
    try {
      const s = await runner(ctx.store, ws, source.name, { actor: ctx.member.id, trigger: 'manual', now: ctx.now });
      const text = s.notModified
        ? t(locale, 'sources.notModified', { source: s.source })
        : t(locale, 'sources.ran', {
            source: s.source,
            since: s.since,
            rows: s.rowsRead,
            inserted: s.inserted,
            updated: s.updated,
            unchanged: s.unchanged,
          });
      return notice(text, { severity: 'ok' });
    } catch (error) {
      // The run is recorded (and announced to the admins once); the person who asked is told why.
      if (!(error instanceof GrowthbeatError)) throw error;
      return problem(t(locale, 'sources.runFailed', { source: source.name, error: code((error as Error).message.slice(0, 300)) }));
    }
  }
  const title = t(locale, 'sources.header', { n: sources.length });
  if (sources.length === 0)
    return {
      fallback: title,
      ephemeral: true,
      elements: [
        { type: 'header', text: title },
        { type: 'text', text: t(locale, 'sources.none') },
      ],
    };
  const when = (d: Date | undefined) => (d ? formatMoment(d, ws.timezone, locale) : t(locale, 'sources.never'));
  const rows = sources.map((s) => ({ ...s, ...sourceHealth(s, ctx.now) }));
  const stale = staleSourceLines(sources, ws, ctx.now);
  return {
    fallback: title,
    ephemeral: true,
    elements: [
      { type: 'header', text: title },
      {
        type: 'table',
        columns: [
          { label: t(locale, 'col.source') },
          { label: t(locale, 'col.kind'), align: 'left' },
          { label: t(locale, 'col.lastSuccess'), align: 'left' },
          { label: t(locale, 'col.lastError'), align: 'left' },
          { label: t(locale, 'col.nextRun'), align: 'left' },
          { label: t(locale, 'col.state'), align: 'left' },
        ],
        rows: rows.map((r) => [
          r.name,
          r.kind,
          when(r.lastSuccessAt),
          r.lastError ? `${when(r.lastErrorAt)} ${r.lastError.slice(0, 80)}` : '—',
          r.schedule ? when(r.nextRunAt) : t(locale, 'sources.manual'),
          t(locale, `sources.state.${r.state}`),
        ]),
      },
      ...stale.map((text) => ({ type: 'text' as const, text: `⚠️ ${text}` })),
    ],
  };
}
