// One database per test worker: in-memory PGlite by default, or a fresh database on the
// PostgreSQL server named by DATABASE_URL. Tests reset by truncation, not by a new instance.
import pg from "pg";
import { type Db, openDatabase } from "../../src/app/db.ts";
import { migrateDatabase } from "../../src/app/migrate.ts";

let shared: Promise<Db> | null = null;

export function testDb(): Promise<Db> {
  shared ??= openTestDb();
  return shared;
}

async function openTestDb(): Promise<Db> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({});
    await migrateDatabase(db);
    return db;
  }
  const name = `wholesail_test_${process.env.VITEST_POOL_ID ?? process.pid}`;
  const url = await createFreshDatabase(serverUrl, name);
  const db = await openDatabase({ databaseUrl: url, poolSize: 10 });
  await migrateDatabase(db);
  return db;
}

/** Drops and recreates `name` on the server of `serverUrl`; returns a URL pointing at it. */
export async function createFreshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function resetDb(db: Db): Promise<void> {
  const tables = await db.pool.query(
    "select tablename from pg_tables where schemaname = 'public' and tablename not like '%migrations%'",
  );
  const list = tables.rows.map((r) => `"${r.tablename}"`).join(", ");
  await db.pool.query(`truncate ${list} restart identity cascade`);
  await db.pool.query("select setval('order_number_seq', 100001, false)");
}
