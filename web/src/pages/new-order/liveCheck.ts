// One live check of the draft order: POST /api/orders/simulate (nothing is kept). On the order desk
// an unknown SKU or a pricing violation answers 422 for the whole order; we mark the rows it names
// and simulate again without them, so the other rows still show price, stock and promise date. A
// refusal no row can fix (minimum order value) leaves no simulation: the pricing quote then gives
// the rows their prices, and the refusal is shown on the order.
import { ApiError } from "../../api/client";
import { simulateOrder } from "../../api/hooks";
import type { IntakeIssue, OrderRequestBody, SimulatedLine, Simulation } from "../../api/types";
import { postQuote } from "../pricing/api";
import type { Quote, QuoteLine } from "../pricing/types";

export interface Refusal {
  code: string;
  message: string;
}

export interface CheckResult {
  simulation: Simulation | null;
  /** Row key → the simulated line (matched by lineRef). */
  lines: Map<string, SimulatedLine>;
  /** Row key → why the server refused that row. */
  refused: Map<string, Refusal>;
  /** Refusals of the whole order (e.g. below the minimum order value). */
  orderRefusals: Refusal[];
  /** Prices when no simulation could be made (order-level refusal). */
  quote: Quote | null;
}

const MAX_ATTEMPTS = 4;

/** The request, every line carrying its row's key as lineRef. */
export type CheckLine = OrderRequestBody["lines"][number] & { lineRef: string };
export type CheckBody = Omit<OrderRequestBody, "lines"> & { lines: CheckLine[] };
type Body = CheckBody;

/** Rows a line violation without a line number is about: "SKU: 4 EA is below…" (same SKU and base quantity). */
function linesNamedIn(v: IntakeIssue, body: Body): string[] {
  const named = body.lines.filter((l) => v.message.toUpperCase().startsWith(`${l.sku.toUpperCase()}: `));
  const base = v.data?.baseQuantity;
  const exact = named.filter((l) => !l.uom && l.quantity === base);
  return (exact.length ? exact : named).map((l) => l.lineRef);
}

/** Which rows a 422 names (by SKU or by line number in the request sent), and what is order-wide. */
export function refusalsOf(error: ApiError, body: Body): { rows: Map<string, Refusal>; order: Refusal[] } {
  const rows = new Map<string, Refusal>();
  const order: Refusal[] = [];
  const data = (error.data ?? {}) as Record<string, unknown>;
  const byLineNo = (n: unknown) => (typeof n === "number" ? body.lines[n - 1]?.lineRef : undefined);
  if (error.code === "UNKNOWN_SKU" && Array.isArray(data.skus)) {
    const skus = new Set(data.skus.map((s) => String(s).toUpperCase()));
    for (const l of body.lines) {
      if (skus.has(l.sku.toUpperCase())) rows.set(l.lineRef, { code: error.code, message: "Unknown SKU" });
    }
  } else if (error.code === "PRICING_VIOLATION" && Array.isArray(data.violations)) {
    for (const v of data.violations as IntakeIssue[]) {
      // Line violations carry the line number (as the engine's lineRef) or, for the pack rules
      // (CASE_MULTIPLE, BELOW_MOQ), only the SKU at the start of the message; order ones neither.
      const refs = [byLineNo(Number(v.data?.lineRef))].filter((r): r is string => r !== undefined);
      if (refs.length === 0) refs.push(...linesNamedIn(v, body));
      for (const ref of refs) if (!rows.has(ref)) rows.set(ref, { code: v.code, message: v.message });
      if (refs.length === 0) order.push({ code: v.code, message: v.message });
    }
  } else if (error.code === "VALIDATION_FAILED" && Array.isArray(data.lines)) {
    for (const l of data.lines as { lineNo?: number; code?: string; message?: string }[]) {
      const ref = byLineNo(l.lineNo);
      if (ref) rows.set(ref, { code: l.code ?? error.code, message: l.message ?? error.message });
    }
  }
  if (rows.size === 0 && order.length === 0) order.push({ code: error.code, message: error.message });
  return { rows, order };
}

export async function runCheck(body: Body, signal?: AbortSignal): Promise<CheckResult> {
  const refused = new Map<string, Refusal>();
  let lines = body.lines;
  let orderRefusals: Refusal[] = [];
  for (let attempt = 0; attempt < MAX_ATTEMPTS && lines.length > 0; attempt++) {
    const sent: Body = { ...body, lines };
    try {
      const simulation = await simulateOrder(sent, signal);
      const byRef = new Map<string, SimulatedLine>();
      for (const l of simulation.lines) if (l.lineRef) byRef.set(l.lineRef, l);
      return { simulation, lines: byRef, refused, orderRefusals: [], quote: null };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 422) throw error;
      const found = refusalsOf(error, sent);
      for (const [ref, r] of found.rows) refused.set(ref, r);
      orderRefusals = found.order;
      if (found.order.length > 0) break;
      lines = lines.filter((l) => !found.rows.has(l.lineRef));
    }
  }
  // No simulation: price what is left so the rows are not blank (the quote never refuses).
  const quote =
    lines.length > 0
      ? await postQuote(
          {
            accountId: body.accountId,
            ...(body.shipToId ? { shipToId: body.shipToId } : {}),
            lines: lines.map((l) => ({ lineRef: l.lineRef, sku: l.sku, quantity: l.quantity, uom: l.uom })),
          },
          signal,
        ).catch(() => null)
      : null;
  return { simulation: null, lines: new Map(), refused, orderRefusals, quote };
}

/** A simulated line in the shape the waterfall popover shows (prices per base unit). */
export function asQuoteLine(line: SimulatedLine, requestedQuantity: number): QuoteLine {
  return {
    lineRef: line.lineRef ?? String(line.lineNo),
    itemId: line.itemId ?? "",
    sku: line.sku ?? "",
    uom: line.uom ?? "",
    uomFactor: 1,
    requestedQuantity,
    quantity: line.quantity,
    baseQuantity: line.quantity,
    unitPrice: line.unitPrice,
    baseUnitPrice: line.unitPrice,
    extendedAmount: line.extendedAmount,
    waterfall: line.waterfall as QuoteLine["waterfall"],
    violations: line.violations,
    warnings: line.warnings,
    lastPaid: line.lastPaid,
  };
}
