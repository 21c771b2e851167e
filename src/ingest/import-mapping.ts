import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../core/errors.ts';
import { MAX_NAME_LENGTH } from '../core/text/name-length.ts';

/** A mapping names a few columns: a few KB. Anything near this is not a mapping, and is not read whole. */
export const MAX_MAPPING_BYTES = 1_048_576;

const name = z
  .string()
  .min(1)
  .max(MAX_NAME_LENGTH, { error: `is longer than ${MAX_NAME_LENGTH} characters` });
const segmentName = z.string().max(MAX_NAME_LENGTH, { error: `is longer than ${MAX_NAME_LENGTH} characters` });

const columnRef = z.object({ column: z.string().min(1) });
const part = z.union([z.number().int(), columnRef]);

/** The mapping file of `growthbeat import --mapping`: which columns hold what. */
export const importMappingSchema = z
  .object({
    /** `long`: date, metric, segment, value columns. `wide`: one column per metric (or per segment × metric). Detected when absent. */
    format: z.enum(['long', 'wide']).optional(),
    date: z
      .union([
        z.string().min(1),
        z.object({ column: z.string().min(1), order: z.enum(['ymd', 'dmy', 'mdy']).optional() }),
        z.object({ year: part, month: part, day: part }),
      ])
      .optional(),
    segment: z
      .union([
        z.string().min(1),
        z.object({
          column: z.string().min(1).optional(),
          /** One segment for the whole file. */
          value: segmentName.optional(),
          /** What a missing segment (`#N/A`, empty) becomes: the `unknown` segment (default) or the row is skipped. */
          missing: z.enum(['unknown', 'skip']).optional(),
          /** Renames: file value → segment. */
          map: z.record(z.string(), segmentName).optional(),
        }),
      ])
      .optional(),
    /** Column → metric, or → { metric, segment } for segment × metric columns, or null to ignore it. */
    columns: z
      .record(
        z.string(),
        z.union([name, z.object({ metric: name, segment: segmentName.optional(), scale: z.number().optional() }), z.null()]),
      )
      .optional(),
    /** Ignore columns the mapping does not name instead of refusing the file. */
    ignoreOtherColumns: z.boolean().optional(),
  })
  .strict();

export type ImportMapping = z.infer<typeof importMappingSchema>;

/** Reads and checks a mapping file; errors name the field path. */
export function loadMapping(path: string): ImportMapping {
  let json: unknown;
  try {
    if (statSync(path).size > MAX_MAPPING_BYTES)
      throw new InputError(
        `the mapping file ${path} is larger than ${MAX_MAPPING_BYTES} bytes; a mapping names columns and fits in a few KB`,
        {
          field: 'mapping',
        },
      );
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`the mapping file ${path} is not readable JSON: ${(error as Error).message}`, { field: 'mapping' });
  }
  return parseMapping(json);
}

export function parseMapping(json: unknown): ImportMapping {
  const parsed = importMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || '(top level)';
    throw new InputError(`mapping: ${path}: ${issue?.message}`, { field: `mapping.${path}` });
  }
  return parsed.data;
}
