// The neutral view model: what a command, an alert or the digest wants to show, before any platform.
// Renderers (Block Kit, Feishu card, sandbox HTML) switch over every element type.

export type Severity = 'info' | 'ok' | 'warning' | 'critical';

/** Inline text: plain words with **bold** and `code`; mentions only through `mention(id)` (core/views/mention.ts). */
export type RichText = string;

export type ViewElement =
  | { type: 'header'; text: string }
  | { type: 'text'; text: RichText }
  | { type: 'fields'; fields: { label: string; value: RichText }[] }
  | { type: 'table'; columns: { label: string; align?: 'left' | 'right' }[]; rows: string[][]; total?: string[]; caption?: string }
  | {
      type: 'chart';
      title: string;
      altText: string;
      /** Which chart it is (`channel-roi`, `retention`): names its PNG; never shown, never sent as a platform key. */
      imageKey?: string;
      /** The published picture as its platform references it: a URL (sandbox, Slack's image block) or a Feishu image_key. */
      image?: string;
      /** The PNG (base64) not yet published: the relay has the sender publish it inline, or posts it in the thread. */
      png?: string;
      /** What stands in for the chart where a platform cannot show it inside the message ('' for nothing). */
      elsewhere?: RichText;
    }
  | { type: 'actions'; actions: { id: string; label: string; value: string; style?: 'primary' | 'danger' }[] }
  | { type: 'context'; text: RichText }
  | { type: 'divider' };

export interface View {
  /** Plain text for notifications and clients that cannot show rich layouts. */
  fallback: string;
  elements: ViewElement[];
  severity?: Severity;
  /** Shown only to the person who asked (a usage error, a preview). */
  ephemeral?: boolean;
  /**
   * A form to open where the platform has one for a button's answer (Slack: a modal through `views.open`); its
   * submission comes back as the action `form.id` with `{ ...JSON.parse(form.value), fields }` as its value.
   * Elsewhere the elements are shown instead, so they say how to answer without it.
   */
  form?: ViewForm;
}

export interface ViewForm {
  /** The action id its submission arrives as (`gb.checkin.submit`). */
  id: string;
  title: string;
  submit: string;
  /** Carried through the form untouched (a JSON object as text). */
  value: string;
  /** Text above the fields. */
  intro?: RichText;
  /** `optional`: may be left empty (Slack and the sandbox otherwise refuse to submit without it). */
  fields: {
    id: string;
    label: string;
    placeholder?: string;
    initial?: string;
    multiline?: boolean;
    maxLength?: number;
    optional?: boolean;
  }[];
}
