// In-app notifications (to a user or to everyone in a role) and stored outbound mail.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { users } from "../auth/schema.ts";

export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer("user_id").references(() => users.id),
    role: text("role"),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // In-app path to open, e.g. /desk/exceptions/42.
    link: text("link"),
    data: jsonb("data").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_role_idx").on(t.role, t.id),
    check("notifications_recipient", sql`${t.userId} is not null or ${t.role} is not null`),
  ],
);

// Read state per user: a role notification is read (or not) by each member separately.
export const notificationReads = pgTable(
  "notification_reads",
  {
    notificationId: bigint("notification_id", { mode: "number" })
      .notNull()
      .references(() => notifications.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

export const MAIL_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

// Every outbound mail is stored first (in the caller's transaction); the send-mail job delivers it
// when SMTP is configured. Without SMTP it stays queued and readable at GET /api/mail.
export const outboundMail = pgTable(
  "outbound_mail",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    notificationId: bigint("notification_id", { mode: "number" }).references(() => notifications.id),
    status: text("status").notNull().default("queued").$type<MailStatus>(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("outbound_mail_queued_idx").on(t.id).where(sql`${t.status} in ('queued','sending')`),
    check("outbound_mail_status_valid", sql`${t.status} in ('queued','sending','sent','failed')`),
  ],
);
