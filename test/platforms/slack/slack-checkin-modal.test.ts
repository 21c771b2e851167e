// The check-in's "Answer" button on Slack: a signed block_actions with its trigger opens a modal through the
// real WebClient (views.open on the fake Slack API); the signed view_submission is written as the item's note,
// by the person who submitted it, with its audit entry; pressed again, the modal holds the answer given. A
// submission slower than the acknowledgement budget: the modal says it is working within the budget, the answer
// replaces it once ready (or comes by direct message when the modal was closed), and the note is written once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInteractions, type Interactions } from '../../../src/core/commands/interactions.ts';
import { CHECKIN_ANSWER_ACTION, CHECKIN_SUBMIT_ACTION } from '../../../src/core/digest/send-checkin.ts';
import { blockKitViolations } from '../../fakes/outbound-validator.ts';
import { FORM, postSigned } from '../../helpers/slack-signing.ts';
import { fixture, SECRET, type SlackHarness, seedChannels, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let wsId: string;
beforeAll(async () => {
  h = await startSlackHarness();
  wsId = await seedChannels(h.store);
});
afterAll(() => h?.close());

const post = (payload: unknown, secret = SECRET) =>
  postSigned(`${h.url}/slack/events`, secret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);

let presses = 0;
function press(value: unknown) {
  presses++;
  const payload = fixture<Record<string, unknown> & { actions: Record<string, unknown>[] }>('block-actions.json');
  payload.response_url = `${h.fake.url}/respond/checkin`;
  payload.actions = [
    { ...payload.actions[0], action_id: CHECKIN_ANSWER_ACTION, value: JSON.stringify(value), action_ts: `1548426417.84018${presses}` },
  ];
  return post(payload);
}

type Modal = { callback_id: string; private_metadata: string; title: { text: string }; blocks: Record<string, unknown>[] };

let submissions = 0;
/** A submission of `modal` (as Slack sends it: the view's id and its hash, new for each modal shown). */
function submit(modal: Modal, text: string, view: { id?: string; hash?: string } = {}) {
  submissions++;
  const payload = fixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission.json');
  // Submitted by the person who pressed (the block_actions fixture's user), in the same team.
  payload.user = { id: 'UA8RXUSPL', username: 'jtorrance', name: 'jtorrance', team_id: 'T0001' };
  payload.view = {
    ...payload.view,
    id: view.id ?? `VSUBMIT${submissions}`,
    hash: view.hash ?? `1566631${submissions}.cd33ad1f`,
    callback_id: modal.callback_id,
    private_metadata: modal.private_metadata,
    blocks: modal.blocks,
    state: { values: { text: { text: { type: 'plain_text_input', value: text } } } },
  };
  return post(payload);
}

describe('the check-in answer on Slack', () => {
  it('opens a modal from the DM button and writes the submission as the owner’s note', async () => {
    expect((await press({ metric: 'roi', segment: 'douyin' })).status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo('views.open')).toHaveLength(1));
    const call = h.fake.callsTo('views.open')[0];
    expect(call?.body.trigger_id).toBe('12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3');
    const modal = (typeof call?.body.view === 'string' ? JSON.parse(call.body.view) : call?.body.view) as Modal;
    expect(modal).toMatchObject({ type: 'modal', callback_id: 'gb.checkin.submit', title: { text: '会前确认' } });
    expect(JSON.parse(modal.private_metadata)).toEqual({ metric: 'roi', segment: 'douyin' });
    const input = modal.blocks.find((b) => b.type === 'input') as { label: { text: string }; element: Record<string, unknown> };
    expect(input.label.text).toBe('发生了什么？你打算怎么做？');
    expect(input.element).toMatchObject({ type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 400 });
    expect(input.element.initial_value).toBeUndefined();
    // No message was replaced: the modal is the answer.
    expect(h.fake.callsTo('response_url/respond/checkin')).toEqual([]);

    const res = await submit(modal, '素材疲劳，周四换新素材');
    expect(res.status).toBe(200);
    // The answer replaces the form: the note kept, with the number it explains.
    const answer = (await res.json()) as { response_action: string; view: { type: string; blocks: unknown[] } };
    expect(answer.response_action).toBe('update');
    expect(answer.view.type).toBe('modal');
    expect(JSON.stringify(answer.view.blocks)).toContain('已记下 抖音（2026-W46 · ROI 26.7%）的说明：素材疲劳，周四换新素材');
    expect(blockKitViolations({ blocks: answer.view.blocks }, 'answer modal')).toEqual([]);
    // The harness's day is Sunday 22 Nov: the note explains W46 (9–15 Nov), 抖音's ROI (1900 − 1500) / 1500.
    const notes = await vi.waitFor(async () => {
      const found = await h.store.meeting.notesFor(wsId, '2026-11-09');
      expect(found).toHaveLength(1);
      return found;
    });
    const author = (await h.store.members.list(wsId)).find((m) => m.id === notes[0]?.authorId);
    expect(author?.externalUserId).toBe('UA8RXUSPL');
    expect(notes[0]).toMatchObject({ segment: 'douyin', text: '素材疲劳，周四换新素材', periodTo: '2026-11-15' });
    expect(notes[0]?.metric).toBeUndefined();
    expect(notes[0]?.value).toBeCloseTo(400 / 1500, 10);
    expect(await h.store.audit.list(wsId, { action: 'meeting.note' })).toHaveLength(1);

    // Pressed again, the modal holds the answer already given.
    await press({ metric: 'roi', segment: 'douyin' });
    await vi.waitFor(() => expect(h.fake.callsTo('views.open')).toHaveLength(2));
    const raw = h.fake.callsTo('views.open')[1]?.body.view;
    const again = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Modal;
    expect(again.blocks.find((b) => b.type === 'input')?.element).toMatchObject({ initial_value: '素材疲劳，周四换新素材' });
    expect(h.fake.violations).toEqual([]);
  });

  it('writes nothing for a forged submission, an empty answer or a subject it cannot read', async () => {
    const modal = {
      callback_id: 'gb.checkin.submit',
      private_metadata: JSON.stringify({ metric: 'roi', segment: 'sem' }),
      title: { text: '' },
      blocks: [],
    };
    const before = await h.store.audit.list(wsId);
    const payload = fixture<Record<string, unknown>>('view-submission.json');
    payload.view = { ...(payload.view as object), ...modal, state: { values: { text: { text: { value: 'forged' } } } } };
    expect((await post(payload, 'guessed-secret')).status).toBe(401);
    const empty = await submit(modal, '   ');
    expect(empty.status).toBe(200);
    expect(JSON.stringify(await empty.json())).toContain('说明不能为空：发生了什么，打算怎么做？');
    expect((await submit({ ...modal, private_metadata: '{"metric":"roi; drop"}' }, 'text')).status).toBe(200);
    // Let the pipeline finish what it accepted, then look.
    await h.inbound.idle();
    expect(await h.store.audit.list(wsId)).toEqual(before);
  });
});

