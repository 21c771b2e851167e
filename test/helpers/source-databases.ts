// Databases a data source reads from in tests: a fresh PostgreSQL database and a fresh MariaDB/MySQL database,
// each created here and dropped after, reached as a team's source would reach them (a connection URL).
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { postgresAvailable, postgresTestDatabase } from './test-databases.ts';

export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface SourceDatabase {
  kind: 'postgres' | 'mysql';
  /** The URL a source is given. */
  url: string;
  /** Runs SQL on it as its owner (setting up tables, correcting values, killing a reader). */
  exec(sql: string): Promise<unknown[]>;
  drop(): Promise<void>;
}

let mysqlReachable: Promise<boolean> | undefined;

/** Whether the test MariaDB/MySQL answers; in CI its absence is an error, not a skip. */
export function mysqlAvailable(): Promise<boolean> {
  mysqlReachable ??= mysql.createConnection({ uri: MYSQL_ADMIN_URL, connectTimeout: 3000 }).then(
    async (c) => {
      await c.end();
      return true;
    },
    (error) => {
      if (process.env.CI === 'true') throw new Error(`MariaDB is required in CI but ${MYSQL_ADMIN_URL} is unreachable: ${error.message}`);
      console.warn(`[growthbeat tests] MariaDB tests skipped: ${MYSQL_ADMIN_URL} is unreachable (set TEST_MYSQL_URL).`);
      return false;
    },
  );
  return mysqlReachable;
}

async function postgresSource(): Promise<SourceDatabase> {
  const database = await postgresTestDatabase();
  return {
    kind: 'postgres',
    url: database.url,
    async exec(sql) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () => database.drop(),
  };
}

async function mysqlSource(): Promise<SourceDatabase> {
  const name = `growthbeat_src_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `${MYSQL_ADMIN_URL.replace(/\/$/, '')}/${name}`;
  return {
    kind: 'mysql',
    url,
    async exec(sql) {
      const c = await mysql.createConnection({ uri: url });
      try {
        const [rows] = await c.query(sql);
        return Array.isArray(rows) ? rows : [];
      } finally {
        await c.end();
      }
    },
    async drop() {
      const c = await mysql.createConnection({ uri: MYSQL_ADMIN_URL });
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

/** The SQL servers a source suite runs against. */
export const SOURCE_SERVERS = [
  { kind: 'postgres' as const, available: postgresAvailable, create: postgresSource },
  { kind: 'mysql' as const, available: mysqlAvailable, create: mysqlSource },
];
