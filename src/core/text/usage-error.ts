// A user's mistake in a command, as every part of the core throws it (the grammars, the use cases): the
// answer is the problem and the command's usage, in the workspace's language. Low in the core so the alert
// rule grammar and the command handlers can both throw it without importing each other.
import { InputError } from '../errors.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** The chat commands; a usage error names the one whose usage to show. */
export const COMMAND_NAMES = ['roi', 'retention', 'kpi', 'alerts', 'growth'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command that cannot be run as typed: the answer is the problem and the command's usage, in the workspace's language. */
export class CommandUsageError extends InputError {
  readonly command: CommandName | undefined;
  readonly key: MessageKey;
  readonly params: Record<string, string | number>;
  constructor(command: CommandName | undefined, key: MessageKey, params: Record<string, string | number> = {}) {
    super(`${key} ${JSON.stringify(params)}`, { field: 'command' });
    this.command = command;
    this.key = key;
    this.params = params;
  }
}
