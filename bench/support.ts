import pg from "pg";
import { type Db, openDatabase } from "../src/app/db.ts";
import { migrateDatabase } from "../src/app/migrate.ts";
import { createFreshDatabase } from "../test/support/db.ts";
import { type Fixture, seedFixture } from "../test/support/fixture.ts";

export const BENCH_SERVER_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function percentile(sortedMs: number[], p: number): number {
  if (!sortedMs.length) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))];
}

/** Runs `clients` loops of `work` until `durationMs` passes; returns per-call latencies (ms). */
export async function runClosedLoop(
  clients: number,
  durationMs: number,
  work: (client: number, iteration: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() - start < durationMs; i++) {
        const t = performance.now();
        await work(client, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), elapsedMs: performance.now() - start };
}

export async function poolFor(url: string, size: number): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: size });
  await pool.query("select 1");
  return pool;
}

export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** A database for order benches: one customer account per client and `items` stocked items. */
export type OrderBenchWorld = {
  url: string;
  fx: Fixture;
  accountIds: number[];
  items: { id: number; sku: string }[];
};

export async function seedOrderBench(
  dbName: string,
  clients: number,
  items: number,
  options: { historyOrders?: number } = {},
): Promise<OrderBenchWorld> {
  const url = await createFreshDatabase(BENCH_SERVER_URL, dbName);
  const db = await openDatabase({ databaseUrl: url });
  try {
    await migrateDatabase(db);
    const fx = await seedFixture(db);
    // One customer account per client, as on a real order desk: intake serialises orders of one
    // account (credit and duplicate-PO checks), so a shared account would measure that lock instead.
    const accountIds: number[] = [];
    for (let c = 0; c < clients; c++) {
      const account = await db.pool.query(
        `insert into accounts (number, name, group_id, credit_limit, bill_to_line1, bill_to_city, bill_to_region, bill_to_postal_code)
         select 'BENCH-' || $1::int, 'Bench account ' || $1::int, group_id, '100000000.00', '1 Main St', 'Springfield', 'IL', '62701'
           from accounts where id = $2 returning id`,
        [c, fx.accountA],
      );
      const id = account.rows[0].id as number;
      await db.pool.query(
        `insert into ship_tos (account_id, code, name, line1, city, region, postal_code, latitude, longitude)
         values ($1, 'MAIN', 'Main', '9 Elm St', 'Town', 'NY', '10001', '40.71', '-74.00')`,
        [id],
      );
      accountIds.push(id);
    }
    await db.pool.query(
      `insert into items (sku, name, category_id, cost, list_price)
       select 'B-' || g, 'Bench item ' || g, (select min(id) from categories), '1.0000', ((g % 97 + 1) || '.2575')::numeric
         from generate_series(1, ${items}) g`,
    );
    await db.pool.query(
      `insert into stock_levels (item_id, warehouse_id, on_hand)
       select i.id, w.id, 100000000 from items i cross join warehouses w where i.sku like 'B-%'`,
    );
    const rows = (await db.pool.query("select id, sku from items where sku like 'B-%' order by id")).rows;
    if (options.historyOrders) await seedHistory(db, fx, options.historyOrders, rows.length);
    return { url, fx, accountIds, items: rows };
  } finally {
    await db.close();
  }
}

/**
 * Open past orders (20 allocated lines each, on the fixture's account A) and planner statistics, as a production
 * database has them. The bench server runs with autovacuum off: without statistics the planner's
 * estimates for order_lines grow with the table until JIT compiles the order detail query (~15-50
 * ms per order).
 */
async function seedHistory(db: Db, fx: Fixture, orders: number, items: number): Promise<void> {
  await db.pool.query(
    `insert into orders (number, account_id, ship_to_id, channel, status, currency, total, line_count)
     select 'H-' || g, $1, $2, 'desk', 'confirmed', 'USD', '0', 20 from generate_series(1, $3::int) g`,
    [fx.accountA, fx.shipToA, orders],
  );
  await db.pool.query(
    `insert into order_lines (order_id, line_no, item_id, quantity, unit_price, extended_amount, unit_cost)
     select o.id, n, i.id, 1, '1', '1', '1'
       from orders o cross join generate_series(1, 20) n
       join items i on i.sku = 'B-' || (1 + (o.id * 20 + n) % $1::int)
      where o.number like 'H-%'`,
    [items],
  );
  await db.pool.query(
    `insert into allocations (order_line_id, item_id, warehouse_id, quantity)
     select l.id, l.item_id, $1, 1 from order_lines l join orders o on o.id = l.order_id where o.number like 'H-%'`,
    [fx.warehouses.east],
  );
  // The counters hold what the allocation rows say (as the race tests check).
  await db.pool.query(
    `update stock_levels s set allocated = s.allocated + t.n
       from (select item_id, warehouse_id, sum(quantity)::int as n from allocations group by 1, 2) t
      where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id`,
  );
  await db.pool.query("analyze");
}

/** The items of one order: `lines` distinct items, at a different offset per client and iteration. */
export function pickItems(world: OrderBenchWorld, lines: number, client: number, iteration: number) {
  const n = world.items.length;
  return Array.from({ length: lines }, (_, k) => world.items[(client * 37 + iteration * lines + k) % n]);
}

/**
 * The raw-SQL floor of order placement: per order, in one transaction on `clients` connections with
 * prepared statements, the conditional stock updates, the order row, its lines and allocations.
 */
export async function runOrderFloor(
  world: OrderBenchWorld,
  clients: number,
  lines: number,
  durationMs: number,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const { fx } = world;
  const pool = await poolFor(world.url, clients);
  try {
    return await runClosedLoop(clients, durationMs, async (client, i) => {
      const items = pickItems(world, lines, client, i);
      const conn = await pool.connect();
      try {
        await conn.query("begin");
        for (const [k, item] of items.entries()) {
          await conn.query({
            name: "floor_allocate",
            text: "update stock_levels set allocated = allocated + $2 where item_id = $1 and warehouse_id = $3 and on_hand - allocated >= $2",
            values: [item.id, 1 + (k % 5), fx.warehouses.east],
          });
        }
        const order = await conn.query({
          name: "floor_order",
          text: `insert into orders (number, account_id, ship_to_id, channel, status, currency, total, line_count)
                 values ('F-' || nextval('order_number_seq'), $1, $2, 'desk', 'confirmed', 'USD', '0', $3) returning id`,
          values: [fx.accountA, fx.shipToA, lines],
        });
        const inserted = await conn.query({
          name: "floor_lines",
          text: `insert into order_lines (order_id, line_no, item_id, quantity, unit_price, extended_amount, unit_cost)
                 select $1, n, item, q, '1', '1', '1' from unnest($2::int[], $3::int[], $4::int[]) as t(n, item, q) returning id`,
          values: [
            order.rows[0].id,
            items.map((_, k) => k + 1),
            items.map((it) => it.id),
            items.map((_, k) => 1 + (k % 5)),
          ],
        });
        await conn.query({
          name: "floor_allocations",
          text: `insert into allocations (order_line_id, item_id, warehouse_id, quantity)
                 select line, item, $3, q from unnest($1::bigint[], $2::int[], $4::int[]) as t(line, item, q)`,
          values: [
            inserted.rows.map((r) => r.id),
            items.map((it) => it.id),
            fx.warehouses.east,
            items.map((_, k) => 1 + (k % 5)),
          ],
        });
        await conn.query("commit");
      } finally {
        conn.release();
      }
    });
  } finally {
    await pool.end();
  }
}
