import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";

export const categories = pgTable("categories", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
});

export const items = pgTable(
  "items",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    sku: text("sku").notNull().unique(),
    name: text("name").notNull(),
    description: text("description"),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    // Quantities everywhere are integers in this unit; other units convert by integer factors.
    baseUnit: text("base_unit").notNull().default("EA"),
    caseFactor: integer("case_factor").notNull().default(1),
    // Orders must be in multiples of this many base units (1 = any quantity).
    orderMultiple: integer("order_multiple").notNull().default(1),
    minOrderQty: integer("min_order_qty").notNull().default(1),
    cost: numeric("cost", { precision: 14, scale: 4 }).notNull(),
    listPrice: numeric("list_price", { precision: 14, scale: 4 }).notNull(),
    upc: text("upc").unique(),
    vendorPartNo: text("vendor_part_no"),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    index("items_category_idx").on(t.categoryId),
    index("items_vendor_part_idx").on(t.vendorPartNo),
    check(
      "items_factors_positive",
      sql`${t.caseFactor} > 0 and ${t.orderMultiple} > 0 and ${t.minOrderQty} > 0`,
    ),
    check("items_prices_nonnegative", sql`${t.cost} >= 0 and ${t.listPrice} >= 0`),
  ],
);

export const itemUnits = pgTable(
  "item_units",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    code: text("code").notNull(),
    factor: integer("factor").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.code] }),
    check("item_units_factor_positive", sql`${t.factor} > 0`),
  ],
);

export const customerPartNumbers = pgTable(
  "customer_part_numbers",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    partNo: text("part_no").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.partNo] }), unique().on(t.accountId, t.itemId)],
);

// What may replace an item when it is short: proposed to the customer at intake (a
// substitution_awaiting_customer exception), never applied without their approval.
export const itemSubstitutes = pgTable(
  "item_substitutes",
  {
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    substituteItemId: integer("substitute_item_id")
      .notNull()
      .references(() => items.id),
    // Lower is proposed first.
    priority: integer("priority").notNull().default(0),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.substituteItemId] }),
    check("item_substitutes_not_self", sql`${t.itemId} <> ${t.substituteItemId}`),
  ],
);
