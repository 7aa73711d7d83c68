// Pricing tables: price lists, contracts, tiers, promotions, account pricing policies, item families,
// memorized last prices and pending imports. Shapes mirror src/modules/pricing/types.ts (the engine's
// plain data); load-rules.ts turns rows into those shapes. Prices are per BASE UNIT, numeric(14,4).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accountGroups, accounts } from "../accounts/schema.ts";
import { categories, items } from "../catalog/schema.ts";

const price = (name: string) => numeric(name, { precision: 14, scale: 4 });
const percentCol = (name: string) => numeric(name, { precision: 9, scale: 4 });

/** Product families for mix-and-match tiers; an item belongs to at most one family. */
export const itemFamilies = pgTable("item_families", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
});

export const itemFamilyMembers = pgTable(
  "item_family_members",
  {
    itemId: integer("item_id")
      .primaryKey()
      .references(() => items.id),
    familyId: integer("family_id")
      .notNull()
      .references(() => itemFamilies.id),
  },
  (t) => [index("item_family_members_family_idx").on(t.familyId)],
);

/** One row per account that deviates from the defaults (reject broken multiples, nothing else). */
export const pricingPolicies = pgTable(
  "pricing_policies",
  {
    accountId: integer("account_id")
      .primaryKey()
      .references(() => accounts.id),
    caseRounding: text("case_rounding").notNull().default("reject"),
    // percent: surcharge_value is a percentage; amount: per base unit in surcharge_currency.
    surchargeKind: text("surcharge_kind"),
    surchargeValue: numeric("surcharge_value", { precision: 14, scale: 4 }),
    surchargeCurrency: text("surcharge_currency"),
    minOrderValue: numeric("min_order_value", { precision: 14, scale: 2 }),
    minOrderCurrency: text("min_order_currency"),
    holdLastPriceDays: integer("hold_last_price_days"),
    // Accepted difference between the buyer's expected price and ours (percent), for intake checks.
    priceTolerancePercent: percentCol("price_tolerance_percent"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("pricing_policies_rounding", sql`${t.caseRounding} in ('reject','round_up')`),
    check(
      "pricing_policies_surcharge",
      sql`(${t.surchargeKind} is null and ${t.surchargeValue} is null) or (${t.surchargeKind} = 'percent' and ${t.surchargeValue} >= 0) or (${t.surchargeKind} = 'amount' and ${t.surchargeValue} >= 0 and ${t.surchargeCurrency} is not null)`,
    ),
    check(
      "pricing_policies_min_order",
      sql`${t.minOrderValue} is null or (${t.minOrderValue} >= 0 and ${t.minOrderCurrency} is not null)`,
    ),
    check("pricing_policies_hold_days", sql`${t.holdLastPriceDays} is null or ${t.holdLastPriceDays} > 0`),
  ],
);

/** A price list for an account group or one account (exactly one of the two is set). */
export const priceLists = pgTable(
  "price_lists",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    accountGroupId: integer("account_group_id").references(() => accountGroups.id),
    accountId: integer("account_id").references(() => accounts.id),
    currency: text("currency").notNull(),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("price_lists_group_idx").on(t.accountGroupId),
    index("price_lists_account_idx").on(t.accountId),
    check("price_lists_one_scope", sql`(${t.accountGroupId} is null) <> (${t.accountId} is null)`),
    check(
      "price_lists_dates",
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`,
    ),
  ],
);

export const priceListEntries = pgTable(
  "price_list_entries",
  {
    priceListId: integer("price_list_id")
      .notNull()
      .references(() => priceLists.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    // Per base unit, 4 decimals. `uom`/`enteredPrice` record how the user typed it (e.g. per CS).
    unitPrice: price("unit_price").notNull(),
    uom: text("uom"),
    enteredPrice: price("entered_price"),
  },
  (t) => [
    // The loader's lookup: (list, item = any(order's items)).
    primaryKey({ columns: [t.priceListId, t.itemId] }),
    index("price_list_entries_item_idx").on(t.itemId),
    check("price_list_entries_price_nonnegative", sql`${t.unitPrice} >= 0`),
  ],
);

/** A contract for one account (optionally some ship-tos) or an account group. */
export const contracts = pgTable(
  "contracts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    accountGroupId: integer("account_group_id").references(() => accountGroups.id),
    accountId: integer("account_id").references(() => accounts.id),
    shipToIds: integer("ship_to_ids").array(),
    currency: text("currency").notNull(),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    exclusive: boolean("exclusive").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contracts_group_idx").on(t.accountGroupId),
    index("contracts_account_idx").on(t.accountId),
    check("contracts_one_scope", sql`(${t.accountGroupId} is null) <> (${t.accountId} is null)`),
    check(
      "contracts_dates",
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} <= ${t.validTo}`,
    ),
  ],
);

