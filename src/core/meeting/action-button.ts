// The "Action" button on an alert and on a digest item: pressed, it opens a form for a tracked action on that
// number (core/commands/action-form.ts), which records the number's value when it is created.
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { ViewElement } from '../views/view.ts';

export const NEW_ACTION_ACTION = 'gb.action.new';
export const ACTION_SUBMIT_ACTION = 'gb.action.submit';

type Button = Extract<ViewElement, { type: 'actions' }>['actions'][number];

/** Whether a button's id is one of these (several in one block need ids of their own: Slack refuses repeats). */
export const isNewActionButton = (id: string) => id === NEW_ACTION_ACTION || id.startsWith(`${NEW_ACTION_ACTION}.`);

/**
 * The button for a metric (on a channel, or '' for the whole product); `named` labels it with the number it is
 * about, `index` tells it apart from the others in its row, `alert` names the alert it sits on.
 */
export function newActionButton(
  locale: Locale,
  metric: string,
  segment: string,
  options: { named?: string; index?: number; alert?: string } = {},
): Button {
  const { named, index, alert } = options;
  return {
    id: index === undefined ? NEW_ACTION_ACTION : `${NEW_ACTION_ACTION}.${index}`,
    label: named ? t(locale, 'meeting.actionButtonOn', { subject: named }) : t(locale, 'meeting.actionButton'),
    // On an alert, its id: the form offers whom the alert mentions as the action's owner.
    value: JSON.stringify({ metric, segment, ...(alert ? { alert } : {}) }),
  };
}
