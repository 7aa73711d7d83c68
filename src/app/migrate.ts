import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Db } from "./db.ts";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url));

/**
 * Applies the committed SQL migrations (migrations/*.sql); safe to run on every start. App nodes
 * that boot together take turns under an advisory lock on one connection (without it, two nodes
 * raced on drizzle's `create schema if not exists` and one failed).
 */
export async function migrateDatabase(db: Db): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('wholesail:migrate'))");
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query("select pg_advisory_unlock(hashtext('wholesail:migrate'))");
    }
  } finally {
    client.release();
  }
}
