// Integration test of the demo loader on PGlite (default) or on PostgreSQL when DATABASE_URL is set
// (then in a fresh database of its own for this test run).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshDatabase, runScopedName } from "../../../test/support/db.ts";
import { type Db, openDatabase } from "../../app/db.ts";
import { migrateDatabase } from "../../app/migrate.ts";
import { extend } from "../../lib/money.ts";
import { quote } from "../pricing/quote.ts";
import { isValidGln, isValidUpcA } from "./gs1.ts";
import { type DemoResult, loadDemo } from "./load.ts";

const NOW = new Date("2026-03-15T15:30:00Z");
const OPTIONS = { scale: 0.05, seed: 7, now: NOW };

async function openTestDatabase(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({});
  return openDatabase({ databaseUrl: await createFreshDatabase(url, runScopedName("wholesail_demo_test")) });
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
    (select md5(string_agg(concat_ws('|', item_id, warehouse_id, on_hand, allocated), ',' order by item_id, warehouse_id)) from stock_levels) as stock,
    (select md5(string_agg(concat_ws('|', price_list_id, item_id, unit_price), ',' order by price_list_id, item_id)) from price_list_entries) as list_entries,
    (select md5(string_agg(concat_ws('|', c.id, c.account_id, c.valid_from, c.valid_to, l.item_id, l.category_id, l.kind, l.price, l.percent), ',' order by l.id)) from contracts c join contract_lines l on l.contract_id = c.id) as contracts,
    (select md5(string_agg(concat_ws('|', id, name, account_group_id, item_id, family_id, basis, breaks::text), ',' order by id)) from tier_rules) as tiers,
    (select md5(string_agg(concat_ws('|', id, name, valid_from, valid_to, category_id, min_order_value, account_group_ids::text, adjustment::text), ',' order by id)) from promotions) as promotions,
    (select md5(string_agg(concat_ws('|', account_id, case_rounding, surcharge_value, min_order_value, hold_last_price_days, price_tolerance_percent), ',' order by account_id)) from pricing_policies) as policies,
    (select md5(string_agg(concat_ws('|', item_id, family_id), ',' order by item_id)) from item_family_members) as families,
    (select md5(string_agg(concat_ws('|', account_id, item_id, unit_price, ordered_on, order_number), ',' order by account_id, item_id)) from account_last_prices) as last_prices`);
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

  it("prices the demo: group lists, chain contracts, tiers, promotions, policies and last prices paid", async () => {
    const n = (sql: string) => count(db, `select count(*) as n from ${sql}`);
    expect(await n("price_lists where account_group_id is not null")).toBe(2);
    expect(
      await n("price_list_entries e join items i on i.id = e.item_id where e.unit_price >= i.list_price"),
    ).toBe(0);
    expect(await n("price_list_entries")).toBeGreaterThan(300);
    const chains = await n(
      "accounts a join account_groups g on g.id = a.group_id where g.code = 'GROCERY' and a.number <> 'C90001'",
    );
    // One running agreement per chain, plus the first chain's expired one.
    expect(await n("contracts where valid_to >= '2026-03-15'")).toBe(chains);
    expect(await n("contracts where valid_to < '2026-03-15'")).toBe(1);
    for (const kind of ["fixed", "percent_off_list", "cost_plus"]) {
      expect(await n(`contract_lines where kind = '${kind}'`), kind).toBeGreaterThan(0);
    }
    for (const basis of ["line_quantity", "family_quantity", "order_value"]) {
      expect(await n(`tier_rules where basis = '${basis}'`), basis).toBeGreaterThan(0);
    }
    expect(await n("item_families")).toBeGreaterThan(5);
    expect(await n("promotions where valid_from <= '2026-03-15' and valid_to >= '2026-03-15'")).toBe(2);
    expect(await n("promotions where valid_to < '2026-03-15'")).toBeGreaterThanOrEqual(2);
    expect(await n("pricing_policies where case_rounding = 'round_up'")).toBeGreaterThan(0);
    expect(await n("pricing_policies where case_rounding = 'reject'")).toBeGreaterThan(0);
    expect(await n("pricing_policies where surcharge_kind = 'percent'")).toBeGreaterThan(0);
    expect(await n("pricing_policies where min_order_value is not null")).toBeGreaterThan(0);
    expect(await n("pricing_policies where hold_last_price_days is not null")).toBe(1);
    // Last prices paid are the newest history line per account and item.
    expect(await n("account_last_prices")).toBe(first.counts.account_last_prices);
    expect(
      await n(`account_last_prices lp where lp.unit_price <> (
         select l.unit_price from orders o join order_lines l on l.order_id = o.id
          where o.account_id = lp.account_id and l.item_id = lp.item_id and o.status <> 'cancelled'
          order by o.ordered_at desc, l.line_no desc limit 1)`),
    ).toBe(0);

    // A chain's quote on a contracted item shows the contract in its waterfall.
    const { rows } = await db.pool.query(
      `select c.id as contract_id, c.account_id, i.sku, i.order_multiple, l.price
         from contract_lines l join contracts c on c.id = l.contract_id join items i on i.id = l.item_id
        where l.kind = 'fixed' and c.valid_from <= '2026-03-15' and c.valid_to >= '2026-03-15'
        order by l.id limit 1`,
    );
    const line = rows[0];
    const result = await quote(
      db.pool,
      {
        accountId: line.account_id,
        date: "2026-03-15",
        lines: [{ sku: line.sku, quantity: line.order_multiple }],
      },
      null,
    );
    const priced = result.quote.lines[0];
    expect(priced.violations).toEqual([]);
    const step = priced.waterfall.find((s) => s.kind === "contract");
    expect(step, JSON.stringify(priced.waterfall)).toBeDefined();
    expect(String(step?.ruleId)).toBe(String(line.contract_id));
    expect(step?.after).toBe(line.price);
    expect(priced.lastPaid).not.toBeNull();
  });

  it("is deterministic: the same seed loads identical data", async () => {
    const before = await fingerprint(db);
    await emptyDatabase(db);
    const second = await loadDemo(db, OPTIONS);
    expect(second.counts).toEqual(first.counts);
    expect(await fingerprint(db)).toEqual(before);
  }, 60_000);
});
