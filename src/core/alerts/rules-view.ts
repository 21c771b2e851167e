// `/alerts rules`: the workspace's rules as a table (a pure read; changing them is manage-rules.ts).
import { t } from '../i18n/messages.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { MetricCatalog } from '../metrics/metric-catalog.ts';
import type { AlertRule } from '../ports/alerts.ts';
import type { Store } from '../ports/store.ts';
import type { Workspace } from '../ports/workspace.ts';
import { segmentName } from '../segments/resolve-segment.ts';
import { notice } from '../views/notice.ts';
import type { View } from '../views/view.ts';
import { alertSettings, targetsOf } from './alert-settings.ts';
import { describeCondition } from './describe-rule.ts';

function ruleRow(rule: AlertRule, i: number, catalog: MetricCatalog, ws: Workspace, segments: Map<string, string>): string[] {
  const locale = ws.locale;
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
    describeCondition(rule, metric, locale, targetsOf(ws), ws.currency),
    rule.note ?? '',
  ];
}

/** `/alerts rules`: every rule with its metric, scope, condition and note, and where alerts go. */
export async function rulesView(store: Store, ws: Workspace): Promise<View> {
  const locale = ws.locale;
  const rules = await store.alerts.listRules(ws.id);
  if (rules.length === 0) return notice(t(locale, 'rules.none'));
  const catalog = await loadCatalog(store.metrics, ws);
  const segments = new Map((await store.segments.list(ws.id)).map((s) => [s.key, segmentName(s, locale)]));
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
        rows: rules.map((r, i) => ruleRow(r, i, catalog, ws, segments)),
      },
      { type: 'context', text: channel ? t(locale, 'rules.channel', { channel }) : t(locale, 'rules.noChannel') },
    ],
    ephemeral: true,
  };
}
