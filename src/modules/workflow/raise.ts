// raiseException: called by the intake pipeline inside its own transaction.
import { DomainError } from "../../lib/errors.ts";
import { notify } from "../notifications/notify.ts";
import {
  addMinutes,
  appendAudit,
  EXCEPTION_COLUMNS,
  type ExceptionView,
  exceptionLink,
  humanDeadline,
  type Queryable,
  snapshot,
  toExceptionView,
} from "./records.ts";
import { type ApprovalFacts, pickRoute, type RequiredApproval, requiredApprovalLevel } from "./rules.ts";
import { type Actor, SYSTEM_ACTOR } from "./types.ts";

export type RaiseExceptionInput = {
  type: string;
  // One line a person reads in the inbox, e.g. "PO 4471 line 3: price 9.10 expected 8.40".
  summary: string;
  orderId?: number | null;
  orderLineId?: number | null;
  accountId?: number | null;
  // Money at stake (decimal string, 2 places), used by routing rules' amount ranges.
  amount?: string | null;
  data?: Record<string, unknown>;
  // Facts for approval rules, e.g. { discount_pct: "12.5" } or { over_limit_pct: "31" }.
  facts?: ApprovalFacts;
  raisedBy?: Actor;
};

export type RaisedException = ExceptionView & { approval: RequiredApproval | null };

/**
 * Raises an exception in the caller's transaction: owner from the routing rules (else the type's
 * default role), deadline from the type's SLA, approval level from the approval rules, an audit
 * entry and a notification (in-app and queued mail) to the owner. Rolls back with the caller.
 */
export async function raiseException(
  client: Queryable,
  input: RaiseExceptionInput,
  now: Date,
): Promise<RaisedException> {
  const actor = input.raisedBy ?? SYSTEM_ACTOR;
  const typeRow = (
    await client.query({
      text: "select code, name, sla_minutes, default_role from exception_types where code = $1",
      values: [input.type],
    })
  ).rows[0];
  if (!typeRow) {
    throw new DomainError("VALIDATION_FAILED", `Unknown exception type ${input.type}`, { type: input.type });
  }
  const routes = await client.query({
    text: `select id, type_code as "typeCode", account_id as "accountId", min_amount as "minAmount",
                  max_amount as "maxAmount", owner_role as "ownerRole", owner_user_id as "ownerUserId", priority
             from exception_routing_rules
            where (type_code is null or type_code = $1) and (account_id is null or account_id = $2::int)`,
    values: [input.type, input.accountId ?? null],
  });
  const route = pickRoute(routes.rows, {
    type: input.type,
    accountId: input.accountId ?? null,
    amount: input.amount ?? null,
  });
  const approvalRules = await client.query({
    text: `select id, type_code as "typeCode", metric, threshold, level, approver_role as "approverRole", description
             from approval_rules where type_code is null or type_code = $1`,
    values: [input.type],
  });
  const facts = input.facts ?? {};
  const approval = requiredApprovalLevel(approvalRules.rows, facts, input.type);
  const ownerRole = route ? route.ownerRole : typeRow.default_role;
  const ownerUserId = route ? route.ownerUserId : null;
  const data = { ...(input.data ?? {}), ...(input.facts ? { facts } : {}) };

  const { rows } = await client.query({
    text: `insert into exceptions as e (type, summary, order_id, order_line_id, account_id, amount, data,
             owner_role, owner_user_id, deadline, approval_level, approval_role, created_by, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
           returning ${EXCEPTION_COLUMNS}`,
    values: [
      input.type,
      input.summary,
      input.orderId ?? null,
      input.orderLineId ?? null,
      input.accountId ?? null,
      input.amount ?? null,
      JSON.stringify(data),
      ownerRole,
      ownerUserId,
      addMinutes(now, typeRow.sla_minutes),
      approval?.level ?? null,
      approval?.role ?? null,
      actor.userId,
      now,
    ],
  });
  const row = rows[0];
  const id = Number(row.id);
  await appendAudit(
    client,
    {
      exceptionId: id,
      actor,
      action: "raised",
      reason: route ? `routing rule ${route.id}` : `default owner of ${input.type}`,
      before: null,
      after: { ...snapshot(row), type: input.type, approvalRole: approval?.role ?? null },
    },
    now,
  );
  await notify(
    client,
    {
      userId: ownerUserId,
      role: ownerRole,
      kind: "exception.raised",
      title: `${typeRow.name}: ${input.summary}`,
      body: `${input.summary}\nDue ${humanDeadline(row.deadline)}.${
        approval ? ` Needs approval by ${approval.role} (${approval.description}).` : ""
      }`,
      link: exceptionLink(id),
      data: { exceptionId: id, type: input.type },
    },
    now,
  );
  return { ...toExceptionView(row, now), approval };
}
