// The "Action" button on an alert or a digest item opens a form (Slack's modal, Feishu's form card, the
// sandbox's inline form): what will be done, its owner — prefilled with whoever answers for the number — and
// an optional due day. The submission is written as `/growth action add … on <metric> [<channel>]` writes it:
// the same checks, the number's value then, the audit entry.
import { loadNames, metricOf, type Names, ownerMemberIdsFor, segmentOf } from '../alerts/alert-names.ts';
import { t } from '../i18n/messages.ts';
import type { ActionInput } from '../interactions/interaction-handlers.ts';
import { ACTION_SUBMIT_ACTION, isNewActionButton } from '../meeting/action-button.ts';
import { subjectNames } from '../meeting/meeting-items.ts';
import type { Alert, AlertRule } from '../ports/alerts.ts';
import type { Member } from '../ports/workspace.ts';
import { personWord } from '../text/person-word.ts';
import { notice } from '../views/notice.ts';
import { code } from '../views/rich-text.ts';
import type { View } from '../views/view.ts';
import { oneLine, readSubject } from './checkin-answer.ts';
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

/**
 * Who answers for the number, from one read of the workspace's names: whom the alert mentions when the button is
 * on one (still there, about this number), else the channel's owner, else the metric's — the alerts' own order.
 */
function answersFor(names: Names, metric: string, segment: string, on: { alert?: Alert; rule?: AlertRule }): string | undefined {
  const { alert, rule } = on;
  if (alert && rule && metricOf(rule, alert) === metric && segmentOf(rule, alert) === segment) {
    const [first] = ownerMemberIdsFor(rule, alert, names);
    if (first) return first;
  }
  return (segment ? names.segments.get(segment)?.ownerMemberId : undefined) ?? names.metricOwners.get(metric);
}

async function actionForm(ctx: CommandContext, metric: string, segment: string, alertId: string | undefined): Promise<View> {
  const ws = ctx.workspace;
  const locale = ws.locale;
  // The answer must be in before Slack's trigger expires (3 s): every read at once, each once.
  const [names, alert] = await Promise.all([loadNames(ctx.store, ws), alertId ? ctx.store.alerts.get(ws.id, alertId) : undefined]);
  const rule = alert ? await ctx.store.alerts.getRule(ws.id, alert.ruleId) : undefined;
  const ownerId = answersFor(names, metric, segment, { alert, rule });
  const owner = (ownerId ? names.members.get(ownerId) : undefined) ?? ctx.member;
  const name = subjectNames({ catalog: names.catalog, segments: [...names.segments.values()] }, metric, segment || undefined)[locale];
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
  if (!subject) return undefined;
  if (pressed) return actionForm(ctx, subject.metric, subject.segment, subject.alert);
  const fields = subject.fields ?? {};
  const text = oneLine(fields.text);
  if (!text) return notice(t(ctx.workspace.locale, 'meeting.error.actionNeedsText'));
  // A name typed without its @ is still the person meant; an empty owner is whoever submits.
  const typedOwner = oneLine(fields.owner);
  const owner = !typedOwner ? ownerWord(ctx.member) : /^[@＠<]/.test(typedOwner) ? typedOwner : `@${typedOwner}`;
  const due = oneLine(fields.due);
  const on = [subject.metric, subject.segment].filter(Boolean).join(' ');
  return runCommand(ctx, '/growth', `action add ${text} owner ${owner}${due ? ` due ${due}` : ''} on ${on}`);
}
