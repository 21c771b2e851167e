import pg from 'pg';
import type { CsvRecord } from '../csv-reader.ts';
import { bindSince, cellText, type ReaderTarget, rowLimitError, type SourceReader, secretsOf, sourceFailure } from './source-reader.ts';

/** Rows fetched per round trip from the cursor. */
const FETCH_SIZE = 1000;
/** Days and times as the server writes them (a DATE is no instant: no shift by the process's time zone). */
const RAW_TEXT = new Set([1082, 1114, 1184]);
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    RAW_TEXT.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * PostgreSQL through `pg`: one READ ONLY transaction with a local statement timeout, the query behind a
 * cursor fetched a thousand rows at a time, rolled back at the end. A writing query fails inside it.
 */
export function postgresReader(target: ReaderTarget): SourceReader {
  return {
    async *readRows(since) {
      const client = new pg.Client({
        connectionString: target.connection,
        types,
        connectionTimeoutMillis: Math.min(target.limits.statementTimeoutMs, 30_000),
        application_name: 'growthbeat-source',
      });
      // A server that drops the connection (killed mid-run) fails the fetch waiting on it, not the process.
      client.on('error', () => {});
      try {
        await client.connect();
        await client.query('BEGIN READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${Math.floor(target.limits.statementTimeoutMs)}`);
        await client.query(`DECLARE growthbeat_rows NO SCROLL CURSOR FOR ${bindSince(target.query, since)}`);
        let read = 0;
        let header = false;
        for (;;) {
          const batch = await client.query({ text: `FETCH ${FETCH_SIZE} FROM growthbeat_rows`, rowMode: 'array' });
          if (!header) {
            header = true;
            yield { line: 1, fields: batch.fields.map((f) => f.name) } satisfies CsvRecord;
          }
          for (const row of batch.rows as unknown[][]) {
            read++;
            if (read > target.limits.maxRows) throw rowLimitError(target.name, target.limits.maxRows);
            yield { line: read + 1, fields: row.map(cellText) };
          }
          if (batch.rows.length < FETCH_SIZE) break;
        }
      } catch (error) {
        throw sourceFailure(target.name, error, secretsOf(target));
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        await client.end().catch(() => {});
      }
    },
  };
}
