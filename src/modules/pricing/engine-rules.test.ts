import { describe, expect, it } from "vitest";
import { PricingError, priceOrder, priceOrderWithRules } from "./engine.ts";
import { buildPricingIndex } from "./index-rules.ts";
import {
  baseRules,
  codes,
  contract,
  G1,
  groupList,
  line,
  promo,
  request,
  tier,
  W1,
} from "./test-fixtures.ts";
import type { PricingRules, Promotion } from "./types.ts";

describe("promotions", () => {
  it("apply in their period, to their category, after tiers", () => {
    const rules = baseRules({ tiers: [tier("T", {})], promotions: [promo("P", {})] });
    const l = line(rules, { quantity: 12 });
    expect(l.waterfall.map((s) => [s.kind, s.after])).toEqual([
      ["list", "10.0000"],
      ["tier", "9.5000"],
      ["promotion", "8.5500"],
    ]);
    expect(line(rules, { quantity: 12 }, { date: "2026-07-01" }).unitPrice).toBe("9.5000");
    expect(line(rules, { itemId: "G1", quantity: 20 }).unitPrice).toBe("2.5000");
  });

  it("limited by account group / account, order value and order quantity", () => {
    const p = (x: Partial<Promotion>, extra = {}) =>
      line(baseRules({ promotions: [promo("P", x)] }), { quantity: 2 }, extra).unitPrice;
    expect(p({ accountGroupIds: ["GR1"] })).toBe("9.0000");
    expect(p({ accountGroupIds: ["GR2"] })).toBe("10.0000");
    expect(p({ accountGroupIds: ["GR2"], accountIds: ["A1"] })).toBe("9.0000");
    expect(p({ currency: "USD", minOrderValue: "20" })).toBe("9.0000");
    expect(p({ currency: "USD", minOrderValue: "20.01" })).toBe("10.0000");
    expect(p({ minOrderQuantity: 3 })).toBe("10.0000");
    expect(p({ minOrderQuantity: 2 })).toBe("9.0000");
  });

  it("the single best promotion applies", () => {
    const rules = baseRules({
      promotions: [
        promo("P2", {}),
        promo("P1", { currency: "USD", adjustment: { kind: "fixed", price: "9.0000" } }),
        promo("P3", { adjustment: { kind: "percent_off", percent: "5" } }),
      ],
    });
    expect(line(rules).waterfall.at(-1)).toMatchObject({ kind: "promotion", ruleId: "P1", after: "9.0000" });
  });
});

describe("memorized last price", () => {
  const last = {
    accountId: "A1",
    itemId: "W1",
    unitPrice: "9.1000",
    currency: "USD",
    date: "2026-06-01",
    orderRef: "SO-7",
  };

  it("is shown beside the price, per the line's unit", () => {
    const l = line(baseRules({ lastPrices: [last] }), { uom: "CS" });
    expect(l.lastPaid).toEqual({
      unitPrice: "109.2000",
      baseUnitPrice: "9.1000",
      date: "2026-06-01",
      orderRef: "SO-7",
      held: false,
    });
    expect(l.unitPrice).toBe("120.0000");
  });

  it("is honoured within the account's hold window, only when lower", () => {
    const policy = { accountId: "A1", caseRounding: "reject" as const, holdLastPriceDays: 14 };
    const rules = baseRules({
      lastPrices: [last, { ...last, date: "2026-05-01", unitPrice: "7.0000" }],
      accountPolicies: [policy],
    });
    const l = line(rules);
    expect(l.unitPrice).toBe("9.1000");
    expect(l.waterfall.at(-1)).toMatchObject({ kind: "last_price_hold", ruleId: "SO-7", before: "10.0000" });
    expect(line(rules, {}, { date: "2026-06-16" }).unitPrice).toBe("10.0000");
    expect(line(rules, {}, { date: "2026-06-16" }).lastPaid?.held).toBe(false);
    expect(line({ ...rules, contracts: [contract("K", {})] }).unitPrice).toBe("8.0000");
  });
});

