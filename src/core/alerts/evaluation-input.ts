// What rules are evaluated on: one read of every input the rules need, far enough back for each rule type
// (an anomaly rule compares a holiday with last year's), with the workspace's calendar and small-channel share.
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import { metricSettings } from '../metrics/metric-settings.ts';
import { ObservationIndex } from '../metrics/observation-index.ts';
import type { AlertRule } from '../ports/alerts.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { addDays } from '../time/day-math.ts';
import { calendarSettings, HolidayCalendar } from '../time/holiday-calendar.ts';
import { targetsOf } from './alert-settings.ts';
import { ANOMALY_LOOKBACK_DAYS } from './evaluate-anomaly.ts';
import { type EvaluationInput, LOOKBACK_DAYS } from './evaluate-rule.ts';

/** The workspace's calendar: its holiday region (China mainland unless set) and shopping peaks. */
export function workspaceCalendar(workspace: Pick<Workspace, 'settings'>): HolidayCalendar {
  return new HolidayCalendar(calendarSettings(workspace.settings));
}

/** The evaluation input for `rules` on `day`, reaching `extraDays` further back (a backtest's 90 days). */
export async function evaluationInput(
  store: Pick<Store, 'observations'>,
  workspace: Workspace,
  catalog: MetricCatalog,
  rules: readonly AlertRule[],
  day: string,
  extraDays = 0,
): Promise<EvaluationInput> {
  const inputs = new Set<string>();
  for (const r of rules) {
    if (r.metric === '*') for (const m of catalog.list()) if (m.kind === 'base') inputs.add(m.key);
    for (const m of catalog.baseInputs(r.metric)) inputs.add(m);
  }
  const lookback = rules.some((r) => r.params.type === 'anomaly') ? ANOMALY_LOOKBACK_DAYS : LOOKBACK_DAYS;
  const rows = await store.observations.query(workspace.id, { metrics: [...inputs], from: addDays(day, -(lookback + extraDays)), to: day });
  return {
    catalog,
    index: new ObservationIndex(rows),
    day,
    targets: targetsOf(workspace),
    calendar: workspaceCalendar(workspace),
    minShare: metricSettings(workspace).minSpendShare,
    series: new Map(),
  };
}
