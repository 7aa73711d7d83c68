import { describe, expect, it } from "vitest";
import { CHANNELS } from "./request.ts";
import {
  backorderDisposition,
  creditCheck,
  decideStatus,
  priceDiscrepancy,
  promiseDates,
  refusesFixableProblems,
  violationExceptionType,
} from "./rules.ts";

describe("refusesFixableProblems: who gets a 422 instead of a held order", () => {
  it.each(CHANNELS.map((c) => [c, c === "desk" || c === "portal"] as const))(
    "%s → %s",
    (channel, refuses) => {
      expect(refusesFixableProblems(channel)).toBe(refuses);
    },
  );
});

describe("priceDiscrepancy", () => {
  it.each([
    // ours, expected, tolerance, result
    ["10.0000", undefined, null, null],
    ["10.0000", "10", null, null],
    ["10.0000", "9.99", null, { differencePct: "0.10", discountPct: "0.10" }],
    // |10 − 9.50| / 9.50 = 5.26 % > 5 %: held; giving it would be a 5 % discount on our price.
    ["10.0000", "9.50", "5", { differencePct: "5.26", discountPct: "5.00" }],
    ["10.0000", "9.60", "5", null],
    ["10.0000", "8.00", "10", { differencePct: "25.00", discountPct: "20.00" }],
    ["10.0000", "11.00", "5", { differencePct: "9.09", discountPct: "0.00" }],
    ["10.0000", "10.50", "5", null],
    ["10.0000", "0", "50", { differencePct: "100.00", discountPct: "100.00" }],
    [null, "5.00", null, null],
  ] as const)("ours %s expected %s tolerance %s%%", (ours, expected, tolerance, result) => {
    expect(priceDiscrepancy(ours, expected, tolerance)).toEqual(result);
  });
});

describe("creditCheck", () => {
  const facts = (limit: string, openOrders: string, openReceivables = "0") => ({
    limit,
    openOrders,
    openReceivables,
    overdue: "0",
    overdueInvoices: 0,
    oldestOverdueDays: 0,
    graceDays: 15,
  });
  it.each([
    // limit, open orders, open receivables, this order → overLimit, exposure, available, overLimitPct
    ["1000.00", "0", "0", "999.99", false, "999.99", "1000.00", "0.00"],
    ["1000.00", "0", "0", "1000.00", false, "1000.00", "1000.00", "0.00"],
    ["1000.00", "900.00", "0", "100.01", true, "1000.01", "100.00", "0.00"],
    ["1000.00", "1000.00", "0", "250.00", true, "1250.00", "0.00", "25.00"],
    ["1000.00", "1500.00", "0", "10.00", true, "1510.00", "0.00", "51.00"],
    ["0", "0", "0", "5.00", true, "5.00", "0.00", "100.00"],
    // Receivables count like open orders.
    ["1000.00", "400.00", "500.00", "100.00", false, "1000.00", "100.00", "0.00"],
    ["1000.00", "400.00", "500.00", "100.01", true, "1000.01", "100.00", "0.00"],
    ["1000.00", "0", "1200.00", "300.00", true, "1500.00", "0.00", "50.00"],
    // An order worth nothing (all lines unresolved) never trips the limit.
    ["0", "500.00", "0", "0.00", false, "500.00", "0.00", "0.00"],
  ] as const)(
    "limit %s, open %s, receivables %s, order %s",
    (limit, open, ar, order, over, exposure, available, pct) => {
      expect(creditCheck(facts(limit, open, ar), order)).toMatchObject({
        overLimit: over,
        hold: over,
        exposure,
        available,
        overLimitPct: pct,
      });
    },
  );

  it("overdue invoices beyond the grace days hold the order within the limit", () => {
    const check = creditCheck(
      { ...facts("10000.00", "0", "800.00"), overdue: "300.00", overdueInvoices: 1, oldestOverdueDays: 40 },
      "10.00",
    );
    expect(check).toMatchObject({ overLimit: false, hold: true, overdue: "300.00", oldestOverdueDays: 40 });
  });
});

describe("violationExceptionType", () => {
  it.each([
    ["BELOW_MOQ", "below_moq"],
    ["CASE_MULTIPLE", "below_moq"],
    ["MIN_ORDER_VALUE", "below_moq"],
    ["NO_PRICE", "price_discrepancy"],
    ["UNKNOWN_UOM", "unresolved_item"],
    ["UNKNOWN_ITEM", "unresolved_item"],
    ["INVALID_QUANTITY", "unresolved_item"],
  ])("%s → %s", (code, type) => {
    expect(violationExceptionType(code)).toBe(type);
  });
});

describe("backorderDisposition", () => {
  it.each([
    ["partial", 0, null, { raise: false, blocking: false }],
    ["complete", 0, null, { raise: false, blocking: false }],
    ["partial", 5, "2030-02-01", { raise: false, blocking: false }],
    ["partial", 5, null, { raise: true, blocking: false }],
    ["complete", 5, "2030-02-01", { raise: true, blocking: true }],
    ["complete", 5, null, { raise: true, blocking: true }],
  ] as const)("%s, %s short, eta %s", (policy, short, eta, expected) => {
    expect(backorderDisposition(policy, short, eta)).toEqual(expected);
  });
});

describe("decideStatus", () => {
  it.each([
    [[], "confirmed"],
    [[{ blocking: false }], "confirmed"],
    [[{ blocking: false }, { blocking: true }], "on_hold"],
  ] as const)("%j → %s", (exceptions, status) => {
    expect(decideStatus(exceptions)).toBe(status);
  });
});

describe("promiseDates", () => {
  const T = "2030-01-10";
  const line = (backordered: number, eta: string | null, resolved = true) => ({ backordered, eta, resolved });
  it.each([
    ["all in stock", [line(0, null)], null, "partial", [T], T],
    ["requested later", [line(0, null)], "2030-01-20", "partial", ["2030-01-20"], "2030-01-20"],
    [
      "partial: first shipment",
      [line(0, null), line(3, "2030-02-01")],
      null,
      "partial",
      [T, "2030-02-01"],
      T,
    ],
    [
      "complete: last line",
      [line(0, null), line(3, "2030-02-01")],
      null,
      "complete",
      [T, "2030-02-01"],
      "2030-02-01",
    ],
    ["complete: unknown eta", [line(0, null), line(3, null)], null, "complete", [T, null], null],
    ["unresolved line", [line(0, null, false)], null, "partial", [null], null],
    [
      "eta before requested date",
      [line(2, "2030-01-12")],
      "2030-01-15",
      "partial",
      ["2030-01-15"],
      "2030-01-15",
    ],
  ] as const)("%s", (_name, lines, requested, policy, perLine, order) => {
    expect(promiseDates(lines, T, requested, policy)).toEqual({ lines: perLine, order });
  });
});
