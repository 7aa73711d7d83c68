// Order placement through the slice (HTTP → validation → one transaction with conditional
// allocation) against a floor: raw SQL doing the same inserts and conditional updates.
import { PASSWORD } from "../test/support/fixture.ts";
import { signInOverHttp, startServerProcess } from "../test/support/server-process.ts";
import { fmt, percentile, pickItems, runClosedLoop, runOrderFloor, seedOrderBench } from "./support.ts";

const CLIENTS = 8;
const LINES = 20;
const ITEMS = 400;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;

export async function run(): Promise<void> {
  const world = await seedOrderBench("wholesail_bench_orders", CLIENTS, ITEMS);
  const server = await startServerProcess({ DATABASE_URL: world.url });
  try {
    const sessions = await Promise.all(
      Array.from({ length: CLIENTS }, () => signInOverHttp(server.url, "order_desk@staff.test", PASSWORD)),
    );
    const app = await runClosedLoop(CLIENTS, DURATION_MS, async (client, i) => {
      const lines = pickItems(world, LINES, client, i).map((item, k) => ({
        sku: item.sku,
        quantity: 1 + (k % 5),
      }));
      const response = await fetch(`${server.url}/api/orders`, {
        method: "POST",
        headers: sessions[client],
        body: JSON.stringify({ accountId: world.accountIds[client], lines }),
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

    const floor = await runOrderFloor(world, CLIENTS, LINES, DURATION_MS);
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
