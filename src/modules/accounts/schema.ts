import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, primaryKey, text, unique } from "drizzle-orm/pg-core";

export const accountGroups = pgTable("account_groups", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
});

export const reps = pgTable("reps", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  region: text("region").notNull(),
  // Set when the rep signs in to Wholesail (users.id); no FK to keep module tables independent.
  userId: integer("user_id"),
});

export const repTargets = pgTable(
  "rep_targets",
  {
    repId: integer("rep_id")
      .notNull()
      .references(() => reps.id),
    month: date("month").notNull(),
    target: numeric("target", { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.repId, t.month] })],
);

export const accounts = pgTable(
  "accounts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    number: text("number").notNull().unique(),
    name: text("name").notNull(),
    groupId: integer("group_id")
      .notNull()
      .references(() => accountGroups.id),
    paymentTerms: text("payment_terms").notNull().default("NET30"),
    termsDays: integer("terms_days").notNull().default(30),
    creditLimit: numeric("credit_limit", { precision: 14, scale: 2 }).notNull(),
    currency: text("currency").notNull().default("USD"),
    repId: integer("rep_id").references(() => reps.id),
    billToLine1: text("bill_to_line1").notNull(),
    billToCity: text("bill_to_city").notNull(),
    billToRegion: text("bill_to_region").notNull(),
    billToPostalCode: text("bill_to_postal_code").notNull(),
    billToCountry: text("bill_to_country").notNull().default("US"),
    // Shortfalls: 'partial' ships what is in stock and backorders the rest; 'complete' holds the
    // order (backorder exception) until every line can ship.
    shipPolicy: text("ship_policy").notNull().default("partial"),
    // Days an invoice may be past due before the account's new orders go on credit hold.
    overdueGraceDays: integer("overdue_grace_days").notNull().default(15),
  },
  (t) => [
    check("accounts_ship_policy_valid", sql`${t.shipPolicy} in ('partial','complete')`),
    index("accounts_group_idx").on(t.groupId),
    index("accounts_rep_idx").on(t.repId),
    check("accounts_overdue_grace_nonnegative", sql`${t.overdueGraceDays} >= 0`),
    check("accounts_credit_limit_nonnegative", sql`${t.creditLimit} >= 0`),
  ],
);

export const shipTos = pgTable(
  "ship_tos",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull().default("store"),
    line1: text("line1").notNull(),
    city: text("city").notNull(),
    region: text("region").notNull(),
    postalCode: text("postal_code").notNull(),
    country: text("country").notNull().default("US"),
    latitude: numeric("latitude", { precision: 9, scale: 6 }),
    longitude: numeric("longitude", { precision: 9, scale: 6 }),
    // Identifiers trading partners use for this location, e.g. an EDI store number or GLN.
    ediStoreNumber: text("edi_store_number"),
    gln: text("gln"),
  },
  (t) => [unique().on(t.accountId, t.code), index("ship_tos_account_idx").on(t.accountId)],
);

export const contacts = pgTable(
  "contacts",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    title: text("title"),
  },
  (t) => [index("contacts_account_idx").on(t.accountId)],
);

export const tradingPartnerIds = pgTable(
  "trading_partner_ids",
  {
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    qualifier: text("qualifier").notNull(),
    value: text("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.qualifier, t.value] }),
    index("trading_partner_ids_account_idx").on(t.accountId),
  ],
);
