// Last prices paid, validated and keyed for the engine. Separate from the rule index because the
// rule cache (rule-cache.ts) builds them on every quote: they change with every order.
import type { LastPriceIdx } from "./index-rules.ts";
import { currency, date, fail, price } from "./rule-values.ts";
import type { LastPrice } from "./types.ts";
import { toUnits } from "./units.ts";

/** Validated last prices by `${accountId}|${itemId}|${currency}` (the rule cache builds them per quote). */
export function lastPricesIndex(lastPrices: readonly LastPrice[]): Map<string, LastPriceIdx> {
  const out = new Map<string, LastPriceIdx>();
  for (const lp of lastPrices) {
    const rule = `last price ${lp.accountId}/${lp.itemId}`;
    const key = `${lp.accountId}|${lp.itemId}|${currency(rule, lp.currency, true)}`;
    const d = date(rule, lp.date, "date");
    if (d === null) fail(rule, "date is required");
    const prev = out.get(key);
    const unitPrice = price(rule, lp.unitPrice, "unit price");
    const entry = { unitPrice, units: toUnits(unitPrice), date: d, orderRef: lp.orderRef ?? null };
    // Most recent wins; on the same date keep the lower price so input order never matters.
    if (!prev || prev.date < d || (prev.date === d && entry.unitPrice.lt(prev.unitPrice))) {
      out.set(key, entry);
    }
  }
  return out;
}
