// The baseline process: a Bolt app from the project's own node_modules whose command handler only acknowledges,
// behind Bolt's HTTPReceiver. Plain JavaScript (no loader), as the compiled `growthbeat serve` runs.
// Prints "listening <port>" once it accepts requests. Env: SLACK_SIGNING_SECRET, PORT (0 = any).
import bolt from '@slack/bolt';

const app = new bolt.App({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? 'bench-signing-secret-0123456789ab',
  token: 'xoxb-bench',
  logLevel: bolt.LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? 'http://127.0.0.1:9/api/' },
});
app.command(/.*/, async ({ ack }) => ack({ text: 'ok' }));
const server = await app.start(Number(process.env.PORT ?? 0));
console.log(`listening ${server.address().port}`);
