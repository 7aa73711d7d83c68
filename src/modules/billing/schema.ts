// Invoices: what each account owes. Until invoicing at shipment is built, invoices come from the
// accounting system (and the demo); the credit check reads open and overdue receivables from here.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgSequence,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { items } from "../catalog/schema.ts";
import { shipments } from "../fulfillment/schema.ts";
import { orderLines, orders } from "../orders/schema.ts";

export const invoiceNumberSeq = pgSequence("invoice_number_seq", { startWith: 700001 });

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
    // Invoiced at shipment: the shipment this invoice bills (null: from the accounting system).
    shipmentId: bigint("shipment_id", { mode: "number" }).references(() => shipments.id),
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
    index("invoices_order_idx").on(t.orderId),
    index("invoices_open_account_idx").on(t.accountId, t.dueOn).where(sql`${t.status} = 'open'`),
    check("invoices_status_valid", sql`${t.status} in ('open','paid','void')`),
    check("invoices_paid_within_amount", sql`${t.paidAmount} >= 0 and ${t.paidAmount} <= ${t.amount}`),
    check("invoices_due_after_issue", sql`${t.dueOn} >= ${t.issuedOn}`),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    invoiceId: bigint("invoice_id", { mode: "number" })
      .notNull()
      .references(() => invoices.id),
    lineNo: integer("line_no").notNull(),
    orderLineId: bigint("order_line_id", { mode: "number" }).references(() => orderLines.id),
    itemId: integer("item_id").references(() => items.id),
    description: text("description").notNull(),
    // Base units, at the order line's unit price; amount rounded once (money.extend).
    quantity: integer("quantity").notNull(),
    unitPrice: numeric("unit_price", { precision: 14, scale: 4 }).notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [
    index("invoice_lines_invoice_idx").on(t.invoiceId, t.lineNo),
    check("invoice_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);
