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
  const url = await createFreshDatabase(serverUrl, runScopedName("wholesail_test"));
  const db = await openDatabase({ databaseUrl: url, poolSize: 10 });
  await migrateDatabase(db);
  return db;
}

/**
 * A database name unique to this test run and worker: `<prefix>_r<vitest pid>_w<worker>`. Two test
 * runs against one server (two terminals, or a developer beside CI) then never drop each other's
 * databases; databases of runs whose process is gone are dropped on the next run.
 */
export function runScopedName(prefix: string): string {
  return `${prefix}_r${process.ppid}_w${process.env.VITEST_POOL_ID ?? process.pid}`;
}

async function dropDatabasesOfFinishedRuns(admin: pg.Client): Promise<void> {
  const found = await admin.query(
    `select datname from pg_database where datname ~ '^wholesail_.*_r[0-9]+_w[0-9]+$'`,
  );
  for (const { datname } of found.rows as { datname: string }[]) {
    const pid = Number(/_r(\d+)_w\d+$/.exec(datname)![1]);
    if (pid !== process.ppid && !isAlive(pid)) {
      await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops and recreates `name` on the server of `serverUrl`; returns a URL pointing at it. */
export async function createFreshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await dropDatabasesOfFinishedRuns(admin);
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
