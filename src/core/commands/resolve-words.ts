import { InputError } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { MetricDefinition } from '../metrics/metric-definition.ts';
import type { Segment } from '../ports/catalog.ts';
import { resolveSegment } from '../segments/resolve-segment.ts';
import { closestNames } from '../text/closest-names.ts';
import { isNameTooLong, MAX_NAME_LENGTH } from '../text/name-length.ts';
import { normaliseName } from '../text/normalise-name.ts';
import { type CommandName, CommandUsageError } from '../text/usage-error.ts';
import { type Period, parsePeriod } from '../time/period.ts';

/** Period words in chat: a mistake becomes a usage answer in the workspace's language. */
export function chatPeriod(command: CommandName, text: string | undefined, fallback: string, today: string): Period {
  try {
    return parsePeriod(text ?? fallback, today);
  } catch (error) {
    if (error instanceof InputError) throw new CommandUsageError(command, 'error.badPeriod', { text: text ?? fallback });
    throw error;
  }
}

/** A name over MAX_NAME_LENGTH can name nothing: a usage answer quoting its start, not all of it. */
export function refuseLongName(command: CommandName, name: string): void {
  if (isNameTooLong(name))
    throw new CommandUsageError(command, 'error.nameTooLong', { start: name.trim().slice(0, 30), max: MAX_NAME_LENGTH });
}

export function chatMetric(command: CommandName, catalog: MetricCatalog, name: string, locale: Locale): MetricDefinition {
  refuseLongName(command, name);
  const metric = catalog.resolve(name);
  if (metric) return metric;
  const aliases = catalog.list().flatMap((m) => [m.key, m.names[locale]]);
  // Keys and names of one metric are one suggestion, shown by its name in the reader's language.
  const close = [...new Set(closestNames(normaliseName(name), aliases, 6).map((n) => catalog.resolve(n)?.names[locale] ?? n))].slice(0, 3);
  throw new CommandUsageError(command, 'error.unknownMetric', {
    name,
    suggest: close.length ? t(locale, 'error.didYouMean', { names: close.join(', ') }) : '',
  });
}

/** A metric values are stored for: a derived one (ROI, CAC …) is refused naming what it is computed from. */
export function chatBaseMetric(command: CommandName, catalog: MetricCatalog, name: string, locale: Locale): MetricDefinition {
  const metric = chatMetric(command, catalog, name, locale);
  if (metric.kind === 'derived')
    throw new CommandUsageError(command, 'error.derivedMetric', {
      metric: metric.names[locale],
      inputs: [...catalog.baseInputs(metric.key)].join(', '),
    });
  return metric;
}

export function chatSegment(command: CommandName, segments: readonly Segment[], typed: string, locale: Locale): Segment {
  refuseLongName(command, typed);
  const found = resolveSegment(segments, typed);
  if (found) return found;
  // A brand-new workspace (the README's "Try it" asks /roi 抖音 before any value is in): say how channels come.
  if (segments.length === 0) throw new CommandUsageError(command, 'error.noChannelsYet', { name: typed });
  throw new CommandUsageError(command, 'error.unknownSegment', {
    name: typed,
    known: segments.map((s) => s.name).join(locale === 'zh-CN' ? '、' : ', '),
  });
}
