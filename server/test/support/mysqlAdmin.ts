import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

/** Where tests create their databases: TEST_DATABASE_URL, or the local MariaDB. */
export const TEST_DATABASE_BASE_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/kaowei_test';

/** A connection to the server that holds the test databases, in none of them. */
export function openServerConnection(): Promise<mysql.Connection> {
  const url = new URL(TEST_DATABASE_BASE_URL);
  return mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
}

async function withServerConnection<T>(work: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await openServerConnection();
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

/** Creates an empty database with a unique name and returns its URL. */
export async function createScratchDatabase(label: string): Promise<string> {
  const url = new URL(TEST_DATABASE_BASE_URL);
  const name = `${url.pathname.slice(1) || 'kaowei_test'}_${label}_${randomBytes(4).toString('hex')}`;
  await withServerConnection((conn) =>
    conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropScratchDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withServerConnection((conn) => conn.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

/** Connections open to the database, from any client, as MariaDB counts them. */
export async function connectionsTo(databaseUrl: string): Promise<number> {
  const name = new URL(databaseUrl).pathname.slice(1);
  return withServerConnection(async (conn) => {
    const [rows] = await conn.query<mysql.RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ?',
      [name],
    );
    return Number(rows[0]!.n);
  });
}
