import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; placeholder?: string };

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  options: Record<string, OptionSpec>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run(args: { values: Record<string, unknown>; positionals: string[] }, io: CliIo): Promise<number>;
}

/** The `--help` text of one command. */
export function commandHelp(command: CliCommand): string {
  const lines = [`Usage: ${command.usage}`, '', command.summary];
  const options = Object.entries(command.options);
  if (options.length) {
    lines.push('', 'Options:');
    for (const [name, spec] of options) {
      const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` <${spec.placeholder ?? 'value'}>` : ''}`;
      lines.push(`  ${flag.padEnd(30)} ${spec.description}`);
    }
  }
  lines.push(`  ${'    --help'.padEnd(30)} show this help`);
  lines.push('', command.examples.length > 1 ? 'Examples:' : 'Example:', ...command.examples.map((e) => `  ${e}`));
  return `${lines.join('\n')}\n`;
}
