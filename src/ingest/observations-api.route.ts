import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { type Handler, sendJson } from '../base/http/http-server.ts';
import { hasMediaType } from '../base/http/media-type.ts';
import { readBody } from '../base/http/read-body.ts';
import { InputError } from '../core/errors.ts';
import { deleteObservations, resolveDeleteRequest } from '../core/metrics/delete-observations.ts';
import { recordObservations } from '../core/metrics/record-observations.ts';
import type { Store } from '../core/ports/store.ts';
import { cleanName, cleanText } from '../core/text/clean-text.ts';
import { MAX_NAME_LENGTH } from '../core/text/name-length.ts';
import { jsonErrorPosition } from './json-error-position.ts';

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

/** The value at a zod issue's path in the body, quoted as a 422 names it. */
function valueAt(json: unknown, path: readonly PropertyKey[]): string {
  let v: unknown = json;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  if (v === undefined) return 'missing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Reads the bearer token's workspace, or answers 401 and returns undefined. */
async function authenticate(store: Store, req: IncomingMessage, res: ServerResponse) {
  const secret = bearer(req);
  const token = secret ? await store.apiTokens.authenticate(secret) : undefined;
  if (!token) {
    res.setHeader('www-authenticate', 'Bearer realm="growthbeat"');
    sendJson(res, 401, { error: 'unauthorized', message: 'send Authorization: Bearer <token> (growthbeat token create <name>)' });
  }
  return token;
}

/**
 * POST /api/v1/observations: a warehouse job's values, authenticated by a workspace bearer token.
 * Idempotent (the same body twice changes nothing) and all or nothing; 4xx answers name the field.
 */
export function observationsApiRoute(store: Store, maxBodyBytes: number): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const token = await authenticate(store, req, res);
    if (!token) return;
    if (!hasMediaType(req, 'application/json'))
      return sendJson(res, 415, { error: 'unsupported_media_type', message: 'send Content-Type: application/json (UTF-8)' });
    const text = (await readBody(req, maxBodyBytes)).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const at = jsonErrorPosition(text);
      const where = at.line === undefined ? '' : ` at line ${at.line}, column ${at.column}`;
      return sendJson(res, 400, {
        error: 'invalid_json',
        message: `the body is not valid JSON${where}: ${(error as Error).message}`,
        ...at,
      });
    }
    const parsed = observationsBodySchema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ path: i.path.join('.'), message: i.message, value: valueAt(json, i.path) }));
      const first = issues[0];
      return sendJson(res, 422, {
        error: 'invalid_body',
        message: `${first?.path || 'body'}: ${first?.message} (got ${first?.value})`,
        issues,
      });
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
        // `observations.1.date` names the entry's field as sent ("date" or "day").
        const path = (error.field ?? '').split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
        const entry = parsed.data.observations[Number(path[1])] as Record<string, unknown> | undefined;
        const sent = path[2] === 'date' && entry?.date === undefined ? [...path.slice(0, 2), 'day'] : path;
        return sendJson(res, 422, {
          error: 'invalid_observation',
          message: error.message,
          issues: [{ path: error.field, message: error.message, index: (error.line ?? 1) - 1, value: valueAt(json, sent) }],
        });
      }
      throw error;
    }
  };
}

/**
 * DELETE /api/v1/observations?metric=spend&segment=douyin&from=2026-11-20&to=2026-11-20[&dry_run=1]: the CLI's
 * `growthbeat delete` over HTTP, through the same delete path (audited with the old values, alerts re-run).
 * A filter that names nothing known is a 422 naming the field and the value.
 */
export function observationsDeleteRoute(store: Store): Handler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const token = await authenticate(store, req, res);
    if (!token) return;
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const missing = ['metric', 'from', 'to'].filter((k) => !query.get(k));
    if (missing.length)
      return sendJson(res, 422, {
        error: 'invalid_query',
        message: `${missing[0]}: required (got missing); send ?metric=…&from=YYYY-MM-DD&to=YYYY-MM-DD[&segment=…][&dry_run=1]`,
        issues: missing.map((path) => ({ path, message: 'required', value: 'missing' })),
      });
    const request = {
      metric: cleanName(query.get('metric') as string),
      segment: query.has('segment') ? cleanName(query.get('segment') as string) : undefined,
      from: query.get('from') as string,
      to: query.get('to') as string,
    };
    const dryRun = /^(1|true|yes)$/i.test(query.get('dry_run') ?? '');
    try {
      const filter = await resolveDeleteRequest(store, token.workspaceId, request);
      const rows = dryRun
        ? await store.observations.query(token.workspaceId, filter)
        : await deleteObservations(
            store,
            token.workspaceId,
            filter,
            { source: 'api', sourceRef: 'DELETE /api/v1/observations', actor: `api:${token.prefix}` },
            new Date(),
          );
      return sendJson(res, 200, {
        workspace: token.workspaceId,
        dryRun,
        deleted: rows.length,
        rows: rows.map(({ metric, segment, day, value }) => ({ metric, segment, day, value })),
      });
    } catch (error) {
      if (error instanceof InputError) {
        const field = error.field ?? 'query';
        const value = (request as Record<string, string | undefined>)[field] ?? 'missing';
        return sendJson(res, 422, {
          error: 'invalid_query',
          message: `${error.message} (got ${JSON.stringify(value)})`,
          issues: [{ path: field, message: error.message, value }],
        });
      }
      throw error;
    }
  };
}
