import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { capBytes, readCsv } from '../csv-reader.ts';
import { importLimits } from '../import-limits.ts';
import { bindSince, type ReaderTarget, rowLimitError, type SourceReader, secretsOf, sourceFailure } from './source-reader.ts';

/**
 * ClickHouse through the official HTTP client: the query runs with `readonly=2` (the server refuses any write;
 * the request's own settings still apply), `max_execution_time`, and a result-row limit the server enforces too.
 * The answer is asked for as CSVWithNames and read by the same CSV reader as a file (the oldest servers, such as
 * Debian's 18.16, have no JSONCompact formats). The client's own logging is off: nothing about the connection
 * reaches a log.
 */
export function clickhouseReader(target: ReaderTarget): SourceReader {
  return {
    async *readRows(since) {
      let client: ReturnType<typeof createClient> | undefined;
      try {
        client = createClient({
          url: target.connection,
          http_headers: target.headers,
          request_timeout: target.limits.statementTimeoutMs + 5_000,
          log: { level: ClickHouseLogLevel.OFF },
          clickhouse_settings: {
            readonly: '2',
            max_execution_time: Math.ceil(target.limits.statementTimeoutMs / 1000),
            max_result_rows: String(target.limits.maxRows + 1),
            result_overflow_mode: 'throw',
          },
        });
        const limits = importLimits(target.limits.importLimits);
        const { stream } = await client.exec({ query: `${bindSince(target.query, since)}\nFORMAT CSVWithNames` });
        let rows = -1;
        for await (const record of readCsv(capBytes(stream as AsyncIterable<Buffer>, limits.maxDecompressedBytes, target.name), {
          limits,
          source: target.name,
        })) {
          rows++;
          if (rows > target.limits.maxRows) throw rowLimitError(target.name, target.limits.maxRows);
          yield record;
        }
      } catch (error) {
        throw sourceFailure(target.name, error, secretsOf(target));
      } finally {
        await client?.close();
      }
    },
  };
}
