import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { items } from "../catalog/schema.ts";

export const warehouses = pgTable("warehouses", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  line1: text("line1").notNull(),
  city: text("city").notNull(),
  region: text("region").notNull(),
  postalCode: text("postal_code").notNull(),
  country: text("country").notNull().default("US"),
  latitude: numeric("latitude", { precision: 9, scale: 6 }).notNull(),
  longitude: numeric("longitude", { precision: 9, scale: 6 }).notNull(),
});

// The counters that allocation races on. The CHECK is the last line of defence against oversell;
// the conditional UPDATE in allocate.ts is the first.
export const stockLevels = pgTable(
  "stock_levels",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    warehouseId: integer("warehouse_id")
      .notNull()
      .references(() => warehouses.id),
    onHand: integer("on_hand").notNull().default(0),
    allocated: integer("allocated").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.warehouseId] }),
    check(
      "stock_levels_no_oversell",
      sql`${t.onHand} >= 0 and ${t.allocated} >= 0 and ${t.allocated} <= ${t.onHand}`,
    ),
  ],
);

// Append-only ledger: every change to on_hand or allocated is written here with its reason.
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    itemId: integer("item_id").notNull(),
    warehouseId: integer("warehouse_id").notNull(),
    kind: text("kind").notNull(),
    onHandDelta: integer("on_hand_delta").notNull().default(0),
    allocatedDelta: integer("allocated_delta").notNull().default(0),
    reference: text("reference"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("stock_movements_item_idx").on(t.itemId, t.warehouseId),
    check(
      "stock_movements_kind_valid",
      sql`${t.kind} in ('receipt','adjustment','allocation','release','shipment')`,
    ),
  ],
);

export const allocations = pgTable(
  "allocations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderLineId: bigint("order_line_id", { mode: "number" }).notNull(),
    itemId: integer("item_id").notNull(),
    warehouseId: integer("warehouse_id").notNull(),
    quantity: integer("quantity").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("allocations_line_idx").on(t.orderLineId),
    index("allocations_item_idx").on(t.itemId, t.warehouseId),
    check("allocations_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

// Inbound supply: purchase orders to suppliers with an expected receipt date. Open quantities
// (quantity - received_quantity on open POs) feed available-to-promise and backorder ETAs.
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    number: text("number").notNull().unique(),
    supplier: text("supplier").notNull(),
    warehouseId: integer("warehouse_id")
      .notNull()
      .references(() => warehouses.id),
    status: text("status").notNull().default("open"),
    expectedDate: date("expected_date").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("purchase_orders_open_idx").on(t.warehouseId).where(sql`${t.status} = 'open'`),
    check("purchase_orders_status_valid", sql`${t.status} in ('open','closed','cancelled')`),
  ],
);

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    purchaseOrderId: integer("purchase_order_id")
      .notNull()
      .references(() => purchaseOrders.id),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    quantity: integer("quantity").notNull(),
    receivedQuantity: integer("received_quantity").notNull().default(0),
    // Null: the purchase order's expected date.
    expectedDate: date("expected_date"),
  },
  (t) => [
    index("purchase_order_lines_item_idx").on(t.itemId),
    index("purchase_order_lines_po_idx").on(t.purchaseOrderId),
    check(
      "purchase_order_lines_quantities",
      sql`${t.quantity} > 0 and ${t.receivedQuantity} >= 0 and ${t.receivedQuantity} <= ${t.quantity}`,
    ),
  ],
);
