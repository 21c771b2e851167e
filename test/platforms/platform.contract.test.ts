import { startFeishuDriver } from './feishu/feishu.driver.ts';
import { platformContract } from './platform.contract.ts';
import { startSandboxDriver } from './sandbox/sandbox.driver.ts';
import { startSlackDriver } from './slack/slack.driver.ts';

platformContract('Slack', { redelivery: true, reactions: true, forms: true, otherUsers: true }, startSlackDriver);
platformContract('the local sandbox', { redelivery: false, reactions: false }, startSandboxDriver);
platformContract('Feishu', { redelivery: true, reactions: true, forms: true, otherUsers: true }, startFeishuDriver);
