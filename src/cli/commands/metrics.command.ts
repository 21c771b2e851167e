import { InputError } from '../../core/errors.ts';
import { loadCatalog } from '../../core/metrics/load-catalog.ts';
import type { DerivedMetric, MetricUnit, Team } from '../../core/metrics/metric-definition.ts';
import { isNameTooLong, MAX_NAME_LENGTH } from '../../core/text/name-length.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';
import { textTable } from '../table-text.ts';

const UNITS = ['currency', 'percent', 'count', 'ratio', 'score'];
const TEAMS = ['marketing', 'operations', 'business'];

export const metricsCommand: CliCommand = {
  name: 'metrics',
  summary:
    'List the metric definitions (口径) of a workspace, or add and remove its own derived metrics (a formula over metric names; LTV may be redefined).',
  usage:
    'growthbeat metrics list | add <key> <formula> [--name-zh <n>] [--name-en <n>] [--unit <u>] [--direction up|down] [--team <t>] | remove <key>  [--workspace <id>] [--json]',
  examples: [
    'growthbeat metrics list',
    'growthbeat metrics add margin "(revenue - spend) / revenue" --name-zh 毛利率 --name-en Margin --unit percent',
    'growthbeat metrics add ltv "revenue / paying_users"',
  ],
  options: {
    'name-zh': { type: 'string', description: 'Chinese name', placeholder: 'name' },
    'name-en': { type: 'string', description: 'English name', placeholder: 'name' },
    unit: { type: 'string', description: `one of ${UNITS.join(', ')}`, placeholder: 'unit' },
    direction: { type: 'string', description: 'which way is good: up or down', placeholder: 'dir' },
    team: { type: 'string', description: `one of ${TEAMS.join(', ')}`, placeholder: 'team' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [action, key, formula] = positionals;
    if (
      !action ||
      !['list', 'add', 'remove'].includes(action) ||
      (action === 'add' && (!key || !formula)) ||
      (action === 'remove' && !key)
    ) {
      io.err(`growthbeat metrics: say list, add <key> <formula>, or remove <key>\nUsage: ${this.usage}\n`);
      return 2;
    }
    for (const [field, text] of [
      ['key', key],
      ['name-zh', values['name-zh']],
      ['name-en', values['name-en']],
    ] as const)
      if (typeof text === 'string' && isNameTooLong(text))
        throw new InputError(`${field === 'key' ? 'the metric key' : `--${field}`} is longer than ${MAX_NAME_LENGTH} characters`, {
          field,
        });
    if (values.unit !== undefined && !UNITS.includes(values.unit as string))
      throw new InputError(`--unit must be one of ${UNITS.join(', ')}`, { field: 'unit' });
    if (values.team !== undefined && !TEAMS.includes(values.team as string))
      throw new InputError(`--team must be one of ${TEAMS.join(', ')}`, { field: 'team' });
    if (values.direction !== undefined && !['up', 'down'].includes(values.direction as string))
      throw new InputError('--direction must be up or down', { field: 'direction' });
    return withContext(io, async (ctx) => {
      const ws = await pickWorkspace(ctx, values.workspace as string | undefined, action === 'add');
      const catalog = await loadCatalog(ctx.store.metrics, ws);
      if (action === 'list') {
        const list = catalog.list();
        if (values.json) io.out(`${JSON.stringify(list)}\n`);
        else
          io.out(
            textTable(
              ['key', '中文', 'English', 'unit', 'good', 'team', 'definition'],
              list.map((m) => [
                m.key,
                m.names['zh-CN'],
                m.names.en,
                m.unit,
                m.direction,
                m.team,
                m.kind === 'derived' ? m.formula : `${m.aggregation} of daily values`,
              ]),
            ),
          );
        return 0;
      }
      if (action === 'add') {
        // Checked against the catalog first: unknown names, cycles and numbers out of range are refused with the
        // column and the usage, before anything is saved.
        let metric: DerivedMetric;
        try {
          metric = catalog.addCustom({
            key: key as string,
            formula: formula as string,
            nameZh: values['name-zh'] as string | undefined,
            nameEn: values['name-en'] as string | undefined,
            unit: values.unit as MetricUnit | undefined,
            direction: values.direction as 'up' | 'down' | undefined,
            team: values.team as Team | undefined,
          });
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          io.err(`growthbeat metrics: ${error.message}\nUsage: ${this.usage}\n`);
          return 2;
        }
        await ctx.store.metrics.saveCustom(
          ws.id,
          {
            key: metric.key,
            formula: metric.formula,
            nameZh: values['name-zh'] as string | undefined,
            nameEn: values['name-en'] as string | undefined,
            unit: values.unit as MetricUnit | undefined,
            direction: values.direction as 'up' | 'down' | undefined,
            team: values.team as Team | undefined,
          },
          'cli',
        );
        io.out(values.json ? `${JSON.stringify(metric)}\n` : `saved ${metric.key} = ${metric.formula}\n`);
        return 0;
      }
      const removed = await ctx.store.metrics.removeCustom(ws.id, key as string, 'cli');
      if (!removed) {
        io.err(`growthbeat metrics: "${key}" is not one of this workspace's own metrics\n`);
        return 1;
      }
      io.out(`removed ${key}\n`);
      return 0;
    });
  },
};
