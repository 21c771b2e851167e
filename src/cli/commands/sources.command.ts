import type { Source, SourceSpec } from '../../core/ports/sources.ts';
import { type SourceListing, sourceListing } from '../../core/sources/source-listing.ts';
import type { SourceRunSummary } from '../../core/sources/source-runner.ts';
import { syncSourcesScheduled } from '../../core/sources/sources-scheduled.ts';
import { runSource } from '../../ingest/sources/run-source.ts';
import { nextRunAfter } from '../../ingest/sources/source-schedule.ts';
import { type CliContext, pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand, CliIo } from '../command.ts';
import { textTable } from '../table-text.ts';
import { specFromOptions } from './source-spec.ts';

const ACTIONS = ['add', 'list', 'test', 'run', 'runs', 'edit', 'remove'] as const;
type Action = (typeof ACTIONS)[number];

const at = (d: Date | undefined) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')}Z` : '-');

function listText(rows: SourceListing[]): string {
  if (rows.length === 0)
    return 'no data sources yet: growthbeat sources add <name> --kind postgres --url … --query-file q.sql --mapping m.json\n';
  return textTable(
    ['name', 'kind', 'connection', 'schedule', 'last success', 'last error', 'next run', 'state'],
    rows.map((r) => [
      r.name,
      r.kind,
      r.connection,
      r.schedule ?? 'by hand',
      at(r.lastSuccessAt),
      r.lastError ? `${at(r.lastErrorAt)} ${r.lastError.slice(0, 60)}` : '-',
      at(r.nextRunAt),
      r.stale ? `${r.state}, stale since ${at(r.staleSince)}` : r.state,
    ]),
  );
}

function runText(s: SourceRunSummary): string {
  if (s.notModified) return `${s.source}: not changed since the last run (HTTP 304); nothing to import\n`;
  const would = s.dryRun ? 'would ' : '';
  const preview = s.preview?.length
    ? `${textTable(
        ['day', 'metric', 'segment', 'value'],
        s.preview.map((r) => [r.day, r.metric, r.segment || '(whole product)', String(r.value)]),
      )}${s.observations > s.preview.length ? `  … and ${s.observations - s.preview.length} more\n` : ''}`
    : '';
  return (
    `${s.source} (since ${s.since}): ${s.rowsRead} rows read → ${s.observations} observations` +
    `${s.metrics.length ? ` (${s.metrics.join(', ')}; ${s.from} … ${s.to})` : ''}\n` +
    `  ${would}insert ${s.inserted}, ${would}update ${s.updated}, unchanged ${s.unchanged}${s.dryRun ? '\n  dry run: nothing was written' : ''}\n${preview}`
  );
}

async function withNextRun(
  ctx: CliContext,
  workspaceId: string,
  timezone: string,
  source: Source | undefined,
): Promise<Source | undefined> {
  if (!source) return undefined;
  const nextRunAt = source.schedule ? (nextRunAfter(source.schedule, timezone, new Date()) ?? null) : null;
  return ctx.store.sources.update(workspaceId, source.name, { nextRunAt });
}

