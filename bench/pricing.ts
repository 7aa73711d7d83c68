// Pricing through the per-request loader + engine with 1,000,000 price-list entries in PostgreSQL:
// a 20-line order priced repeatedly (warm, one client), against a floor measured in the same run —
// a plain indexed SQL lookup of the same prices. Also checks that a rule change shows immediately
// (the in-process rule cache is warm by then).
import { PerformanceObserver } from "node:perf_hooks";
import { openDatabase } from "../src/app/db.ts";
import { migrateDatabase } from "../src/app/migrate.ts";
import { quote } from "../src/modules/pricing/quote.ts";
import { pricingCacheStats } from "../src/modules/pricing/rule-cache.ts";
import { createFreshDatabase } from "../test/support/db.ts";
import { seedFixture } from "../test/support/fixture.ts";
import { BENCH_SERVER_URL, fmt, percentile, runClosedLoop } from "./support.ts";

const ITEMS = 50_000;
const LISTS = 20; // × 50,000 items = 1,000,000 entries
const LINES = 20;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const DATE = "2026-06-15";

export async function run(): Promise<void> {
  const url = await createFreshDatabase(BENCH_SERVER_URL, "wholesail_bench_pricing");
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await migrateDatabase(db);
    const fx = await seedFixture(db);
    const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
    const t0 = performance.now();
    await q(`insert into items (sku, name, category_id, case_factor, cost, list_price)
             select 'P-' || g, 'Bench item ' || g, (select min(id) from categories), 12, '1.0000', ((g % 97 + 2) || '.2575')::numeric
               from generate_series(1, ${ITEMS}) g`);
    await q(
      `insert into item_units (item_id, code, factor) select id, 'CS', 12 from items where sku like 'P-%'`,
    );
    await q(
      `insert into account_groups (code, name) select 'BG' || g, 'Bench group ' || g from generate_series(1, ${LISTS - 1}) g`,
    );
    // One list per group (the fixture's group included): LISTS × ITEMS entries.
    await q(
      `insert into price_lists (name, account_group_id, currency) select 'List ' || code, id, 'USD' from account_groups`,
    );
    await q(`insert into price_list_entries (price_list_id, item_id, unit_price)
             select l.id, i.id, round(i.list_price * (0.80 + (l.id % 10) / 100.0), 4)
               from price_lists l cross join items i where i.sku like 'P-%'`);
    const accountList = (
      await q(
        `insert into price_lists (name, account_id, currency) values ('Acme own', $1, 'USD') returning id`,
        [fx.accountA],
      )
    ).rows[0].id;
    await q(
      `insert into price_list_entries (price_list_id, item_id, unit_price)
             select $1, id, round(list_price * 0.75, 4) from items where sku like 'P-%' and id % 10 = 0`,
      [accountList],
    );
    const contract = (
      await q(
        `insert into contracts (name, account_id, currency) values ('Acme contract', $1, 'USD') returning id`,
        [fx.accountA],
      )
    ).rows[0].id;
    await q(
      `insert into contract_lines (contract_id, item_id, kind, percent) select $1, id, 'percent_off_list', 22 from items where sku like 'P-%' and id % 7 = 0`,
      [contract],
    );
    await q(
      `insert into tier_rules (name, basis, breaks) values ('Everyone volume', 'line_quantity', '[{"min":"24","adjustment":{"kind":"percent_off","percent":"3"}}]')`,
    );
    await q("analyze");
    const entries = (await q("select count(*)::int as n from price_list_entries")).rows[0].n;
    console.log(`pricing setup entries=${entries} seconds=${fmt((performance.now() - t0) / 1000)}`);

    const skus = (i: number) =>
      Array.from({ length: LINES }, (_, k) => `P-${((i * 7919 + k * 2503) % ITEMS) + 1}`);
    const order = (i: number) => ({
      accountId: fx.accountA,
      date: DATE,
      lines: skus(i).map((sku, k) => ({
        sku,
        quantity: 1 + ((i + k) % 30),
        uom: k % 5 === 0 ? "CS" : undefined,
      })),
    });
    // Warm up (JIT, prepared statements, buffer cache), then warm the in-process rule cache
    // (rule-cache.ts) with every item once: the target is "with warm caches".
    for (let i = 0; i < 300; i++) await quote(db.pool, order(i), null);
    const w0 = performance.now();
    for (let first = 1; first <= ITEMS; first += LINES) {
      const lines = Array.from({ length: LINES }, (_, k) => ({ sku: `P-${first + k}`, quantity: 1 }));
      await quote(db.pool, { accountId: fx.accountA, date: DATE, lines }, null);
    }
    console.log(`pricing cache warm-up seconds=${fmt((performance.now() - w0) / 1000)}`);
    const s0 = pricingCacheStats(db.pool);
    // Which quotes overlapped a GC pause (young-generation scavenges were the p99 tail).
    const gcs: [number, number][] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcs.push([e.startTime, e.startTime + e.duration]);
    });
    observer.observe({ entryTypes: ["gc"] });
    const spans: [number, number][] = [];
    const app = await runClosedLoop(1, DURATION_MS, async (_c, i) => {
      const start = performance.now();
      const result = await quote(db.pool, order(i), null);
      spans.push([start, performance.now()]);
      if (!result.quote.complete) throw new Error("incomplete quote");
    });
    observer.disconnect();
    const s1 = pricingCacheStats(db.pool);
    console.log(
      `pricing cache hits=${s1.hits - s0.hits} partial=${s1.partial - s0.partial} misses=${s1.misses - s0.misses} round_trips=${s1.roundTrips - s0.roundTrips}`,
    );
    const overlaps = ([a, b]: [number, number]) => gcs.some(([g0, g1]) => g0 < b && g1 > a);
    const clean = spans.filter((s) => !overlaps(s)).map(([a, b]) => b - a);
    const gcMs = gcs.reduce((sum, [g0, g1]) => sum + g1 - g0, 0);
    console.log(
      `pricing gc pauses=${gcs.length} mean_ms=${fmt(gcs.length ? gcMs / gcs.length : 0)} quotes_overlapping=${spans.length - clean.length} p99_ms_without_them=${fmt(
        percentile(
          clean.sort((a, b) => a - b),
          99,
        ),
      )}`,
    );
    const groupList = (
      await q(
        "select id from price_lists where account_group_id = (select group_id from accounts where id = $1)",
        [fx.accountA],
      )
    ).rows[0].id;
    const floor = await runClosedLoop(1, DURATION_MS, async (_c, i) => {
      await db.pool.query({
        name: "floor_prices",
        text: `select e.item_id, e.unit_price from price_list_entries e join items i on i.id = e.item_id
                where e.price_list_id = $1 and i.sku = any($2::text[])`,
        values: [groupList, skus(i)],
      });
    });
    const appLines = (app.latencies.length * LINES * 1000) / app.elapsedMs;
    const floorLines = (floor.latencies.length * LINES * 1000) / floor.elapsedMs;
    console.log(
      `pricing app orders=${app.latencies.length} p50_ms=${fmt(percentile(app.latencies, 50))} p99_ms=${fmt(percentile(app.latencies, 99))} lines_per_s=${fmt(appLines)}`,
    );
    console.log(
      `pricing floor p50_ms=${fmt(percentile(floor.latencies, 50))} p99_ms=${fmt(percentile(floor.latencies, 99))} lines_per_s=${fmt(floorLines)}`,
    );

    // Correct right after a rule change (the cache is warm): change the account-list price, quote again.
    const probe = order(1);
    const sku = probe.lines[1].sku;
    await q(
      `insert into price_list_entries (price_list_id, item_id, unit_price) select $1, id, '0.4321' from items where sku = $2
             on conflict (price_list_id, item_id) do update set unit_price = excluded.unit_price`,
      [accountList, sku],
    );
    await q(
      "delete from contract_lines where contract_id = $1 and item_id = (select id from items where sku = $2)",
      [contract, sku],
    );
    const after = await quote(db.pool, { ...probe, lines: [{ sku, quantity: 1 }] }, null);
    const got = after.quote.lines[0].unitPrice;
    if (got !== "0.4321") throw new Error(`rule change not visible: expected 0.4321, got ${got}`);
    console.log(`pricing rule-change ok sku=${sku} unit_price=${got}`);
    console.log(
      `RESULT pricing p99_ms=${fmt(percentile(app.latencies, 99))} lines_per_s=${fmt(appLines)} floor=${fmt(floorLines)} ratio=${(appLines / floorLines).toFixed(2)}`,
    );
  } finally {
    await db.close();
  }
}
