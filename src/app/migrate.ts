import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Db } from "./db.ts";

const MIGRATIONS = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Applies the committed SQL migrations (migrations/*.sql); safe to run on every start. */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db.orm, { migrationsFolder: MIGRATIONS });
}
