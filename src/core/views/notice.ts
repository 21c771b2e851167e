import type { Severity, View } from './view.ts';

/** A one-sentence answer: for the asker alone unless `shared`; `ok` marks it done (✅), `warning` a problem. */
export function notice(text: string, options: { severity?: Severity; shared?: boolean } = {}): View {
  const mark = options.severity === 'ok' ? '✅ ' : '';
  return {
    fallback: text,
    elements: [{ type: 'text', text: `${mark}${text}` }],
    ...(options.shared ? {} : { ephemeral: true }),
    ...(options.severity ? { severity: options.severity } : {}),
  };
}

/** A refusal (not allowed), for the asker alone, saying why. */
export function refusal(text: string): View {
  return { fallback: text, elements: [{ type: 'text', text: `⛔ ${text}` }], ephemeral: true, severity: 'warning' };
}

/** Something went wrong (⚠️): for the asker alone unless `shared` (a notice to a channel). */
export function problem(text: string, options: { shared?: boolean } = {}): View {
  return {
    fallback: text,
    elements: [{ type: 'text', text: `⚠️ ${text}` }],
    ...(options.shared ? {} : { ephemeral: true }),
    severity: 'warning',
  };
}
