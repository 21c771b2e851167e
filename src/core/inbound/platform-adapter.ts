// A chat platform as the app sees it (after vercel/chat's `Adapter`): a name, a lifecycle, the routes it
// adds to the one HTTP server, and the sender for a workspace. Inbound, an adapter only verifies,
// parses to neutral input and hands it to the core's pipeline (core/inbound); outbound, it renders and sends.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatSender } from '../ports/chat-sender.ts';
import type { InstallationRepository, PlatformInstallation } from '../ports/installations.ts';
import type { Logger } from '../ports/logger.ts';
import type { Locale, Platform, Workspace } from '../ports/workspace.ts';
import type { Inbound } from './inbound-pipeline.ts';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** What an adapter may add to the one HTTP server (base/http implements it). */
export interface HttpRoutes {
  route(method: string, path: string, handler: HttpHandler): void;
  mount(prefix: string, handler: HttpHandler): void;
}

export interface PlatformAdapter {
  readonly name: Platform;
  /** Adds the platform's routes (webhooks, OAuth, pages); a socket transport adds none. */
  mount(http: HttpRoutes): void;
  /** Checks the credentials and opens connections; throws a ConfigError that names the variables to check. */
  start(): Promise<void>;
  /** Closes connections; work already handed to the pipeline finishes through `Inbound.idle()`. */
  stop(): Promise<void>;
  /** The key of a workspace's app installation (Slack OAuth), when the platform keeps one per workspace. */
  installationKey?(workspace: Workspace): string;
  /** The sender for a workspace of this platform (its installation, when it has one), or undefined without credentials. */
  senderFor(workspace: Workspace, installation?: PlatformInstallation): ChatSender | undefined;
}

/** What the app gives every adapter it creates. */
export interface PlatformDeps {
  /** The core's inbound pipeline for this platform. */
  inbound: Inbound;
  logger: Logger;
  /** The HTTP server's body limit. */
  maxBodyBytes: number;
  /** Where Bolt's OAuth flow keeps app installations (tokens encrypted); nothing else of the store is an adapter's. */
  installations: InstallationRepository;
}

/** One registry line's module: how to make the adapter, and the platform facts the pipeline needs. */
export interface PlatformDefinition<Settings> {
  readonly name: Platform;
  /** How long the platform waits for an acknowledgement, less a margin; slower answers follow up. */
  readonly ackBudgetMs: number;
  /** A new workspace's language and time zone when the platform has its own (otherwise the configured defaults). */
  readonly workspaceDefaults?: { timezone: string; locale: Locale };
  create(settings: Settings, deps: PlatformDeps): PlatformAdapter;
}
