/** Slack's part of the configuration (SLACK_* variables; composed by config/load-config.ts). */
export interface SlackSettings {
  signingSecret?: string;
  botToken?: string;
  appToken?: string;
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  apiUrl?: string;
}
