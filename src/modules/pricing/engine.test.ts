import { describe, expect, it } from "vitest";
import { priceOrderWithRules } from "./engine.ts";
import {
  accountList,
  baseRules,
  contract,
  groupList,
  kinds,
  line,
  promo,
  request,
  tier,
} from "./test-fixtures.ts";
import type { Contract, PriceList } from "./types.ts";

describe("source precedence: list → group list → account list → contract", () => {
  it("list price alone", () => {
    const l = line(baseRules(), { quantity: 3 });
    expect(l.unitPrice).toBe("10.0000");
    expect(l.extended).toBe("30.00");
    expect(l.waterfall).toEqual([
      { kind: "list", ruleId: null, ruleName: "List price", before: null, after: "10.0000" },
    ]);
  });

  it("group list replaces list; account list replaces group list", () => {
    expect(kinds(line(baseRules({ priceLists: [groupList] })))).toEqual(["list:", "group_price_list:PL-G"]);
    const l = line(baseRules({ priceLists: [accountList, groupList] }));
    expect(kinds(l)).toEqual(["list:", "group_price_list:PL-G", "account_price_list:PL-A"]);
    expect(l.waterfall[2]).toMatchObject({ before: "9.0000", after: "8.5000", ruleName: "Acme" });
  });

  it("a contract replaces the price lists, even when higher (the agreement is more specific)", () => {
    const l = line(baseRules({ priceLists: [accountList], contracts: [contract("K1", {})] }));
    expect(l.unitPrice).toBe("8.0000");
    const higher = contract("K2", {
      lines: [{ target: { kind: "item", itemId: "W1" }, price: { kind: "fixed", price: "8.7500" } }],
    });
    expect(line(baseRules({ priceLists: [accountList], contracts: [higher] })).unitPrice).toBe("8.7500");
  });

  it("price lists outside their dates, in another currency or for another group are ignored", () => {
    const lists: PriceList[] = [
      { ...groupList, id: "old", validTo: "2026-06-14" },
      { ...groupList, id: "eur", currency: "EUR" },
      { ...groupList, id: "other", scope: { kind: "group", groupId: "GR2" } },
      { ...groupList, id: "future", validFrom: "2026-06-16" },
    ];
    expect(line(baseRules({ priceLists: lists })).unitPrice).toBe("10.0000");
    expect(line(baseRules({ priceLists: [{ ...groupList, validTo: "2026-06-15" }] })).unitPrice).toBe(
      "9.0000",
    );
  });

  it("within one level the lowest price wins; ties go to the smallest id", () => {
    const a = { ...groupList, id: "B", entries: [{ itemId: "W1", price: "9.5000" }] };
    const b = { ...groupList, id: "A", entries: [{ itemId: "W1", price: "9.2500" }] };
    const c = { ...groupList, id: "C", entries: [{ itemId: "W1", price: "9.2500" }] };
    const l = line(baseRules({ priceLists: [a, c, b] }));
    expect(l.waterfall.at(-1)).toMatchObject({ ruleId: "A", after: "9.2500" });
  });
});

describe("contracts", () => {
  it("fixed, percent off list, cost plus markup and margin", () => {
    const one = (price: Contract["lines"][number]["price"]) =>
      line(
        baseRules({
          contracts: [contract("K", { lines: [{ target: { kind: "item", itemId: "W1" }, price }] })],
        }),
      );
    expect(one({ kind: "percent_off_list", percent: "12.5" }).unitPrice).toBe("8.7500");
    expect(one({ kind: "percent_off_list", percent: "33.333" }).unitPrice).toBe("6.6667");
    expect(one({ kind: "cost_plus", percent: "25" }).unitPrice).toBe("7.5000");
    expect(one({ kind: "cost_plus", percent: "25", basis: "margin" }).unitPrice).toBe("8.0000");
    expect(one({ kind: "cost_plus", percent: "30", basis: "margin" }).unitPrice).toBe("8.5714");
    expect(one({ kind: "cost_plus", percent: "25" }).waterfall.at(-1)?.detail).toMatch(
      /cost 6.0000 per EA plus 25% markup/,
    );
  });

  it("most specific level wins: account+item > account+category > group+item > group+category", () => {
    const acctItem = contract("K1", {});
    const acctCat = contract("K2", {
      lines: [{ target: { kind: "category", categoryId: "C1" }, price: { kind: "fixed", price: "7.0000" } }],
    });
    const groupItem = contract("K3", {
      scope: { kind: "group", groupId: "GR1" },
      lines: [{ target: { kind: "item", itemId: "W1" }, price: { kind: "fixed", price: "6.5000" } }],
    });
    const groupCat = contract("K4", {
      scope: { kind: "group", groupId: "GR1" },
      lines: [{ target: { kind: "category", categoryId: "C1" }, price: { kind: "fixed", price: "6.0000" } }],
    });
    const pick = (cs: Contract[]) => line(baseRules({ contracts: cs })).waterfall.at(-1)?.ruleId;
    expect(pick([groupCat, groupItem, acctCat, acctItem])).toBe("K1");
    expect(pick([groupCat, groupItem, acctCat])).toBe("K2");
    expect(pick([groupCat, groupItem])).toBe("K3");
    expect(pick([groupCat])).toBe("K4");
  });

  it("validity dates are inclusive; expired, future, other currency and other ship-to are ignored", () => {
    const c = (p: Partial<Contract>) => line(baseRules({ contracts: [contract("K", p)] })).unitPrice;
    expect(c({ validTo: "2026-06-15" })).toBe("8.0000");
    expect(c({ validFrom: "2026-06-15", validTo: null })).toBe("8.0000");
    expect(c({ validTo: "2026-06-14" })).toBe("10.0000");
    expect(c({ validFrom: "2026-06-16" })).toBe("10.0000");
    expect(c({ currency: "EUR" })).toBe("10.0000");
    expect(c({ shipToIds: ["S1"] })).toBe("8.0000");
    expect(c({ shipToIds: ["S2"] })).toBe("10.0000");
  });

  it("an exclusive (net) contract blocks tiers and promotions, not the last-price hold", () => {
    const rules = baseRules({
      contracts: [contract("K", { exclusive: true })],
      tiers: [tier("T", {})],
      promotions: [promo("P", {})],
    });
    const l = line(rules, { quantity: 48 });
    expect(kinds(l)).toEqual(["list:", "contract:K"]);
    expect(
      line({ ...rules, contracts: [contract("K", {})] }, { quantity: 48 }).waterfall.map((s) => s.kind),
    ).toEqual(["list", "contract", "tier", "promotion"]);
  });
});

