import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { OrderListParams } from "../../api/hooks";
import { ORDER_SORTS, ORDER_STATUSES, type OrderSort } from "../../api/types";

export const PAGE_SIZES = [25, 50, 100] as const;

/** The order list's filters, paging and sort live in the URL so links and Back work. */
export function useOrderListParams() {
  const [search, setSearch] = useSearchParams();

  const params: OrderListParams = useMemo(() => {
    const page = Math.max(1, Number.parseInt(search.get("page") ?? "1", 10) || 1);
    const size = Number.parseInt(search.get("pageSize") ?? "25", 10);
    const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 25;
    const status = search.get("status") ?? "";
    const sort = search.get("sort") ?? "-orderedAt";
    return {
      page,
      pageSize,
      status: (ORDER_STATUSES as readonly string[]).includes(status) ? status : undefined,
      accountId: search.get("accountId") || undefined,
      q: search.get("q") || undefined,
      sort: (ORDER_SORTS as readonly string[]).includes(sort) ? (sort as OrderSort) : "-orderedAt",
    };
  }, [search]);

  /** Sets values (undefined/empty removes them); any filter change goes back to page 1. */
  const update = useCallback(
    (changes: Partial<Record<keyof OrderListParams, string | number | undefined>>) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === "") next.delete(key);
            else next.set(key, String(value));
          }
          if (!("page" in changes)) next.delete("page");
          if (next.get("page") === "1") next.delete("page");
          if (next.get("sort") === "-orderedAt") next.delete("sort");
          if (next.get("pageSize") === "25") next.delete("pageSize");
          return next;
        },
        { replace: !("page" in changes) },
      );
    },
    [setSearch],
  );

  return { params, update };
}
