// `growthbeat meeting`: the minutes of a week over a real SQLite file, through the same main() the bin runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), env: { DATABASE_URL: database.url }, isTty: false });
  return { code, out, err };
}

beforeAll(async () => {
  const store = await migratedStore(database);
  const ctx: CommandContext = await seedMeetingTeam(store, new Date('2026-11-26T04:00:00Z'));
  const at = (iso: string) => ({ ...ctx, now: new Date(iso) });
  // W48: action #1 on 抖音's ROI (19–25 Nov: (1253 − 1000) / 1000 = 25.3%). W49 (30 Nov–6 Dec): the note, the decision, #2, #1 done.
  await runCommand(at('2026-11-26T04:00:00Z'), '/growth', 'action add cut 抖音 bids 10% owner @alice on roi 抖音');
  await runCommand(at('2026-12-01T08:00:00Z'), '/growth', 'note 抖音 creative fatigue');
  await runCommand(at('2026-12-02T07:00:00Z'), '/growth', 'decision move 抖音 budget to SEM on roi spend');
  await runCommand(at('2026-12-02T07:30:00Z'), '/growth', 'action add brief the SEM agency owner @alice due 12-04');
  await runCommand(at('2026-12-02T08:00:00Z'), '/growth', 'action done 1');
  await store.close();
});
afterAll(() => database.drop());

describe('growthbeat meeting', () => {
  it('prints the week’s minutes as JSON: the digest’s numbers, notes, decisions, actions opened and closed', async () => {
    const { code, out, err } = await cli(['meeting', '--week', '2026-W49', '--at', '2026-12-03T06:00:00Z', '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const minutes = JSON.parse(out);
    expect(minutes.week).toEqual({ label: '2026-W49', from: '2026-11-30', to: '2026-12-06' });
    expect(minutes.digestWeek).toEqual({ label: '2026-W48', from: '2026-11-23', to: '2026-11-29' });
    // 抖音 W48 ROI 25.3% against 30.0% in W47: −4.7pp.
    const douyin = minutes.numbers.channels.find((c: { segment: string }) => c.segment === 'douyin');
    expect(douyin.roi).toBeCloseTo(0.253, 10);
    expect(douyin.roiChange.value).toBeCloseTo(0.253 - 0.3, 10);
    expect(minutes.notes).toMatchObject([{ segment: 'douyin', text: 'creative fatigue', author: { userId: 'UALICE', name: 'alice' } }]);
    expect(minutes.notes[0].value).toBeCloseTo(0.253, 10);
    expect(minutes.decisions).toMatchObject([{ text: 'move 抖音 budget to SEM', metrics: ['roi', 'spend'], author: { name: 'alice' } }]);
    expect(minutes.opened).toMatchObject([{ number: 2, text: 'brief the SEM agency', dueDay: '2026-12-04', status: 'open' }]);
    // #1 now (3 Dec): 26 Nov–2 Dec holds 30 Nov only: (700 − 500) / 500 = 40.0%.
    expect(minutes.closed).toMatchObject([{ number: 1, status: 'done', metric: { key: 'roi', segment: 'douyin', baseDay: '2026-11-25' } }]);
    expect(minutes.closed[0].metric.base).toBeCloseTo(0.253, 10);
    expect(minutes.closed[0].metric.now).toBeCloseTo(0.4, 10);
  });

  it('prints them as text and as Markdown, and refuses a week that is not one', async () => {
    const text = await cli(['meeting', '--week', '2026-W49', '--at', '2026-12-03T06:00:00Z']);
    expect(text.out).toContain('Meeting minutes, 2026-W49');
    expect(text.out).toContain('💬 Douyin · ROI 25.3% (−4.7pp) — @alice: creative fatigue');
    expect(text.out).toContain('✅ #1 cut 抖音 bids 10% (@alice) — Douyin · ROI 25.3% → 40.0% since 11-26');
    const markdown = await cli(['meeting', '--week', '2026-W49', '--at', '2026-12-03T06:00:00Z', '--format', 'markdown']);
    expect(markdown.out.split('\n')[0]).toBe('# Meeting minutes, 2026-W49');
    expect(markdown.out).toContain('**Decisions**  \n✔️ move 抖音 budget to SEM (@alice, 2026-12-02) (metrics: ROI, Spend)');
    const bad = await cli(['meeting', '--week', '2026-13']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--week takes an ISO week');
  });
});
