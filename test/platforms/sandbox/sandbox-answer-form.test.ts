// The check-in's "Answer" button in the sandbox: the real HTTP routes answer with an inline form (a field per
// item, prefilled with this week's answer by the same person); the form, posted as the page posts it, is written
// as `/growth note` writes it (the note, its audit entry), and pressing again shows the answer given.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningApp, startApp } from '../../../src/app/serve.ts';
import { silentLogger } from '../../../src/base/logging/logger.ts';
import { loadConfig } from '../../../src/config/load-config.ts';
import { CHECKIN_ANSWER_ACTION } from '../../../src/core/digest/send-checkin.ts';
import { SANDBOX_TEAM } from '../../../src/platforms/sandbox/sandbox-adapter.ts';
import { sqliteTestDatabase } from '../../helpers/test-databases.ts';

const database = sqliteTestDatabase();
let app: RunningApp;
const post = async (path: string, body: unknown) =>
  (await (
    await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  ).json()) as { html: string; replace?: boolean };

beforeAll(async () => {
  app = await startApp(loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent' }), silentLogger);
  await post('/sandbox/demo', {});
});
afterAll(async () => {
  await app.stop();
  await database.drop();
});

const fromHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The inline form in an answer, read as the page's script reads it. */
function readForm(html: string) {
  const form = /<form class="answer-form" data-form-id="([^"]*)" data-value="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) return undefined;
  const textarea = /<textarea name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(form[3] ?? '');
  return { id: fromHtml(form[1] ?? ''), value: fromHtml(form[2] ?? ''), text: fromHtml(textarea?.[1] ?? ''), html: form[3] ?? '' };
}

describe('the check-in answer form in the sandbox', () => {
  it('shows an inline form, writes its submission as the note, and shows the answer given when pressed again', async () => {
    const ws = await app.store.workspaces.findByExternal('local', SANDBOX_TEAM);
    expect(ws).toBeDefined();
    const auditBefore = (await app.store.audit.list(ws?.id ?? '', { action: 'meeting.note' })).length;

    const pressed = await post('/sandbox/action', {
      actionId: CHECKIN_ANSWER_ACTION,
      value: JSON.stringify({ metric: 'roi', segment: 'douyin' }),
    });
    // The form is a new message (the DM stays as it was).
    expect(pressed.replace).toBe(false);
    const form = readForm(pressed.html);
    expect(form).toMatchObject({ id: 'gb.checkin.submit', text: '' });
    expect(JSON.parse(form?.value ?? '{}')).toEqual({ metric: 'roi', segment: 'douyin' });
    expect(form?.html).toContain('发生了什么？你打算怎么做？');
    expect(form?.html).toContain('maxlength="400"');

    // Submitted as the page submits it: the form's action, its carried value and the fields.
    const submit = (text: string) =>
      post('/sandbox/action', { actionId: form?.id, value: JSON.stringify({ ...JSON.parse(form?.value ?? '{}'), fields: { text } }) });
    const kept = await submit('素材疲劳，周四换新素材 <b>');
    expect(kept.html).toContain('已记下 抖音');
    expect(kept.html).toContain('素材疲劳，周四换新素材 &lt;b&gt;');
    const audit = await app.store.audit.list(ws?.id ?? '', { action: 'meeting.note' });
    expect(audit).toHaveLength(auditBefore + 1);

    // An empty answer writes nothing and says what is wanted.
    expect((await submit('   ')).html).toContain('说明不能为空');
    expect(await app.store.audit.list(ws?.id ?? '', { action: 'meeting.note' })).toHaveLength(auditBefore + 1);

    // Pressed again, the form holds the answer given.
    const again = readForm(
      (await post('/sandbox/action', { actionId: CHECKIN_ANSWER_ACTION, value: JSON.stringify({ metric: 'roi', segment: 'douyin' }) }))
        .html,
    );
    expect(again?.text).toBe('素材疲劳，周四换新素材 <b>');
  });

  it('after the demo the page is the team’s channel and the newcomer owns its stories: the check-in’s DM shows in the feed', async () => {
    const ws = await app.store.workspaces.findByExternal('local', SANDBOX_TEAM);
    expect(ws?.settings).toMatchObject({ digest: { channel: 'sandbox' }, alerts: { channel: 'sandbox' } });
    const [me] = await app.store.members.list(ws?.id ?? '');
    expect((await app.store.segments.list(ws?.id ?? '')).find((s) => s.key === 'douyin')?.ownerMemberId).toBe(me?.id);
    expect(await app.store.metrics.owners(ws?.id ?? '')).toEqual([{ key: 'retention_d1', memberId: me?.id }]);
    const feed = async () =>
      ((await (await fetch(`${app.url}/sandbox/feed?after=0`)).json()) as { messages: { html: string }[] }).messages.map((m) => m.html);
    const before = (await feed()).length;
    expect((await post('/sandbox/command', { text: '/growth checkin send' })).html).toContain('已发出会前确认：1 位负责人');
    // The relay puts the direct message in the feed: its items, each with its Answer button.
    await vi.waitFor(async () => expect((await feed()).length).toBeGreaterThan(before), { timeout: 10_000, interval: 100 });
    const dm = fromHtml((await feed()).slice(before).join('\n'));
    expect(dm).toContain('会前确认');
    // (抖音's ROI has its note from the test above: only D1 retention still needs a word.)
    expect(dm).not.toContain('抖音 · ROI');
    expect(dm).toContain('次日留存');
    expect(dm).toContain('gb.checkin.answer');
    // Loading the demo again changes no one's settings or ownership.
    await post('/sandbox/demo', {});
    expect(await app.store.metrics.owners(ws?.id ?? '')).toEqual([{ key: 'retention_d1', memberId: me?.id }]);
  });

  it('serves a page whose script submits answer forms through the action route', async () => {
    const page = await (await fetch(`${app.url}/`)).text();
    expect(page).toContain("closest('form.answer-form')");
    expect(page).toContain("call('/sandbox/action', { actionId: form.dataset.formId");
  });
});