async function act(action: Action, name: string | undefined, values: Record<string, unknown>, io: CliIo, ctx: CliContext): Promise<number> {
  const ws = await pickWorkspace(ctx, values.workspace as string | undefined, action === 'add');
  const print = (json: unknown, text: string) => io.out(values.json ? `${JSON.stringify(json)}\n` : text);
  if (action === 'list') {
    const rows = (await ctx.store.sources.list(ws.id)).map((s) => sourceListing(s, new Date()));
    print(rows, listText(rows));
    return 0;
  }
  if (action === 'add') {
    const spec = specFromOptions(values, name as string) as SourceSpec;
    const created = await withNextRun(ctx, ws.id, ws.timezone, await ctx.store.sources.create(ws.id, spec, 'cli'));
    await ctx.store.audit.append({ workspaceId: ws.id, actor: 'cli', action: 'source.add', target: spec.name, after: { kind: spec.kind } });
    await syncSourcesScheduled(ctx.store, ws.id);
    const listing = sourceListing(created as Source, new Date());
    print(listing, `added ${listing.name} (${listing.kind}, ${listing.connection}); try it: growthbeat sources test ${listing.name}\n`);
    return 0;
  }
  const source = await ctx.store.sources.get(ws.id, name as string);
  if (!source) {
    const known = (await ctx.store.sources.list(ws.id)).map((s) => s.name);
    io.err(`growthbeat sources: no source "${name}" in workspace ${ws.name}; there are: ${known.join(', ') || 'none'}\n`);
    return 1;
  }
  if (action === 'edit') {
    const patch = specFromOptions(values, source.name, source);
    const edited = await withNextRun(ctx, ws.id, ws.timezone, await ctx.store.sources.update(ws.id, source.name, patch));
    await ctx.store.audit.append({
      workspaceId: ws.id,
      actor: 'cli',
      action: 'source.edit',
      target: source.name,
      after: { changed: Object.keys(patch) },
    });
    const listing = sourceListing(edited as Source, new Date());
    print(listing, `edited ${listing.name}: ${Object.keys(patch).join(', ') || 'nothing'} changed\n`);
    return 0;
  }
  if (action === 'runs') {
    const runs = await ctx.store.sources.runs(ws.id, source.id, 20);
    const seconds = (r: (typeof runs)[number]) =>
      r.finishedAt ? ((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1) : '-';
    print(
      runs.map((r) => ({ ...r, durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : undefined })),
      textTable(
        ['started', 'trigger', 'since', 'seconds', 'rows', 'inserted', 'updated', 'unchanged', 'error'],
        runs.map((r) => [
          at(r.startedAt),
          r.trigger,
          r.since ?? '-',
          seconds(r),
          String(r.rowsRead),
          String(r.inserted),
          String(r.updated),
          String(r.unchanged),
          r.error?.slice(0, 80) ?? '-',
        ]),
      ),
    );
    return 0;
  }
  if (action === 'remove') {
    await ctx.store.sources.remove(ws.id, source.name);
    await ctx.store.audit.append({ workspaceId: ws.id, actor: 'cli', action: 'source.remove', target: source.name });
    await syncSourcesScheduled(ctx.store, ws.id);
    print({ removed: source.name }, `removed ${source.name} (its data stays; its runs are forgotten)\n`);
    return 0;
  }
  const summary = await runSource(
    ctx.store,
    ws,
    source,
    {
      actor: 'cli',
      trigger: action === 'test' ? 'test' : 'manual',
      since: values.since as string | undefined,
      dryRun: action === 'test',
      now: new Date(),
    },
    { env: ctx.env, limits: ctx.sourceLimits },
  );
  print(summary, runText(summary));
  return 0;
}

export const sourcesCommand: CliCommand = {
  name: 'sources',
  summary:
    'Data sources Growthbeat pulls on a schedule: a PostgreSQL, MySQL/MariaDB or ClickHouse query, or a CSV link, mapped like `growthbeat import`. Connections and headers are stored encrypted (GROWTHBEAT_SECRET_KEY) and never printed.',
  usage:
    'growthbeat sources add <name> --kind <kind> --url <url|env:NAME> [--query-file <file>] [--mapping <file>] [--schedule <cron>] | list | test <name> | run <name> [--since <day>] | runs <name> | edit <name> [options] | remove <name>  [--workspace <id>] [--json]',
  examples: [
    'growthbeat sources add warehouse --kind postgres --url env:WAREHOUSE_URL --query-file daily.sql --mapping daily.mapping.json --schedule "0 * * * *"',
    'growthbeat sources add ad-sheet --kind csv-url --url "https://docs.google.com/spreadsheets/d/…/export?format=csv" --schedule "30 8 * * *"',
    'growthbeat sources test warehouse',
    'growthbeat sources run warehouse --since 2026-01-01',
  ],
  options: {
    kind: { type: 'string', description: 'postgres, mysql, clickhouse or csv-url', placeholder: 'kind' },
    url: { type: 'string', description: 'connection URL, or env:NAME to read it from the environment at run time', placeholder: 'url' },
    header: {
      type: 'string',
      multiple: true,
      description: 'HTTP header "Name: value" (csv-url, clickhouse); repeatable',
      placeholder: 'h',
    },
    query: { type: 'string', description: 'the SQL query; {{since}} stands for the first day to read', placeholder: 'sql' },
    'query-file': { type: 'string', description: 'a file holding the SQL query', placeholder: 'file' },
    mapping: { type: 'string', description: 'mapping JSON file, as for growthbeat import', placeholder: 'file' },
    schedule: {
      type: 'string',
      description: 'cron in the workspace timezone, e.g. "0 * * * *"; none runs by hand only',
      placeholder: 'cron',
    },
    lookback: { type: 'string', description: 'days read again on every run, for late corrections (default 7)', placeholder: 'days' },
    rename: { type: 'string', description: 'edit: a new name', placeholder: 'name' },
    since: {
      type: 'string',
      description: 'run/test: read from this day (a backfill) instead of the last lookback days',
      placeholder: 'day',
    },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [action, name, ...extra] = positionals;
    if (!ACTIONS.includes(action as Action) || (action !== 'list' && !name) || extra.length || (action === 'list' && name)) {
      io.err(
        `growthbeat sources: say add <name>, list, test <name>, run <name>, runs <name>, edit <name> or remove <name>\nUsage: ${this.usage}\n`,
      );
      return 2;
    }
    return withContext(io, (ctx) => act(action as Action, name, values, io, ctx));
  },
};
