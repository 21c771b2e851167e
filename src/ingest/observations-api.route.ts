import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { type Handler, sendJson } from '../base/http/http-server.ts';
import { hasMediaType } from '../base/http/media-type.ts';
import { readBody } from '../base/http/read-body.ts';
import { InputError } from '../core/errors.ts';
import { recordObservations } from '../core/metrics/record-observations.ts';
import type { Store } from '../core/ports/store.ts';
import { cleanName, cleanText } from '../core/text/clean-text.ts';
import { MAX_NAME_LENGTH } from '../core/text/name-length.ts';

export const MAX_OBSERVATIONS_PER_REQUEST = 50_000;
const TOO_LONG = `is longer than ${MAX_NAME_LENGTH} characters`;

const entry = z
  .object({
    date: z.string().optional(),
    day: z.string().optional(),
    metric: z.string().min(1).max(MAX_NAME_LENGTH, { error: TOO_LONG }),
    segment: z.string().max(MAX_NAME_LENGTH, { error: TOO_LONG }).optional(),
    value: z.number().finite(),
  })
  .strict()
  .refine((e) => e.date !== undefined || e.day !== undefined, { error: 'needs a date (YYYY-MM-DD)', path: ['date'] });

export const observationsBodySchema = z
  .object({
    observations: z.array(entry).min(1).max(MAX_OBSERVATIONS_PER_REQUEST),
    /** A name for the batch (a job id, a file), kept in the audit log. */
    source: z.string().max(200).optional(),
  })
  .strict();

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? '';
  const m = header.match(/^Bearer\s+(\S+)$/i);
  return m?.[1];
}

function jsonErrorPosition(text: string, error: Error): { line?: number; column?: number } {
  const at = error.message.match(/position (\d+)/);
  if (!at) return {};
  const before = text.slice(0, Number(at[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * POST /api/v1/observations: a warehouse job's values, authenticated by a workspace bearer token.
 * Idempotent (the same body twice changes nothing) and all or nothing; 4xx answers name the field.
 */
export function observationsApiRoute(store: Store, maxBodyBytes: number): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const secret = bearer(req);
    const token = secret ? await store.apiTokens.authenticate(secret) : undefined;
    if (!token) {
      res.setHeader('www-authenticate', 'Bearer realm="growthbeat"');
      return sendJson(res, 401, { error: 'unauthorized', message: 'send Authorization: Bearer <token> (growthbeat token create <name>)' });
    }
    if (!hasMediaType(req, 'application/json'))
      return sendJson(res, 415, { error: 'unsupported_media_type', message: 'send Content-Type: application/json (UTF-8)' });
    const text = (await readBody(req, maxBodyBytes)).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return sendJson(res, 400, { error: 'invalid_json', message: (error as Error).message, ...jsonErrorPosition(text, error as Error) });
    }
    const parsed = observationsBodySchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
      return sendJson(res, 422, { error: 'invalid_body', message: `${issues[0]?.path || 'body'}: ${issues[0]?.message}`, issues });
    }
    try {
      const entries = parsed.data.observations.map((o) => ({
        metric: cleanName(o.metric),
        segment: o.segment === undefined ? undefined : cleanName(o.segment),
        day: (o.date ?? o.day) as string,
        value: o.value,
      }));
      const summary = await recordObservations(
        store,
        token.workspaceId,
        entries,
        {
          source: 'api',
          sourceRef: parsed.data.source === undefined ? undefined : cleanText(parsed.data.source),
          actor: `api:${token.prefix}`,
        },
        { allowNewSegments: true },
      );
      return sendJson(res, 200, { workspace: token.workspaceId, received: entries.length, ...summary });
    } catch (error) {
      if (error instanceof InputError) {
        return sendJson(res, 422, {
          error: 'invalid_observation',
          message: error.message,
          issues: [{ path: error.field, message: error.message, index: (error.line ?? 1) - 1 }],
        });
      }
      throw error;
    }
  };
}
