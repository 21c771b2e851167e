import type { IncomingMessage } from 'node:http';

/** A Content-Type header read as RFC 9110 defines it: the media type is case-insensitive and may carry parameters. */
export interface MediaType {
  /** Lower-case `type/subtype`, or '' when the header is missing. */
  type: string;
  /** Lower-case charset parameter, when one is given. */
  charset?: string;
}

export function mediaType(header: string | string[] | undefined): MediaType {
  const value = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  const [type = '', ...params] = value.split(';');
  const charset = params
    .map((p) => p.trim().match(/^charset\s*=\s*"?([^";\s]+)"?$/i)?.[1])
    .find((c) => c !== undefined)
    ?.toLowerCase();
  return { type: type.trim().toLowerCase(), ...(charset ? { charset } : {}) };
}

/** We decode every body as UTF-8: a body declared in another charset is refused rather than misread. */
export function isUtf8(media: MediaType): boolean {
  return media.charset === undefined || media.charset === 'utf-8' || media.charset === 'utf8' || media.charset === 'us-ascii';
}

/** True when the request declares `type` (any parameters allowed) in a charset we can read. */
export function hasMediaType(req: IncomingMessage, type: string): boolean {
  const media = mediaType(req.headers['content-type']);
  return media.type === type && isUtf8(media);
}
