// Resolving and assigning exceptions: one transaction each, with a row lock, checks, an audit
// entry holding the state before and after, and a notification to a new owner.
import { type Db, withTransaction } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { ROLES } from "../auth/schema.ts";
import { notify } from "../notifications/notify.ts";
import {
  appendAudit,
  EXCEPTION_COLUMNS,
  type ExceptionView,
  exceptionLink,
  humanDeadline,
  type Queryable,
  snapshot,
  toExceptionView,
} from "./records.ts";
import { type Actor, APPROVING_ACTIONS, type ResolutionAction } from "./types.ts";

const MANAGERS = new Set(["admin", "sales_manager"]);

async function lockOpen(client: Queryable, id: number): Promise<any> {
  const { rows } = await client.query(
    `select ${EXCEPTION_COLUMNS}, t.actions from exceptions e join exception_types t on t.code = e.type
      where e.id = $1 for update of e`,
    [id],
  );
  const row = rows[0];
  if (!row) throw notFound("Exception", id);
  if (row.status !== "open") {
    throw new DomainError("CONFLICT", `Exception ${id} is already ${row.status}`, { status: row.status });
  }
  return row;
}

function isOwner(row: any, actor: Actor): boolean {
  if (actor.userId === null) return true; // the system (intake, jobs)
  if (actor.role === "admin") return true;
  if (row.owner_user_id !== null && Number(row.owner_user_id) === actor.userId) return true;
  return row.owner_role !== null && row.owner_role === actor.role;
}

/** An open exception locked for resolution, with its type's allowed actions. */
export type LockedException = Record<string, any> & {
  id: number;
  order_id: number | null;
  actions: string[];
};

/**
 * In the caller's transaction: locks the open exception and checks that `action` is one of its
 * type's actions, that the caller owns it (or is its approver), and that approving actions on an
 * exception needing approval come from the approval role (or an admin).
 */
export async function lockForResolution(
  client: Queryable,
  id: number,
  action: ResolutionAction | string,
  reason: string,
  caller: Actor,
): Promise<LockedException> {
  if (!reason?.trim())
    throw new DomainError("VALIDATION_FAILED", "A reason is required to resolve an exception");
  const row = await lockOpen(client, id);
  if (!(row.actions as string[]).includes(action)) {
    throw new DomainError("VALIDATION_FAILED", `${action} is not an action for ${row.type}`, {
      action,
      allowed: row.actions,
    });
  }
  const approver =
    row.approval_role !== null && (caller.role === row.approval_role || caller.role === "admin");
  if (!isOwner(row, caller) && !approver) {
    throw new DomainError("FORBIDDEN", `Exception ${id} belongs to ${row.owner_role ?? "another user"}`);
  }
  if (row.approval_role !== null && APPROVING_ACTIONS.includes(action as ResolutionAction) && !approver) {
    throw new DomainError(
      "FORBIDDEN",
      `${action} on exception ${id} needs approval by ${row.approval_role}`,
      {
        requiredRole: row.approval_role,
        level: row.approval_level,
      },
    );
  }
  return { ...row, id: Number(row.id), order_id: row.order_id === null ? null : Number(row.order_id) };
}

/** In the caller's transaction: marks a locked exception resolved and appends the audit entry. */
export async function recordResolution(
  client: Queryable,
  row: LockedException,
  action: string,
  reason: string,
  caller: Actor,
  now: Date,
): Promise<ExceptionView> {
  const updated = (
    await client.query(
      `update exceptions e set status = 'resolved', resolution_action = $2, resolution_reason = $3,
              resolved_by = $4, resolved_at = $5, updated_at = $5
        where e.id = $1 returning ${EXCEPTION_COLUMNS}`,
      [row.id, action, reason.trim(), caller.userId, now],
    )
  ).rows[0];
  await appendAudit(
    client,
    {
      exceptionId: row.id,
      actor: caller,
      action: `resolved:${action}`,
      reason: reason.trim(),
      before: snapshot(row),
      after: snapshot(updated),
    },
    now,
  );
  return toExceptionView(updated, now);
}

/**
 * Resolves an exception that is not about an order (orders/resolve-exception.ts resolves those, so
 * the order is acted on in the same transaction).
 */
export async function resolveException(
  db: Db,
  id: number,
  action: ResolutionAction | string,
  reason: string,
  caller: Actor,
  now: Date,
): Promise<ExceptionView> {
  return withTransaction(db, async (client) => {
    const row = await lockForResolution(client, id, action, reason, caller);
    return recordResolution(client, row, action, reason, caller, now);
  });
}

/**
 * In the caller's transaction: cancels the open exceptions of an order (or of some of its lines)
 * whose subject went away — the order or line was cancelled, or a split made them moot.
 */
