// Order placement through the slice (HTTP → validation → one transaction with conditional
// allocation) against a floor: raw SQL doing the same inserts and conditional updates.
import { openDatabase } from "../src/app/db.ts";
import { migrateDatabase } from "../src/app/migrate.ts";
import { createFreshDatabase } from "../test/support/db.ts";
import { PASSWORD, seedFixture } from "../test/support/fixture.ts";
import { signInOverHttp, startServerProcess } from "../test/support/server-process.ts";
import { BENCH_SERVER_URL, fmt, percentile, poolFor, runClosedLoop } from "./support.ts";

const CLIENTS = 8;
const LINES = 20;
const ITEMS = 400;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;

export async function run(): Promise<void> {
  const url = await createFreshDatabase(BENCH_SERVER_URL, "wholesail_bench_orders");
  const db = await openDatabase({ databaseUrl: url });
  await migrateDatabase(db);
  const fx = await seedFixture(db);
  // One customer account per client, as on a real order desk: intake serialises orders of one
  // account (credit and duplicate-PO checks), so a shared account would measure that lock instead.
  const accountIds: number[] = [];
  for (let c = 0; c < CLIENTS; c++) {
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
       from generate_series(1, ${ITEMS}) g`,
  );
  await db.pool.query(
    `insert into stock_levels (item_id, warehouse_id, on_hand)
     select i.id, w.id, 100000000 from items i cross join warehouses w where i.sku like 'B-%'`,
  );
  const itemIds = (await db.pool.query("select id, sku from items where sku like 'B-%' order by id")).rows;
  await db.close();
  // Each order takes 20 distinct items, starting at a different offset per client and iteration.
  const pick = (client: number, i: number) =>
    Array.from({ length: LINES }, (_, k) => itemIds[(client * 37 + i * LINES + k) % ITEMS]);

  const server = await startServerProcess({ DATABASE_URL: url });
  try {
    const sessions = await Promise.all(
      Array.from({ length: CLIENTS }, () => signInOverHttp(server.url, "order_desk@staff.test", PASSWORD)),
    );
    const app = await runClosedLoop(CLIENTS, DURATION_MS, async (client, i) => {
      const lines = pick(client, i).map((item, k) => ({ sku: item.sku, quantity: 1 + (k % 5) }));
      const response = await fetch(`${server.url}/api/orders`, {
        method: "POST",
        headers: sessions[client],
        body: JSON.stringify({ accountId: accountIds[client], lines }),
      });
      if (response.status !== 201)
        throw new Error(`order failed: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    const appRate = (app.latencies.length / app.elapsedMs) * 1000;
    console.log(`order-placement app orders_per_s=${fmt(appRate)}`);
    console.log(`order-placement app lines_per_s=${fmt(appRate * LINES)}`);
    console.log(`order-placement app p50_ms=${fmt(percentile(app.latencies, 50))}`);
    console.log(`order-placement app p99_ms=${fmt(percentile(app.latencies, 99))}`);
    await server.stop();

    const pool = await poolFor(url, CLIENTS);
    const floor = await runClosedLoop(CLIENTS, DURATION_MS, async (client, i) => {
      const items = pick(client, i);
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
          values: [fx.accountA, fx.shipToA, LINES],
        });
        const lines = await conn.query({
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
            lines.rows.map((r) => r.id),
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
    await pool.end();
    const floorRate = (floor.latencies.length / floor.elapsedMs) * 1000;
    console.log(`order-placement floor orders_per_s=${fmt(floorRate)}`);
    console.log(`order-placement floor p99_ms=${fmt(percentile(floor.latencies, 99))}`);
    console.log(
      `RESULT order-placement orders_per_s=${fmt(appRate)} floor=${fmt(floorRate)} ratio=${(appRate / floorRate).toFixed(2)}`,
    );
  } finally {
    await server.stop();
  }
}