describe("units of measure and pack rules", () => {
  it("a case price is the each price × factor, exactly", () => {
    const rules = baseRules({
      contracts: [
        contract("K", {
          lines: [
            { target: { kind: "item", itemId: "W1" }, price: { kind: "percent_off_list", percent: "7.77" } },
          ],
        }),
      ],
    });
    const cs = line(rules, { quantity: 3, uom: "CS" });
    const ea = line(rules, { quantity: 36, uom: "EA" });
    expect(cs.baseUnitPrice).toBe(ea.baseUnitPrice);
    expect(cs.unitPrice).toBe("110.6760");
    expect(cs.extended).toBe(ea.extended);
    expect(cs.waterfall.map((s) => s.after)).toEqual(["120.0000", "110.6760"]);
  });

  it("order multiples: reject → CASE_MULTIPLE; round_up → ROUNDED_UP_TO_CASE", () => {
    const reject = line(baseRules(), { itemId: "G1", quantity: 25 });
    expect(codes(reject.violations)).toEqual(["CASE_MULTIPLE"]);
    expect(reject.extended).toBe("62.50");
    const rules = baseRules({ accountPolicies: [{ accountId: "A1", caseRounding: "round_up" }] });
    const up = line(rules, { itemId: "G1", quantity: 25 });
    expect(up).toMatchObject({ requestedQuantity: 25, quantity: 30, baseQuantity: 30, extended: "75.00" });
    expect(codes(up.warnings)).toEqual(["ROUNDED_UP_TO_CASE"]);
    expect(up.violations).toEqual([]);
    // 5 boxes of 5 = 25 EA → 30 EA is 6 boxes
    expect(line(rules, { itemId: "G1", quantity: 5, uom: "BX" })).toMatchObject({
      quantity: 6,
      baseQuantity: 30,
    });
  });

  it("minimum order quantity", () => {
    expect(codes(line(baseRules(), { itemId: "G1", quantity: 10 }).violations)).toEqual(["BELOW_MOQ"]);
    expect(line(baseRules(), { itemId: "G1", quantity: 2, uom: "CS" }).violations).toEqual([]);
  });

  it("broken-case surcharge, percent or amount, only on a broken case", () => {
    const pct = baseRules({
      accountPolicies: [
        { accountId: "A1", caseRounding: "reject", brokenCaseSurcharge: { kind: "percent", percent: "10" } },
      ],
    });
    const l = line(pct, { quantity: 13 });
    expect(l.unitPrice).toBe("11.0000");
    expect(codes(l.warnings)).toEqual(["BROKEN_CASE_SURCHARGE"]);
    expect(line(pct, { quantity: 24 }).unitPrice).toBe("10.0000");
    expect(line(pct, { quantity: 2, uom: "CS" }).unitPrice).toBe("120.0000");
    const amt = baseRules({
      accountPolicies: [
        {
          accountId: "A1",
          caseRounding: "reject",
          brokenCaseSurcharge: { kind: "amount", amount: "0.2500", currency: "USD" },
        },
      ],
    });
    expect(line(amt, { quantity: 5 })).toMatchObject({ unitPrice: "10.2500", extended: "51.25" });
    const eurList = { ...groupList, currency: "EUR" };
    const eur = line({ ...amt, priceLists: [eurList] }, { quantity: 5 }, { currency: "EUR" });
    expect(eur).toMatchObject({ unitPrice: "9.0000", extended: "45.00" });
    expect(codes(eur.warnings)).toEqual(["RULE_CURRENCY_MISMATCH"]);
  });
});

