import { InputError } from '../../core/errors.ts';
import { addDays } from '../../core/time/day-math.ts';
import { calendarSettings, HolidayCalendar } from '../../core/time/holiday-calendar.ts';
import { dayInZone } from '../../core/time/zoned-today.ts';
import { type CalendarChange, changeCalendar } from '../../core/workspace/change-calendar.ts';
import { pickWorkspace, withContext } from '../cli-context.ts';
import type { CliCommand } from '../command.ts';

export const calendarCommand: CliCommand = {
  name: 'calendar',
  summary:
    "The workspace's calendar for anomaly rules: public holidays (China mainland from the chinese-days package, or none), the 调休 make-up workdays, and the shopping peaks (618, 双11, 双12, 年货节 by default; editable).",
  usage:
    'growthbeat calendar [--region CN|<country>|none] [--peak <key>=<MM-DD>..<MM-DD> [--name <name>]] [--remove-peak <key>] [--reset-peaks] [--days <n>] [--workspace <id>] [--json]',
  examples: [
    'growthbeat calendar',
    'growthbeat calendar --peak 38festival=03-06..03-08 --name 三八节',
    'growthbeat calendar --region none',
  ],
  options: {
    region: { type: 'string', description: 'CN (China mainland, default), a country code (US, JP, SG …) or none', placeholder: 'region' },
    peak: { type: 'string', description: 'add or change a shopping peak: key=MM-DD..MM-DD', placeholder: 'peak' },
    name: { type: 'string', description: "the peak's display name (with --peak)", placeholder: 'name' },
    'remove-peak': { type: 'string', description: 'remove a shopping peak by key', placeholder: 'key' },
    'reset-peaks': { type: 'boolean', description: 'back to 618, 双11, 双12 and 年货节' },
    days: { type: 'string', description: 'how many coming days to list (default 60)', placeholder: 'n' },
    workspace: { type: 'string', description: 'workspace id or name', placeholder: 'id' },
    json: { type: 'boolean', description: 'print JSON: the settings and the coming special days' },
  },
  async run({ values }, io) {
    const changes: CalendarChange[] = [];
    if (values.region !== undefined) changes.push({ kind: 'region', region: String(values.region) });
    if (values.peak !== undefined) {
      const m = String(values.peak).match(/^([^=]+)=(\d\d-\d\d)\.\.(\d\d-\d\d)$/);
      if (!m) throw new InputError('--peak takes key=MM-DD..MM-DD, e.g. 618=06-16..06-18', { field: 'peak' });
      changes.push({
        kind: 'peak',
        key: m[1] as string,
        from: m[2] as string,
        to: m[3] as string,
        ...(values.name ? { name: String(values.name) } : {}),
      });
    }
    if (values['remove-peak'] !== undefined) changes.push({ kind: 'removePeak', key: String(values['remove-peak']) });
    if (values['reset-peaks']) changes.push({ kind: 'resetPeaks' });
    const days = values.days === undefined ? 60 : Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 400)
      throw new InputError('--days takes a whole number from 1 to 400', { field: 'days' });
    return withContext(io, async (ctx) => {
      let ws = await pickWorkspace(ctx, values.workspace as string | undefined);
      for (const change of changes) await changeCalendar(ctx.store, ws, change, 'cli');
      ws = (await ctx.store.workspaces.get(ws.id)) ?? ws;
      const settings = calendarSettings(ws.settings);
      const calendar = new HolidayCalendar(settings);
      const today = dayInZone(new Date(), ws.timezone);
      const coming = [];
      for (let i = 0; i < days; i++) {
        const info = calendar.info(addDays(today, i));
        if (info.kind === 'holiday' || info.kind === 'makeup' || info.peak) coming.push(info);
      }
      if (values.json) {
        io.out(
          `${JSON.stringify({ workspace: ws.id, ...settings, knowsNextYear: calendar.knowsYear(Number(today.slice(0, 4)) + 1), coming })}\n`,
        );
        return 0;
      }
      const zh = ws.locale === 'zh-CN';
      io.out(
        `Holidays: ${settings.region === 'CN' ? 'China mainland (chinese-days; npm update chinese-days for a new year)' : settings.region === 'none' ? 'none' : `${settings.region} (date-holidays)`}\n`,
      );
      io.out(
        `Peaks: ${settings.peaks.map((p) => `${p.names[ws.locale]} (${p.from && p.to ? `${p.from}..${p.to}` : `${p.springFestivalOffset?.join('..')} days from 春节`})`).join(', ')}\n`,
      );
      if (settings.region === 'CN' && !calendar.knowsYear(Number(today.slice(0, 4)) + 1))
        io.out(
          `Next year's schedule is not in this chinese-days version yet: its holidays are estimated from the lunar calendar (no 调休 days) until npm update chinese-days.\n`,
        );
      io.out(`\nThe next ${days} days:\n`);
      for (const info of coming) {
        const what =
          info.kind === 'holiday'
            ? `${info.holiday?.names[ws.locale]} ${zh ? '放假' : 'holiday'}${info.holiday?.estimated ? (zh ? '（估计）' : ' (estimated)') : ''}`
            : info.kind === 'makeup'
              ? `${info.holiday?.names[ws.locale]} ${zh ? '调休上班' : 'make-up workday'}`
              : '';
        io.out(`  ${info.day}  ${[what, info.peak ? info.peak.names[ws.locale] : ''].filter(Boolean).join(' · ')}\n`);
      }
      return 0;
    });
  },
};
