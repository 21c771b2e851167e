import type { ObservationInput } from '../ports/observations.ts';
import { addDays, isoWeekday } from '../time/day-math.ts';

/** mulberry32: a small deterministic PRNG, so the same seed gives the same quarter everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_CHANNELS = [
  { key: 'douyin', name: '抖音', spend: 12_000, cac: 60, roi: 0.3, d1: 0.4 },
  { key: 'xiaohongshu', name: '小红书', spend: 6_000, cac: 50, roi: 0.45, d1: 0.42 },
  { key: 'sem', name: 'SEM', spend: 8_000, cac: 70, roi: 0.2, d1: 0.36 },
  { key: 'feeds', name: '信息流', spend: 7_000, cac: 80, roi: 0.05, d1: 0.33 },
  { key: 'app_store', name: '应用商店', spend: 3_000, cac: 40, roi: 0.6, d1: 0.45 },
  { key: 'kol', name: 'KOL', spend: 5_000, cac: 90, roi: -0.1, d1: 0.38 },
  { key: 'organic', name: '自然流量', spend: 0, cac: 0, roi: 0, d1: 0.5 },
] as const;

export interface DemoQuarter {
  rows: ObservationInput[];
  segments: { key: string; name: string }[];
  from: string;
  to: string;
}

/** Cumulative cohort revenue per new user by day N, as a multiple of what the channel's first-period ROAS promises. */
const LTV_CURVE: Record<number, number> = { 7: 0.3, 30: 0.7, 90: 1.15, 180: 1.45 };

/**
 * The demo's default length: the quarter the meeting looks at and the 120 days before it, so that 90-day
 * cohorts are mature and LTV/CAC has a value over the last 30 of them.
 */
export const DEMO_DAYS = 210;

/**
 * A realistic quarter (and its history) for a fictional app, ending yesterday: per channel spend,
 * impressions, clicks, new users, revenue, D1/D7/D30 cohort counts and cohort revenue D7…D180 (each once
 * its cohort is old enough); DAU, MAU and a weekly NPS for the product. 自然流量 is organic (no spend). Two
 * stories: 抖音's ROI falls 12%, 11% and 15% on the last three days, and D1 retention dips below 25% in the last week.
 */
export function demoQuarter(today: string, seed = 42, days = DEMO_DAYS): DemoQuarter {
  const random = prng(seed);
  const noise = (spread: number) => 1 + (random() * 2 - 1) * spread;
  const to = addDays(today, -1);
  const from = addDays(to, -(days - 1));
  const rows: ObservationInput[] = [];
  const push = (metric: string, segment: string, day: string, value: number) => rows.push({ metric, segment, day, value });
  const money = (v: number) => Math.round(v * 100) / 100;
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    const weekend = isoWeekday(day) >= 6;
    const fromEnd = days - 1 - i; // 0 = yesterday
    const lastWeek = fromEnd < 7;
    let dau = 0;
    for (const ch of DEMO_CHANNELS) {
      let newUsers: number;
      let revenue: number;
      let spend = 0;
      if (ch.key === 'organic') {
        newUsers = Math.round(300 * noise(0.15) * (weekend ? 1.2 : 1));
        revenue = money(newUsers * 20 * noise(0.1));
      } else {
        spend = money(ch.spend * noise(0.08) * (weekend ? 0.9 : 1));
        newUsers = Math.max(1, Math.round((spend / ch.cac) * noise(0.1) * (weekend ? 1.15 : 1)));
        let roi = ch.roi + (random() * 2 - 1) * 0.04;
        // Story 1: 抖音's ROI slides on each of the last three days (relative drops of 12%, 11%, 15%).
        if (ch.key === 'douyin' && fromEnd <= 3) roi = [0.3 * 0.88 * 0.89 * 0.85, 0.3 * 0.88 * 0.89, 0.3 * 0.88, 0.3][fromEnd] as number;
        revenue = money(spend * (1 + roi));
        const clicks = Math.round(newUsers / (0.08 * noise(0.1)));
        push('impressions', ch.key, day, Math.round(clicks / (0.021 * noise(0.1))));
        push('clicks', ch.key, day, clicks);
        push('spend', ch.key, day, spend);
      }
      push('new_users', ch.key, day, newUsers);
      push('revenue', ch.key, day, revenue);
      // Story 2: D1 retention dips in the last week; cohort counts exist once the cohort is old enough.
      const d1 = (lastWeek ? 0.22 : ch.d1) * noise(0.05);
      if (fromEnd >= 1) push('retained_d1', ch.key, day, Math.round(newUsers * d1));
      if (fromEnd >= 7) push('retained_d7', ch.key, day, Math.round(newUsers * d1 * 0.55 * noise(0.05)));
      if (fromEnd >= 30) push('retained_d30', ch.key, day, Math.round(newUsers * d1 * 0.3 * noise(0.05)));
      // Cohort revenue: what this day's new users bring within N days (organic users spend ¥30 in their first period).
      const firstPeriod = ch.key === 'organic' ? 30 : ch.cac * (1 + ch.roi);
      for (const n of [7, 30, 90, 180])
        if (fromEnd >= n) push(`cohort_revenue_d${n}`, ch.key, day, money(newUsers * firstPeriod * (LTV_CURVE[n] as number) * noise(0.05)));
      dau += newUsers;
    }
    push('dau', '', day, Math.round((18_000 + i * 40) * noise(0.04) * (weekend ? 1.1 : 1) + dau * 0.2));
    push('mau', '', day, Math.round((110_000 + i * 180) * noise(0.01)));
    if (isoWeekday(day) === 1) push('nps', '', day, Math.round((fromEnd < 7 ? 37 : 46) * noise(0.04)));
  }
  return { rows, segments: DEMO_CHANNELS.map((c) => ({ key: c.key, name: c.name })), from, to };
}
