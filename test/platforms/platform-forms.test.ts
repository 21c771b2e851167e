// The drivers' answerWithForm on a form of several fields, on every platform: the field `text` and the fields
// given go as typed, every other field as it was prefilled (a user leaves it untouched); the submission arrives
// as the form's action with its carried value, from the person who submitted it, at the driver's clock. The
// form is this test's own (a handler registered here, as a feature registers its buttons).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerInteractionHandler } from '../../src/core/interactions/interaction-handlers.ts';
import { startFeishuDriver } from './feishu/feishu.driver.ts';
import type { DriverOptions, PlatformDriver } from './platform.contract.ts';
import { startSandboxDriver } from './sandbox/sandbox.driver.ts';
import { startSlackDriver } from './slack/slack.driver.ts';

const OPEN = 'gb.test-form.open';
const SUBMIT = 'gb.test-form.submit';

registerInteractionHandler({
  actionPrefix: 'gb.test-form.',
  async onAction(actor, input) {
    if (input.actionId === OPEN)
      return {
        fallback: '请填写',
        elements: [{ type: 'text', text: '请填写' }],
        ephemeral: true,
        form: {
          id: SUBMIT,
          title: '测试表单',
          submit: '提交',
          value: input.value,
          fields: [
            { id: 'text', label: '说明', multiline: true, initial: '先前的说明' },
            { id: 'owner', label: '负责人', initial: '@alice' },
            { id: 'due', label: '截止日期' },
          ],
        },
      };
    // The submission as the core received it, a line per thing, for the test to read back.
    const value = JSON.parse(input.value) as { item?: unknown; fields?: Record<string, string> };
    const lines = [
      `item=${String(value.item)}`,
      ...Object.entries(value.fields ?? {})
        .sort()
        .map(([k, v]) => `${k}=${v}`),
      `by=${actor.member.externalUserId}`,
      `at=${actor.now.toISOString()}`,
    ];
    return { fallback: lines.join(' '), elements: lines.map((text) => ({ type: 'text' as const, text })) };
  },
});

const platforms: [string, (options?: DriverOptions) => Promise<PlatformDriver>, { otherUsers: boolean }][] = [
  ['Slack', startSlackDriver, { otherUsers: true }],
  ['the local sandbox', startSandboxDriver, { otherUsers: false }],
  ['Feishu', startFeishuDriver, { otherUsers: true }],
];

for (const [name, start, capabilities] of platforms)
  describe(`${name}: a form of several fields, answered`, () => {
    let now = new Date('2026-11-22T04:00:00Z');
    let d: PlatformDriver;
    beforeAll(async () => {
      d = await start({ clock: () => now });
    });
    afterAll(() => d?.close());
    afterEach(() => expect(d?.violations?.() ?? []).toEqual([]));
    // Slack's renderer breaks a typed @name with a zero-width space so it never becomes a mention.
    const answer = async (...args: Parameters<NonNullable<PlatformDriver['answerWithForm']>>) => {
      const result = await d.answerWithForm?.(...args);
      if (!result) throw new Error(`${name} has no forms`);
      return { ...result, answer: result.answer.replace(/\u200B/g, '') };
    };

    it('sends the text and the fields given as typed, every other field as prefilled', async () => {
      const first = await answer(OPEN, JSON.stringify({ item: 7 }), '换素材', { fields: { due: '2026-12-01' } });
      expect(first.initial).toBe('先前的说明');
      expect(first.initials).toEqual({ text: '先前的说明', owner: '@alice', due: '' });
      for (const line of ['item=7', 'text=换素材', 'owner=@alice', 'due=2026-12-01', `by=${d.userId()}`, 'at=2026-11-22T04:00:00.000Z'])
        expect(first.answer).toContain(line);
    });

    it('types over a prefilled field too, as the person named, at the clock’s time', async () => {
      now = new Date('2026-11-23T01:00:00Z');
      const bob = capabilities.otherUsers ? d.userId('bob') : d.userId();
      const second = await answer(OPEN, JSON.stringify({ item: 8 }), '已换', { fields: { owner: '@bob', due: '2026-12-02' }, user: bob });
      for (const line of ['item=8', 'text=已换', 'owner=@bob', 'due=2026-12-02', `by=${bob}`, 'at=2026-11-23T01:00:00.000Z'])
        expect(second.answer).toContain(line);
      expect(second.answer).not.toContain('@alice');
    });

    // An input block is required unless it says `optional` (Slack's default); the others mark their required fields.
    it.skipIf(name !== 'Slack')('refuses to submit a required field left empty, as the platform’s client does', async () => {
      await expect(answer(OPEN, JSON.stringify({ item: 9 }), '')).rejects.toThrow(/text is required and empty/);
    });
  });