describe("violations, warnings, order level", () => {
  it("unknown item, unknown unit, bad quantities, no price", () => {
    const order = priceOrderWithRules(
      request([
        { itemId: "NOPE" },
        { uom: "PAL" },
        { quantity: 0 },
        { quantity: 1.5 },
        { quantity: Number.MAX_SAFE_INTEGER, uom: "CS" },
        { quantity: 2 },
      ]),
      baseRules(),
    );
    expect(order.lines.map((l) => codes(l.violations))).toEqual([
      ["UNKNOWN_ITEM"],
      ["UNKNOWN_UOM"],
      ["INVALID_QUANTITY"],
      ["INVALID_QUANTITY"],
      ["INVALID_QUANTITY"],
      [],
    ]);
    expect(order.total).toBe("20.00");
    expect(order.complete).toBe(false);
    const eur = priceOrderWithRules(request([{}], { currency: "EUR" }), baseRules());
    expect(codes(eur.lines[0].violations)).toEqual(["NO_PRICE"]);
    expect(eur.total).toBe("0.00");
  });

  it("a price list in the order's currency prices a non-list currency", () => {
    const rules = baseRules({
      priceLists: [{ ...groupList, currency: "JPY", entries: [{ itemId: "W1", price: "1500.5" }] }],
    });
    const order = priceOrderWithRules(request([{ quantity: 3 }], { currency: "JPY" }), rules);
    expect(order.lines[0]).toMatchObject({ unitPrice: "1500.5000", extended: "4502" });
    expect(order.total).toBe("4502");
  });

  it("minimum order value compares the total of rounded lines", () => {
    const rules = baseRules({
      accountPolicies: [
        { accountId: "A1", caseRounding: "reject", minOrderValue: { amount: "50", currency: "USD" } },
      ],
    });
    expect(codes(priceOrderWithRules(request([{ quantity: 4 }]), rules).violations)).toEqual([
      "MIN_ORDER_VALUE",
    ]);
    expect(priceOrderWithRules(request([{ quantity: 5 }]), rules).violations).toEqual([]);
  });

  it("below-cost warning", () => {
    const rules = baseRules({
      contracts: [
        contract("K", {
          lines: [{ target: { kind: "item", itemId: "W1" }, price: { kind: "fixed", price: "5.9999" } }],
        }),
      ],
    });
    expect(codes(line(rules).warnings)).toEqual(["BELOW_COST"]);
  });

  it("golden rounding cases through the engine", () => {
    const item = (id: string, listPrice: string) => ({ ...W1, id, listPrice });
    const rules = baseRules({ items: [item("a", "12.0650"), item("b", "54.5750"), item("c", "0.3838")] });
    const order = priceOrderWithRules(
      request([
        { itemId: "a", quantity: 5 },
        { itemId: "b", quantity: 3 },
        { itemId: "c", quantity: 7 },
      ]),
      rules,
    );
    expect(order.lines.map((l) => l.extended)).toEqual(["60.33", "163.73", "2.69"]);
    expect(order.total).toBe("226.75");
  });

  it("numeric DB ids and string ids are the same key", () => {
    const rules = baseRules({
      items: [{ ...G1, id: 7 }],
      priceLists: [
        { ...groupList, scope: { kind: "group", groupId: 3 }, entries: [{ itemId: 7, price: "2.0000" }] },
      ],
    });
    const order = priceOrderWithRules(
      request([{ itemId: "7", quantity: 20 }], { accountGroupId: "3" }),
      rules,
    );
    expect(order.lines[0].unitPrice).toBe("2.0000");
  });
});

describe("errors", () => {
  it("malformed requests throw INVALID_REQUEST", () => {
    const index = buildPricingIndex(baseRules());
    for (const extra of [{ date: "2026-02-30" }, { date: "15/06/2026" }, { currency: "usd" }]) {
      expect(() => priceOrder(request([{}], extra), index)).toThrow(PricingError);
    }
    expect(() => priceOrder(request([{ lineRef: "x" }, { lineRef: "x" }]), index)).toThrow(
      /duplicate lineRef/,
    );
  });

  it("bad rule data fails at index build, naming the rule", () => {
    const bad = (r: Partial<PricingRules>) => () => buildPricingIndex(baseRules(r));
    expect(bad({ priceLists: [{ ...groupList, entries: [{ itemId: "W1", price: "1e5" }] }] })).toThrow(
      /price list PL-G item W1: price: "1e5"/,
    );
    expect(bad({ priceLists: [{ ...groupList, entries: [{ itemId: "W1", price: "1.23456" }] }] })).toThrow(
      /more than 4 decimals/,
    );
    expect(bad({ items: [{ ...W1, listPrice: "NaN" }] })).toThrow(/item W1/);
    expect(bad({ items: [W1, W1] })).toThrow(/duplicate item/);
    expect(bad({ contracts: [contract("K", { validTo: "2026-13-01" })] })).toThrow(/contract K: validTo/);
    expect(
      bad({
        tiers: [tier("T", { breaks: [{ min: "1.5", adjustment: { kind: "percent_off", percent: "5" } }] })],
      }),
    ).toThrow(/not an integer/);
    expect(
      bad({ tiers: [tier("T", { breaks: [{ min: "1", adjustment: { kind: "fixed", price: "5" } }] })] }),
    ).toThrow(/currency is required/);
    expect(
      bad({ promotions: [promo("P", { adjustment: { kind: "percent_off", percent: "120" } })] }),
    ).toThrow(/between 0 and 100/);
    expect(bad({ listCurrency: "XYZ" })).toThrow(/unknown currency/);
  });
});
