// EDI tables: trading partners, their control-number sequences, the message log (every document in
// or out, raw), the interchanges seen (duplicate detection across files) and links to orders made.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { accounts } from "../../accounts/schema.ts";
import { orders } from "../../orders/schema.ts";

export const ediTradingPartners = pgTable(
  "edi_trading_partners",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // Null for a hub/marketplace that sends for several accounts: the buyer's ids decide then.
    accountId: integer("account_id").references(() => accounts.id),
    name: text("name").notNull(),
    standard: text("standard").notNull().$type<"x12" | "edifact">(),
    // X12 GS08 ("004010", "005010") or EDIFACT directory ("D96A").
    version: text("version").notNull(),
    ourQualifier: text("our_qualifier").notNull(),
    ourId: text("our_id").notNull(),
    theirQualifier: text("their_qualifier").notNull(),
    theirId: text("their_id").notNull(),
    // X12 GS02/GS03 application codes; default to the interchange ids.
    ourAppCode: text("our_app_code"),
    theirAppCode: text("their_app_code"),
    // Delimiters for what we send; null = the standard's defaults.
    elementSeparator: text("element_separator"),
    componentSeparator: text("component_separator"),
    segmentTerminator: text("segment_terminator"),
    repetitionSeparator: text("repetition_separator"),
    documents: text("documents").array().notNull().default(sql`'{}'::text[]`),
    // Item identifier qualifiers in the order they are tried (UP, VN, BP, IN, EN, SA…).
    itemIdPreference: text("item_id_preference").array().notNull().default(sql`'{}'::text[]`),
    // Which acknowledgments the partner expects: 997, 999, CONTRL, TA1.
    acknowledgments: text("acknowledgments").array().notNull().default(sql`'{}'::text[]`),
    duplicateWindowDays: integer("duplicate_window_days").notNull().default(30),
    outboundKind: text("outbound_kind").notNull().default("none").$type<"none" | "folder" | "http">(),
    outboundTarget: text("outbound_target"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("edi_trading_partners_their_id").on(t.standard, t.theirQualifier, t.theirId),
    check("edi_trading_partners_standard_valid", sql`${t.standard} in ('x12','edifact')`),
    check("edi_trading_partners_outbound_valid", sql`${t.outboundKind} in ('none','folder','http')`),
    check("edi_trading_partners_window_valid", sql`${t.duplicateWindowDays} between 0 and 3650`),
  ],
);

/** Last control number used per partner and kind; bumped with one atomic upsert. */
export const ediControlNumbers = pgTable(
  "edi_control_numbers",
  {
    partnerId: integer("partner_id")
      .notNull()
      .references(() => ediTradingPartners.id),
    kind: text("kind").notNull().$type<"interchange" | "group" | "set">(),
    lastValue: bigint("last_value", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnerId, t.kind] }),
    check("edi_control_numbers_kind_valid", sql`${t.kind} in ('interchange','group','set')`),
  ],
);

export const EDI_MESSAGE_STATUSES = [
  "received",
  "processed",
  "partially_processed",
  "rejected",
  "failed",
  "sent",
  "held",
] as const;
export type EdiMessageStatus = (typeof EDI_MESSAGE_STATUSES)[number];

export const ediMessages = pgTable(
  "edi_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    direction: text("direction").notNull().$type<"in" | "out">(),
    partnerId: integer("partner_id").references(() => ediTradingPartners.id),
    standard: text("standard"),
    docTypes: text("doc_types").array().notNull().default(sql`'{}'::text[]`),
    sender: text("sender"),
    receiver: text("receiver"),
    // ISA13 / UNB 0020 (comma-separated when a file holds several interchanges).
    interchangeControl: text("interchange_control"),
    // Where it came from (http, inbox:<file>, cli:<file>) or went to (folder:<path>, http:<url>).
    source: text("source").notNull(),
    raw: text("raw").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    status: text("status").notNull().$type<EdiMessageStatus>(),
    // [{code, message, ...}] with a specific reason for everything not processed.
    errors: jsonb("errors").notNull().default(sql`'[]'::jsonb`),
    // Per transaction: type, control numbers, status, order, line results.
    transactions: jsonb("transactions").notNull().default(sql`'[]'::jsonb`),
    // Outbound: the inbound message this answers.
    inReplyTo: bigint("in_reply_to", { mode: "number" }),
    duplicateOf: bigint("duplicate_of", { mode: "number" }),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    index("edi_messages_created_idx").on(t.createdAt),
    index("edi_messages_partner_idx").on(t.partnerId, t.createdAt),
    index("edi_messages_status_idx").on(t.status),
    index("edi_messages_reply_idx").on(t.inReplyTo),
    check("edi_messages_direction_valid", sql`${t.direction} in ('in','out')`),
    check(
      "edi_messages_status_valid",
      sql`${t.status} in ('received','processed','partially_processed','rejected','failed','sent','held')`,
    ),
  ],
);

/** Interchanges taken in, for duplicate detection across files (same sender, receiver, number). */
export const ediInterchanges = pgTable(
  "edi_interchanges",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => ediMessages.id),
    partnerId: integer("partner_id").references(() => ediTradingPartners.id),
    // The reader's duplicate key: standard-specific join of sender, receiver and control number.
    key: text("key").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("edi_interchanges_key_idx").on(t.key, t.receivedAt), index().on(t.messageId)],
);

export const ediMessageOrders = pgTable(
  "edi_message_orders",
  {
    messageId: bigint("message_id", { mode: "number" })
      .notNull()
      .references(() => ediMessages.id),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id),
    // "<interchange>/<group>/<set>" of the transaction that made (or replayed) the order.
    transactionRef: text("transaction_ref").notNull(),
    replayed: boolean("replayed").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.orderId] }), index().on(t.orderId)],
);
