/**
 * A big synthetic rule set for latency checks: 50,000 items and 1,000,000 price-list entries
 * (16 group lists × 50,000 + 400 account lists × 500), 2,000 contracts, 1,000 family tiers, two
 * promotions. `bigRules()` and `bigOrder(seed)` are reusable by `bench/` (npm run bench -- pricing).
 */
import { Dec } from "../../lib/money.ts";
import type { PriceList, PriceRequest, PricingItem, PricingRules } from "./types.ts";

export const ITEMS = 50_000;
const GROUP_LISTS = 16; // 16 × 50,000 = 800,000 entries
const ACCOUNT_LISTS = 400; // 400 × 500 = 200,000 entries

function priceOf(n: number): string {
  return new Dec(1000 + (n % 90_000)).dividedBy(100).toFixed(4);
}

export function bigRules(): PricingRules {
  const items: PricingItem[] = [];
  for (let i = 0; i < ITEMS; i++) {
    items.push({
      id: i,
      sku: `SKU-${i}`,
      categoryId: i % 200,
      familyId: i % 1000,
      listPrice: priceOf(i * 7),
      cost: priceOf(i * 3),
      baseUnit: "EA",
      units: [{ code: "CS", factor: 12 }],
      caseFactor: 12,
    });
  }
  const priceLists: PriceList[] = [];
  for (let g = 0; g < GROUP_LISTS; g++) {
    const entries = new Array(ITEMS);
    for (let i = 0; i < ITEMS; i++) entries[i] = { itemId: i, price: priceOf(i * 11 + g) };
    priceLists.push({
      id: `G${g}`,
      name: `Group ${g}`,
      scope: { kind: "group", groupId: g },
      currency: "USD",
      entries,
    });
  }
  for (let a = 0; a < ACCOUNT_LISTS; a++) {
    const entries = new Array(500);
    for (let i = 0; i < 500; i++) entries[i] = { itemId: (a * 97 + i * 13) % ITEMS, price: priceOf(a + i) };
    priceLists.push({
      id: `A${a}`,
      name: `Account ${a}`,
      scope: { kind: "account", accountId: a },
      currency: "USD",
      entries,
    });
  }
  return {
    listCurrency: "USD",
    items,
    priceLists,
    accountPolicies: [
      {
        accountId: 7,
        caseRounding: "round_up",
        holdLastPriceDays: 30,
        brokenCaseSurcharge: { kind: "percent", percent: "5" },
      },
    ],
    contracts: Array.from({ length: 2000 }, (_, k) => ({
      id: `K${k}`,
      name: `Contract ${k}`,
      scope: { kind: "account" as const, accountId: k % 500 },
      currency: "USD",
      validFrom: "2026-01-01",
      validTo: "2026-12-31",
      lines: [
        {
          target: { kind: "category" as const, categoryId: k % 200 },
          price: { kind: "percent_off_list" as const, percent: "8" },
        },
        {
          target: { kind: "item" as const, itemId: (k * 31) % ITEMS },
          price: { kind: "fixed" as const, price: "9.9900" },
        },
      ],
    })),
    tiers: Array.from({ length: 1000 }, (_, t) => ({
      id: `T${t}`,
      name: `Tier ${t}`,
      scope: { kind: "all" as const },
      target: { kind: "family" as const, familyId: t },
      basis: "family_quantity" as const,
      breaks: [
        { min: "24", adjustment: { kind: "percent_off" as const, percent: "3" } },
        { min: "120", adjustment: { kind: "percent_off" as const, percent: "6" } },
      ],
    })),
    promotions: [
      {
        id: "P1",
        name: "Summer",
        validFrom: "2026-06-01",
        validTo: "2026-08-31",
        target: { kind: "category", categoryId: 7 },
        adjustment: { kind: "percent_off", percent: "10" },
      },
      {
        id: "P2",
        name: "Big order",
        validFrom: null,
        validTo: null,
        currency: "USD",
        minOrderValue: "1000",
        target: { kind: "all" },
        adjustment: { kind: "percent_off", percent: "2" },
      },
    ],
    lastPrices: Array.from({ length: 20 }, (_, i) => ({
      accountId: 7,
      itemId: i * 2501,
      unitPrice: "5.0000",
      currency: "USD",
      date: "2026-06-01",
    })),
  };
}

export function bigOrder(seed: number): PriceRequest {
  return {
    accountId: 7,
    accountGroupId: 3,
    shipToId: 1,
    date: "2026-06-15",
    currency: "USD",
    lines: Array.from({ length: 20 }, (_, i) => ({
      lineRef: String(i + 1),
      itemId: (seed * 7919 + i * 2501) % ITEMS,
      quantity: 1 + ((seed + i) % 40),
      uom: i % 3 === 0 ? "CS" : "EA",
    })),
  };
}
