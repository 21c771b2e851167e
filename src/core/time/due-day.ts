import { isCalendarDay } from './calendar-day.ts';
import { addDays, isoWeekday } from './day-math.ts';

const RELATIVE: Record<string, number> = { today: 0, 今天: 0, tomorrow: 1, 明天: 1, 后天: 2 };

// ISO weekday numbers: Monday 1 … Sunday 7.
const WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};
const CHINESE_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/**
 * A due day as people write it, on `today` (both `YYYY-MM-DD` in the workspace's timezone): `2026-12-04`,
 * `12-04` / `12/4` / `12月4日` (the next such day from today), `today`/`今天`, `tomorrow`/`明天`, `后天`, a weekday
 * (`friday`, `周五`, `星期五`: the next one after today; `下周五` the one in the following week). Undefined otherwise.
 */
export function parseDueDay(input: string, today: string): string | undefined {
  const text = input
    .trim()
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[./]/g, '-')
    .replace(/^(\d{1,2})月(\d{1,2})[日号]?$/, '$1-$2');
  if (text in RELATIVE) return addDays(today, RELATIVE[text] as number);
  if (isCalendarDay(text)) return text;
  const monthDay = text.match(/^(\d{1,2})-(\d{1,2})$/);
  if (monthDay) {
    const md = `${monthDay[1]!.padStart(2, '0')}-${monthDay[2]!.padStart(2, '0')}`;
    const year = Number(today.slice(0, 4));
    for (const y of [year, year + 1]) {
      const day = `${y}-${md}`;
      if (isCalendarDay(day) && day >= today) return day;
    }
    return undefined;
  }
  const chinese = text.match(/^(下)?(?:周|星期|礼拜)([一二三四五六日天])$/);
  const weekday = chinese ? CHINESE_WEEKDAY[chinese[2] as string] : WEEKDAYS[text.replace(/^next-?\s*/, '')];
  if (weekday === undefined) return undefined;
  const next = (isoWeekday(today) < weekday ? 0 : 7) + weekday - isoWeekday(today);
  // 下周五: Friday of next week, whatever today is.
  if (chinese?.[1] || /^next/.test(text)) return addDays(today, 7 - isoWeekday(today) + weekday);
  return addDays(today, next);
}
