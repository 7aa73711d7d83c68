import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, extend, roundMoney, sumMoney } from "../../lib/money.ts";
import { buildPricingIndex, priceOrder } from "./engine.ts";
import { addToPricingIndex, withLastPrices } from "./index-merge.ts";
import { targetKey } from "./index-rules.ts";
import { lastPricesIndex } from "./last-price-index.ts";
import { baseRules, request } from "./test-fixtures.ts";
import type {
  AccountPolicy,
  Adjustment,
  Contract,
  ContractPrice,
  LastPrice,
  PriceList,
  PricingRules,
  Promotion,
  Scope,
  Target,
  TierRule,
} from "./types.ts";

// ---------------------------------------------------------------- arbitraries over a small world

const ITEMS = ["W1", "W2", "G1"];
const price = fc.integer({ min: 0, max: 300_000 }).map((n) => new Dec(n).dividedBy(10_000).toFixed(4));
const pct = fc.integer({ min: 0, max: 9_000 }).map((n) => new Dec(n).dividedBy(100).toFixed());
const day = fc.constantFrom<string | null>(
  null,
  "2026-01-01",
  "2026-06-14",
  "2026-06-15",
  "2026-06-16",
  "2026-12-31",
);
const scope = fc.constantFrom<Scope>(
  { kind: "account", accountId: "A1" },
  { kind: "account", accountId: "A2" },
  { kind: "group", groupId: "GR1" },
  { kind: "group", groupId: "GR2" },
);
const target = fc.constantFrom<Target>(
  { kind: "item", itemId: "W1" },
  { kind: "item", itemId: "G1" },
  { kind: "category", categoryId: "C1" },
  { kind: "category", categoryId: "C2" },
  { kind: "family", familyId: "F1" },
  { kind: "all" },
);
const currency = fc.constantFrom("USD", "USD", "USD", "EUR");
const adjustment: fc.Arbitrary<Adjustment> = fc.oneof(
  pct.map((percent) => ({ kind: "percent_off" as const, percent })),
  price.map((p) => ({ kind: "fixed" as const, price: p })),
  price.map((amount) => ({ kind: "amount_off" as const, amount })),
);
const contractPrice: fc.Arbitrary<ContractPrice> = fc.oneof(
  price.map((p) => ({ kind: "fixed" as const, price: p })),
  pct.map((percent) => ({ kind: "percent_off_list" as const, percent })),
  fc.record({ percent: pct, basis: fc.constantFrom<"markup" | "margin">("markup", "margin") }).map((r) => ({
    kind: "cost_plus" as const,
    ...r,
  })),
);

