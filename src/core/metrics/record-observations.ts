import { InputError } from '../errors.ts';
import { breachText, findValueBreach } from '../observations/check-values.ts';
import { observationKey } from '../observations/validate-observations.ts';
import { writeObservations } from '../observations/write-observations.ts';
import type { ObservationInput, UpsertSummary, WriteMeta } from '../ports/observations.ts';
import type { Store } from '../ports/store.ts';
import { knownChannel, segmentKeyFor } from '../segments/channel-aliases.ts';
import { resolveSegment } from '../segments/resolve-segment.ts';
import { isNameTooLong, MAX_NAME_LENGTH } from '../text/name-length.ts';
import { isSaneNumber } from '../text/numbers.ts';
import { isCalendarDay } from '../time/calendar-day.ts';
import { loadCatalog } from './load-catalog.ts';
import { brokenValueRule, valueRuleText } from './value-rules.ts';

/** A value as a person or a job sends it: names and aliases, not keys. */
export interface ObservationEntry {
  metric: string;
  segment?: string;
  day: string;
  value: number;
}

/**
 * The one write path of the API and of chat's `/kpi log`: resolves metric and segment names, refuses
 * derived metrics, unknown names and repeated keys (with the entry's field path), then upserts all or nothing.
 * `allowNewSegments`: a segment the workspace does not have is created (API) or refused (chat, where it is likely a typo).
 */
export async function recordObservations(
  deps: Store,
  workspaceId: string,
  entries: readonly ObservationEntry[],
  meta: WriteMeta,
  options: { allowNewSegments: boolean; fieldPrefix?: string; now?: Date },
): Promise<UpsertSummary> {
  const catalog = await loadCatalog(deps.metrics, workspaceId);
  const known = await deps.segments.list(workspaceId);
  const prefix = options.fieldPrefix ?? 'observations';
  const fresh = new Map<string, string>();
  const rows: ObservationInput[] = [];
  const seen = new Set<string>();
  const where = (i: number) => (f: string) => ({ field: `${prefix}.${i}.${f}`, line: i + 1 });
  entries.forEach((e, i) => {
    for (const f of ['metric', 'segment'] as const)
      if (isNameTooLong(e[f] ?? ''))
        throw new InputError(`${prefix}[${i}].${f}: is longer than ${MAX_NAME_LENGTH} characters`, where(i)(f));
    const metric = catalog.resolve(e.metric);
    if (!metric) throw new InputError(`${prefix}[${i}].metric: unknown metric "${e.metric}"`, where(i)('metric'));
    if (metric.kind === 'derived')
      throw new InputError(
        `${prefix}[${i}].metric: ${metric.key} is computed from ${[...catalog.baseInputs(metric.key)].join(', ')}; send those instead`,
        where(i)('metric'),
      );
    if (!isCalendarDay(e.day)) throw new InputError(`${prefix}[${i}].date: "${e.day}" is not a day (YYYY-MM-DD)`, where(i)('date'));
    if (!isSaneNumber(e.value))
      throw new InputError(`${prefix}[${i}].value: ${e.value} is not a finite number within 10^15 either side of zero`, where(i)('value'));
    const rule = brokenValueRule(metric.key, e.value);
    if (rule) throw new InputError(`${prefix}[${i}].value: ${valueRuleText(rule, metric.key)} (${e.value})`, where(i)('value'));
    let segment = '';
    if (e.segment !== undefined && e.segment.trim() !== '') {
      const found = resolveSegment(known, e.segment);
      if (found) segment = found.key;
      else if (options.allowNewSegments || knownChannel(segmentKeyFor(e.segment))) {
        segment = segmentKeyFor(e.segment);
        fresh.set(segment, knownChannel(segment)?.zh ?? e.segment.trim());
      } else
        throw new InputError(
          `${prefix}[${i}].segment: unknown segment "${e.segment}"${known.length ? `; known: ${known.map((s) => s.name).join(', ')}` : ''}`,
          where(i)('segment'),
        );
    }
    const row = { metric: metric.key, segment, day: e.day, value: e.value };
    const k = observationKey(row);
    if (seen.has(k)) throw new InputError(`${prefix}[${i}]: ${metric.key} for "${segment}" on ${e.day} is sent twice`, where(i)('metric'));
    seen.add(k);
    rows.push(row);
  });
  if (fresh.size)
    await deps.segments.ensure(
      workspaceId,
      [...fresh].map(([key, name]) => ({ key, name })),
    );
  const breach = await findValueBreach(deps.observations, workspaceId, rows);
  if (breach) throw new InputError(`${prefix}[${breach.index}].value: ${breachText(breach)}`, where(breach.index)('value'));
  return writeObservations(deps, workspaceId, rows, meta, options.now ?? new Date());
}
