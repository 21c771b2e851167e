import { createClient } from '@clickhouse/client';
import type { CsvRecord } from '../csv-reader.ts';
import { bindSince, cellText, type ReaderTarget, rowLimitError, type SourceReader, secretsOf, sourceFailure } from './source-reader.ts';

/**
 * ClickHouse through the official HTTP client: the query runs with `readonly=2` (the server refuses any
 * write), `max_execution_time`, and a result-row limit the server enforces; rows are streamed as
 * JSONCompactEachRowWithNames, whose first row is the header.
 */
export function clickhouseReader(target: ReaderTarget): SourceReader {
  return {
    async *readRows(since) {
      const client = createClient({
        url: target.connection,
        http_headers: target.headers,
        request_timeout: target.limits.statementTimeoutMs + 5_000,
        clickhouse_settings: {
          readonly: '2',
          max_execution_time: Math.ceil(target.limits.statementTimeoutMs / 1000),
          max_result_rows: String(target.limits.maxRows + 1),
          result_overflow_mode: 'throw',
        },
      });
      try {
        const result = await client.query({ query: bindSince(target.query, since), format: 'JSONCompactEachRowWithNames' });
        let line = 0;
        for await (const rows of result.stream()) {
          for (const row of rows) {
            const fields = (row.json() as unknown[]).map(cellText);
            line++;
            if (line - 1 > target.limits.maxRows) throw rowLimitError(target.name, target.limits.maxRows);
            yield { line, fields } satisfies CsvRecord;
          }
        }
      } catch (error) {
        throw sourceFailure(target.name, error, secretsOf(target));
      } finally {
        await client.close();
      }
    },
  };
}
