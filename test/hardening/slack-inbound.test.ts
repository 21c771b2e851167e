// Bad and hostile input through the real Bolt receiver: malformed bodies, 10 kB commands, unicode edge
// cases, and a second team that must not see or change the first one's numbers. Each gets a clear answer
// and writes nothing it should not.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '../../src/core/ports/workspace.ts';
import { FORM, JSON_TYPE, postSigned } from '../helpers/slack-signing.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from '../platforms/slack/slack-harness.ts';

let h: SlackHarness;
let first: string;
let second: Workspace;
beforeAll(async () => {
  h = await startSlackHarness();
  first = await seedChannels(h.store);
  second = await h.store.workspaces.ensure({
    platform: 'slack',
    externalId: 'T0002',
    name: 'other',
    timezone: 'Asia/Shanghai',
    locale: 'en',
  });
  await h.store.segments.ensure(second.id, [{ key: 'douyin', name: '抖音' }]);
  await h.store.observations.upsert(
    second.id,
    [
      { metric: 'spend', segment: 'douyin', day: '2026-11-10', value: 9000 },
      { metric: 'revenue', segment: 'douyin', day: '2026-11-10', value: 9900 },
      { metric: 'new_users', segment: 'douyin', day: '2026-11-10', value: 90 },
    ],
    { source: 'test', actor: 'test' },
  );
});
afterAll(() => h.close());

const events = () => `${h.url}/slack/events`;
const command = (cmd: string, text: string, team = 'T0001', n = cmd) =>
  new URLSearchParams({
    ...fixture<Record<string, string>>('slash-command.json'),
    team_id: team,
    command: cmd,
    text,
    response_url: `${h.fake.url}/respond/${encodeURIComponent(n)}`,
  }).toString();
async function reply(cmd: string, text: string, team = 'T0001') {
  const res = await postSigned(events(), SECRET, command(cmd, text, team), FORM);
  expect(res.status).toBe(200);
  return (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
}
const rows = async (ws: string) =>
  (await h.store.observations.query(ws, { metrics: ['spend', 'revenue', 'new_users'], from: '2000-01-01', to: '2100-01-01' })).length;

describe('hostile and unusual input from Slack', () => {
  it('a 10 kB command is answered with the limit and the usage, only to the caller', async () => {
    const answer = await reply('/kpi', `log spend ${'9'.repeat(10_000)}`);
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer)).toContain('命令太长');
    expect(await rows(first)).toBe(12);
  });

  it('full-width digits and Chinese punctuation are read as people mean them; emoji are just unknown words', async () => {
    const logged = await reply('/kpi', 'log 花费 １２，０００ 抖音 2026-11-20');
    expect(JSON.stringify(logged)).toContain('12,000');
    const [row] = await h.store.observations.query(first, {
      metrics: ['spend'],
      segments: ['douyin'],
      from: '2026-11-20',
      to: '2026-11-20',
    });
    expect(row?.value).toBe(12_000);
    const emoji = await reply('/roi', '😀🚀 上周');
    expect(emoji.response_type).toBe('ephemeral');
    expect(JSON.stringify(emoji)).toContain('😀🚀');
    expect(await rows(first)).toBe(13);
  });

  it('malformed bodies are refused before any handler runs', async () => {
    const badForm = await postSigned(events(), SECRET, 'payload=%7Bnot-json', FORM);
    expect(badForm.status).toBeGreaterThanOrEqual(400);
    const badJson = await postSigned(events(), SECRET, '{"type": "event_callback", ', JSON_TYPE);
    expect(badJson.status).toBeGreaterThanOrEqual(400);
    expect(await rows(first)).toBe(13);
  });

  it('another team sees its own numbers only, and cannot log into or read the first team’s workspace', async () => {
    const other = await reply('/roi', '2026-W46', 'T0002');
    expect(JSON.stringify(other)).toContain('10.0%'); // (9900 − 9000) / 9000
    expect(JSON.stringify(other)).not.toContain('26.7%');
    await reply('/kpi', 'log spend 1 抖音 2026-11-11', 'T0002');
    const [mine] = await h.store.observations.query(first, {
      metrics: ['spend'],
      segments: ['douyin'],
      from: '2026-11-11',
      to: '2026-11-11',
    });
    expect(mine?.value).toBe(500);
    // A reaction from the other team on a message ts of the first changes nothing there (nothing matches).
    const event = fixture<Record<string, unknown>>('reaction-added.json');
    event.team_id = 'T0002';
    event.event_id = 'EvOTHER1';
    expect((await postSigned(events(), SECRET, JSON.stringify(event), JSON_TYPE)).status).toBe(200);
    await vi.waitFor(() => expect(h.reactions.some((r) => r.messageRef.includes('1464196127'))).toBe(true));
    expect(await h.store.alerts.listOpen(first)).toEqual([]);
  });
});
