// manifest.yml against Slack's own published schema (slackapi/manifest-schema, see test/fixtures/slack/README.md):
// a manifest Slack's "Create from a manifest" would refuse fails here first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(join(root, 'test/fixtures/slack/manifest.schema.1.0.0.json'), 'utf8'));
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
// Slack's schema carries annotations of its own (`_note` …); the keywords that constrain are standard draft-07.
const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);

describe("manifest.yml against Slack's published manifest schema", () => {
  it('is valid', () => {
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is checked for real: a manifest with a slash command over its limits is refused', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'roi'; // no leading slash
    broken.features.slash_commands[0].description = 'x'.repeat(2001);
    broken.display_information.name = 'x'.repeat(36);
    expect(validate(broken)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(
      expect.arrayContaining(['/features/slash_commands/0/command', '/features/slash_commands/0/description', '/display_information/name']),
    );
  });
});