describe('a check-in answer slower than the acknowledgement budget', () => {
  let slow: SlackHarness;
  let slowWs: string;
  // The note is written only once the test lets it (a slow database, a busy replica): long after the 100 ms budget.
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const hold = () => {
    gate = new Promise((resolve) => {
      release = resolve;
    });
  };
  beforeAll(async () => {
    const core = createInteractions();
    const interactions: Interactions = {
      async onAction(ctx, action) {
        if (action.actionId === CHECKIN_SUBMIT_ACTION) await gate;
        return core.onAction(ctx, action);
      },
      onReaction: (ctx, reaction) => core.onReaction(ctx, reaction),
    };
    slow = await startSlackHarness({}, undefined, { ackBudgetMs: 100, interactions });
    slowWs = await seedChannels(slow.store);
  });
  afterAll(() => slow?.close());

  const modal = {
    callback_id: CHECKIN_SUBMIT_ACTION,
    private_metadata: JSON.stringify({ metric: 'roi', segment: 'douyin' }),
    title: { text: '会前确认' },
    blocks: [],
  };
  const send = (text: string, view: { id: string; hash: string }) => {
    const payload = fixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission.json');
    payload.user = { id: 'UA8RXUSPL', username: 'jtorrance', name: 'jtorrance', team_id: 'T0001' };
    payload.view = { ...payload.view, ...modal, ...view, state: { values: { text: { text: { type: 'plain_text_input', value: text } } } } };
    return postSigned(`${slow.url}/slack/events`, SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
  };
  const notes = () => slow.store.meeting.notesFor(slowWs, '2026-11-09');
  const modalText = (raw: unknown) => JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : raw);

  it('says it is working within the budget, then shows the kept note in the modal, written once', async () => {
    hold();
    const started = Date.now();
    const res = await send('素材疲劳，周四换新素材', { id: 'VSLOW1', hash: '1700000001.aaaa' });
    // Answered within Slack's 3 s (the budget, not the note's time): the modal now says it is working.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(200);
    const working = (await res.json()) as { response_action: string; view: { type: string; blocks: unknown[] } };
    expect(working).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(JSON.stringify(working.view.blocks)).toContain('正在计算，马上就好…');
    expect(await notes()).toEqual([]);

    // Slack gave up on a slow app before, and the person presses Submit again on the same modal: not a second note.
    const again = await send('素材疲劳，周四换新素材', { id: 'VSLOW1', hash: '1700000001.aaaa' });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('');

    release();
    await slow.inbound.idle();
    // The answer replaces "working" in the same modal.
    const updates = slow.fake.callsTo('views.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]?.body.view_id).toBe('VSLOW1');
    expect(modalText(updates[0]?.body.view)).toContain('已记下 抖音（2026-W46 · ROI 26.7%）的说明：素材疲劳，周四换新素材');
    expect(slow.fake.callsTo('chat.postMessage')).toEqual([]);
    expect((await notes()).map((n) => n.text)).toEqual(['素材疲劳，周四换新素材']);
    expect(await slow.store.audit.list(slowWs, { action: 'meeting.note' })).toHaveLength(1);
    expect(slow.fake.violations).toEqual([]);
  });

  it('sends the answer by direct message when the modal was closed meanwhile', async () => {
    hold();
    const res = await send('出价过高，周四调整', { id: 'VSLOW2', hash: '1700000002.bbbb' });
    expect(JSON.stringify(await res.json())).toContain('正在计算，马上就好…');
    // Closed while working: Slack no longer knows the view.
    slow.fake.failNext('views.update', 'not_found');
    release();
    await slow.inbound.idle();
    expect(slow.fake.callsTo('views.update').at(-1)?.body.view_id).toBe('VSLOW2');
    const dms = slow.fake.callsTo('chat.postMessage');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.body.channel).toBe('UA8RXUSPL');
    expect(JSON.stringify(dms[0]?.body.blocks)).toContain('已记下 抖音（2026-W46 · ROI 26.7%）的说明：出价过高，周四调整');
    expect((await notes()).map((n) => n.text)).toEqual(['素材疲劳，周四换新素材', '出价过高，周四调整']);
    expect(await slow.store.audit.list(slowWs, { action: 'meeting.note' })).toHaveLength(2);
    expect(slow.fake.violations).toEqual([]);
  });
});
