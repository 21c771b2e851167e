import { parseArgs } from 'node:util';
import { VERSION } from '../app/version.ts';
import { createLogger } from '../base/logging/logger.ts';
import { registerAlerts } from '../core/alerts/register-alerts.ts';
import { ConfigError } from '../core/errors.ts';
import { explain } from '../core/explain.ts';
import { cleanText } from '../core/text/clean-text.ts';
import { type CliCommand, type CliIo, commandHelp } from './command.ts';
import { anomaliesCommand } from './commands/anomalies.command.ts';
import { auditCommand } from './commands/audit.command.ts';
import { backtestCommand } from './commands/backtest.command.ts';
import { calendarCommand } from './commands/calendar.command.ts';
import { cohortsCommand } from './commands/cohorts.command.ts';
import { deleteCommand } from './commands/delete.command.ts';
import { demoCommand } from './commands/demo.command.ts';
import { digestCommand } from './commands/digest.command.ts';
import { explainCommand } from './commands/explain.command.ts';
import { importCommand } from './commands/import.command.ts';
import { importEventsCommand } from './commands/import-events.command.ts';
import { jobsCommand } from './commands/jobs.command.ts';
import { meetingCommand } from './commands/meeting.command.ts';
import { metricsCommand } from './commands/metrics.command.ts';
import { migrateCommand } from './commands/migrate.command.ts';
import { outboxCommand } from './commands/outbox.command.ts';
import { queryCommand } from './commands/query.command.ts';
import { serveCommand } from './commands/serve.command.ts';
import { sourcesCommand } from './commands/sources.command.ts';
import { tokenCommand } from './commands/token.command.ts';
import { explainSystemError } from './system-errors.ts';

export const COMMANDS: CliCommand[] = [
  serveCommand,
  migrateCommand,
  importCommand,
  importEventsCommand,
  queryCommand,
  explainCommand,
  anomaliesCommand,
  backtestCommand,
  calendarCommand,
  deleteCommand,
  auditCommand,
  cohortsCommand,
  metricsCommand,
  demoCommand,
  digestCommand,
  meetingCommand,
  outboxCommand,
  jobsCommand,
  tokenCommand,
  sourcesCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `growthbeat ${VERSION}: the weekly growth meeting's bot (KPIs, channel ROI, retention, digests, alerts).`,
    '',
    'Usage: growthbeat <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary.split(': ')[0]?.split('. ')[0]}`),
    '',
    'Run `growthbeat <command> --help` for a command’s options and an example.',
    '',
  ].join('\n');
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
};

/** Runs the CLI and returns the exit code; known failures print one line, never a stack trace. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? commandHelp(topic) : overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  // Imports and the demo write observations: alert rules evaluate what they touched, as in the server.
  registerAlerts();
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`growthbeat: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}. See growthbeat --help.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }
  let args: { values: Record<string, unknown>; positionals: string[] };
  try {
    // Names given on the command line are stored and shown in chat: they lose code-only characters too.
    args = parseArgs({ args: rest.map(cleanText), options: command.options, allowPositionals: command.positionals ?? false, strict: true });
  } catch (error) {
    io.err(`growthbeat ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    return explainFailure(command.name, error, io);
  }
}

/** Where a person reports a bug: a real one is the only failure that prints a stack. */
const REPORT = 'This is a bug in Growthbeat: please report it with the lines above (the command, and the output of growthbeat --version).';

/**
 * Every failure is one line on stderr and an exit code: a known one names the thing and the fix (the stack goes
 * to the debug log: LOG_LEVEL=debug), a real bug keeps its stack and asks to be reported.
 */
export function explainFailure(name: string, error: unknown, io: CliIo): number {
  // The CLI speaks English (its help and options do).
  const answer = explain(error, 'en');
  const system = answer.unexpected ? explainSystemError(error) : undefined;
  if (!answer.unexpected || system) {
    const level = io.env.LOG_LEVEL === 'debug' ? 'debug' : 'silent';
    createLogger(level, io.err).debug('the failure in full', { error });
  }
  if (system) io.err(`growthbeat ${name}: ${system}\n`);
  else if (answer.unexpected) io.err(`growthbeat ${name} failed: ${(error as Error).stack ?? String(error)}\n${REPORT}\n`);
  else if (error instanceof ConfigError) io.err(`growthbeat: ${answer.message}\n`);
  else io.err(`growthbeat ${name}: ${answer.message}\n`);
  return system ? 1 : answer.exitCode;
}
