import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandUsageError } from '../../src/core/commands/command-grammar.ts';
import {
  AlertConflictError,
  ConfigError,
  GrowthbeatError,
  InputError,
  PayloadTooLargeError,
  PermanentDeliveryError,
  RateLimitedError,
  TargetNotSentError,
} from '../../src/core/errors.ts';
import { explain } from '../../src/core/explain.ts';
import { FormulaError } from '../../src/core/metrics/formula.ts';
import { FeishuApiError } from '../../src/platforms/feishu/feishu-sender.ts';

describe('one error model', () => {
  it('makes every error class in src a GrowthbeatError', () => {
    // Read the tree: a new `class X extends Error` anywhere in src fails here.
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? (e.name === 'generated' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const plain = walk(join(import.meta.dirname, '../../src')).filter((f) => /class \w+ extends Error\b/.test(readFileSync(f, 'utf8')));
    expect(plain.map((f) => f.split('/src/')[1])).toEqual(['core/errors.ts']);
    for (const error of [
      new AlertConflictError('a1'),
      new TargetNotSentError('waiting'),
      new PayloadTooLargeError(10),
      new FeishuApiError('im.message.create failed', { feishuCode: 1 }),
      new FormulaError('a +', 3, 'expected a name'),
      new CommandUsageError('roi', 'error.badPeriod', { text: 'x' }),
    ])
      expect(error).toBeInstanceOf(GrowthbeatError);
  });

  it('explains a failure nobody expected in the reader’s language, without its message', () => {
    const error = new Error('TypeError at prisma-client.ts:42 with postgres://user:pw@db');
    expect(explain(error, 'zh-CN')).toEqual({
      code: 'internal_error',
      message: '出错了，已记录日志。请稍后再试。',
      status: 500,
      exitCode: 1,
      unexpected: true,
    });
    expect(explain(error, 'en').message).toBe('Something went wrong; it has been logged. Please try again.');
  });

  it('keeps the words of errors written for the person, and localizes the others', () => {
    expect(explain(new InputError('line 3: "abc" is not a number', { line: 3 }), 'zh-CN')).toMatchObject({
      message: 'line 3: "abc" is not a number',
      status: 400,
      exitCode: 2,
    });
    expect(explain(new ConfigError('PORT', 'PORT="x" is not a number'), 'en')).toMatchObject({ code: 'config_invalid', exitCode: 1 });
    expect(explain(new PayloadTooLargeError(1024), 'en')).toMatchObject({ status: 413 });
    expect(explain(new AlertConflictError('a1'), 'zh-CN')).toMatchObject({
      status: 409,
      message: '有人同时改动了同一项内容，请刷新后再试。',
    });
    expect(explain(new RateLimitedError('429', 1000), 'en')).toMatchObject({ status: 503, message: expect.stringContaining('slow down') });
    expect(explain(new PermanentDeliveryError('channel_not_found'), 'en')).toMatchObject({ status: 502, message: 'channel_not_found' });
  });
});
