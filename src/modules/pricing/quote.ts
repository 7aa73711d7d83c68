// The quote use case behind POST /api/pricing/quote, the price lookup and order creation: load the
// request's rules (in-process cache, rule-cache.ts: one round trip), price with the pure engine, shape
// the result for the API.
import type pg from "pg";
import { DomainError } from "../../lib/errors.ts";
import { priceOrder } from "./engine.ts";
import type { LoadedRules } from "./load-rules.ts";
import { loadPricingRulesCached } from "./rule-cache.ts";
import type {
  Issue,
  PricedLine,
  PricedOrder,
  PriceRequestLine,
  ViolationCode,
  WarningCode,
} from "./types.ts";

export type QuoteLineInput = { lineRef?: string; sku: string; quantity: number; uom?: string };
export type QuoteInput = {
  accountId: number;
  shipToId?: number;
  date?: string;
  currency?: string;
  lines: QuoteLineInput[];
};

export type QuoteLine = Omit<PricedLine, "extended" | "sku"> & { sku: string; extendedAmount: string | null };
export type Quote = {
  accountId: number;
  accountNumber: string;
  accountName: string;
  shipToId: number | null;
  date: string;
  currency: string;
  lines: QuoteLine[];
  total: string;
  qualifyingValue: string;
  complete: boolean;
  violations: Issue<ViolationCode>[];
  warnings: Issue<WarningCode>[];
};

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * Prices `input` for its account. `accountScope` is the caller's confinement (a buyer's account, or
 * null for staff): another account answers exactly like a missing one, so nothing leaks.
 * `cachePool`: a transaction client that has written no pricing data may use that pool's rule cache.
 * `preloaded`: rules the caller already has (a cache hit answered by its own statement).
 */
export async function quote(
  client: pg.ClientBase | pg.Pool,
  input: QuoteInput,
  accountScope: number | null,
  cachePool: pg.Pool | null = null,
  preloaded: LoadedRules | null = null,
): Promise<{ quote: Quote; loaded: LoadedRules; priced: PricedOrder }> {
  if (accountScope !== null && input.accountId !== accountScope) throw unknownAccount(input.accountId);
  const date = input.date ?? todayUtc();
  const loaded =
    preloaded ??
    (await loadPricingRulesCached(
      client,
      input.accountId,
      input.lines.map((l) => l.sku),
      date,
      input.currency ?? null,
      input.shipToId ?? null,
      cachePool,
    ));
  const account = loaded.account;
  if (!account) throw unknownAccount(input.accountId);
  if (input.shipToId !== undefined && account.shipToId === null) {
    throw new DomainError("UNKNOWN_SHIP_TO", `Ship-to ${input.shipToId} is not one of this account's`, {
      shipToId: input.shipToId,
    });
  }
  const currency = input.currency ?? account.currency;
  const lines: PriceRequestLine[] = input.lines.map((l, i) => {
    const item = loaded.itemsBySku.get(l.sku);
    return {
      lineRef: l.lineRef ?? String(i + 1),
      // An unknown SKU gets an id no item has: the engine reports UNKNOWN_ITEM on that line.
      itemId: item ? item.id : `unknown:${l.sku}`,
      quantity: l.quantity,
      uom: l.uom ?? item?.baseUnit ?? "EA",
    };
  });
  const priced = priceOrder(
    {
      accountId: account.id,
      accountGroupId: account.groupId,
      shipToId: input.shipToId ?? null,
      date,
      currency,
      lines,
    },
    loaded.index,
  );
  // Field by field, not `{ extended, sku, ...rest }`: object rest copies were ~15 % of a warm
  // quote's garbage. Same fields and order as before.
  const quoteLines = priced.lines.map(
    (l, i): QuoteLine => ({
      lineRef: l.lineRef,
      itemId: l.itemId,
      uom: l.uom,
      uomFactor: l.uomFactor,
      requestedQuantity: l.requestedQuantity,
      quantity: l.quantity,
      baseQuantity: l.baseQuantity,
      unitPrice: l.unitPrice,
      baseUnitPrice: l.baseUnitPrice,
      waterfall: l.waterfall,
      violations: l.violations,
      warnings: l.warnings,
      lastPaid: l.lastPaid,
      sku: input.lines[i].sku,
      extendedAmount: l.extended,
    }),
  );
  return {
    loaded,
    priced,
    quote: {
      accountId: account.id,
      accountNumber: account.number,
      accountName: account.name,
      shipToId: input.shipToId ?? null,
      date,
      currency,
      lines: quoteLines,
      total: priced.total,
      qualifyingValue: priced.qualifyingValue,
      complete: priced.complete,
      violations: priced.violations,
      warnings: priced.warnings,
    },
  };
}

/** Every violation of the order and its lines, for a PRICING_VIOLATION error's data. */
export function allViolations(priced: PricedOrder): Issue<ViolationCode>[] {
  return [...priced.lines.flatMap((l) => l.violations), ...priced.violations];
}

function unknownAccount(id: number): DomainError {
  return new DomainError("UNKNOWN_ACCOUNT", `No account ${id}`);
}