describe("volume tiers", () => {
  it("by line quantity, in base units", () => {
    const rules = baseRules({ tiers: [tier("T", {})] });
    expect(line(rules, { quantity: 11 }).unitPrice).toBe("10.0000");
    expect(line(rules, { quantity: 12 }).unitPrice).toBe("9.5000");
    expect(line(rules, { quantity: 47 }).unitPrice).toBe("9.5000");
    expect(line(rules, { quantity: 48 }).unitPrice).toBe("9.0000");
    expect(line(rules, { quantity: 4, uom: "CS" })).toMatchObject({
      unitPrice: "108.0000",
      extended: "432.00",
    });
    expect(line(rules, { quantity: 12 }).waterfall.at(-1)?.detail).toBe("line quantity 12 EA ≥ 12: 5% off");
  });

  it("by family quantity across lines (mix and match)", () => {
    const rules = baseRules({
      tiers: [
        tier("T", {
          target: { kind: "family", familyId: "F1" },
          basis: "family_quantity",
          breaks: [{ min: "12", adjustment: { kind: "percent_off", percent: "10" } }],
        }),
      ],
    });
    const order = priceOrderWithRules(
      request([
        { itemId: "W1", quantity: 6 },
        { itemId: "W2", quantity: 6 },
      ]),
      rules,
    );
    expect(order.lines.map((l) => l.unitPrice)).toEqual(["9.0000", "4.5000"]);
    const alone = priceOrderWithRules(request([{ itemId: "W1", quantity: 6 }]), rules);
    expect(alone.lines[0].unitPrice).toBe("10.0000");
  });

  it("by order value, qualified on source prices", () => {
    const rules = baseRules({
      tiers: [
        tier("T", {
          target: { kind: "all" },
          basis: "order_value",
          currency: "USD",
          breaks: [{ min: "100", adjustment: { kind: "amount_off", amount: "0.5000" } }],
        }),
      ],
    });
    const order = priceOrderWithRules(
      request([
        { itemId: "W1", quantity: 5 },
        { itemId: "W2", quantity: 10 },
      ]),
      rules,
    );
    expect(order.qualifyingValue).toBe("100.00");
    expect(order.lines.map((l) => l.unitPrice)).toEqual(["9.5000", "4.5000"]);
    expect(order.total).toBe("92.50");
    const small = priceOrderWithRules(request([{ itemId: "W1", quantity: 9 }]), rules);
    expect(small.lines[0].unitPrice).toBe("10.0000");
  });

  it("never raises the price, and the best reached break wins even when break data is not monotone", () => {
    const rules = baseRules({
      tiers: [
        tier("T", {
          currency: "USD",
          breaks: [
            { min: "10", adjustment: { kind: "fixed", price: "8.0000" } },
            { min: "20", adjustment: { kind: "fixed", price: "9.0000" } },
            { min: "30", adjustment: { kind: "fixed", price: "11.0000" } },
          ],
        }),
      ],
    });
    expect(line(rules, { quantity: 30 }).unitPrice).toBe("8.0000");
    expect(line(rules, { quantity: 5 }).unitPrice).toBe("10.0000");
  });

  it("scope: group and account tiers apply only to them; the best of several tiers wins", () => {
    const rules = baseRules({
      tiers: [
        tier("T-other", {
          scope: { kind: "group", groupId: "GR2" },
          breaks: [{ min: "1", adjustment: { kind: "percent_off", percent: "50" } }],
        }),
        tier("T-grp", {
          scope: { kind: "group", groupId: "GR1" },
          breaks: [{ min: "1", adjustment: { kind: "percent_off", percent: "20" } }],
        }),
        tier("T-acct", {
          scope: { kind: "account", accountId: "A1" },
          breaks: [{ min: "1", adjustment: { kind: "percent_off", percent: "15" } }],
        }),
      ],
    });
    expect(line(rules).waterfall.at(-1)).toMatchObject({ ruleId: "T-grp", after: "8.0000" });
  });
});
