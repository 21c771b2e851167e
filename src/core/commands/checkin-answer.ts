// The check-in's "Answer" button: where the platform has forms (Slack's modal) it opens one, prefilled with
// this week's note by the same person on the same number; the submission is written as `/growth note` writes
// a note (its value, its audit entry, the alert threads it explains). Elsewhere the answer shows the command.
import { noteWords } from '../digest/checkin-items.ts';
import type { Subject } from '../digest/digest-meeting.ts';
import { CHECKIN_ANSWER_ACTION, CHECKIN_SUBMIT_ACTION } from '../digest/send-checkin.ts';
import { t } from '../i18n/messages.ts';
import type { ActionInput } from '../interactions/interaction-handlers.ts';
import { subjectNames } from '../meeting/meeting-items.ts';
import { noteExplains, noteWeek } from '../meeting/meeting-values.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import { dayInZone } from '../time/zoned-today.ts';
import { notice } from '../views/notice.ts';
import { code } from '../views/rich-text.ts';
import type { View } from '../views/view.ts';
import type { CommandContext } from './command-context.ts';
import { runCommand } from './run-command.ts';

export { CHECKIN_ANSWER_ACTION, CHECKIN_SUBMIT_ACTION };

/** An answer's length limit: it is written through `/growth note`, whose whole text is at most 500 characters. */
const MAX_ANSWER = 400;

/**
 * A subject from a button's or form's value — the metric, the channel (a key: no spaces, so it stays one word in
 * the command it becomes), the typed fields, the alert the button sat on; undefined for anything forged or stale.
 */
export function readSubject(value: string): (Subject & { fields?: Record<string, unknown>; alert?: string }) | undefined {
  try {
    const v = JSON.parse(value) as Record<string, unknown>;
    if (typeof v.metric !== 'string' || typeof v.segment !== 'string' || !/^[\w-]{1,64}$/.test(v.metric)) return undefined;
    if (!/^[^\s<>]{0,64}$/u.test(v.segment)) return undefined;
    const fields = typeof v.fields === 'object' && v.fields !== null ? (v.fields as Record<string, unknown>) : undefined;
    const alert = typeof v.alert === 'string' && /^[\w-]{1,64}$/.test(v.alert) ? v.alert : undefined;
    return { metric: v.metric, segment: v.segment, ...(fields ? { fields } : {}), ...(alert ? { alert } : {}) };
  } catch {
    return undefined;
  }
}

/** A typed answer on one line: a form's multi-line field becomes the single line a command takes. */
export const oneLine = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

async function answerForm(ctx: CommandContext, subject: Subject): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const [catalog, segments] = await Promise.all([loadCatalog(ctx.store.metrics, ws), ctx.store.segments.list(ws.id)]);
  const week = noteWeek(dayInZone(ctx.now, ws.timezone));
  const mine = (await ctx.store.meeting.notesFor(ws.id, week.from)).filter((n) => n.authorId === ctx.member.id && noteExplains(n, subject));
  const name = subjectNames({ catalog, segments }, subject.metric, subject.segment || undefined)[locale];
  const command = `/growth note ${noteWords(subject, segments)} ${t(locale, 'checkin.placeholder')}`;
  const text = t(locale, 'checkin.ask', { command: code(command) });
  return {
    fallback: text,
    elements: [{ type: 'text', text: `${name}: ${text}` }],
    ephemeral: true,
    form: {
      id: CHECKIN_SUBMIT_ACTION,
      title: t(locale, 'checkin.formTitle'),
      submit: t(locale, 'checkin.formSubmit'),
      value: JSON.stringify(subject),
      intro: t(locale, 'checkin.formIntro', { subject: name, week: week.label }),
      fields: [
        {
          id: 'text',
          label: t(locale, 'checkin.formLabel'),
          multiline: true,
          maxLength: MAX_ANSWER,
          ...(mine.length ? { initial: mine.at(-1)?.text } : {}),
        },
      ],
    },
  };
}

/** The check-in's buttons and form; undefined when the action is not one of them. */
export async function checkinAction(ctx: CommandContext, action: ActionInput): Promise<View | undefined> {
  if (action.actionId !== CHECKIN_ANSWER_ACTION && action.actionId !== CHECKIN_SUBMIT_ACTION) return undefined;
  const subject = readSubject(action.value);
  if (!subject) return undefined;
  if (action.actionId === CHECKIN_ANSWER_ACTION) return answerForm(ctx, subject);
  const text = oneLine(subject.fields?.text);
  if (!text) return notice(t(ctx.workspace.locale, 'checkin.formNeedsText'));
  // Written exactly as `/growth note` writes it: the same value, audit entry and alert threads.
  return runCommand(ctx, '/growth', `note ${noteWords(subject, await ctx.store.segments.list(ctx.workspace.id))} ${text}`);
}
