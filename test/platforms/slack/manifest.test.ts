import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../src/core/commands/command-grammar.ts';
import { SLACK_BOT_SCOPES } from '../../../src/platforms/slack/slack-adapter.ts';

const manifest = readFileSync(join(import.meta.dirname, '../../../manifest.yml'), 'utf8');

describe('manifest.yml', () => {
  it('declares every command the grammar reads, on the events URL', () => {
    const declared = [...manifest.matchAll(/- command: \/(\w+)\n\s+url: (\S+)/g)].map((m) => [m[1], m[2]]);
    expect(declared.map(([c]) => c)).toEqual([...COMMAND_NAMES]);
    for (const [, url] of declared) expect(url).toMatch(/\/slack\/events$/);
  });

  it('has Slack escape mentions and channels in every command, the form the grammar reads with their ids', () => {
    // Every command takes a person or a channel somewhere (owners, managers, rule owners, #channels, `<=`):
    // with escaping on, Slack sends <@U123|alice> and <#C123|general>; plain @alice is resolved by name.
    const escaping = [...manifest.matchAll(/- command: \/(\w+)\n(?:\s+\w+: .*\n)*?\s+should_escape: (\w+)/g)].map((m) => [m[1], m[2]]);
    expect(escaping).toEqual(COMMAND_NAMES.map((c) => [c, 'true']));
  });

  it('asks for exactly the bot scopes the app uses', () => {
    const scopes = manifest
      .split('bot:\n')[1]
      ?.split('settings:')[0]
      ?.match(/- (\S+)/g)
      ?.map((s) => s.slice(2));
    expect(scopes).toEqual(SLACK_BOT_SCOPES);
  });

  it('subscribes to the events the adapter handles', () => {
    expect(manifest).toMatch(/bot_events:\n\s+- app_mention\n\s+- reaction_added/);
    expect(manifest).toContain('/slack/oauth_redirect');
  });
});
