import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planAllocation, planPartialAllocation } from "./plan-allocation.ts";

const stock = (entries: [number, number, number][]) =>
  new Map(entries.map(([item, wh, n]) => [`${item}:${wh}`, n]));

describe("planAllocation", () => {
  it("takes the nearest warehouse that can fill the whole item", () => {
    const plan = planAllocation(
      [{ itemId: 1, sku: "A", quantity: 5 }],
      stock([
        [1, 10, 3],
        [1, 20, 9],
        [1, 30, 50],
      ]),
      [10, 20, 30],
    );
    expect(plan).toEqual({ ok: true, perLine: [[{ warehouseId: 20, quantity: 5 }]] });
  });

  it("splits nearest-first when no single warehouse can, and spreads lines of one item", () => {
    const plan = planAllocation(
      [
        { itemId: 1, sku: "A", quantity: 4 },
        { itemId: 1, sku: "A", quantity: 4 },
      ],
      stock([
        [1, 10, 3],
        [1, 20, 6],
      ]),
      [10, 20],
    );
    expect(plan).toEqual({
      ok: true,
      perLine: [
        [
          { warehouseId: 10, quantity: 3 },
          { warehouseId: 20, quantity: 1 },
        ],
        [{ warehouseId: 20, quantity: 4 }],
      ],
    });
  });

  it("checks lines of one item together and reports the total available", () => {
    const plan = planAllocation(
      [
        { itemId: 1, sku: "A", quantity: 4 },
        { itemId: 1, sku: "A", quantity: 4 },
      ],
      stock([
        [1, 10, 3],
        [1, 20, 4],
      ]),
      [10, 20],
    );
    expect(plan).toEqual({ ok: false, shortage: { sku: "A", requested: 8, available: 7 } });
  });

  it("never plans more than is free, and gives every line exactly its quantity", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ itemId: fc.integer({ min: 1, max: 4 }), quantity: fc.integer({ min: 1, max: 20 }) }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: -2, max: 30 }), { minLength: 12, maxLength: 12 }),
        (lines, free) => {
          const warehouses = [1, 2, 3];
          const available = new Map<string, number>();
          for (let item = 1; item <= 4; item++) {
            for (const [k, w] of warehouses.entries())
              available.set(`${item}:${w}`, free[(item - 1) * 3 + k]);
          }
          const requests = lines.map((l) => ({ ...l, sku: `S${l.itemId}` }));
          const plan = planAllocation(requests, available, warehouses);
          if (!plan.ok) return;
          const used = new Map<string, number>();
          plan.perLine.forEach((allocations, i) => {
            expect(allocations.reduce((s, a) => s + a.quantity, 0)).toBe(requests[i].quantity);
            for (const a of allocations) {
              expect(a.quantity).toBeGreaterThan(0);
              const key = `${requests[i].itemId}:${a.warehouseId}`;
              used.set(key, (used.get(key) ?? 0) + a.quantity);
            }
          });
          for (const [key, n] of used) expect(n).toBeLessThanOrEqual(Math.max(0, available.get(key) ?? 0));
        },
      ),
    );
  });
});

describe("planPartialAllocation", () => {
  it.each([
    [
      "fills whole from the nearest that can",
      [{ itemId: 1, sku: "A", quantity: 5 }],
      [
        [1, 10, 3],
        [1, 20, 9],
      ],
      [[{ warehouseId: 20, quantity: 5 }]],
      [0],
    ],
    [
      "takes everything, nearest first, and backorders the rest",
      [{ itemId: 1, sku: "A", quantity: 10 }],
      [
        [1, 10, 3],
        [1, 20, 4],
      ],
      [
        [
          { warehouseId: 10, quantity: 3 },
          { warehouseId: 20, quantity: 4 },
        ],
      ],
      [3],
    ],
    [
      "earlier lines of an item are filled first",
      [
        { itemId: 1, sku: "A", quantity: 4 },
        { itemId: 1, sku: "A", quantity: 4 },
      ],
      [[1, 10, 5]],
      [[{ warehouseId: 10, quantity: 4 }], [{ warehouseId: 10, quantity: 1 }]],
      [0, 3],
    ],
    ["nothing anywhere", [{ itemId: 2, sku: "B", quantity: 2 }], [[2, 10, -1]], [[]], [2]],
  ] as const)("%s", (_name, lines, entries, perLine, backordered) => {
    const plan = planPartialAllocation(
      lines.map((l) => ({ ...l })),
      stock(entries.map((e) => [...e] as [number, number, number])),
      [10, 20],
    );
    expect(plan).toEqual({ perLine, backordered });
  });

  it("allocates + backorders = ordered, never more than free", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ itemId: fc.integer({ min: 1, max: 3 }), quantity: fc.integer({ min: 1, max: 20 }) }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: -2, max: 15 }), { minLength: 6, maxLength: 6 }),
        (lines, free) => {
          const available = new Map<string, number>();
          for (let item = 1; item <= 3; item++) {
            available.set(`${item}:1`, free[(item - 1) * 2]);
            available.set(`${item}:2`, free[(item - 1) * 2 + 1]);
          }
          const requests = lines.map((l) => ({ ...l, sku: `S${l.itemId}` }));
          const plan = planPartialAllocation(requests, available, [1, 2]);
          const used = new Map<string, number>();
          plan.perLine.forEach((allocations, i) => {
            const got = allocations.reduce((s, a) => s + a.quantity, 0);
            expect(got + plan.backordered[i]).toBe(requests[i].quantity);
            for (const a of allocations) {
              const key = `${requests[i].itemId}:${a.warehouseId}`;
              used.set(key, (used.get(key) ?? 0) + a.quantity);
            }
          });
          for (const [key, n] of used) expect(n).toBeLessThanOrEqual(Math.max(0, available.get(key) ?? 0));
          // Backordered only when the item really is out everywhere.
          for (const [i, r] of requests.entries()) {
            if (plan.backordered[i] === 0) continue;
            const left = [1, 2].reduce(
              (s, w) =>
                s + Math.max(0, available.get(`${r.itemId}:${w}`) ?? 0) - (used.get(`${r.itemId}:${w}`) ?? 0),
              0,
            );
            expect(left).toBe(0);
          }
        },
      ),
    );
  });
});
