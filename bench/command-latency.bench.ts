// Slash-command latency through the real Bolt HTTPReceiver on our server, signed like Slack signs, for a workspace
// with 50 channels × 2 years of daily data and a cohort event log, against a no-op Bolt command handler in the same
// process. Targets (issue 19): p99 ≤ 1.5 × no-op p99 + 50 ms and p50 ≤ no-op p50 + 10 ms, for repeated questions
// (answered from the cache); the first answer after a write (computed afresh) is reported beside them.
import { measure, startBenchBot, summarise, timeCommand } from './bench-bot.ts';

export async function benchCommandLatency(n = 300): Promise<Record<string, unknown>> {
  const bot = await startBenchBot(50, 730);
  try {
    await measure(bot.url, '/roi', 'all 30d', 20); // warm-up
    await measure(bot.noopUrl, '/roi', 'all 30d', 20);
    await measure(bot.url, '/retention', 'cohorts', 5);
    const baseline = await measure(bot.noopUrl, '/roi', 'all 30d', n);
    const roi = await measure(bot.url, '/roi', 'all 30d', n);
    const cohorts = await measure(bot.url, '/retention', 'cohorts', n);
    // After a write: the first answer reads and computes again.
    const roiAfterWrite: number[] = [];
    const cohortsAfterImport: number[] = [];
    for (let i = 0; i < 15; i++) {
      await bot.touch();
      roiAfterWrite.push(await timeCommand(bot.url, '/roi', 'all 30d'));
      await bot.touchActivity();
      cohortsAfterImport.push(await timeCommand(bot.url, '/retention', 'cohorts'));
    }
    const p99Target = baseline.p99 * 1.5 + 50;
    const p50Target = baseline.p50 + 10;
    const meets = (t: { p50: number; p99: number }) => t.p99 <= p99Target && t.p50 <= p50Target;
    return {
      data: bot.data,
      noopMs: baseline,
      roiAll30dMs: roi,
      retentionCohortsMs: cohorts,
      firstAfterWriteMs: { roiAll30d: summarise(roiAfterWrite), retentionCohorts: summarise(cohortsAfterImport) },
      targetP99Ms: Number(p99Target.toFixed(1)),
      targetP50Ms: Number(p50Target.toFixed(1)),
      roiMeetsTarget: meets(roi),
      cohortsMeetTarget: meets(cohorts),
    };
  } finally {
    await bot.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await benchCommandLatency(), null, 2));
