// The digest's meeting section, end to end over a real SQLite store: a note typed in chat sits beside its
// number, the channel whose ROI moved without a note is listed as unexplained, and tracked actions show
// their metric when created and now (overdue flagged, just closed kept for a week). Numbers by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { runCommand } from '../../src/core/commands/run-command.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { loadDigestData } from '../../src/core/digest/load-digest-data.ts';
import { capped } from '../../src/core/meeting/meeting-items.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { mention } from '../../src/core/views/mention.ts';
import { bold } from '../../src/core/views/rich-text.ts';
import type { View } from '../../src/core/views/view.ts';
import { seedMeetingTeam } from '../helpers/meeting-fixture.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let store: Store;
let ctx: CommandContext;
const at = (iso: string) => ({ ...ctx, now: new Date(iso) });
// Wednesday 2 Dec 2026, 14:00 in Shanghai: the digest's week is W48 (23–29 Nov), the week before W47.
const DIGEST_AT = new Date('2026-12-02T06:00:00Z');
const texts = (v: View) => v.elements.flatMap((e) => ('text' in e ? [e.text] : []));

beforeAll(async () => {
  store = await migratedStore(database);
  ctx = await seedMeetingTeam(store, DIGEST_AT);
});
afterAll(async () => {
  await store.close();
  await database.drop();
});

describe('the digest’s notes and actions', () => {
  it('lists at most 12 notes and 12 actions, counting the rest', () => {
    const lines = Array.from({ length: 14 }, (_, i) => `line ${i + 1}`);
    expect(capped(lines, 'en')).toEqual([...lines.slice(0, 12), '… and 2 more']);
    expect(capped(lines.slice(0, 12), 'zh-CN')).toEqual(lines.slice(0, 12));
  });

  it('puts each note beside its number, lists what is unexplained, and shows actions then and now', async () => {
    // Thursday 26 Nov: the 7 days before are 19–25 Nov, 抖音 spent 1000 and earned 1253: ROI 25.3%.
    await runCommand(at('2026-11-26T04:00:00Z'), '/growth', 'action add cut 抖音 bids 10% owner @alice due 11-30 on roi 抖音');
    await runCommand(at('2026-11-26T04:00:00Z'), '/growth', 'action add brief the SEM agency owner @alice');
    await runCommand(at('2026-11-26T04:00:00Z'), '/growth', 'action add old idea owner @alice');
    await runCommand(at('2026-11-26T05:00:00Z'), '/growth', 'action drop 3');
    // Tuesday 1 Dec: the note explains W48; #2 is done that day.
    await runCommand(at('2026-12-01T08:00:00Z'), '/growth', 'note 抖音 creative fatigue, new creatives Thursday');
    await runCommand(at('2026-12-01T09:00:00Z'), '/growth', 'action done 2');
    // Dropped on 26 Nov, more than 7 days before 9 Dec: gone from the next week's digest.
    const data = await loadDigestData(store, ctx.workspace, DIGEST_AT);
    expect(data.week.label).toBe('2026-W48');
    const view = buildDigest(data, DIGEST_AT, 'en');
    const all = texts(view);
    expect(all).toContain(bold('Notes and actions'));
    const section = all.find((t) => t.startsWith('💬')) as string;
    // 抖音 W48: (1253 − 1000) / 1000 = 25.3%; W47: (1300 − 1000) / 1000 = 30.0%: −4.7pp.
    // SEM W48: (600 − 500) / 500 = 20.0%; W47: 0.0%: +20.0pp, the largest rise, and nobody has said why.
    // #1 now: 25 Nov–1 Dec, spend 1000 + 500 = 1500, revenue 1253 + 700 = 1953, ROI 453 / 1500 = 30.2%; due 30 Nov passed.
    expect(section.split('\n')).toEqual([
      `💬 Douyin · ROI 25.3% (−4.7pp) — ${mention('UALICE')}: creative fatigue, new creatives Thursday`,
      '❓ Not explained yet: SEM · ROI +20.0pp',
      `⏰ #1 cut 抖音 bids 10% (${mention('UALICE')}, due 11-30) — Douyin · ROI 25.3% → 30.2% since 11-26 ⏰ overdue`,
      `✅ #2 brief the SEM agency (${mention('UALICE')})`,
      `✖️ #3 old idea (${mention('UALICE')})`,
    ]);
    const nextWeek = buildDigest(await loadDigestData(store, ctx.workspace, new Date('2026-12-09T06:00:00Z')), DIGEST_AT, 'zh-CN');
    const lines = texts(nextWeek).find((t) => t.includes('#1')) as string;
    // W49's digest: the note was about W48 and stays there; #2 closed 1 Dec is 8 days old on 9 Dec, #3 older.
    expect(lines).not.toContain('💬');
    expect(lines).not.toContain('#2');
    expect(lines).toContain('⏰ #1 cut 抖音 bids 10%');
  });

  it('shows the first 12 open actions and counts the rest, working out then → now only for those shown', async () => {
    // #4 … #17: fourteen more open actions on 抖音's ROI (with #1, fifteen open in W49's digest).
    for (let i = 4; i <= 17; i++) await runCommand(at('2026-12-03T04:00:00Z'), '/growth', `action add idea ${i} owner @alice on roi 抖音`);
    const data = await loadDigestData(store, ctx.workspace, new Date('2026-12-09T06:00:00Z'));
    expect(data.meeting?.actions.map((a) => a.number)).toEqual([1, ...Array.from({ length: 11 }, (_, i) => i + 4)]);
    expect(data.meeting?.moreActions).toBe(3);
    const section = texts(buildDigest(data, DIGEST_AT, 'en')).find((t) => t.includes('#1')) as string;
    expect(section.split('\n').filter((l) => /#\d+ /.test(l))).toHaveLength(12);
    expect(section.split('\n').at(-1)).toBe('… and 3 more');
    // /growth actions lists 15: two more open ones are counted there too.
    for (const i of [18, 19]) await runCommand(at('2026-12-03T04:00:00Z'), '/growth', `action add idea ${i} owner @alice`);
    const listed = texts(await runCommand(at('2026-12-09T06:00:00Z'), '/growth', 'actions'))
      .join('\n')
      .split('\n');
    expect(listed.filter((l) => /#\d+ /.test(l))).toHaveLength(15);
    expect(listed.at(-1)).toBe('… and 2 more');
  });
});
