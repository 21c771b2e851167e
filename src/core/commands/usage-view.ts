import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { COMMAND_NAMES, type CommandName, type CommandUsageError } from '../text/usage-error.ts';
import { bold, code } from '../views/rich-text.ts';
import type { View } from '../views/view.ts';

function usageLines(command: CommandName, locale: Locale): string {
  return `${code(t(locale, `usage.${command}`))}\n${t(locale, 'usage.example')}${locale === 'zh-CN' ? '：' : ': '}${code(t(locale, `usage.${command}.example`))}`;
}

/** The answer to a command that cannot run: what is wrong, the correct usage and an example, only to the caller. */
export function usageView(error: CommandUsageError, locale: Locale): View {
  const problem = t(locale, error.key, error.params);
  const commands = error.command ? [error.command] : [...COMMAND_NAMES];
  return {
    fallback: `${t(locale, 'error.title')}: ${problem}`,
    ephemeral: true,
    severity: 'warning',
    elements: [
      { type: 'header', text: t(locale, 'error.title') },
      { type: 'text', text: problem },
      { type: 'text', text: `${bold(t(locale, 'usage.title'))}\n${commands.map((c) => usageLines(c, locale)).join('\n')}` },
      { type: 'context', text: t(locale, 'periods.hint') },
    ],
  };
}

export function helpView(locale: Locale): View {
  const title = t(locale, 'help.header');
  return {
    fallback: title,
    ephemeral: true,
    elements: [
      { type: 'header', text: title },
      ...COMMAND_NAMES.map((c) => ({ type: 'text' as const, text: usageLines(c, locale) })),
      { type: 'context', text: t(locale, 'periods.hint') },
    ],
  };
}
