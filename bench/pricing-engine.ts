// The pure engine alone: a 20-line order priced over 1,000,000 in-memory price entries, against a
// floor of plain Map lookups of the same 20 list-price entries (what any engine must at least do).
import { buildPricingIndex, priceOrder } from "../src/modules/pricing/engine.ts";
import { bigOrder, bigRules } from "../src/modules/pricing/perf-fixtures.ts";
import { fmt, percentile } from "./support.ts";

const ORDERS = 5000;

export async function run(): Promise<void> {
  const rules = bigRules();
  const entries = rules.priceLists!.reduce((n, l) => n + l.entries.length, 0);
  const t0 = performance.now();
  const index = buildPricingIndex(rules);
  console.log(`pricing-engine entries=${entries}`);
  console.log(`pricing-engine index_build_ms=${fmt(performance.now() - t0)}`);
  for (let i = 0; i < 500; i++) priceOrder(bigOrder(i), index); // warm up
  const latencies: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const request = bigOrder(i);
    const start = performance.now();
    priceOrder(request, index);
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  const engineLinesPerS = (20 * ORDERS) / (latencies.reduce((a, b) => a + b, 0) / 1000);

  const flat = new Map<string, string>();
  for (const list of rules.priceLists!)
    for (const e of list.entries) flat.set(`${list.id}:${e.itemId}`, e.price);
  const listIds = rules.priceLists!.map((l) => l.id);
  const floorStart = performance.now();
  let found = 0;
  for (let i = 0; i < ORDERS; i++) {
    for (const line of bigOrder(i).lines)
      if (flat.get(`${listIds[i % listIds.length]}:${line.itemId}`)) found++;
  }
  const floorLinesPerS = (20 * ORDERS) / ((performance.now() - floorStart) / 1000);
  console.log(`pricing-engine p50_ms=${percentile(latencies, 50).toFixed(3)}`);
  console.log(`pricing-engine p99_ms=${percentile(latencies, 99).toFixed(3)}`);
  console.log(`pricing-engine lines_per_s=${fmt(engineLinesPerS)}`);
  console.log(`pricing-engine floor_lines_per_s=${fmt(floorLinesPerS)} (found ${found})`);
  console.log(
    `RESULT pricing-engine p99_ms=${percentile(latencies, 99).toFixed(3)} lines_per_s=${fmt(engineLinesPerS)} floor=${fmt(floorLinesPerS)} ratio=${(engineLinesPerS / floorLinesPerS).toFixed(3)}`,
  );
}
