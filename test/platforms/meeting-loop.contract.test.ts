import { startFeishuDriver } from './feishu/feishu.driver.ts';
import { meetingLoopContract } from './meeting-loop.contract.ts';
import { startSandboxDriver } from './sandbox/sandbox.driver.ts';
import { startSlackDriver } from './slack/slack.driver.ts';

meetingLoopContract(
  'Slack',
  { redelivery: true, reactions: true, forms: true, otherUsers: true },
  { channel: 'C0GROWTH' },
  startSlackDriver,
);
meetingLoopContract('the local sandbox', { redelivery: false, reactions: false }, { channel: 'sandbox' }, startSandboxDriver);
meetingLoopContract(
  'Feishu',
  { redelivery: true, reactions: true, forms: true, otherUsers: true },
  { channel: 'oc_growth0000' },
  startFeishuDriver,
);
