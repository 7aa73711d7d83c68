// Live prices for the draft order: POST /api/pricing/quote (simulate only — nothing is stored) as the
// lines change, debounced, keyed by each row's key so answers land on the right row.
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo } from "react";
import { useQuote } from "../pricing/api";
import type { QuoteLine, QuoteRequest } from "../pricing/types";
import type { LineDraft } from "./lineState";

export interface LiveQuote {
  /** Priced lines by row key; only lines whose SKU and quantity match the row as it is now. */
  byKey: Map<number, QuoteLine>;
  quote: ReturnType<typeof useQuote>["data"];
  /** A newer request is on its way (or waiting for the debounce). */
  pending: boolean;
  error: unknown;
}

export function useLiveQuote(
  accountId: number | null,
  shipToId: string | null,
  lines: LineDraft[],
): LiveQuote {
  const request = useMemo<QuoteRequest | null>(() => {
    const priced = lines.filter((l) => l.item && typeof l.quantity === "number" && l.quantity > 0);
    if (!accountId || priced.length === 0) return null;
    return {
      accountId,
      ...(shipToId ? { shipToId: Number(shipToId) } : {}),
      lines: priced.map((l) => ({
        lineRef: String(l.key),
        sku: l.item!.sku,
        quantity: l.quantity as number,
      })),
    };
  }, [accountId, shipToId, lines]);
  const [debounced] = useDebouncedValue(request, 300);
  const quote = useQuote(debounced);

  const byKey = useMemo(() => {
    const map = new Map<number, QuoteLine>();
    const current = new Map(lines.map((l) => [String(l.key), l]));
    if (!quote.data || (request && String(quote.data.accountId) !== String(request.accountId))) return map;
    for (const q of quote.data.lines) {
      const row = current.get(q.lineRef);
      if (row?.item && row.item.sku === q.sku && row.quantity === q.requestedQuantity) map.set(row.key, q);
    }
    return map;
  }, [quote.data, lines, request]);

  const settled = JSON.stringify(request) === JSON.stringify(debounced);
  return {
    byKey,
    quote: request ? quote.data : undefined,
    pending: Boolean(request) && (!settled || quote.isFetching),
    error: request ? quote.error : null,
  };
}
