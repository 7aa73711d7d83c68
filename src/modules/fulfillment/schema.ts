// Shipments: what left which warehouse for which order, in which labelled package (SSCC-18).
// A shipment consumes the order's allocations at that warehouse (on hand and allocated go down
// together, a `shipment` stock movement records it) and is invoiced when it ships.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgSequence, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../auth/schema.ts";
import { items } from "../catalog/schema.ts";
import { warehouses } from "../inventory/schema.ts";
import { orderLines, orders } from "../orders/schema.ts";

export const shipmentNumberSeq = pgSequence("shipment_number_seq", { startWith: 500001 });
// Serial references of our SSCC-18 labels (with the GS1 company prefix, see labels.ts).
export const ssccSerialSeq = pgSequence("sscc_serial_seq", { startWith: 1 });

export const shipments = pgTable(
  "shipments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    number: text("number").notNull().unique(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id),
    warehouseId: integer("warehouse_id")
      .notNull()
      .references(() => warehouses.id),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    shippedAt: timestamp("shipped_at", { withTimezone: true }).notNull(),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [index("shipments_order_idx").on(t.orderId)],
);

export const shipmentPackages = pgTable(
  "shipment_packages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    shipmentId: bigint("shipment_id", { mode: "number" })
      .notNull()
      .references(() => shipments.id),
    seq: integer("seq").notNull(),
    sscc: text("sscc").notNull().unique(),
  },
  (t) => [index("shipment_packages_shipment_idx").on(t.shipmentId, t.seq)],
);

export const shipmentLines = pgTable(
  "shipment_lines",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    shipmentId: bigint("shipment_id", { mode: "number" })
      .notNull()
      .references(() => shipments.id),
    packageId: bigint("package_id", { mode: "number" })
      .notNull()
      .references(() => shipmentPackages.id),
    orderLineId: bigint("order_line_id", { mode: "number" })
      .notNull()
      .references(() => orderLines.id),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    // Base units.
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    index("shipment_lines_shipment_idx").on(t.shipmentId),
    index("shipment_lines_order_line_idx").on(t.orderLineId),
    check("shipment_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);
