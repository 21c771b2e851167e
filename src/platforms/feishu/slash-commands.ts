// Feishu's native "/" command panel (clients 7.70+): with FEISHU_SLASH_COMMANDS=true, start() registers
// Growthbeat's commands through /open-apis/application/v7/app_slash_commands (not wrapped by the SDK).
// Picking one sends an ordinary message ("/roi …") that im.message.receive_v1 already handles, so this
// only makes the commands discoverable. It needs the application:app_slash_command:read and :write
// scopes; without them the bot works as before and the log says which scope is missing.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../base/logging/logger.ts';
import { COMMAND_NAMES } from '../../core/commands/command-grammar.ts';
import { t } from '../../core/i18n/messages.ts';

export const SLASH_COMMANDS_PATH = '/open-apis/application/v7/app_slash_commands';

export interface SlashCommandSpec {
  command: string;
  description: { default_value: string; i18n: { zh_cn: string; en_us: string } };
}

type Answer = { code?: number; msg?: string; data?: Record<string, unknown> };

/** Each command with its usage line as the panel's description, in both languages. */
export function slashCommandSpecs(): SlashCommandSpec[] {
  return COMMAND_NAMES.map((name) => {
    const key = `usage.${name}` as Parameters<typeof t>[1];
    return { command: name, description: { default_value: t('zh-CN', key), i18n: { zh_cn: t('zh-CN', key), en_us: t('en', key) } } };
  });
}

async function call(client: lark.Client, method: string, url: string, data?: unknown, params?: Record<string, unknown>) {
  const res = (await client.request({ method, url, data, params })) as Answer;
  if (res?.code !== 0) throw new Error(`${method} ${url} answered ${res?.code}: ${res?.msg}`);
  return res.data ?? {};
}

/** Creates the commands the app does not have yet and corrects changed descriptions; others are left alone. */
export async function registerSlashCommands(client: lark.Client, logger: Logger): Promise<{ created: number; updated: number }> {
  try {
    const existing: { command_id?: string; command?: string; description?: SlashCommandSpec['description'] }[] = [];
    let pageToken: string | undefined;
    do {
      const page = await call(client, 'GET', SLASH_COMMANDS_PATH, undefined, {
        page_size: 50,
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      existing.push(...((page.items as typeof existing | undefined) ?? []));
      pageToken = page.has_more ? (page.page_token as string) : undefined;
    } while (pageToken);
    let created = 0;
    let updated = 0;
    for (const spec of slashCommandSpecs()) {
      const found = existing.find((c) => c.command === spec.command);
      if (!found) {
        await call(client, 'POST', SLASH_COMMANDS_PATH, spec);
        created++;
      } else if (JSON.stringify(found.description) !== JSON.stringify(spec.description) && found.command_id) {
        await call(client, 'PATCH', `${SLASH_COMMANDS_PATH}/${found.command_id}`, { description: spec.description });
        updated++;
      }
    }
    logger.info('feishu slash commands registered', { created, updated });
    return { created, updated };
  } catch (error) {
    logger.warn(
      'feishu slash commands not registered: grant application:app_slash_command:read and :write, or unset FEISHU_SLASH_COMMANDS',
      {
        error,
      },
    );
    return { created: 0, updated: 0 };
  }
}
