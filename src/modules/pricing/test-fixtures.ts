/** Small rule sets and request builders shared by the pricing tests (not used by production code). */
import type { PriceRequest, PriceRequestLine, PricingItem, PricingRules } from "./types.ts";

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
