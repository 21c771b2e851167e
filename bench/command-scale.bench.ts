// How a command's cost grows with the data (issue 19): history length 1 month → 2 years at 50 channels, and channel
// count 5 → 200 at 2 years. For each size, the p50 of a repeated question (served from the cache: flat) and of the
// first question after a write (read and computed again: grows with what it must read), beside the no-op baseline.
import { measure, startBenchBot, summarise, timeCommand } from './bench-bot.ts';

const SIZES: [channels: number, days: number][] = [
  [50, 30],
  [50, 90],
  [50, 365],
  [50, 730],
  [5, 730],
  [200, 730],
];

export async function benchCommandScale(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const [channels, days] of SIZES) {
    const bot = await startBenchBot(channels, days);
    try {
      await measure(bot.url, '/roi', 'all 30d', 10);
      await measure(bot.url, '/retention', 'cohorts', 3);
      const noop = await measure(bot.noopUrl, '/roi', 'all 30d', 100);
      const roi = await measure(bot.url, '/roi', 'all 30d', 100);
      const cohorts = await measure(bot.url, '/retention', 'cohorts', 100);
      const roiCold: number[] = [];
      const cohortsCold: number[] = [];
      for (let i = 0; i < 7; i++) {
        await bot.touch();
        roiCold.push(await timeCommand(bot.url, '/roi', 'all 30d'));
        await bot.touchActivity();
        cohortsCold.push(await timeCommand(bot.url, '/retention', 'cohorts'));
      }
      const row = {
        channels,
        days,
        observations: bot.data.observations,
        activityDays: bot.data.activityDays,
        noopP50: noop.p50,
        roiP50: roi.p50,
        roiAfterWriteP50: summarise(roiCold).p50,
        cohortsP50: cohorts.p50,
        cohortsAfterImportP50: summarise(cohortsCold).p50,
      };
      console.log('  ', JSON.stringify(row));
      out.push(row);
    } finally {
      await bot.close();
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCommandScale();
