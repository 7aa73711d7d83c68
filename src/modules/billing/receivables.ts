// An account's receivables as the credit check needs them: what is open, and what is overdue
// beyond the account's grace days (days past the due date before an invoice holds new orders).
export type Receivables = {
  /** Unpaid balance of open invoices, 2 decimals. */
  open: string;
  /** Unpaid balance of invoices past due by more than the grace days. */
  overdue: string;
  overdueInvoices: number;
  /** Days past due of the oldest overdue invoice (0 when none). */
  oldestOverdueDays: number;
};

/**
 * The receivables query for account `account`, grace days `graceDays` and today `today` (a date;
 * placeholders of the caller's statement): one row with `open`, `overdue`, `overdue_invoices` and
 * `oldest`. A caller folds it into a statement of its own (the intake credit check reads it with the
 * open orders and the rest of its reads in one round trip).
 */
export function receivablesSql(account: string, graceDays: string, today: string): string {
  return `select coalesce(sum(amount - paid_amount), 0)::text as open,
       coalesce(sum(amount - paid_amount) filter (where due_on + ${graceDays}::int < ${today}::date), 0)::text as overdue,
       (count(*) filter (where due_on + ${graceDays}::int < ${today}::date))::int as overdue_invoices,
       coalesce(max(${today}::date - due_on) filter (where due_on + ${graceDays}::int < ${today}::date), 0)::int as oldest
  from invoices where account_id = ${account} and status = 'open'`;
}

export function toReceivables(r: {
  open: string;
  overdue: string;
  overdue_invoices: number;
  oldest: number;
}): Receivables {
  return {
    open: r.open,
    overdue: r.overdue,
    overdueInvoices: r.overdue_invoices,
    oldestOverdueDays: r.oldest,
  };
}
