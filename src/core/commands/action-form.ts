// The "Action" button on an alert or a digest item opens a form (Slack's modal, Feishu's form card, the
// sandbox's inline form): what will be done, its owner — prefilled with whoever answers for the number — and
// an optional due day. The submission is written as `/growth action add … on <metric> [<channel>]` writes it:
// the same checks, the number's value then, the audit entry.
import { loadNames, metricOf, ownerMemberIdsFor, segmentOf } from '../alerts/alert-names.ts';
import { ownerOf, ownership } from '../digest/checkin-items.ts';
import { t } from '../i18n/messages.ts';
import type { ActionInput } from '../interactions/interaction-handlers.ts';
import { ACTION_SUBMIT_ACTION, isNewActionButton } from '../meeting/action-button.ts';
import { subjectNames } from '../meeting/meeting-items.ts';
import { loadCatalog } from '../metrics/load-catalog.ts';
import type { Member } from '../ports/workspace.ts';
import { personWord } from '../text/person-word.ts';
import { code } from '../views/rich-text.ts';
import type { View } from '../views/view.ts';
import { readSubject } from './checkin-answer.ts';
import type { CommandContext } from './command-context.ts';
import { runCommand } from './run-command.ts';

/** An action's text in the form: `/growth action add` takes at most 500 characters in all. */
const MAX_TEXT = 200;
const MAX_OWNER = 80;
const MAX_DUE = 20;

/** How a person is written in the owner field: `@name` where the name reads back as one, else their platform id. */
function ownerWord(member: Member): string {
  const name = member.displayName ? `@${member.displayName}` : '';
  return name && personWord(name)?.name === member.displayName ? name : `<@${member.externalUserId}>`;
}

const oneLine = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** The alert a button sits on (its id in the button's value), when it is still there and about this number. */
function alertIdOf(value: string): string | undefined {
  try {
    const id = (JSON.parse(value) as { alert?: unknown }).alert;
    return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Who answers for the number: whom the alert mentions when the button is on one, else the channel's owner, else the metric's. */
async function answersFor(ctx: CommandContext, metric: string, segment: string, alertId: string | undefined): Promise<string | undefined> {
  const ws = ctx.workspace;
  const alert = alertId ? await ctx.store.alerts.get(ws.id, alertId) : undefined;
  const rule = alert ? await ctx.store.alerts.getRule(ws.id, alert.ruleId) : undefined;
  if (alert && rule && metricOf(rule, alert) === metric && segmentOf(rule, alert) === segment) {
    const [first] = ownerMemberIdsFor(rule, alert, await loadNames(ctx.store, ws));
    if (first) return first;
  }
  const [metricOwners, segments] = await Promise.all([ctx.store.metrics.owners(ws.id), ctx.store.segments.list(ws.id)]);
  return ownerOf(ownership(metricOwners, segments), { metric, segment });
}

async function actionForm(ctx: CommandContext, metric: string, segment: string, alertId: string | undefined): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  const [catalog, segments, members, ownerId] = await Promise.all([
    loadCatalog(ctx.store.metrics, ws),
    ctx.store.segments.list(ws.id),
    ctx.store.members.list(ws.id),
    answersFor(ctx, metric, segment, alertId),
  ]);
  const owner = members.find((m) => m.id === ownerId) ?? ctx.member;
  const name = subjectNames({ catalog, segments }, metric, segment || undefined)[locale];
  const on = [metric, segment].filter(Boolean).join(' ');
  const command = `/growth action add ${t(locale, 'meeting.textPlaceholder')} owner ${ownerWord(owner)} on ${on}`;
  const text = t(locale, 'meeting.formAsk', { subject: name, command: code(command) });
  return {
    fallback: text,
    elements: [{ type: 'text', text }],
    ephemeral: true,
    form: {
      id: ACTION_SUBMIT_ACTION,
      title: t(locale, 'meeting.formTitle'),
      submit: t(locale, 'meeting.formSubmit'),
      value: JSON.stringify({ metric, segment }),
      intro: t(locale, 'meeting.formIntro', { subject: name }),
      fields: [
        { id: 'text', label: t(locale, 'meeting.formText'), maxLength: MAX_TEXT },
        { id: 'owner', label: t(locale, 'meeting.formOwner'), initial: ownerWord(owner), maxLength: MAX_OWNER },
        {
          id: 'due',
          label: t(locale, 'meeting.formDue'),
          placeholder: t(locale, 'meeting.formDuePlaceholder'),
          maxLength: MAX_DUE,
          optional: true,
        },
      ],
    },
  };
}

/** The "Action" buttons and their form; undefined when the action is not one of them. */
export async function actionFormAction(ctx: CommandContext, action: ActionInput): Promise<View | undefined> {
  const pressed = isNewActionButton(action.actionId);
  if (!pressed && action.actionId !== ACTION_SUBMIT_ACTION) return undefined;
  const subject = readSubject(action.value);
  if (!subject || !/^[^\s<>]{0,64}$/u.test(subject.segment)) return undefined;
  if (pressed) return actionForm(ctx, subject.metric, subject.segment, alertIdOf(action.value));
  const fields = subject.fields ?? {};
  const text = oneLine(fields.text);
  if (!text) {
    const needs = t(ctx.workspace.locale, 'meeting.error.actionNeedsText');
    return { fallback: needs, elements: [{ type: 'text', text: needs }], ephemeral: true };
  }
  // A name typed without its @ is still the person meant; an empty owner is whoever submits.
  const typedOwner = oneLine(fields.owner);
  const owner = !typedOwner ? ownerWord(ctx.member) : /^[@＠<]/.test(typedOwner) ? typedOwner : `@${typedOwner}`;
  const due = oneLine(fields.due);
  const on = [subject.metric, subject.segment].filter(Boolean).join(' ');
  return runCommand(ctx, '/growth', `action add ${text} owner ${owner}${due ? ` due ${due}` : ''} on ${on}`);
}
