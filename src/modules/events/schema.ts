// Transactional outbox: events are written in the same transaction as the change they describe,
// so an event exists exactly when its change committed. The publisher (publish.ts, a pg-boss job)
// reads unpublished rows in id order, hands them to their handlers (EDI 856/810, …) and sets
// published_at.
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // e.g. order.confirmed, order.held, order.backordered
    topic: text("topic").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // Failed deliveries: the publisher retries later; the last error says why.
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_unpublished_idx").on(t.id).where(sql`${t.publishedAt} is null`),
    // An order's events (order detail).
    index("outbox_order_idx").using("btree", sql`(${t.payload}->>'orderId')`),
  ],
);
