// Intake under concurrency through real server processes: 32 clients order 50 hot SKUs (orders with
// several lines, often two on one SKU) while some cancel orders and lines at random, and 50
// identical submissions with one Idempotency-Key race across the processes. On PostgreSQL
// (DATABASE_URL set) three server processes share one database; on PGlite one process serves all
// (PGlite's data directory belongs to one process).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDatabase } from "../../src/app/db.ts";
import { migrateDatabase } from "../../src/app/migrate.ts";
import { createFreshDatabase, runScopedName } from "../support/db.ts";
import { PASSWORD, seedFixture } from "../support/fixture.ts";
import { type ServerProcess, signInOverHttp, startServerProcess } from "../support/server-process.ts";

const HOT_SKUS = 50;
const EAST_UNITS = 60; // per hot SKU; the west warehouse has 40
const WEST_UNITS = 40;
const CLIENTS = 32;
const ORDERS_PER_CLIENT = 12;
const IDEMPOTENT_COPIES = 50;

const serverUrl = process.env.DATABASE_URL;
const PROCESSES = serverUrl ? 3 : 1;
const dataDir = serverUrl ? null : mkdtempSync(path.join(tmpdir(), "wholesail-intake-race-"));
let raceDbUrl: string | undefined;
const servers: ServerProcess[] = [];

type Headers = Record<string, string>;
type Tally = Record<string, number>;
const count = (tally: Tally, key: string) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

// What the clients saw, checked against the database once every server has stopped.
const seen = {
  orders: { submitted: 0, poisoned: 0, byStatus: {} as Tally, rejectedCodes: {} as Tally },
  changes: { sent: 0, byStatus: {} as Tally, ordersCancelled: 0, linesCancelled: 0 },
  shortOrders: 0,
  unexpected: [] as string[],
  idempotent: { statuses: [] as number[], orderIds: new Set<number>(), key: "" },
};
let db: Db;

function mulberry32(seed: number) {
  return (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n) | 0;
  };
}

async function post(url: string, headers: Headers, body: unknown) {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, payload: (await response.json()) as any };
}

async function seed(): Promise<{ accounts: number[]; userId: number }> {
  if (serverUrl) raceDbUrl = await createFreshDatabase(serverUrl, runScopedName("wholesail_intake_race"));
  const seedDb = serverUrl
    ? await openDatabase({ databaseUrl: raceDbUrl })
    : await openDatabase({ dataDir: dataDir! });
  try {
    await migrateDatabase(seedDb);
    const fx = await seedFixture(seedDb);
    const q = (text: string, values: unknown[] = []) => seedDb.pool.query(text, values);
    // One account per client: intake serialises one account's orders, and the race is about stock.
    // Half ship near the east warehouse, half near the west one, so both fill and split.
    const accounts: number[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const id = (
        await q(
          `insert into accounts (number, name, group_id, credit_limit, bill_to_line1, bill_to_city, bill_to_region, bill_to_postal_code)
           select 'RACE-' || $1::int, 'Race account ' || $1::int, group_id, '100000000.00', '1 Main St', 'Springfield', 'IL', '62701'
             from accounts where id = $2 returning id`,
          [c, fx.accountA],
        )
      ).rows[0].id as number;
      const [lat, lon] = c % 2 ? ["34.05", "-118.24"] : ["40.71", "-74.00"];
      await q(
        `insert into ship_tos (account_id, code, name, line1, city, region, postal_code, latitude, longitude)
         values ($1, 'MAIN', 'Main', '9 Elm St', 'Town', 'NY', '10001', $2, $3)`,
        [id, lat, lon],
      );
      accounts.push(id);
    }
    await q(
      `insert into items (sku, name, category_id, cost, list_price)
       select 'HOT-' || g, 'Hot item ' || g, (select min(id) from categories), '1.0000', '2.5000'
         from generate_series(1, ${HOT_SKUS}) g`,
    );
    await q(
      `insert into stock_levels (item_id, warehouse_id, on_hand)
       select i.id, w.id, case when w.id = $1 then ${EAST_UNITS} else ${WEST_UNITS} end
         from items i cross join warehouses w where i.sku like 'HOT-%'`,
      [fx.warehouses.east],
    );
    const userId = (await q("select id from users where email = 'order_desk@staff.test'")).rows[0].id;
    return { accounts, userId };
  } finally {
    await seedDb.close();
  }
}

