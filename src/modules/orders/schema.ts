import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { accounts, shipTos } from "../accounts/schema.ts";
import { items } from "../catalog/schema.ts";

export const orders = pgTable(
  "orders",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    number: text("number").notNull().unique(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    shipToId: integer("ship_to_id")
      .notNull()
      .references(() => shipTos.id),
    poNumber: text("po_number"),
    channel: text("channel").notNull(),
    status: text("status").notNull(),
    currency: text("currency").notNull(),
    orderedAt: timestamp("ordered_at", { withTimezone: true }).notNull().defaultNow(),
    requestedShipDate: date("requested_ship_date"),
    requestedDeliveryDate: date("requested_delivery_date"),
    total: numeric("total", { precision: 14, scale: 2 }).notNull(),
    lineCount: integer("line_count").notNull(),
    notes: text("notes"),
    repId: integer("rep_id"),
    createdBy: integer("created_by"),
    // Replays of the same request return this order instead of creating another.
    idempotencyKey: text("idempotency_key").unique(),
    requestHash: text("request_hash"),
    // Null: the account's ship policy. 'partial' when a backorder exception was resolved by
    // splitting: what is in stock ships now, the backorder follows on the same order.
    shipPolicy: text("ship_policy"),
  },
  (t) => [
    index("orders_account_idx").on(t.accountId, t.orderedAt),
    index("orders_ordered_at_idx").on(t.orderedAt),
    index("orders_status_idx").on(t.status),
    // Duplicate PO detection at intake.
    index("orders_account_po_idx").on(t.accountId, t.poNumber),
    // The credit check's open orders (intake/credit.ts, same status list): only an account's open
    // orders are read, however many years of closed ones it has.
    index("orders_open_exposure_idx")
      .on(t.accountId)
      .where(sql`${t.status} in ('confirmed', 'on_hold', 'picking', 'shipped')`),
    check(
      "orders_ship_policy_valid",
      sql`${t.shipPolicy} is null or ${t.shipPolicy} in ('partial','complete')`,
    ),
    check("orders_channel_valid", sql`${t.channel} in ('desk','portal','rep','edi','email','csv','api')`),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id),
    lineNo: integer("line_no").notNull(),
    // Null: the intake could not resolve the item the buyer named (see `requested`); the line is
    // kept with an unresolved_item exception instead of being dropped.
    itemId: integer("item_id").references(() => items.id),
    quantity: integer("quantity").notNull(),
    // Null only when the line has no price (unresolved item, or a held line the engine could not price).
    unitPrice: numeric("unit_price", { precision: 14, scale: 4 }),
    extendedAmount: numeric("extended_amount", { precision: 14, scale: 2 }),
    unitCost: numeric("unit_cost", { precision: 14, scale: 4 }),
    // How the unit price was reached: { waterfall, warnings } from the pricing engine (null for
    // lines written before pricing existed, e.g. demo history).
    priceExplanation: jsonb("price_explanation"),
    // What the buyer sent for this line (identifiers, quantity, unit, expected price), as received.
    requested: jsonb("requested"),
    // The buyer's price per ordered unit, when the request carried one (price_discrepancy check).
    expectedUnitPrice: numeric("expected_unit_price", { precision: 14, scale: 4 }),
    // Part of `quantity` not allocated for lack of stock, and when inbound supply should cover it.
    backorderedQuantity: integer("backordered_quantity").notNull().default(0),
    backorderEta: date("backorder_eta"),
    // Base units shipped so far (fulfillment); the rest of the allocated quantity still waits.
    shippedQuantity: integer("shipped_quantity").notNull().default(0),
    // 'cancelled': removed by a change (order_changes); kept for the record, nothing allocated.
    status: text("status").notNull().default("open"),
  },
  (t) => [
    unique().on(t.orderId, t.lineNo),
    index("order_lines_item_idx").on(t.itemId),
    index("order_lines_backordered_idx").on(t.itemId).where(sql`${t.backorderedQuantity} > 0`),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
    check(
      "order_lines_backorder_valid",
      sql`${t.backorderedQuantity} >= 0 and ${t.backorderedQuantity} <= ${t.quantity}`,
    ),
    check("order_lines_unresolved_unpriced", sql`${t.itemId} is not null or ${t.unitPrice} is null`),
    check(
      "order_lines_shipped_valid",
      sql`${t.shippedQuantity} >= 0 and ${t.shippedQuantity} + ${t.backorderedQuantity} <= ${t.quantity}`,
    ),
    check("order_lines_status_valid", sql`${t.status} in ('open','cancelled')`),
  ],
);

export const orderStatusHistory = pgTable(
  "order_status_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id"),
    reason: text("reason"),
  },
  (t) => [index("order_status_history_order_idx").on(t.orderId)],
);

// Order numbers come from one sequence so concurrent nodes never hand out the same number.
export const orderNumberSeq = pgSequence("order_number_seq", { startWith: 100001 });

// Append-only record of every change applied to an order after intake (API or EDI 860). A change
// request's key (EDI: sender + control numbers) is stored with each row's position in the request:
// the unique index makes a replayed request unable to apply twice.
export const orderChanges = pgTable(
  "order_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id),
    orderLineId: bigint("order_line_id", { mode: "number" }),
    lineNo: integer("line_no"),
    kind: text("kind").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    source: text("source").notNull(),
    reason: text("reason"),
    userId: integer("user_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text("idempotency_key"),
    seq: integer("seq").notNull().default(0),
  },
  (t) => [
    index("order_changes_order_idx").on(t.orderId, t.at),
    unique("order_changes_key_unique").on(t.idempotencyKey, t.seq),
    check(
      "order_changes_kind_valid",
      sql`${t.kind} in ('quantity','cancel_line','add_line','price','cancel_order','price_approved','split')`,
    ),
  ],
);
