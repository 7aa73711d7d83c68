import { describe, expect, it } from "vitest";
import { atpTimeline, backorderEta, type Inbound } from "./eta.ts";

const inbound = (date: string, quantity: number, warehouseId = 1): Inbound => ({
  date,
  quantity,
  warehouseId,
  purchaseOrder: `PO-${date}`,
});
const T = "2030-01-10";

describe("backorderEta", () => {
  const supply = [inbound("2030-02-01", 10), inbound("2030-01-20", 5, 2), inbound("2030-03-01", 100)];
  it.each([
    ["nothing short", supply, 0, 0, null],
    ["no supply", [], 0, 3, null],
    ["first receipt covers it", supply, 0, 5, "2030-01-20"],
    ["needs two receipts", supply, 0, 6, "2030-02-01"],
    ["earlier backorders come first", supply, 12, 3, "2030-02-01"],
    ["earlier backorders push it out", supply, 14, 3, "2030-03-01"],
    ["more than all supply", supply, 0, 200, null],
    ["an overdue receipt arrives today", [inbound("2030-01-01", 5)], 0, 5, T],
    ["empty lines are skipped", [inbound("2030-01-15", 0), inbound("2030-01-16", 4)], 0, 4, "2030-01-16"],
  ] as const)("%s", (_name, supply, promised, quantity, eta) => {
    expect(backorderEta(supply, promised, quantity, T)).toBe(eta);
  });
});

describe("atpTimeline", () => {
  it("adds receipts by date onto what is free now; overdue ones count today", () => {
    expect(
      atpTimeline(4, [inbound("2030-02-01", 10), inbound("2030-01-01", 2), inbound("2030-02-01", 1)], T),
    ).toEqual([
      { date: T, atp: 6 },
      { date: "2030-02-01", atp: 17 },
    ]);
  });
  it("never promises a negative now", () => {
    expect(atpTimeline(-3, [], T)).toEqual([{ date: T, atp: 0 }]);
  });
});