/** One client: orders, and now and then cancels one of its earlier orders or one of their lines. */
async function client(index: number, accountId: number, server: ServerProcess, headers: Headers) {
  const random = mulberry32(1000 + index);
  const mine: { id: number; cancelled: boolean; openLines: number[] }[] = [];
  const change = async (orderId: number, changes: unknown[]) => {
    seen.changes.sent++;
    const r = await post(`${server.url}/api/orders/${orderId}/changes`, headers, {
      changes,
      reason: "race: buyer changed their mind",
    });
    count(seen.changes.byStatus, String(r.status));
    if (r.status !== 200) seen.unexpected.push(`change ${r.status} ${JSON.stringify(r.payload)}`);
    return r.status === 200;
  };
  for (let n = 0; n < ORDERS_PER_CLIENT; n++) {
    const lines = Array.from({ length: 2 + random(4) }, () => ({
      sku: `HOT-${1 + random(HOT_SKUS)}`,
      quantity: 1 + random(8),
    }));
    // Two lines of one order on one SKU (most orders): allocation must check them together.
    if (random(3) > 0) lines.push({ sku: lines[0].sku, quantity: 1 + random(8) });
    // Now and then an unknown SKU: the desk gets a 422 and nothing is written.
    const poisoned = random(16) === 0;
    if (poisoned) lines.push({ sku: `NOPE-${index}-${n}`, quantity: 1 });
    seen.orders.submitted++;
    if (poisoned) seen.orders.poisoned++;
    const r = await post(`${server.url}/api/orders`, headers, { accountId, lines });
    count(seen.orders.byStatus, String(r.status));
    if (r.status === 201) {
      const order = r.payload.order;
      if (order.lines.some((l: any) => l.backorderedQuantity > 0)) seen.shortOrders++;
      mine.push({ id: order.id, cancelled: false, openLines: order.lines.map((l: any) => l.lineNo) });
    } else if (r.status >= 400 && r.status < 500) {
      count(seen.orders.rejectedCodes, r.payload.error?.code ?? "none");
    } else {
      seen.unexpected.push(`order ${r.status} ${JSON.stringify(r.payload)}`);
    }

    const live = mine.filter((o) => !o.cancelled);
    const roll = random(8);
    if (roll === 0 && live.length) {
      const target = live[random(live.length)];
      if (await change(target.id, [{ kind: "cancel_order" }])) {
        target.cancelled = true;
        seen.changes.ordersCancelled++;
      }
    } else if (roll <= 2) {
      // A line, only while another stays open (the last one is cancelled with the order).
      const withSpare = live.filter((o) => o.openLines.length > 1);
      if (!withSpare.length) continue;
      const target = withSpare[random(withSpare.length)];
      const lineNo = target.openLines[random(target.openLines.length)];
      if (await change(target.id, [{ kind: "cancel_line", lineNo }])) {
        target.openLines = target.openLines.filter((l) => l !== lineNo);
        seen.changes.linesCancelled++;
      }
    }
  }
}

/** The same submission with one key, spread over every process at once: one order, the rest replay. */
async function idempotencyRace(sessions: Headers[], userId: number, accountId: number) {
  const key = "intake-race-one-key";
  seen.idempotent.key = `${userId}:${key}`;
  const body = {
    accountId,
    poNumber: "PO-ONE-KEY",
    lines: [
      { sku: "HOT-1", quantity: 2 },
      { sku: "HOT-2", quantity: 1 },
    ],
  };
  const responses = await Promise.all(
    Array.from({ length: IDEMPOTENT_COPIES }, (_, i) =>
      post(
        `${servers[i % servers.length].url}/api/orders`,
        { ...sessions[i % servers.length], "idempotency-key": key },
        body,
      ),
    ),
  );
  for (const r of responses) {
    seen.idempotent.statuses.push(r.status);
    if (r.payload.order?.id) seen.idempotent.orderIds.add(r.payload.order.id);
    else seen.unexpected.push(`idempotent ${r.status} ${JSON.stringify(r.payload)}`);
  }
}

