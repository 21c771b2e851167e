import { startApp } from '../../app/serve.ts';
import { createLogger } from '../../base/logging/logger.ts';
import { loadConfig } from '../../config/load-config.ts';
import type { CliCommand } from '../command.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run the bot: apply pending migrations, then serve HTTP (health, APIs, chat platforms) until SIGTERM or SIGINT.',
  usage: 'growthbeat serve',
  examples: ['growthbeat serve', 'PORT=8080 DATABASE_URL=postgres://postgres@127.0.0.1:5432/growthbeat growthbeat serve'],
  options: {},
  async run(_args, io) {
    const config = loadConfig(io.env);
    const logger = createLogger(config.logLevel);
    const app = await startApp(config, logger);
    const local = !config.slack && !config.feishu;
    io.err(
      local
        ? `\nGrowthbeat local sandbox: open ${app.url}/ in your browser (no Slack or Feishu credentials are set). Stop with Ctrl-C.\n\n`
        : `\nGrowthbeat is running at ${app.url} (health: ${app.url}/healthz). Stop with Ctrl-C.\n\n`,
    );
    return new Promise<number>((resolve) => {
      const onSignal = (signal: string) => {
        logger.info('signal received', { signal });
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        app.stop().then(
          () => resolve(0),
          (error) => {
            logger.error('shutdown failed', { error });
            resolve(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
  },
};
