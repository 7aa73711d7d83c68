// Pure intake rules (no database): channel policy, price discrepancy, credit, pricing violations as
// exceptions, backorder disposition, the decision and the promise date. Table-tested in rules.test.ts.
import { Dec } from "../../../lib/money.ts";
import type { Channel } from "./request.ts";

/**
 * Interactive channels refuse what the person entering the order can fix on the spot (an unknown
 * item, a quantity that breaks the MOQ / case multiple / minimum order value): the order desk and
 * the buyer portal get the 422 and correct the line. Every other channel (EDI, email, CSV, API, the
 * rep app's offline queue) must not lose the order: it is kept and held with an exception.
 */
export function refusesFixableProblems(channel: Channel): boolean {
  return channel === "desk" || channel === "portal";
}

export type ExceptionType =
  | "price_discrepancy"
  | "credit_hold"
  | "below_moq"
  | "unresolved_item"
  | "backorder"
  | "substitution_awaiting_customer"
  | "duplicate_po";

/** An exception the pipeline will raise; `blocking` ones put the order on hold. */
export type PlannedException = {
  type: ExceptionType;
  summary: string;
  blocking: boolean;
  lineNo: number | null;
  amount: string | null;
  data: Record<string, unknown>;
  facts?: Record<string, string>;
};

const pct = (d: InstanceType<typeof Dec>) => d.toDecimalPlaces(2).toFixed(2);

/**
 * Our unit price against the buyer's expected one (both per ordered unit). Null when within the
 * tolerance (percent of the expected price; null = 0, an exact match). discountPct is how far the
 * buyer's price is below ours (what approving it would give away), "0.00" when the buyer pays more.
 */
export function priceDiscrepancy(
  ours: string | null,
  expected: string | null | undefined,
  tolerancePercent: string | null,
): { differencePct: string; discountPct: string } | null {
  if (expected === null || expected === undefined || ours === null) return null;
  const e = new Dec(expected);
  const o = new Dec(ours);
  if (o.equals(e)) return null;
  const tolerance = new Dec(tolerancePercent ?? 0);
  // An expected price of zero differs from any non-zero price by more than every tolerance.
  const differencePct = e.isZero() ? new Dec(100) : o.minus(e).abs().div(e).times(100);
  if (!e.isZero() && differencePct.lessThanOrEqualTo(tolerance)) return null;
  const discount = o.isZero() || e.greaterThanOrEqualTo(o) ? new Dec(0) : o.minus(e).div(o).times(100);
  return { differencePct: pct(differencePct), discountPct: pct(discount) };
}

export type CreditCheck = {
  limit: string;
  openOrders: string;
  /** Unpaid invoices (billing). */
  openReceivables: string;
  thisOrder: string;
  exposure: string;
  available: string;
  overLimit: boolean;
  overLimitPct: string;
  /** Unpaid balance past due by more than the account's grace days. */
  overdue: string;
  overdueInvoices: number;
  oldestOverdueDays: number;
  graceDays: number;
  /** Over the limit, or invoices overdue beyond the grace days: the order goes on credit hold. */
  hold: boolean;
};

export type CreditFacts = {
  limit: string;
  /** Orders not yet invoiced (confirmed, on hold, picking, shipped). */
  openOrders: string;
  openReceivables: string;
  overdue: string;
  overdueInvoices: number;
  oldestOverdueDays: number;
  graceDays: number;
};

/**
 * Exposure = open receivables + open orders (not yet invoiced) + this order, against the credit
 * limit; invoices overdue beyond the grace days hold the order whatever the limit. A limit of 0
 * means no credit at all. An order of nothing (all lines unpriced) never holds on the limit.
 */
export function creditCheck(facts: CreditFacts, thisOrder: string): CreditCheck {
  const l = new Dec(facts.limit);
  const before = new Dec(facts.openOrders).plus(facts.openReceivables);
  const exposure = before.plus(thisOrder);
  const over = exposure.minus(l);
  const overLimit = over.greaterThan(0) && new Dec(thisOrder).greaterThan(0);
  const overPct = !overLimit ? new Dec(0) : l.isZero() ? new Dec(100) : over.div(l).times(100);
  return {
    limit: l.toFixed(2),
    openOrders: new Dec(facts.openOrders).toFixed(2),
    openReceivables: new Dec(facts.openReceivables).toFixed(2),
    thisOrder: new Dec(thisOrder).toFixed(2),
    exposure: exposure.toFixed(2),
    available: Dec.max(0, l.minus(before)).toFixed(2),
    overLimit,
    overLimitPct: pct(overPct),
    overdue: new Dec(facts.overdue).toFixed(2),
    overdueInvoices: facts.overdueInvoices,
    oldestOverdueDays: facts.oldestOverdueDays,
    graceDays: facts.graceDays,
    hold: overLimit || facts.overdueInvoices > 0,
  };
}

/** Which exception a pricing violation becomes on channels that hold instead of refusing. */
export function violationExceptionType(code: string): ExceptionType {
  switch (code) {
    case "BELOW_MOQ":
    case "CASE_MULTIPLE":
    case "MIN_ORDER_VALUE":
      return "below_moq";
    case "NO_PRICE":
      return "price_discrepancy";
    default:
      // UNKNOWN_ITEM, UNKNOWN_UOM, INVALID_QUANTITY: the line does not name something we can sell.
      return "unresolved_item";
  }
}

export type ShipPolicy = "partial" | "complete";

/**
 * A line short of stock: ship-complete accounts hold the order (blocking backorder exception);
 * ship-partial accounts ship what there is, and the backorder needs an owner only when no inbound
 * supply covers it (no ETA): a non-blocking exception, the order stays confirmed.
 */
export function backorderDisposition(
  policy: ShipPolicy,
  backordered: number,
  eta: string | null,
): { raise: boolean; blocking: boolean } {
  if (backordered <= 0) return { raise: false, blocking: false };
  if (policy === "complete") return { raise: true, blocking: true };
  return { raise: eta === null, blocking: false };
}

export function decideStatus(
  exceptions: readonly Pick<PlannedException, "blocking">[],
): "confirmed" | "on_hold" {
  return exceptions.some((e) => e.blocking) ? "on_hold" : "confirmed";
}

/**
 * When each line can ship: today (or the requested ship date, if later) when fully allocated, the
 * backorder ETA when short (null: unknown). The order's promise date is its last line's for a
 * ship-complete account, its first shipment's otherwise; null when any needed date is unknown.
 */
export function promiseDates(
  lines: readonly { backordered: number; eta: string | null; resolved: boolean }[],
  today: string,
  requestedShipDate: string | null,
  policy: ShipPolicy,
): { lines: (string | null)[]; order: string | null } {
  // ISO dates compare as strings; the later of two is the last after sorting.
  const later = (a: string, b: string) => [a, b].sort()[1];
  const start = requestedShipDate ? later(requestedShipDate, today) : today;
  const perLine = lines.map((l) => {
    if (!l.resolved) return null;
    if (l.backordered <= 0) return start;
    return l.eta === null ? null : later(l.eta, start);
  });
  if (perLine.length === 0) return { lines: perLine, order: null };
  if (policy === "complete") {
    if (perLine.some((d) => d === null)) return { lines: perLine, order: null };
    return { lines: perLine, order: [...(perLine as string[])].sort().at(-1)! };
  }
  const known = perLine.filter((d): d is string => d !== null);
  return { lines: perLine, order: known.length ? [...known].sort()[0] : null };
}
