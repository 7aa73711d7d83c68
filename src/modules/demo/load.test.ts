// Integration test of the demo loader on PGlite (default) or on PostgreSQL when DATABASE_URL is set
// (then in a fresh database `wholesail_demo_test`, dropped and recreated first).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../app/db.ts";
import { migrateDatabase } from "../../app/migrate.ts";
import { extend } from "../../lib/money.ts";
import { isValidGln, isValidUpcA } from "./gs1.ts";
import { type DemoResult, loadDemo } from "./load.ts";

const NOW = new Date("2026-03-15T15:30:00Z");
const OPTIONS = { scale: 0.05, seed: 7, now: NOW };

async function openTestDatabase(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({});
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("drop database if exists wholesail_demo_test with (force)");
    await admin.query("create database wholesail_demo_test");
  } finally {
    await admin.end();
  }
  const testUrl = new URL(url);
  testUrl.pathname = "/wholesail_demo_test";
  return openDatabase({ databaseUrl: testUrl.toString() });
}

async function emptyDatabase(db: Db): Promise<void> {
  const { rows } = await db.pool.query(
    "select string_agg(format('%I', tablename), ', ') as list from pg_tables where schemaname = 'public'",
  );
  await db.pool.query(`truncate table ${rows[0].list} restart identity cascade`);
  await db.pool.query("alter sequence order_number_seq restart with 100001");
}

