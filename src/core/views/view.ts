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
  | { type: 'chart'; title: string; imageUrl?: string; imageKey?: string; altText: string }
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
}
