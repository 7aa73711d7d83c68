// Exceptions as owned work items: types (SLA, escalation path, allowed actions), the items
// themselves, their append-only audit trail, routing rules and approval rules — all data.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { accounts } from "../accounts/schema.ts";
import { users } from "../auth/schema.ts";
import { orderLines, orders } from "../orders/schema.ts";

export const exceptionTypes = pgTable(
  "exception_types",
  {
    // e.g. price_discrepancy, credit_hold, below_moq, unresolved_item, backorder, …
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    // Minutes from raising (or from an escalation) to the deadline.
    slaMinutes: integer("sla_minutes").notNull(),
    // Owner when no routing rule matches: nothing waits without an owner.
    defaultRole: text("default_role").notNull(),
    // Resolution actions allowed for this type (approve_price, override_credit, …).
    actions: text("actions").array().notNull(),
  },
  (t) => [check("exception_types_sla_positive", sql`${t.slaMinutes} > 0`)],
);

// Level 1..n of a type's escalation path: who owns the item once the previous deadline passed.
export const exceptionEscalationLevels = pgTable(
  "exception_escalation_levels",
  {
    typeCode: text("type_code")
      .notNull()
      .references(() => exceptionTypes.code),
    level: integer("level").notNull(),
    role: text("role"),
    userId: integer("user_id").references(() => users.id),
    // Deadline for this level; the type's SLA when null.
    slaMinutes: integer("sla_minutes"),
  },
  (t) => [
    primaryKey({ columns: [t.typeCode, t.level] }),
    check("exception_escalation_levels_level_positive", sql`${t.level} >= 1`),
    check("exception_escalation_levels_owner", sql`${t.role} is not null or ${t.userId} is not null`),
    check("exception_escalation_levels_sla_positive", sql`${t.slaMinutes} is null or ${t.slaMinutes} > 0`),
  ],
);

export const EXCEPTION_STATUSES = ["open", "resolved", "cancelled"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export const exceptions = pgTable(
  "exceptions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    type: text("type")
      .notNull()
      .references(() => exceptionTypes.code),
    status: text("status").notNull().default("open").$type<ExceptionStatus>(),
    summary: text("summary").notNull(),
    orderId: bigint("order_id", { mode: "number" }).references(() => orders.id),
    orderLineId: bigint("order_line_id", { mode: "number" }).references(() => orderLines.id),
    accountId: integer("account_id").references(() => accounts.id),
    amount: numeric("amount", { precision: 14, scale: 2 }),
    data: jsonb("data").notNull().default({}),
    ownerRole: text("owner_role"),
    ownerUserId: integer("owner_user_id").references(() => users.id),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    escalationLevel: integer("escalation_level").notNull().default(0),
    // From the approval rules at raise time: who must approve (null: any owner may resolve).
    approvalLevel: integer("approval_level"),
    approvalRole: text("approval_role"),
    resolutionAction: text("resolution_action"),
    resolutionReason: text("resolution_reason"),
    resolvedBy: integer("resolved_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("exceptions_open_deadline_idx").on(t.deadline).where(sql`${t.status} = 'open'`),
    index("exceptions_owner_user_idx").on(t.ownerUserId, t.status),
    index("exceptions_owner_role_idx").on(t.ownerRole, t.status),
    index("exceptions_order_idx").on(t.orderId),
    check("exceptions_status_valid", sql`${t.status} in ('open','resolved','cancelled')`),
    check("exceptions_has_owner", sql`${t.ownerRole} is not null or ${t.ownerUserId} is not null`),
    check(
      "exceptions_resolution_complete",
      sql`(${t.status} = 'open') = (${t.resolvedAt} is null) and (${t.status} = 'open' or ${t.resolutionReason} is not null)`,
    ),
  ],
);

// Append-only (a trigger in the migration refuses UPDATE and DELETE): who, what, when, before, after.
export const exceptionAudit = pgTable(
  "exception_audit",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    exceptionId: bigint("exception_id", { mode: "number" })
      .notNull()
      .references(() => exceptions.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
    // null: the system (escalation job, intake pipeline without a signed-in user).
    actorUserId: integer("actor_user_id").references(() => users.id),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    reason: text("reason"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("exception_audit_exception_idx").on(t.exceptionId, t.id)],
);

// Who owns a new exception: the highest-priority matching rule (type, account, amount range).
export const exceptionRoutingRules = pgTable(
  "exception_routing_rules",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // null: any type / any account / unbounded.
    typeCode: text("type_code").references(() => exceptionTypes.code),
    accountId: integer("account_id").references(() => accounts.id),
    // Amount range: min inclusive, max exclusive.
    minAmount: numeric("min_amount", { precision: 14, scale: 2 }),
    maxAmount: numeric("max_amount", { precision: 14, scale: 2 }),
    ownerRole: text("owner_role"),
    ownerUserId: integer("owner_user_id").references(() => users.id),
    priority: integer("priority").notNull().default(0),
  },
  (t) => [
    check("exception_routing_rules_owner", sql`${t.ownerRole} is not null or ${t.ownerUserId} is not null`),
  ],
);

// "A discount over 10% needs a sales manager": when facts[metric] > threshold, approval at this
// level by this role is required. The highest matching level wins.
export const approvalRules = pgTable(
  "approval_rules",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // null: applies to every exception type.
    typeCode: text("type_code").references(() => exceptionTypes.code),
    metric: text("metric").notNull(),
    threshold: numeric("threshold", { precision: 14, scale: 4 }).notNull(),
    level: integer("level").notNull(),
    approverRole: text("approver_role").notNull(),
    description: text("description").notNull(),
  },
  (t) => [check("approval_rules_level_positive", sql`${t.level} >= 1`)],
);