/** Fingerprint of the loaded data: any change in generated values changes one of these. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const { rows } = await db.pool.query(`select
    (select md5(string_agg(concat_ws('|', sku, name, cost, list_price, upc, case_factor, order_multiple, min_order_qty), ',' order by id)) from items) as items,
    (select md5(string_agg(concat_ws('|', number, name, credit_limit, payment_terms, rep_id), ',' order by id)) from accounts) as accounts,
    (select md5(string_agg(concat_ws('|', number, account_id, ship_to_id, channel, status, ordered_at, total), ',' order by id)) from orders) as orders,
    (select md5(string_agg(concat_ws('|', order_id, item_id, quantity, unit_price, extended_amount), ',' order by id)) from order_lines) as lines,
    (select md5(string_agg(concat_ws('|', item_id, warehouse_id, on_hand, allocated), ',' order by item_id, warehouse_id)) from stock_levels) as stock`);
  return rows[0];
}

const count = async (db: Db, sql: string): Promise<number> => Number((await db.pool.query(sql)).rows[0].n);

describe("loadDemo", () => {
  let db: Db;
  let first: DemoResult;
  const steps = new Set<string>();

  beforeAll(async () => {
    db = await openTestDatabase();
    await migrateDatabase(db);
    first = await loadDemo(db, { ...OPTIONS, onProgress: (step) => steps.add(step) });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it("reports progress and counts, and refuses a database that already has data", async () => {
    expect([...steps]).toEqual(
      expect.arrayContaining(["items", "order_lines", "order history", "finishing"]),
    );
    expect(first.counts.items).toBe(2000);
    expect(first.counts.order_lines).toBeGreaterThan(5000);
    expect(first.counts.order_lines).toBe(await count(db, "select count(*) as n from order_lines"));
    await expect(loadDemo(db, OPTIONS)).rejects.toThrow(/already has items/);
  });

  it("signs in one user per role, buyers of at least two companies, and a rep linked to a user", async () => {
    const roles = new Set(first.signIns.map((s) => s.role));
    expect(roles).toEqual(
      new Set(["admin", "order_desk", "sales_rep", "sales_manager", "finance", "warehouse", "buyer"]),
    );
    expect(first.signIns.every((s) => s.password === "wholesail")).toBe(true);
    expect(
      await count(db, "select count(distinct account_id) as n from users where role = 'buyer'"),
    ).toBeGreaterThanOrEqual(2);
    expect(await count(db, "select count(*) as n from users where password_hash like '$argon2id$%'")).toBe(
      first.counts.users,
    );
    expect(
      await count(
        db,
        "select count(*) as n from reps r join users u on u.id = r.user_id where u.role = 'sales_rep'",
      ),
    ).toBe(1);
  });

  it("writes valid UPC-A and GLN check digits", async () => {
    const upcs = (await db.pool.query("select upc from items")).rows.map((r) => r.upc as string);
    expect(upcs.length).toBe(2000);
    expect(upcs.filter((u) => !isValidUpcA(u))).toEqual([]);
    const glns = (await db.pool.query("select gln from ship_tos where gln is not null")).rows.map(
      (r) => r.gln,
    );
    expect(glns.length).toBeGreaterThan(0);
    expect(glns.filter((g) => !isValidGln(g))).toEqual([]);
  });

  it("keeps stock counters equal to allocations and to the movement ledger", async () => {
    expect(
      await count(
        db,
        `select count(*) as n from stock_levels s
           full join (select item_id, warehouse_id, sum(quantity) as q from allocations group by 1, 2) a
             using (item_id, warehouse_id)
          where coalesce(s.allocated, -1) <> coalesce(a.q, 0) or s.allocated > s.on_hand`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `select count(*) as n from stock_levels s
           left join (select item_id, warehouse_id, sum(on_hand_delta) as oh, sum(allocated_delta) as al
                        from stock_movements group by 1, 2) m using (item_id, warehouse_id)
          where s.on_hand <> coalesce(m.oh, 0) or s.allocated <> coalesce(m.al, 0)`,
      ),
    ).toBe(0);
    expect(await count(db, "select count(*) as n from stock_levels")).toBe(2000 * 3);
    // Only confirmed orders hold stock, and every one of their lines is allocated.
    expect(
      await count(
        db,
        `select count(*) as n from order_lines l join orders o on o.id = l.order_id
           left join allocations a on a.order_line_id = l.id
          where (o.status = 'confirmed') <> (a.id is not null) or (a.id is not null and a.quantity <> l.quantity)`,
      ),
    ).toBe(0);
    expect(await count(db, "select count(*) as n from orders where status = 'confirmed'")).toBe(40);
  });

  it("adds up money exactly: extended = round(qty × price, 2), totals = sum of lines", async () => {
    expect(
      await count(
        db,
        "select count(*) as n from order_lines where extended_amount <> round(quantity * unit_price, 2)",
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        `select count(*) as n from orders o
           join (select order_id, sum(extended_amount) as s, count(*) as c from order_lines group by 1) l
             on l.order_id = o.id
          where o.total <> l.s or o.line_count <> l.c`,
      ),
    ).toBe(0);
    expect(await count(db, "select count(*) as n from orders where line_count = 0")).toBe(0);
    // The same rounding as the application's single rounding point.
    const { rows } = await db.pool.query(
      "select quantity, unit_price, extended_amount from order_lines order by id limit 500",
    );
    for (const r of rows) expect(extend(r.quantity, r.unit_price, "USD")).toBe(r.extended_amount);
    // Pack rules hold on every line.
    expect(
      await count(
        db,
        `select count(*) as n from order_lines l join items i on i.id = l.item_id
          where l.quantity % i.order_multiple <> 0 or l.quantity < i.min_order_qty`,
      ),
    ).toBe(0);
  });

  it("records status history along the state machine and continues the order number sequence", async () => {
    expect(
      await count(
        db,
        `select count(*) as n from orders o where o.status <> (
           select h.to_status from order_status_history h where h.order_id = o.id order by h.at desc, h.id desc limit 1)`,
      ),
    ).toBe(0);
    expect(
      await count(
        db,
        "select count(*) as n from order_status_history where from_status is null and to_status <> 'confirmed'",
      ),
    ).toBe(0);
    expect(await count(db, "select count(*) as n from orders where ordered_at > now()")).toBe(0);
    const { rows } = await db.pool.query(
      "select nextval('order_number_seq') as next, (select max(substring(number from 4)::int) from orders) as max",
    );
    expect(Number(rows[0].next)).toBe(rows[0].max + 1);
  });

  it("is deterministic: the same seed loads identical data", async () => {
    const before = await fingerprint(db);
    await emptyDatabase(db);
    const second = await loadDemo(db, OPTIONS);
    expect(second.counts).toEqual(first.counts);
    expect(await fingerprint(db)).toEqual(before);
  }, 60_000);
});
