// Every chat platform Growthbeat can run, one line each: which part of the configuration turns it on,
// and its adapter module, loaded only when it is configured (so an unconfigured platform's SDK is never
// imported). Adding a platform: a folder under src/platforms and one line here (see CONTRIBUTING.md).
import type { Config } from '../config/load-config.ts';
import type { PlatformDefinition } from '../core/inbound/platform-adapter.ts';

export interface PlatformEntry<Settings = unknown> {
  /** This platform's settings in the configuration; undefined when it is not configured. */
  settings(config: Config): Settings | undefined;
  /** The adapter module (a dynamic import: its SDK loads with it). */
  load(): Promise<PlatformDefinition<Settings>>;
}

const entry = <S>(e: PlatformEntry<S>): PlatformEntry<unknown> => e as PlatformEntry<unknown>;

export const PLATFORMS: PlatformEntry[] = [
  entry({ settings: (c) => c.slack, load: async () => (await import('./slack/slack-adapter.ts')).slackPlatform }),
  entry({ settings: (c) => c.feishu, load: async () => (await import('./feishu/feishu-adapter.ts')).feishuPlatform }),
  entry({ settings: (c) => c.sandbox, load: async () => (await import('./sandbox/sandbox-adapter.ts')).sandboxPlatform }),
];
