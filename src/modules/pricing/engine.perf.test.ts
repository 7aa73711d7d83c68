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
  it("prices a 20-line order over 1,000,000 price entries far under 2 ms (p99)", { timeout: 120_000 }, () => {
    const rules = bigRules();
    const entries = rules.priceLists!.reduce((n, l) => n + l.entries.length, 0);
    expect(entries).toBe(1_000_000);
    const t0 = performance.now();
    const index = buildPricingIndex(rules);
    const buildMs = performance.now() - t0;

    for (let i = 0; i < 500; i++) priceOrder(bigOrder(i), index); // warm up
    const samples: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const req = bigOrder(i);
      const s = performance.now();
      const priced = priceOrder(req, index);
      samples.push(performance.now() - s);
      if (!priced.complete) throw new Error("every line should be priced");
    }
    samples.sort((a, b) => a - b);
    const p50 = samples[Math.floor(samples.length * 0.5)];
    const p99 = samples[Math.floor(samples.length * 0.99)];
    const linesPerS = Math.round((20 * samples.length) / (samples.reduce((a, b) => a + b, 0) / 1000));
    console.log(
      `pricing: entries=${entries} build_ms=${buildMs.toFixed(0)} p50_ms=${p50.toFixed(3)} p99_ms=${p99.toFixed(3)} lines_per_s=${linesPerS}`,
    );
    expect(p99).toBeLessThan(2);
  });
});
