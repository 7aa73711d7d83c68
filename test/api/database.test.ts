// The connection survives SQL errors. On embedded PGlite, pg-pool replaces the connection after an
// error, and PGlite's single session keeps named prepared statements across connections.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/app/db.ts";
import { migrateDatabase } from "../../src/app/migrate.ts";
import { createFreshDatabase, runScopedName, testDb } from "../support/db.ts";

describe("database connection", () => {
  it("answers the next query after an error, named statements included", async () => {
    const db = await testDb();
    const named = () =>
      db.pool.query({ name: "test_named_statement", text: "select $1::int as x", values: [7] });
    expect((await named()).rows).toEqual([{ x: 7 }]);
    for (let round = 0; round < 3; round++) {
      await expect(db.pool.query("select 1/0")).rejects.toThrow(/division by zero/);
      expect((await db.pool.query("select 2 as y")).rows).toEqual([{ y: 2 }]);
      expect((await named()).rows).toEqual([{ x: 7 }]);
    }
  });

  it("reads numeric as exact strings and bigint as numbers", async () => {
    const db = await testDb();
    const row = (await db.pool.query("select 60.325::numeric(14,4) as price, 9007199254740::int8 as id"))
      .rows[0];
    expect(row).toEqual({ price: "60.3250", id: 9007199254740 });
  });

  // Several app nodes booting at once on one server take turns migrating (on PGlite there is one node).
  it.skipIf(!process.env.DATABASE_URL)("three nodes migrate one empty database at once", async () => {
    const url = await createFreshDatabase(process.env.DATABASE_URL!, runScopedName("wholesail_migrate"));
    const nodes = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url })));
    try {
      await Promise.all(nodes.map((n) => migrateDatabase(n)));
      const tables = await nodes[0].pool.query(
        "select count(*)::int as n from pg_tables where tablename = 'orders'",
      );
      expect(tables.rows[0].n).toBe(1);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});
