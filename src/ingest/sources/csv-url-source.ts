import { Readable } from 'node:stream';
import { SourceError } from '../../core/errors.ts';
import { capBytes, readCsv } from '../csv-reader.ts';
import { importLimits } from '../import-limits.ts';
import { type ReaderTarget, type SourceReader, secretsOf, sourceFailure } from './source-reader.ts';

/**
 * A CSV behind an HTTP(S) URL (a published spreadsheet, an export link), with the source's headers, read by
 * the same CSV reader as a file. The ETag and Last-Modified of the last run go back as If-None-Match and
 * If-Modified-Since: a 304 means nothing changed and nothing is read.
 */
export function csvUrlReader(target: ReaderTarget): SourceReader {
  return {
    async *readRows(_since, state) {
      const limits = importLimits(target.limits.importLimits);
      const headers: Record<string, string> = { accept: 'text/csv, text/plain;q=0.9, */*;q=0.1', ...target.headers };
      if (state.etag) headers['if-none-match'] = state.etag;
      if (state.lastModified) headers['if-modified-since'] = state.lastModified;
      let response: Response;
      try {
        response = await fetch(target.connection, { headers, signal: AbortSignal.timeout(target.limits.statementTimeoutMs) });
      } catch (error) {
        throw sourceFailure(target.name, error, secretsOf(target));
      }
      if (response.status === 304) {
        state.notModified = true;
        await response.body?.cancel();
        return;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new SourceError(target.name, `the URL answered HTTP ${response.status} ${response.statusText}`.trim());
      }
      state.etag = response.headers.get('etag') ?? undefined;
      state.lastModified = response.headers.get('last-modified') ?? undefined;
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      try {
        yield* readCsv(capBytes(body as AsyncIterable<Buffer>, limits.maxDecompressedBytes, target.name), {
          limits,
          source: target.name,
        });
      } finally {
        body.destroy();
      }
    },
  };
}
