import type { ObservationInput } from '../ports/observations.ts';

/** Observations indexed metric → day → segment → value, for repeated aggregation over periods. */
export class ObservationIndex {
  private readonly data = new Map<string, Map<string, Map<string, number>>>();
  private readonly days = new Map<string, string[]>();

  constructor(points: Iterable<ObservationInput>) {
    for (const p of points) {
      let byDay = this.data.get(p.metric);
      if (!byDay) {
        byDay = new Map();
        this.data.set(p.metric, byDay);
      }
      let bySegment = byDay.get(p.day);
      if (!bySegment) {
        bySegment = new Map();
        byDay.set(p.day, bySegment);
      }
      bySegment.set(p.segment, (bySegment.get(p.segment) ?? 0) + p.value);
    }
    for (const [metric, byDay] of this.data) this.days.set(metric, [...byDay.keys()].sort());
  }

  /** The days with data for a metric within [from, to], in order. */
  daysIn(metric: string, from: string, to: string): string[] {
    const all = this.days.get(metric) ?? [];
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((all[mid] as string) < from) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < all.length && (all[i] as string) <= to; i++) out.push(all[i] as string);
    return out;
  }

  valuesOn(metric: string, day: string): Map<string, number> | undefined {
    return this.data.get(metric)?.get(day);
  }

  /** The segments (not the whole-product "") that have any data for these metrics. */
  segments(metrics: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const m of metrics)
      for (const bySegment of this.data.get(m)?.values() ?? []) for (const s of bySegment.keys()) if (s !== '') out.add(s);
    return [...out].sort();
  }

  lastDay(metric: string): string | undefined {
    const all = this.days.get(metric);
    return all?.[all.length - 1];
  }
}