beforeAll(async () => {
  const { accounts, userId } = await seed();
  const env: Record<string, string> = serverUrl
    ? { DATABASE_URL: raceDbUrl! }
    : { WHOLESAIL_DATA_DIR: dataDir! };
  // The first process migrates alone: processes booting at once can race in the migrator's
  // CREATE SCHEMA IF NOT EXISTS; the others then find everything in place.
  servers.push(await startServerProcess(env, 120_000));
  servers.push(
    ...(await Promise.all(Array.from({ length: PROCESSES - 1 }, () => startServerProcess(env, 120_000)))),
  );
  // Sessions live in the database: one sign-in per process is enough (argon2 is slow on purpose).
  const sessions = await Promise.all(
    servers.map((s) => signInOverHttp(s.url, "order_desk@staff.test", PASSWORD)),
  );
  const started = performance.now();
  await Promise.all([
    idempotencyRace(sessions, userId, accounts[0]),
    ...accounts.map((accountId, i) =>
      client(i, accountId, servers[i % servers.length], sessions[i % servers.length]),
    ),
  ]);
  console.log(
    `intake race (${PROCESSES} process(es), ${((performance.now() - started) / 1000).toFixed(1)} s): ${JSON.stringify(
      {
        ...seen,
        unexpected: seen.unexpected.length,
        idempotent: { statuses: seen.idempotent.statuses.length, orders: seen.idempotent.orderIds.size },
      },
    )}`,
  );
  // Every request has been answered; stop the servers (PGlite's directory is then free to open).
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  db = serverUrl ? await openDatabase({ databaseUrl: raceDbUrl }) : await openDatabase({ dataDir: dataDir! });
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const rows = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;

describe(`intake race (${serverUrl ? "3 server processes on PostgreSQL" : "1 server process on PGlite"})`, () => {
  it("answers every request as expected: accepted + rejected = submitted", async () => {
    expect(seen.unexpected).toEqual([]);
    const { byStatus } = seen.orders;
    expect(Object.keys(byStatus).sort()).toEqual(seen.orders.poisoned ? ["201", "422"] : ["201"]);
    expect((byStatus["201"] ?? 0) + (byStatus["422"] ?? 0)).toBe(seen.orders.submitted);
    expect(byStatus["422"] ?? 0).toBe(seen.orders.poisoned);
    expect(seen.orders.rejectedCodes).toEqual(
      seen.orders.poisoned ? { UNKNOWN_SKU: seen.orders.poisoned } : {},
    );
    expect(seen.changes.byStatus).toEqual({ "200": seen.changes.sent });
    // The race really ran out of stock, and really cancelled things.
    expect(seen.shortOrders).toBeGreaterThan(0);
    expect(seen.changes.ordersCancelled).toBeGreaterThan(0);
    expect(seen.changes.linesCancelled).toBeGreaterThan(0);
  });

  it("keeps exactly the accepted orders, each whole, with the cancellations the clients made", async () => {
    const [totals] = await rows(
      `select count(*)::int as orders,
              count(*) filter (where status = 'cancelled')::int as cancelled,
              count(*) filter (where idempotency_key = $1)::int as idempotent,
              (select count(*) from order_lines where status = 'cancelled')::int as cancelled_lines,
              (select count(*) from orders o
                 where not exists (select 1 from order_lines l where l.order_id = o.id)
                    or o.line_count <> (select count(*) from order_lines l where l.order_id = o.id and l.status = 'open'))::int as torn
         from orders`,
      [seen.idempotent.key],
    );
    expect(totals).toEqual({
      orders: seen.orders.byStatus["201"] + 1, // + the idempotent one
      cancelled: seen.changes.ordersCancelled,
      idempotent: 1,
      cancelled_lines: seen.changes.linesCancelled,
      torn: 0,
    });
  });

  it("never allocates more than on hand; counters = allocation rows = the movement ledger", async () => {
    const levels = await rows(
      `select s.item_id, s.warehouse_id, s.on_hand, s.allocated,
              coalesce((select sum(quantity) from allocations a where a.item_id = s.item_id and a.warehouse_id = s.warehouse_id), 0)::int as rows_sum,
              coalesce((select sum(allocated_delta) from stock_movements m where m.item_id = s.item_id and m.warehouse_id = s.warehouse_id), 0)::int as ledger
         from stock_levels s`,
    );
    const wrong = levels.filter(
      (l) => l.allocated > l.on_hand || l.allocated !== l.rows_sum || l.allocated !== l.ledger,
    );
    expect(wrong).toEqual([]);
    const [sold] = await rows(
      "select sum(s.allocated)::int as n from stock_levels s join items i on i.id = s.item_id where i.sku like 'HOT-%'",
    );
    expect(sold.n).toBeGreaterThan(HOT_SKUS * (EAST_UNITS + WEST_UNITS) * 0.5); // the race reached the last units
  });

  it("open lines: allocated + backordered = ordered; cancelled orders and lines hold nothing", async () => {
    const lines = await rows(
      `select o.number, o.status as order_status, l.line_no, l.status, l.quantity, l.backordered_quantity,
              coalesce((select sum(a.quantity) from allocations a where a.order_line_id = l.id), 0)::int as allocated
         from order_lines l join orders o on o.id = l.order_id`,
    );
    expect(lines.length).toBeGreaterThan(CLIENTS * ORDERS_PER_CLIENT);
    const open = lines.filter((l) => l.status === "open" && l.order_status !== "cancelled");
    const closed = lines.filter((l) => l.status !== "open" || l.order_status === "cancelled");
    expect(closed.length).toBeGreaterThan(0);
    expect(open.filter((l) => l.allocated + l.backordered_quantity !== l.quantity)).toEqual([]);
    expect(closed.filter((l) => l.allocated !== 0 || l.backordered_quantity !== 0)).toEqual([]);
  });

  it(`${IDEMPOTENT_COPIES} identical submissions with one key over ${PROCESSES} process(es): one order, the rest replay`, () => {
    const statuses = seen.idempotent.statuses;
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(IDEMPOTENT_COPIES - 1);
    expect(seen.idempotent.orderIds.size).toBe(1);
  });
});