export const contractLines = pgTable(
  "contract_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id, { onDelete: "cascade" }),
    itemId: integer("item_id").references(() => items.id),
    categoryId: integer("category_id").references(() => categories.id),
    // fixed: price; percent_off_list: percent; cost_plus: percent + basis (markup | margin)
    kind: text("kind").notNull(),
    price: price("price"),
    percent: percentCol("percent"),
    basis: text("basis"),
  },
  (t) => [
    // The loader's lookups: (contract = any(the account's contracts), item = any(order's items)) and
    // the same by category. They also serve the contract_id FK (replacing a contract_id-only index).
    index("contract_lines_contract_item_idx").on(t.contractId, t.itemId),
    index("contract_lines_contract_category_idx").on(t.contractId, t.categoryId),
    index("contract_lines_item_idx").on(t.itemId),
    index("contract_lines_category_idx").on(t.categoryId),
    check("contract_lines_one_target", sql`(${t.itemId} is null) <> (${t.categoryId} is null)`),
    check(
      "contract_lines_kind",
      sql`(${t.kind} = 'fixed' and ${t.price} is not null) or (${t.kind} in ('percent_off_list','cost_plus') and ${t.percent} is not null)`,
    ),
  ],
);

/** Volume tiers. Target: item, category, family or all (no target column set). */
export const tierRules = pgTable(
  "tier_rules",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    // Scope: account, group, or everyone (both null).
    accountGroupId: integer("account_group_id").references(() => accountGroups.id),
    accountId: integer("account_id").references(() => accounts.id),
    currency: text("currency"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    itemId: integer("item_id").references(() => items.id),
    categoryId: integer("category_id").references(() => categories.id),
    familyId: integer("family_id").references(() => itemFamilies.id),
    basis: text("basis").notNull(),
    // [{ min: "12", adjustment: { kind: "percent_off", percent: "5" } }, …] — validated on write and by the engine.
    breaks: jsonb("breaks").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("tier_rules_item_idx").on(t.itemId),
    index("tier_rules_category_idx").on(t.categoryId),
    index("tier_rules_family_idx").on(t.familyId),
    // Tiers for everything (no target): the loader's fourth branch next to item/category/family.
    index("tier_rules_all_idx")
      .on(t.id)
      .where(sql`${t.itemId} is null and ${t.categoryId} is null and ${t.familyId} is null`),
    check("tier_rules_basis", sql`${t.basis} in ('line_quantity','family_quantity','order_value')`),
    check("tier_rules_scope", sql`${t.accountGroupId} is null or ${t.accountId} is null`),
    check("tier_rules_target", sql`num_nonnulls(${t.itemId}, ${t.categoryId}, ${t.familyId}) <= 1`),
  ],
);

export const promotions = pgTable(
  "promotions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    name: text("name").notNull(),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    currency: text("currency"),
    itemId: integer("item_id").references(() => items.id),
    categoryId: integer("category_id").references(() => categories.id),
    familyId: integer("family_id").references(() => itemFamilies.id),
    minOrderValue: numeric("min_order_value", { precision: 14, scale: 2 }),
    minOrderQuantity: integer("min_order_quantity"),
    accountGroupIds: integer("account_group_ids").array(),
    accountIds: integer("account_ids").array(),
    // { kind: "percent_off", percent: "10" } | { kind: "fixed", price } | { kind: "amount_off", amount }
    adjustment: jsonb("adjustment").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("promotions_period_idx").on(t.validTo),
    check("promotions_target", sql`num_nonnulls(${t.itemId}, ${t.categoryId}, ${t.familyId}) <= 1`),
  ],
);

/**
 * The last price each account paid per item and currency, per base unit: a memo of order history
 * kept current by order creation (same transaction) and rebuilt from orders by the demo loader.
 * Why a table: "last line of item X for account A" over order_lines needs account_id on the lines
 * or a scan of the account's orders; this is one primary-key lookup per item.
 */
export const accountLastPrices = pgTable(
  "account_last_prices",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    currency: text("currency").notNull(),
    unitPrice: price("unit_price").notNull(),
    orderedOn: date("ordered_on").notNull(),
    orderNumber: text("order_number"),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.itemId, t.currency] })],
);

/** An uploaded CSV/XLSX waiting for the user to confirm (commit) or discard (cancel). */
export const priceImports = pgTable(
  "price_imports",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // price_list_entries (into price_list_id) | contracts
    kind: text("kind").notNull(),
    priceListId: integer("price_list_id").references(() => priceLists.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    status: text("status").notNull().default("pending"),
    totalRows: integer("total_rows").notNull(),
    goodRows: jsonb("good_rows").notNull(),
    errors: jsonb("errors").notNull(),
    createdBy: integer("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    check("price_imports_kind", sql`${t.kind} in ('price_list_entries','contracts')`),
    check("price_imports_status", sql`${t.status} in ('pending','committed','cancelled')`),
  ],
);

/**
 * One row: a counter bumped (statement triggers, same transaction) by every write to a table the
 * pricing loader reads — rules, policies, families, items, units, accounts, ship-tos. The in-process
 * rule cache (rule-cache.ts) is tagged with it and dropped when it moves.
 */
export const pricingVersion = pgTable(
  "pricing_version",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    // New on every (re)insert of the row, so a truncated and refilled database never repeats a version.
    epoch: uuid("epoch").notNull().defaultRandom(),
  },
  (t) => [check("pricing_version_single_row", sql`${t.id} = 1`)],
);
