/** Feishu's part of the configuration (FEISHU_* variables; composed by config/load-config.ts). */
export interface FeishuSettings {
  appId: string;
  appSecret: string;
  encryptKey?: string;
  verificationToken?: string;
  domain: string;
  mode: 'ws' | 'webhook';
  /** Register the commands in Feishu's "/" panel at start (needs the application:app_slash_command scopes). */
  slashCommands?: boolean;
}
