/**
 * Latency of the pure engine over a big rule set (see perf-fixtures.ts): a 20-line order priced
 * repeatedly with a warm index. The full benchmark (with the SQL floor and the RESULT line) belongs
 * to `npm run bench -- pricing`; this test keeps the engine honest about "no scans".
 */
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { buildPricingIndex, priceOrder } from "./engine.ts";
import { bigOrder, bigRules } from "./perf-fixtures.ts";

describe("pricing engine latency", () => {
  it("prices a 20-line order over 1,000,000 price entries in well under 1 ms (median), printing p99", {
    timeout: 120_000,
  }, () => {
    const rules = bigRules();
    const entries = rules.priceLists!.reduce((n, l) => n + l.entries.length, 0);
    expect(entries).toBe(1_000_000);
    const t0 = performance.now();
    const index = buildPricingIndex(rules);
    const buildMs = performance.now() - t0;

    for (let i = 0; i < 500; i++) priceOrder(bigOrder(i), index); // warm up
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const req = bigOrder(i);
      const c = process.cpuUsage();
      const s = performance.now();
      const priced = priceOrder(req, index);
      wall.push(performance.now() - s);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (!priced.complete) throw new Error("every line should be priced");
    }
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)];
    const linesPerS = Math.round((20 * wall.length) / (wall.reduce((a, b) => a + b, 0) / 1000));
    console.log(
      `pricing: entries=${entries} build_ms=${buildMs.toFixed(0)} p50_ms=${pct(wall, 0.5).toFixed(3)} ` +
        `p99_ms=${pct(wall, 0.99).toFixed(3)} cpu_p50_ms=${pct(cpu, 0.5).toFixed(3)} ` +
        `cpu_p99_ms=${pct(cpu, 0.99).toFixed(3)} lines_per_s=${linesPerS}`,
    );
    // The target is p99 < 2 ms. On a shared 2-core box under load, p99 measures the scheduler and
    // the garbage collector as much as the engine, so the test asserts the median (stable) and
    // prints the tail; `npm run bench -- pricing` is where p99 is recorded (docs/benchmarks.md).
    expect(pct(wall, 0.5)).toBeLessThan(1);
    expect(pct(cpu, 0.5)).toBeLessThan(1);
  });
});
