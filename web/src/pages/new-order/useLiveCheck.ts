// The live check of the draft order as it is typed: debounced, through the intake pipeline in simulate
// mode (liveCheck.ts), answers keyed by each row's key so they land on the right row, and only on a
// row that still has the SKU, quantity and unit that were checked.
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ApiError } from "../../api/client";
import type { IntakeException, SimulatedLine, WarehouseAtp } from "../../api/types";
import type { QuoteLine } from "../pricing/types";
import type { LineDraft } from "./lineState";
import {
  asQuoteLine,
  type CheckBody,
  type CheckLine,
  type CheckResult,
  type Refusal,
  runCheck,
} from "./liveCheck";

export interface RowCheck {
  price: QuoteLine | null;
  /** Per warehouse, before this order (null when only the quote answered). */
  availability: WarehouseAtp[] | null;
  line: SimulatedLine | null;
  refusal: Refusal | null;
  /** Exceptions the order would get because of this row. */
  exceptions: IntakeException[];
}

export interface LiveCheck {
  /** Only rows whose SKU, quantity and unit are those that were checked. */
  byKey: Map<number, RowCheck>;
  result: CheckResult | undefined;
  /** A newer check is on its way (or waiting for the debounce). */
  pending: boolean;
  error: unknown;
  /** How many rows were sent (resolved SKU and a quantity). */
  checkedRows: number;
  /** Check the same draft again (after a failure). */
  retry: () => void;
}

export interface DraftHeader {
  accountId: number | null;
  shipToId: string | null;
  poNumber: string;
  requestedShipDate: string | null;
}

type Body = CheckBody;

function sameLine(row: LineDraft, sent: CheckLine): boolean {
  return row.item?.sku === sent.sku && row.quantity === sent.quantity && (row.uom ?? undefined) === sent.uom;
}

export function useLiveCheck(header: DraftHeader, lines: LineDraft[]): LiveCheck {
  const body = useMemo<Body | null>(() => {
    const ready = lines.filter((l) => l.item && typeof l.quantity === "number" && l.quantity > 0);
    if (!header.accountId || ready.length === 0) return null;
    return {
      accountId: header.accountId,
      ...(header.shipToId ? { shipToId: Number(header.shipToId) } : {}),
      ...(header.poNumber.trim() ? { poNumber: header.poNumber.trim() } : {}),
      ...(header.requestedShipDate ? { requestedShipDate: header.requestedShipDate } : {}),
      lines: ready.map((l) => ({
        lineRef: String(l.key),
        sku: l.item!.sku,
        quantity: l.quantity as number,
        ...(l.uom ? { uom: l.uom } : {}),
      })),
    };
  }, [header.accountId, header.shipToId, header.poNumber, header.requestedShipDate, lines]);
  const [debounced] = useDebouncedValue(body, 300);
  const check = useQuery({
    queryKey: ["orders", "simulate", debounced],
    queryFn: async ({ signal }) => ({ body: debounced!, result: await runCheck(debounced!, signal) }),
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    // One more try after a server or network failure (a 4xx other than the 422s runCheck handles won't heal).
    retry: (count, error) =>
      count < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    retryDelay: 500,
  });

  const data = check.data;
  const byKey = useMemo(() => {
    const map = new Map<number, RowCheck>();
    if (!data || !body || String(data.body.accountId) !== String(body.accountId)) return map;
    const { result } = data;
    const sentByRef = new Map(data.body.lines.map((l) => [l.lineRef, l]));
    const quoted = new Map((result.quote?.lines ?? []).map((q) => [q.lineRef, q]));
    for (const row of lines) {
      const ref = String(row.key);
      const sent = sentByRef.get(ref);
      if (!sent || !sameLine(row, sent)) continue;
      const line = result.lines.get(ref) ?? null;
      map.set(row.key, {
        line,
        price: line ? asQuoteLine(line, row.uom ? line.quantity : sent.quantity) : (quoted.get(ref) ?? null),
        availability: line?.availability ?? null,
        refusal: result.refused.get(ref) ?? null,
        exceptions: line ? (result.simulation?.exceptions ?? []).filter((e) => e.lineNo === line.lineNo) : [],
      });
    }
    return map;
  }, [data, lines, body]);

  const settled = JSON.stringify(body) === JSON.stringify(debounced);
  const current = body && data && String(data.body.accountId) === String(body.accountId);
  return {
    byKey,
    result: current ? data.result : undefined,
    pending: Boolean(body) && (!settled || check.isFetching),
    error: body ? check.error : null,
    checkedRows: body?.lines.length ?? 0,
    retry: () => {
      void check.refetch();
    },
  };
}
