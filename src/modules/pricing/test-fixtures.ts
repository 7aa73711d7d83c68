/** Small rule sets and request builders shared by the pricing tests (not used by production code). */
import { priceOrderWithRules } from "./engine.ts";
import type {
  Contract,
  PricedLine,
  PriceList,
  PriceRequest,
  PriceRequestLine,
  PricingItem,
  PricingRules,
  Promotion,
  TierRule,
} from "./types.ts";

export const W1: PricingItem = {
  id: "W1",
  sku: "WIDGET-1",
  categoryId: "C1",
  familyId: "F1",
  listPrice: "10.0000",
  cost: "6.0000",
  baseUnit: "EA",
  units: [{ code: "CS", factor: 12 }],
  caseFactor: 12,
};

export const W2: PricingItem = {
  id: "W2",
  sku: "WIDGET-2",
  categoryId: "C1",
  familyId: "F1",
  listPrice: "5.0000",
  cost: "3.0000",
  baseUnit: "EA",
  units: [{ code: "CS", factor: 6 }],
  caseFactor: 6,
};

/** Sold only in full cases of 10, minimum 20. */
export const G1: PricingItem = {
  id: "G1",
  sku: "GLOVES-1",
  categoryId: "C2",
  familyId: null,
  listPrice: "2.5000",
  cost: "1.0000",
  baseUnit: "EA",
  units: [
    { code: "BX", factor: 5 },
    { code: "CS", factor: 10 },
  ],
  caseFactor: 10,
  orderMultiple: 10,
  minOrderQty: 20,
};

export function baseRules(extra: Partial<PricingRules> = {}): PricingRules {
  return { listCurrency: "USD", items: [W1, W2, G1], ...extra };
}

export function request(lines: Partial<PriceRequestLine>[], extra: Partial<PriceRequest> = {}): PriceRequest {
  return {
    accountId: "A1",
    accountGroupId: "GR1",
    shipToId: "S1",
    date: "2026-06-15",
    currency: "USD",
    lines: lines.map((l, i) => ({ lineRef: String(i + 1), itemId: "W1", quantity: 1, uom: "EA", ...l })),
    ...extra,
  };
}

// ---------------------------------------------------------------- table-test helpers

/** Prices one line and returns it. */
export function line(
  rules: PricingRules,
  l: Parameters<typeof request>[0][number] = {},
  extra = {},
): PricedLine {
  return priceOrderWithRules(request([l], extra), rules).lines[0];
}
export const kinds = (l: PricedLine) => l.waterfall.map((s) => `${s.kind}:${s.ruleId ?? ""}`);
export const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

export const groupList: PriceList = {
  id: "PL-G",
  name: "Chains",
  scope: { kind: "group", groupId: "GR1" },
  currency: "USD",
  entries: [{ itemId: "W1", price: "9.0000" }],
};
export const accountList: PriceList = {
  id: "PL-A",
  name: "Acme",
  scope: { kind: "account", accountId: "A1" },
  currency: "USD",
  entries: [{ itemId: "W1", price: "8.5000" }],
};
export function contract(id: string, c: Partial<Contract>): Contract {
  return {
    id,
    name: `Contract ${id}`,
    scope: { kind: "account", accountId: "A1" },
    currency: "USD",
    validFrom: "2026-01-01",
    validTo: "2026-12-31",
    lines: [{ target: { kind: "item", itemId: "W1" }, price: { kind: "fixed", price: "8.0000" } }],
    ...c,
  };
}
export function tier(id: string, t: Partial<TierRule>): TierRule {
  return {
    id,
    name: `Tier ${id}`,
    scope: { kind: "all" },
    target: { kind: "item", itemId: "W1" },
    basis: "line_quantity",
    breaks: [
      { min: "12", adjustment: { kind: "percent_off", percent: "5" } },
      { min: "48", adjustment: { kind: "percent_off", percent: "10" } },
    ],
    ...t,
  };
}
export function promo(id: string, p: Partial<Promotion>): Promotion {
  return {
    id,
    name: `Promo ${id}`,
    validFrom: "2026-06-01",
    validTo: "2026-06-30",
    target: { kind: "category", categoryId: "C1" },
    adjustment: { kind: "percent_off", percent: "10" },
    ...p,
  };
}
