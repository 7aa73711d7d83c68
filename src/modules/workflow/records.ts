// Row shapes shared by the workflow functions: the API view of an exception, the state snapshot
// written to the audit trail, and the append-only audit writer.
import type pg from "pg";
import type { Actor } from "./types.ts";

export type Queryable = Pick<pg.PoolClient, "query">;

export const EXCEPTION_COLUMNS = `e.id, e.type, e.status, e.summary, e.order_id, e.order_line_id, e.account_id,
  e.amount, e.data, e.owner_role, e.owner_user_id, e.deadline, e.escalation_level, e.approval_level,
  e.approval_role, e.resolution_action, e.resolution_reason, e.resolved_by, e.resolved_at, e.created_by,
  e.created_at, e.updated_at`;

export type ExceptionView = {
  id: number;
  type: string;
  status: "open" | "resolved" | "cancelled";
  summary: string;
  orderId: number | null;
  orderLineId: number | null;
  accountId: number | null;
  amount: string | null;
  data: Record<string, unknown>;
  ownerRole: string | null;
  ownerUserId: number | null;
  deadline: string;
  overdue: boolean;
  escalationLevel: number;
  approvalLevel: number | null;
  approvalRole: string | null;
  resolutionAction: string | null;
  resolutionReason: string | null;
  resolvedBy: number | null;
  resolvedAt: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

const iso = (v: unknown): string | null =>
  v === null || v === undefined ? null : new Date(v as string).toISOString();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toExceptionView(row: any, now: Date): ExceptionView {
  const deadline = new Date(row.deadline);
  return {
    id: Number(row.id),
    type: row.type,
    status: row.status,
    summary: row.summary,
    orderId: num(row.order_id),
    orderLineId: num(row.order_line_id),
    accountId: num(row.account_id),
    amount: row.amount,
    data: row.data ?? {},
    ownerRole: row.owner_role,
    ownerUserId: num(row.owner_user_id),
    deadline: deadline.toISOString(),
    overdue: row.status === "open" && deadline.getTime() < now.getTime(),
    escalationLevel: row.escalation_level,
    approvalLevel: num(row.approval_level),
    approvalRole: row.approval_role,
    resolutionAction: row.resolution_action,
    resolutionReason: row.resolution_reason,
    resolvedBy: num(row.resolved_by),
    resolvedAt: iso(row.resolved_at),
    createdBy: num(row.created_by),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** The state fields an audit entry records before and after a change. */
export function snapshot(row: any): Record<string, unknown> {
  return {
    status: row.status,
    ownerRole: row.owner_role,
    ownerUserId: num(row.owner_user_id),
    deadline: iso(row.deadline),
    escalationLevel: row.escalation_level,
    resolutionAction: row.resolution_action ?? null,
    resolutionReason: row.resolution_reason ?? null,
  };
}

export type AuditEntry = {
  exceptionId: number;
  actor: Actor;
  action: string;
  reason?: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** Appends to the audit trail (the table refuses UPDATE and DELETE). */
export async function appendAudit(client: Queryable, entry: AuditEntry, now: Date): Promise<void> {
  await client.query({
    text: `insert into exception_audit (exception_id, at, actor_user_id, actor, action, reason, before, after)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    values: [
      entry.exceptionId,
      now,
      entry.actor.userId,
      entry.actor.name,
      entry.action,
      entry.reason ?? null,
      entry.before ? JSON.stringify(entry.before) : null,
      entry.after ? JSON.stringify(entry.after) : null,
    ],
  });
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

export function exceptionLink(id: number): string {
  return `/desk/exceptions/${id}`;
}

/** A deadline as people read it in a notification or mail: "27 Nov 2026, 04:54 UTC". */
export function humanDeadline(deadline: Date | string): string {
  const d = new Date(deadline);
  const date = d.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  const time = d.toISOString().slice(11, 16);
  return `${date}, ${time} UTC`;
}
