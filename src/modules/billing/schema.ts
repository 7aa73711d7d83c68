// Invoices: what each account owes. Until invoicing at shipment is built, invoices come from the
// accounting system (and the demo); the credit check reads open and overdue receivables from here.
import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { orders } from "../orders/schema.ts";

export const INVOICE_STATUSES = ["open", "paid", "void"] as const;

export const invoices = pgTable(
  "invoices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    number: text("number").notNull().unique(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    orderId: bigint("order_id", { mode: "number" }).references(() => orders.id),
    currency: text("currency").notNull(),
    issuedOn: date("issued_on").notNull(),
    dueOn: date("due_on").notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
    paidAmount: numeric("paid_amount", { precision: 14, scale: 2 }).notNull().default("0"),
    status: text("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The credit check sums an account's open invoices.
    index("invoices_open_account_idx").on(t.accountId, t.dueOn).where(sql`${t.status} = 'open'`),
    check("invoices_status_valid", sql`${t.status} in ('open','paid','void')`),
    check("invoices_paid_within_amount", sql`${t.paidAmount} >= 0 and ${t.paidAmount} <= ${t.amount}`),
    check("invoices_due_after_issue", sql`${t.dueOn} >= ${t.issuedOn}`),
  ],
);
