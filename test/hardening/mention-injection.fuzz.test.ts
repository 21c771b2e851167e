// Issue 21 item 4: whatever users put in names, notes and command text, no mention, broadcast, link or
// formatting escapes into what Slack, Feishu or the sandbox receive. Hostile strings mix the views' own
// private-use marks, platform mention syntax and markdown; the renderers' output is checked the way each
// platform would read it (rendered-output.ts). Part one drives every element type of the view model with
// text that passed the edges (cleanText); part two stores hostile names through the real edges (CSV
// import, first contact, chat commands) and renders every answer, alert and notice that shows them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateWorkspace } from '../../src/core/alerts/evaluate-rules.ts';
import type { CommandContext } from '../../src/core/commands/command-context.ts';
import { CommandUsageError } from '../../src/core/commands/command-grammar.ts';
import { runCommand, runCommandText } from '../../src/core/commands/run-command.ts';
import { usageView } from '../../src/core/commands/usage-view.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { cleanName, cleanText, hasControlChars } from '../../src/core/text/clean-text.ts';
import { mention } from '../../src/core/views/mention.ts';
import { notice, refusal } from '../../src/core/views/notice.ts';
import { bold, code } from '../../src/core/views/rich-text.ts';
import type { View } from '../../src/core/views/view.ts';
import { identifyCaller } from '../../src/core/workspace/identify.ts';
import { importObservationFile } from '../../src/ingest/import-observations.ts';
import { toFeishuCard } from '../../src/platforms/feishu/card.renderer.ts';
import { toHtml } from '../../src/platforms/sandbox/html.renderer.ts';
import { toBlockKit } from '../../src/platforms/slack/block-kit.renderer.ts';
import { migratedStore } from '../helpers/migrated-store.ts';
import { sqliteTestDatabase } from '../helpers/test-databases.ts';
import { feishuProblems, HOSTILE_ATOMS, htmlProblems, slackProblems, visibleHtml } from './rendered-output.ts';

// FUZZ_RUNS=5000 for a longer hunt; the defaults keep the suite fast.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const hostile = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_ATOMS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'binary' }) },
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  )
  .map((parts) => parts.join(''));

/** Problems of one view on the three platforms, each in both languages where the card has locale text. */
function problems(view: View, allowed: Set<string>): string[] {
  return [
    ...slackProblems(toBlockKit(view), allowed),
    ...feishuProblems(toFeishuCard(view, { locale: 'en' }), allowed),
    ...feishuProblems(toFeishuCard(view, { locale: 'zh-CN' }), allowed),
    ...htmlProblems(toHtml(view), allowed),
  ];
}