const priceLists = fc.array(
  fc.record({
    scope: scope.filter((s) => s.kind !== "all"),
    currency,
    validFrom: day,
    validTo: day,
    entries: fc.uniqueArray(fc.record({ itemId: fc.constantFrom(...ITEMS), price }), {
      selector: (e) => e.itemId,
    }),
  }),
  { maxLength: 4 },
);
const contracts = fc.array(
  fc.record({
    scope,
    currency,
    validFrom: day,
    validTo: day,
    exclusive: fc.boolean(),
    shipToIds: fc.constantFrom<string[] | null>(null, ["S1"], ["S2"]),
    lines: fc.array(
      fc.record({
        target: fc.constantFrom<Target>(
          { kind: "item", itemId: "W1" },
          { kind: "item", itemId: "W2" },
          { kind: "item", itemId: "G1" },
          { kind: "category", categoryId: "C1" },
          { kind: "category", categoryId: "C2" },
        ),
        price: contractPrice,
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  { maxLength: 4 },
);
const breaks = fc.array(fc.record({ min: fc.integer({ min: 0, max: 200 }).map(String), adjustment }), {
  minLength: 1,
  maxLength: 4,
});
const tiers = fc.array(
  fc.record({
    scope: fc.oneof(scope, fc.constant<Scope>({ kind: "all" })),
    validFrom: day,
    validTo: day,
    target,
    basis: fc.constantFrom<TierRule["basis"]>("line_quantity", "family_quantity", "order_value"),
    breaks,
  }),
  { maxLength: 4 },
);
const promotions = fc.array(
  fc.record({
    validFrom: day,
    validTo: day,
    target,
    minOrderValue: fc.constantFrom<string | null>(null, "50", "500"),
    minOrderQuantity: fc.constantFrom<number | null>(null, 10, 100),
    accountGroupIds: fc.constantFrom<string[] | null>(null, ["GR1"], ["GR2"]),
    accountIds: fc.constantFrom<string[] | null>(null, ["A1"]),
    adjustment,
  }),
  { maxLength: 3 },
);
const lastPrices = fc.uniqueArray(
  fc.record({
    itemId: fc.constantFrom(...ITEMS),
    unitPrice: price,
    date: fc.constantFrom("2026-06-01", "2026-05-01"),
  }),
  { selector: (l) => l.itemId },
);
const policy = fc.record({
  caseRounding: fc.constantFrom<"reject" | "round_up">("reject", "round_up"),
  surcharge: fc.boolean(),
  holdLastPriceDays: fc.constantFrom<number | null>(null, 7, 30),
  minOrderValue: fc.constantFrom<string | null>(null, "100"),
});

/** Random rules; ids are assigned here so they are unique. */
const rulesArb = fc
  .record({ priceLists, contracts, tiers, promotions, lastPrices, policy })
  .map(({ priceLists, contracts, tiers, promotions, lastPrices, policy }, _i?: number): PricingRules => {
    const p: AccountPolicy = {
      accountId: "A1",
      caseRounding: policy.caseRounding,
      holdLastPriceDays: policy.holdLastPriceDays,
      brokenCaseSurcharge: policy.surcharge ? { kind: "percent", percent: "7.5" } : null,
      minOrderValue: policy.minOrderValue === null ? null : { amount: policy.minOrderValue, currency: "USD" },
    };
    return baseRules({
      accountPolicies: [p],
      priceLists: priceLists.map((l, i): PriceList => ({ id: `PL${i}`, name: `List ${i}`, ...l })),
      contracts: contracts.map(
        (c, i): Contract => ({
          id: `K${i}`,
          name: `Contract ${i}`,
          ...c,
          lines: c.lines.map((l, j) => ({ id: `K${i}.${j}`, ...l })),
        }),
      ),
      tiers: tiers.map((t, i): TierRule => ({ id: `T${i}`, name: `Tier ${i}`, currency: "USD", ...t })),
      promotions: promotions.map(
        (p, i): Promotion => ({ id: `P${i}`, name: `Promo ${i}`, currency: "USD", ...p }),
      ),
      lastPrices: lastPrices.map(
        (l): LastPrice => ({ accountId: "A1", currency: "USD", orderRef: `SO-${l.itemId}`, ...l }),
      ),
    });
  });

const orderLines = fc.array(
  fc.record({
    itemId: fc.constantFrom(...ITEMS),
    quantity: fc.integer({ min: 1, max: 150 }),
    uom: fc.constantFrom("EA", "CS"),
  }),
  { minLength: 1, maxLength: 5 },
);
const orderDate = fc.constantFrom("2026-06-15", "2026-06-16", "2027-01-01");

function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function shuffleRules(r: PricingRules, seed: number): PricingRules {
  return {
    ...r,
    items: shuffle(r.items, seed),
    priceLists: shuffle(r.priceLists ?? [], seed + 1).map((l) => ({
      ...l,
      entries: shuffle(l.entries, seed + 2),
    })),
    contracts: shuffle(r.contracts ?? [], seed + 3).map((c) => ({ ...c, lines: shuffle(c.lines, seed + 4) })),
    tiers: shuffle(r.tiers ?? [], seed + 5).map((t) => ({ ...t, breaks: shuffle(t.breaks, seed + 6) })),
    promotions: shuffle(r.promotions ?? [], seed + 7),
    lastPrices: shuffle(r.lastPrices ?? [], seed + 8),
  };
}

// ---------------------------------------------------------------- properties

describe("pricing properties", () => {
  it("precedence is stable: the order of rules in the input never changes the result", () => {
    fc.assert(
      fc.property(rulesArb, orderLines, orderDate, fc.integer(), (rules, lines, date, seed) => {
        const req = request(lines, { date });
        const a = priceOrder(req, buildPricingIndex(rules));
        const b = priceOrder(req, buildPricingIndex(shuffleRules(rules, seed)));
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it("extended = round(quantity × unit price) exactly; total = Σ extended; the waterfall chains", () => {
    fc.assert(
      fc.property(rulesArb, orderLines, orderDate, (rules, lines, date) => {
        const order = priceOrder(request(lines, { date }), buildPricingIndex(rules));
        const extended: string[] = [];
        for (const l of order.lines) {
          if (l.unitPrice === null) continue;
          expect(l.extended).toBe(roundMoney(new Dec(l.unitPrice).times(l.quantity), "USD"));
          expect(l.extended).toBe(extend(l.quantity, l.unitPrice, "USD"));
          expect(l.unitPrice).toBe(new Dec(l.baseUnitPrice!).times(l.uomFactor!).toFixed(4));
          extended.push(l.extended!);
          expect(l.waterfall[0].before).toBeNull();
          for (let i = 1; i < l.waterfall.length; i++)
            expect(l.waterfall[i].before).toBe(l.waterfall[i - 1].after);
          expect(l.waterfall.at(-1)?.after).toBe(l.unitPrice);
        }
        expect(order.total).toBe(sumMoney(extended, "USD"));
      }),
      { numRuns: 300 },
    );
  });

  it("N cases cost exactly what N × factor eaches cost under the same rules", () => {
    fc.assert(
      fc.property(
        rulesArb,
        fc.constantFrom(["W1", "CS", 12], ["W2", "CS", 6], ["G1", "CS", 10], ["G1", "BX", 5]),
        fc.integer({ min: 1, max: 40 }),
        orderDate,
        (rules, [itemId, uom, factor], n, date) => {
          const index = buildPricingIndex(rules);
          const cases = priceOrder(request([{ itemId, quantity: n, uom }], { date }), index);
          const eaches = priceOrder(request([{ itemId, quantity: n * factor, uom: "EA" }], { date }), index);
          const [c, e] = [cases.lines[0], eaches.lines[0]];
          expect(c.baseUnitPrice).toBe(e.baseUnitPrice);
          expect(c.baseQuantity).toBe(e.baseQuantity);
          expect(c.extended).toBe(e.extended);
          expect(cases.total).toBe(eaches.total);
          if (e.unitPrice !== null) expect(c.unitPrice).toBe(new Dec(e.unitPrice).times(factor).toFixed(4));
          expect(c.waterfall.map((s) => [s.kind, s.ruleId])).toEqual(
            e.waterfall.map((s) => [s.kind, s.ruleId]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a larger quantity never raises the unit price (tiers, mix and match, order value, promotions)", () => {
    const noSurcharge = rulesArb.map((r) => ({
      ...r,
      accountPolicies: r.accountPolicies?.map((p) => ({ ...p, brokenCaseSurcharge: null })),
    }));
    fc.assert(
      fc.property(
        noSurcharge,
        fc.constantFrom(...ITEMS),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        orderDate,
        (rules, itemId, q, more, date) => {
          const index = buildPricingIndex(rules);
          const small = priceOrder(request([{ itemId, quantity: q }], { date }), index).lines[0];
          const large = priceOrder(request([{ itemId, quantity: q + more }], { date }), index).lines[0];
          if (small.baseUnitPrice === null) return;
          expect(new Dec(large.baseUnitPrice!).lte(small.baseUnitPrice)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("within one tier rule, the tier step's price is non-increasing in quantity", () => {
    fc.assert(
      fc.property(
        breaks,
        price,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (bs, list, q, more) => {
          const rules = baseRules({
            items: [{ ...baseRules().items[0], listPrice: list }],
            tiers: [
              {
                id: "T",
                name: "T",
                scope: { kind: "all" },
                currency: "USD",
                target: { kind: "all" },
                basis: "line_quantity",
                breaks: bs,
              },
            ],
          });
          const index = buildPricingIndex(rules);
          const at = (quantity: number) => priceOrder(request([{ quantity }]), index).lines[0].unitPrice!;
          expect(new Dec(at(q + more)).lte(at(q))).toBe(true);
          expect(new Dec(at(q)).lte(list)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("an index grown load by load (rule cache) prices like one built from all the rules", () => {
    const loads = fc.array(fc.subarray(ITEMS, { minLength: 1 }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(rulesArb, orderLines, orderDate, loads, (rules, lines, date, parts) => {
        const [first, ...more] = parts.map((ids) =>
          buildPricingIndex({ ...rulesFor(rules, ids), lastPrices: [] }),
        );
        for (const part of more) addToPricingIndex(first, part);
        const grown = withLastPrices(first, lastPricesIndex(rules.lastPrices ?? []));
        const loaded = new Set(parts.flat());
        const req = request(
          lines.filter((l) => loaded.has(l.itemId)),
          { date },
        );
        expect(priceOrder(req, grown)).toEqual(priceOrder(req, buildPricingIndex(rules)));
      }),
      { numRuns: 300 },
    );
  });
});

/** What the loader reads for some items: the rules that can touch them (load-rules.ts). */
function rulesFor(rules: PricingRules, ids: readonly string[]): PricingRules {
  const items = rules.items.filter((i) => ids.includes(String(i.id)));
  const keys = new Set(items.flatMap((i) => [`i:${i.id}`, `c:${i.categoryId}`, `f:${i.familyId}`]));
  const touches = (t: Target) => t.kind === "all" || keys.has(targetKey(t));
  return {
    ...rules,
    items,
    priceLists: (rules.priceLists ?? [])
      .map((l) => ({ ...l, entries: l.entries.filter((e) => ids.includes(String(e.itemId))) }))
      .filter((l) => l.entries.length > 0),
    contracts: (rules.contracts ?? [])
      .map((c) => ({ ...c, lines: c.lines.filter((l) => touches(l.target)) }))
      .filter((c) => c.lines.length > 0),
    tiers: (rules.tiers ?? []).filter((t) => touches(t.target)),
    promotions: (rules.promotions ?? []).filter((p) => touches(p.target)),
  };
}
