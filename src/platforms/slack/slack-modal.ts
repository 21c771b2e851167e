// A view's form as a Slack modal (`views.open`), and a submission's values back: Block Kit's limits as named
// constants (api.slack.com/reference/surfaces/views, /reference/block-kit/blocks#input).

import { plainText } from '../../core/views/rich-text.ts';
import { truncate } from '../../core/views/truncate.ts';
import type { View, ViewForm } from '../../core/views/view.ts';
import { type Block, MAX_SECTION_TEXT, toBlockKit, toMrkdwn } from './block-kit.renderer.ts';

export const MAX_MODAL_TITLE = 24;
export const MAX_MODAL_BUTTON = 24;
export const MAX_PRIVATE_METADATA = 3000;
export const MAX_CALLBACK_ID = 255;
export const MAX_INPUT_LABEL = 2000;
export const MAX_INPUT_LENGTH = 3000;

/** The modal `views.open` takes for a form: its intro, then one plain-text input per field. */
export function toSlackModal(form: ViewForm): Block {
  return {
    type: 'modal',
    callback_id: form.id.slice(0, MAX_CALLBACK_ID),
    private_metadata: form.value.slice(0, MAX_PRIVATE_METADATA),
    title: { type: 'plain_text', text: truncate(plainText(form.title), MAX_MODAL_TITLE) },
    submit: { type: 'plain_text', text: truncate(plainText(form.submit), MAX_MODAL_BUTTON) },
    blocks: [
      ...(form.intro ? [{ type: 'section', text: { type: 'mrkdwn', text: truncate(toMrkdwn(form.intro), MAX_SECTION_TEXT) } }] : []),
      ...form.fields.map((f) => ({
        type: 'input',
        block_id: f.id,
        ...(f.optional ? { optional: true } : {}),
        label: { type: 'plain_text', text: truncate(plainText(f.label), MAX_INPUT_LABEL) },
        element: {
          type: 'plain_text_input',
          action_id: f.id,
          multiline: Boolean(f.multiline),
          max_length: Math.min(f.maxLength ?? MAX_INPUT_LENGTH, MAX_INPUT_LENGTH),
          ...(f.initial ? { initial_value: f.initial.slice(0, f.maxLength ?? MAX_INPUT_LENGTH) } : {}),
          ...(f.placeholder ? { placeholder: { type: 'plain_text', text: truncate(f.placeholder, 150) } } : {}),
        },
      })),
    ],
  };
}

/** A submitted modal's values by field id (`state.values[block_id][action_id].value`). */
export function submittedFields(state: unknown): Record<string, string> {
  const values = (state as { values?: Record<string, Record<string, { value?: unknown }>> } | undefined)?.values ?? {};
  const out: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values))
    for (const [actionId, input] of Object.entries(actions))
      if (actionId === blockId && typeof input?.value === 'string') out[blockId] = input.value;
  return out;
}

/** An answer shown in place of a submitted form: the view's blocks (its buttons left out: a modal answer has none). */
export function toSlackNoticeModal(view: View): Block {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Growthbeat' },
    blocks: toBlockKit(view).blocks.filter((b) => b.type !== 'actions'),
  };
}
