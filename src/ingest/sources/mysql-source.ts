import mysql from 'mysql2';
import type { CsvRecord } from '../csv-reader.ts';
import { bindSince, cellText, type ReaderTarget, rowLimitError, type SourceReader, secretsOf, sourceFailure } from './source-reader.ts';

/**
 * MySQL and MariaDB through `mysql2`: a READ ONLY transaction with the server's statement timeout
 * (`max_execution_time` in ms on MySQL, `max_statement_time` in seconds on MariaDB), rows streamed, rolled back
 * at the end. A writing query fails inside it.
 */
export function mysqlReader(target: ReaderTarget): SourceReader {
  return {
    async *readRows(since) {
      const connection = mysql.createConnection({
        uri: target.connection,
        dateStrings: true,
        supportBigNumbers: true,
        bigNumberStrings: true,
        connectTimeout: Math.min(target.limits.statementTimeoutMs, 30_000),
        multipleStatements: false,
      });
      // A connection killed mid-run (KILL, a restart) is told to the connection, not to the streaming query:
      // end the stream with it, or the run would wait forever.
      let lost: Error | undefined;
      let streaming: { destroy(error?: Error): void } | undefined;
      const onLost = (error: Error) => {
        lost ??= error;
        streaming?.destroy(lost);
      };
      connection.on('error', onLost);
      connection.on('end', () => onLost(new Error('the server closed the connection')));
      const run = (sql: string) => connection.promise().query(sql);
      try {
        // Connect first: a refused login is told to the handshake, and a query queued behind it would wait forever.
        await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
        const [version] = (await run('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
        const ms = Math.floor(target.limits.statementTimeoutMs);
        if (/mariadb/i.test(version[0]?.v ?? '')) await run(`SET SESSION max_statement_time = ${ms / 1000}`);
        else await run(`SET SESSION max_execution_time = ${ms}`);
        await run('START TRANSACTION READ ONLY');
        const query = connection.query({ sql: bindSince(target.query, since), rowsAsArray: true });
        let names: string[] | undefined;
        query.on('fields', (fields: { name: string }[]) => {
          names = fields.map((f) => f.name);
        });
        const stream = query.stream({ highWaterMark: 1000 });
        streaming = stream;
        if (lost) throw lost;
        let read = 0;
        let header = false;
        for await (const row of stream as AsyncIterable<unknown[]>) {
          if (!header) {
            header = true;
            yield { line: 1, fields: names ?? [] } satisfies CsvRecord;
          }
          read++;
          if (read > target.limits.maxRows) {
            stream.destroy();
            throw rowLimitError(target.name, target.limits.maxRows);
          }
          yield { line: read + 1, fields: row.map(cellText) };
        }
        if (!header) yield { line: 1, fields: names ?? [] };
      } catch (error) {
        throw sourceFailure(target.name, error, secretsOf(target));
      } finally {
        if (!lost) await run('ROLLBACK').catch(() => {});
        connection.destroy();
      }
    },
  };
}
