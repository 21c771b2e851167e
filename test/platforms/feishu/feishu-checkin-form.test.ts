// The check-in's "Answer" button on Feishu: a signed, encrypted card.action.trigger through the real Lark
// dispatcher answers with a card JSON 2.0 `form` of its own in the chat (posted through the real lark.Client to
// the fake Open API, which checks it); the form's submit (the fixture carrying `form_value`) is written as
// `/growth note` writes it, and the form's card is updated to show what was kept; pressed again, it is prefilled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKIN_ANSWER_ACTION } from '../../../src/core/digest/send-checkin.ts';
import { cardText } from '../../fakes/fake-feishu-api.ts';
import { feishuCardViolations } from '../../fakes/outbound-validator.ts';
import { postFeishu } from '../../helpers/feishu-signing.ts';
import { seedChannelWeek } from '../../helpers/seed-channels.ts';
import { ENCRYPT_KEY, event, type FeishuHarness, startFeishuHarness, TENANT } from './feishu-harness.ts';

let h: FeishuHarness;
let wsId: string;
beforeAll(async () => {
  h = await startFeishuHarness();
  wsId = await seedChannelWeek(h.store, 'feishu', TENANT);
});
afterAll(() => h?.close());

type Answer = { toast?: { content?: string }; card?: { type: string; data: Record<string, unknown> } };
type Card = { body: { elements: Record<string, unknown>[] } };

async function click(patch: (action: Record<string, unknown>) => void): Promise<Answer> {
  const f = event('card-action-trigger-form.json', (e) => patch(e.event.action as Record<string, unknown>));
  const res = await postFeishu(h.events, f, ENCRYPT_KEY);
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

const pressAnswer = () =>
  click((a) => {
    a.value = { action: CHECKIN_ANSWER_ACTION, value: JSON.stringify({ metric: 'roi', segment: 'douyin' }) };
    delete a.form_value;
  });

/** The form container of the newest message the fake received, and that message. */
async function newestForm() {
  await h.adapter.idle();
  const message = h.fake.messages.at(-1);
  const card = JSON.parse(message?.content ?? '{}') as Card;
  const form = card.body.elements.find((e) => e.tag === 'form') as { name: string; elements: Record<string, unknown>[] } | undefined;
  return { message, card, form };
}

describe('the check-in answer on Feishu', () => {
  it('posts a card 2.0 form and writes its submission as the owner’s note', async () => {
    const before = h.fake.messages.length;
    const pressed = await pressAnswer();
    expect(pressed.toast?.content).toBe('已在下方发送填写卡片');
    // The message pressed on is not replaced: it keeps its other items.
    expect(pressed.card).toBeUndefined();
    const { message, form } = await newestForm();
    expect(h.fake.messages.length).toBe(before + 1);
    expect(message?.chat_id).toBe('oc_e4d2605ca917e695f54f11aaf56edb98');
    expect(form).toBeDefined();
    const input = form?.elements.find((e) => e.tag === 'input');
    expect(input).toMatchObject({
      name: 'text',
      input_type: 'multiline_text',
      max_length: 400,
      label: { content: '发生了什么？你打算怎么做？' },
    });
    expect(input?.default_value).toBeUndefined();
    const submit = form?.elements.find((e) => e.tag === 'button') as {
      form_action_type: string;
      behaviors: { value: { action: string; value: string } }[];
    };
    expect(submit.form_action_type).toBe('submit');
    expect(submit.behaviors[0]?.value.action).toBe('gb.checkin.submit');
    expect(h.fake.violations).toEqual([]);

    // Feishu sends the button's callback value with the inputs as form_value.
    const kept = await click((a) => {
      a.value = submit.behaviors[0]?.value;
      a.form_value = { text: '  素材疲劳，周四换新素材  ' };
    });
    expect(kept.card?.type).toBe('raw');
    expect(feishuCardViolations(kept.card?.data, new Set(h.fake.imageKeys), 'kept')).toEqual([]);
    expect(cardText(JSON.stringify(kept.card?.data))).toContain('已记下 抖音（2026-W46 · ROI 26.7%）的说明：素材疲劳，周四换新素材');
    // The harness's day is Sunday 22 Nov: the note explains W46 (9–15 Nov).
    const notes = await h.store.meeting.notesFor(wsId, '2026-11-09');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ segment: 'douyin', text: '素材疲劳，周四换新素材', periodTo: '2026-11-15' });
    const author = (await h.store.members.list(wsId)).find((m) => m.id === notes[0]?.authorId);
    expect(author?.externalUserId).toBe('ou_3c14f3a59eaf2825dbe25359f15e9f78');
    expect(await h.store.audit.list(wsId, { action: 'meeting.note' })).toHaveLength(1);

    // Pressed again, the form holds the answer given.
    await pressAnswer();
    const again = await newestForm();
    expect(again.form?.elements.find((e) => e.tag === 'input')?.default_value).toBe('素材疲劳，周四换新素材');
    expect(h.fake.violations).toEqual([]);
  });

  it('writes nothing for an empty answer or a subject it cannot read', async () => {
    const before = await h.store.audit.list(wsId);
    const empty = await click((a) => {
      a.value = { action: 'gb.checkin.submit', value: JSON.stringify({ metric: 'roi', segment: 'sem' }) };
      a.form_value = { text: '   ' };
    });
    expect(cardText(JSON.stringify(empty.card?.data))).toContain('说明不能为空：发生了什么，打算怎么做？');
    await click((a) => {
      a.value = { action: 'gb.checkin.submit', value: '{"metric":"roi; drop"}' };
      a.form_value = { text: 'text' };
    });
    await click((a) => {
      a.value = { action: 'gb.checkin.submit', value: 'not json' };
      a.form_value = { text: 'text' };
    });
    await h.adapter.idle();
    expect(await h.store.audit.list(wsId)).toEqual(before);
  });
});

describe('the outbound validator on card 2.0 forms', () => {
  const card = (elements: unknown[]) => ({ schema: '2.0', body: { elements } });
  const input = { tag: 'input', name: 'text' };
  const submit = { tag: 'button', name: 's', text: { tag: 'plain_text', content: 'OK' }, form_action_type: 'submit' };
  it('refuses a form inside a column, unnamed inputs, a form without submit, and an input over 1000', () => {
    expect(feishuCardViolations(card([{ tag: 'form', name: 'f', elements: [input, submit] }]), new Set())).toEqual([]);
    const nested = card([
      { tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'form', name: 'f', elements: [input, submit] }] }] },
    ]);
    expect(feishuCardViolations(nested, new Set()).join()).toContain('"form" is not allowed here');
    expect(feishuCardViolations(card([{ tag: 'form', name: 'f', elements: [{ tag: 'input' }, submit] }]), new Set()).join()).toContain(
      'an input needs a name',
    );
    expect(feishuCardViolations(card([{ tag: 'form', name: 'f', elements: [input] }]), new Set()).join()).toContain(
      'without a button whose form_action_type is submit',
    );
    expect(
      feishuCardViolations(card([{ tag: 'form', name: 'f', elements: [{ ...input, max_length: 5000 }, submit] }]), new Set()).join(),
    ).toContain('must be 1–1000');
  });
});