describe('injection fuzz: every element type × Block Kit, Feishu card, sandbox HTML', () => {
  it('cleanText leaves no mark or control character, whatever comes in', () => {
    fc.assert(
      fc.property(hostile, (h) => !hasControlChars(cleanText(h)) && !hasControlChars(cleanName(h))),
      { numRuns: RUNS * 2 },
    );
  });

  it('data in any element renders literally beside code-made bold, code and mentions', () => {
    const allowed = new Set(['U0OWNER']);
    fc.assert(
      fc.property(hostile, hostile, fc.constantFrom<'en' | 'zh-CN'>('en', 'zh-CN'), (raw1, raw2, locale) => {
        const [a, b] = [cleanText(raw1), cleanName(raw2)];
        // The readers flag a bold lone "b" (or `c` code …) as the hostile atoms' work; the view bolds a and b itself,
        // so data that is exactly such a letter would be the code's own bold, not an injection (seed -1089648702).
        fc.pre(![a, b].some((d) => /^\s*[bisc]\s*$/.test(d)));
        const views: View[] = [
          {
            fallback: `${a} ${mention('U0OWNER')}`,
            severity: 'warning',
            elements: [
              { type: 'header', text: a },
              { type: 'text', text: `${bold(a)} ${b} ${code(a)} ${mention('U0OWNER')} ${mention('all')}\n${a}` },
              { type: 'fields', fields: [{ label: b, value: `${bold(b)} (${a})` }] },
              { type: 'table', columns: [{ label: b }, { label: 'v', align: 'right' }], rows: [[a, b]], total: [b, a], caption: a },
              { type: 'chart', title: a, altText: b },
              { type: 'chart', title: a, altText: b, image: 'https://example.com/c.png', imageKey: 'img_1' },
              { type: 'actions', actions: [{ id: 'gb.refresh', label: b, value: a }] },
              { type: 'context', text: `${a} · ${mention('U0OWNER')}` },
              { type: 'divider' },
            ],
          },
          usageView(new CommandUsageError('kpi', 'error.unknownSegment', { name: a, known: b }), locale),
          usageView(new CommandUsageError(undefined, 'error.unknownCommand', { name: a }), locale),
          notice(a, { severity: 'ok' }),
          refusal(b),
        ];
        for (const view of views) {
          const found = problems(view, allowed);
          if (found.length && process.env.FUZZ_DUMP)
            writeFileSync(process.env.FUZZ_DUMP, JSON.stringify({ found, raw1, raw2, view }, null, 1));
          expect({ view, problems: found }).toEqual({ view, problems: [] });
        }
        // And it shows: the sandbox page reads as the text itself.
        expect(visibleHtml(toHtml(notice(b)))).toContain(b.trim());
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

describe('injection fuzz: hostile names through the real edges, every answer that shows them', () => {
  const database = sqliteTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'gb-inject-'));
  let store: Store;
  let run = 0;
  const NOW = new Date('2026-11-22T04:00:00Z');

  beforeAll(async () => {
    store = await migratedStore(database);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;

  it('stores no mark and renders no mention, broadcast or formatting from stored or typed text', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom<'en' | 'zh-CN'>('en', 'zh-CN'), async (h, locale) => {
        run++;
        const name = `c${h}`;
        // First contact: the platform's team and user names are stored.
        const caller = await identifyCaller(
          store,
          { platform: 'slack', teamId: `T${run}`, teamName: name, userId: 'U0ADMIN', userName: name },
          { timezone: 'Asia/Shanghai', locale },
        );
        expect(hasControlChars(caller.workspace.name)).toBe(false);
        expect(hasControlChars(caller.member.displayName ?? '')).toBe(false);
        const ctx: CommandContext = { store, ...caller, now: NOW, channel: 'C0ALERTS' };
        // CSV import: a channel named with the hostile text, spending every day of the week.
        const file = join(dir, `run-${run}.csv`);
        const days = ['2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'];
        writeFileSync(
          file,
          [
            'date,channel,spend,revenue,new_users',
            ...days.flatMap((d, i) => [`${d},${csvCell(name)},${100 + i * 50},150,5`, `${d},douyin,100,90,4`]),
          ].join('\n'),
        );
        await importObservationFile(store, caller.workspace.id, file, { actor: 'test' });
        const segments = await store.segments.list(caller.workspace.id);
        for (const s of segments) expect(hasControlChars(s.name)).toBe(false);
        expect(segments.map((s) => s.name)).toContain(cleanName(name));

        // Chat: the same text typed as arguments, a rule with it as the note, an owner, settings.
        const answers: View[] = [];
        const say = async (command: string, text: string) => answers.push(await runCommand(ctx, command, text));
        await say('/alerts', 'channel here');
        await say('/alerts', `rule add spend each above 1 note n${h}`);
        await say('/growth', 'owners spend <@U0OWNER>');
        await say('/roi', '2026-11-16..2026-11-22');
        await say('/roi', h);
        await say('/kpi', `show spend ${h}`);
        await say('/kpi', `log spend 12 ${h} 2026-11-21`);
        await say('/kpi', 'list');
        await say('/retention', h);
        await say('/alerts', 'rules');
        await say('/growth', 'owners');
        await say('/growth', `settings timezone ${h}`);
        await say('/growth', 'digest preview');
        answers.push(await runCommandText(ctx, h));
        // Alerts: the each-channel rule fires for the hostile channel; its message and any notice go to the outbox.
        await evaluateWorkspace(store, (await store.workspaces.get(caller.workspace.id)) ?? caller.workspace, NOW);
        await say('/alerts', '');
        const outbox = await store.outbox.list({ workspaceId: caller.workspace.id });
        const queued = outbox.map((m) => m.payload as View).filter((v) => v && Array.isArray(v.elements));
        expect(queued.length).toBeGreaterThan(0);

        const allowed = new Set(['U0ADMIN', 'U0OWNER']);
        for (const view of [...answers, ...queued]) {
          const found = problems(view, allowed);
          if (found.length && process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, JSON.stringify({ found, h, view }, null, 1));
          expect({ view, problems: found }).toEqual({ view, problems: [] });
        }
        // The stored channel name is shown, literally, in the channel list.
        const roi = toHtml(answers[3] as View);
        expect(visibleHtml(roi)).toContain(cleanName(name));
      }),
      { numRuns: Math.max(8, Math.round(RUNS / 25)) },
    );
  }, 300_000);
});
