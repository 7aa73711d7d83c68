// The credit check of an order: open receivables (billing's invoices) + open orders + this order
// against the limit, and invoices overdue beyond the account's grace days. The exposure is read with
// intake's other reads (state.ts), under the account lock; the check itself is pure.
import { Dec } from "../../../lib/money.ts";
import { receivablesSql, toReceivables } from "../../billing/receivables.ts";
import type { ResolvedAccount } from "./resolve.ts";
import { type CreditCheck, creditCheck, type PlannedException } from "./rules.ts";

/**
 * Orders whose totals count against the credit limit: everything ordered and not yet invoiced. The
 * same list is the predicate of the partial index `orders_open_exposure_idx` (orders/schema.ts), so
 * it is written into the SQL, not passed as a parameter (a parameter would hide it from the planner).
 */
export const CREDIT_EXPOSURE_STATUSES = ["confirmed", "on_hold", "picking", "shipped"] as const;
const OPEN = `(${CREDIT_EXPOSURE_STATUSES.map((s) => `'${s}'`).join(", ")})`;

export type CreditExposureRow = {
  open: string;
  overdue: string;
  overdue_invoices: number;
  oldest: number;
  open_orders: string;
};

/**
 * One row (CreditExposureRow): the account's receivables and its open orders' uninvoiced totals, for
 * the placeholders of the caller's statement.
 */
export function creditExposureSql(account: string, graceDays: string, today: string): string {
  // A partly shipped order's shipped part is already an invoice (a receivable): count the rest.
  return `select r.*,
                 (coalesce((select sum(o.total) from orders o where o.account_id = ${account} and o.status in ${OPEN}), 0)
                  - coalesce((select sum(i.amount) from invoices i join orders io on io.id = i.order_id
                               where io.account_id = ${account} and io.status in ${OPEN} and i.status <> 'void'), 0)
                 )::text as open_orders
            from (${receivablesSql(account, graceDays, today)}) r`;
}

export function checkCredit(
  account: ResolvedAccount,
  exposure: CreditExposureRow,
  total: string,
): { credit: CreditCheck; exception: PlannedException | null } {
  const receivables = toReceivables(exposure);
  const credit = creditCheck(
    {
      limit: account.creditLimit,
      openOrders: exposure.open_orders,
      openReceivables: receivables.open,
      overdue: receivables.overdue,
      overdueInvoices: receivables.overdueInvoices,
      oldestOverdueDays: receivables.oldestOverdueDays,
      graceDays: account.overdueGraceDays,
    },
    total,
  );
  if (!credit.hold) return { credit, exception: null };
  const reasons = [
    credit.overLimit
      ? `${credit.exposure} ${account.currency} owed and open with this order, limit ${credit.limit}`
      : null,
    credit.overdueInvoices > 0
      ? `${credit.overdue} ${account.currency} overdue on ${credit.overdueInvoices} invoice${credit.overdueInvoices > 1 ? "s" : ""} (oldest ${credit.oldestOverdueDays} days past due, grace ${credit.graceDays})`
      : null,
  ].filter(Boolean);
  return {
    credit,
    exception: {
      type: "credit_hold",
      summary: `${account.number} ${account.name}: ${reasons.join("; ")}`,
      blocking: true,
      lineNo: null,
      amount: credit.overLimit ? new Dec(credit.exposure).minus(credit.limit).toFixed(2) : credit.overdue,
      data: { ...credit },
      facts: { over_limit_pct: credit.overLimitPct },
    },
  };
}
