// The credit check of an order: open receivables (billing's invoices) + open orders + this order
// against the limit, and invoices overdue beyond the account's grace days.
import type pg from "pg";
import { Dec } from "../../../lib/money.ts";
import { RECEIVABLES_SQL, toReceivables } from "../../billing/receivables.ts";
import type { ResolvedAccount } from "./resolve.ts";
import { type CreditCheck, creditCheck, type PlannedException } from "./rules.ts";

/** Orders whose totals count against the credit limit: everything ordered and not yet invoiced. */
const CREDIT_EXPOSURE_STATUSES = ["confirmed", "on_hold", "picking", "shipped"];

export async function checkCredit(
  client: pg.PoolClient,
  account: ResolvedAccount,
  total: string,
  today: string,
): Promise<{ credit: CreditCheck; exception: PlannedException | null }> {
  let exception: PlannedException | null = null;
  // Open orders and open receivables in one round trip (billing's receivables query as a subquery).
  const { rows } = await client.query({
    name: "intake_credit_exposure",
    // A partly shipped order's shipped part is already an invoice (a receivable): count the rest.
    text: `select r.*,
                  (coalesce((select sum(o.total) from orders o where o.account_id = $1 and o.status = any($4::text[])), 0)
                   - coalesce((select sum(i.amount) from invoices i join orders io on io.id = i.order_id
                                where io.account_id = $1 and io.status = any($4::text[]) and i.status <> 'void'), 0)
                  )::text as open_orders
             from (${RECEIVABLES_SQL}) r`,
    values: [account.id, account.overdueGraceDays, today, CREDIT_EXPOSURE_STATUSES],
  });
  const receivables = toReceivables(rows[0]);
  const credit = creditCheck(
    {
      limit: account.creditLimit,
      openOrders: rows[0].open_orders,
      openReceivables: receivables.open,
      overdue: receivables.overdue,
      overdueInvoices: receivables.overdueInvoices,
      oldestOverdueDays: receivables.oldestOverdueDays,
      graceDays: account.overdueGraceDays,
    },
    total,
  );
  if (credit.hold) {
    const reasons = [
      credit.overLimit
        ? `${credit.exposure} ${account.currency} owed and open with this order, limit ${credit.limit}`
        : null,
      credit.overdueInvoices > 0
        ? `${credit.overdue} ${account.currency} overdue on ${credit.overdueInvoices} invoice${credit.overdueInvoices > 1 ? "s" : ""} (oldest ${credit.oldestOverdueDays} days past due, grace ${credit.graceDays})`
        : null,
    ].filter(Boolean);
    exception = {
      type: "credit_hold",
      summary: `${account.number} ${account.name}: ${reasons.join("; ")}`,
      blocking: true,
      lineNo: null,
      amount: credit.overLimit ? new Dec(credit.exposure).minus(credit.limit).toFixed(2) : credit.overdue,
      data: { ...credit },
      facts: { over_limit_pct: credit.overLimitPct },
    };
  }

  return { credit, exception };
}