export async function cancelOpenExceptions(
  client: Queryable,
  target: { orderId: number; orderLineIds?: number[]; types?: string[] },
  reason: string,
  caller: Actor,
  now: Date,
): Promise<number[]> {
  const { rows } = await client.query(
    `select ${EXCEPTION_COLUMNS} from exceptions e
      where e.order_id = $1 and e.status = 'open' and ($2::bigint[] is null or e.order_line_id = any($2))
        and ($3::text[] is null or e.type = any($3))
      order by e.id for update of e`,
    [target.orderId, target.orderLineIds ?? null, target.types ?? null],
  );
  for (const row of rows) await markCancelled(client, row, reason, caller, now);
  return rows.map((r) => Number(r.id));
}

/** Cancels one locked open exception and appends the audit entry; returns it as it is now. */
async function markCancelled(client: Queryable, row: any, reason: string, caller: Actor, now: Date) {
  const updated = (
    await client.query(
      `update exceptions e set status = 'cancelled', resolution_reason = $2, resolved_by = $3,
              resolved_at = $4, updated_at = $4
        where e.id = $1 returning ${EXCEPTION_COLUMNS}`,
      [row.id, reason, caller.userId, now],
    )
  ).rows[0];
  await appendAudit(
    client,
    {
      exceptionId: Number(row.id),
      actor: caller,
      action: "cancelled",
      reason,
      before: snapshot(row),
      after: snapshot(updated),
    },
    now,
  );
  return updated;
}

/** Cancels an open exception (e.g. its order was cancelled); a reason is required. */
export async function cancelException(
  db: Db,
  id: number,
  reason: string,
  caller: Actor,
  now: Date,
): Promise<ExceptionView> {
  const why = reason?.trim() ?? "";
  if (!why) throw new DomainError("VALIDATION_FAILED", "A reason is required to cancel an exception");
  return withTransaction(db, async (client) => {
    const row = await lockOpen(client, id);
    if (!isOwner(row, caller) && !MANAGERS.has(caller.role ?? "")) {
      throw new DomainError("FORBIDDEN", `Exception ${id} belongs to ${row.owner_role ?? "another user"}`);
    }
    const updated = await markCancelled(client, row, why, caller, now);
    return toExceptionView(updated, now);
  });
}

export type AssignTarget = { userId: number } | { role: string };

/**
 * Hands an open exception to a staff user or a role (the deadline stays). Its current owner, a
 * manager or an admin may assign; the new owner is notified.
 */
export async function assignException(
  db: Db,
  id: number,
  target: AssignTarget,
  caller: Actor,
  now: Date,
  reason: string | null = null,
): Promise<ExceptionView> {
  return withTransaction(db, async (client) => {
    const row = await lockOpen(client, id);
    if (!isOwner(row, caller) && !MANAGERS.has(caller.role ?? "")) {
      throw new DomainError("FORBIDDEN", `Only the owner or a manager may reassign exception ${id}`);
    }
    let ownerRole: string;
    let ownerUserId: number | null = null;
    if ("userId" in target) {
      const user = (
        await client.query("select id, role from users where id = $1 and active and role <> 'buyer'", [
          target.userId,
        ])
      ).rows[0];
      if (!user) throw new DomainError("VALIDATION_FAILED", `No active staff user ${target.userId}`, target);
      ownerRole = user.role;
      ownerUserId = user.id;
    } else {
      if (!(ROLES as readonly string[]).includes(target.role) || target.role === "buyer") {
        throw new DomainError("VALIDATION_FAILED", `Unknown staff role ${target.role}`, target);
      }
      ownerRole = target.role;
    }
    const updated = (
      await client.query(
        `update exceptions e set owner_role = $2, owner_user_id = $3, updated_at = $4
          where e.id = $1 returning ${EXCEPTION_COLUMNS}`,
        [id, ownerRole, ownerUserId, now],
      )
    ).rows[0];
    await appendAudit(
      client,
      {
        exceptionId: id,
        actor: caller,
        action: "assigned",
        reason,
        before: snapshot(row),
        after: snapshot(updated),
      },
      now,
    );
    await notify(
      client,
      {
        userId: ownerUserId,
        role: ownerRole,
        kind: "exception.assigned",
        title: `Assigned to you: ${row.summary}`,
        body: `${caller.name} assigned exception ${id} (${row.type}) to you.${reason ? ` ${reason}` : ""}\nDue ${humanDeadline(row.deadline)}.`,
        link: exceptionLink(id),
        data: { exceptionId: id, type: row.type },
      },
      now,
    );
    return toExceptionView(updated, now);
  });
}
