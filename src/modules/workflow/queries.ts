// Reading exceptions: the inbox (mine / my team's / all, by deadline) and one item with its trail.
import type { Db } from "../../app/db.ts";
import { notFound } from "../../lib/errors.ts";
import { EXCEPTION_COLUMNS, type ExceptionView, toExceptionView } from "./records.ts";

export type ExceptionScope = "mine" | "team" | "all";
export type ExceptionQuery = {
  scope: ExceptionScope;
  status?: string;
  type?: string;
  limit: number;
};

/**
 * mine: assigned to me, or to my role with no person yet; team: owned by my role (anyone in it);
 * all: everything. Sorted by deadline, soonest (most overdue) first.
 */
export async function listExceptions(
  db: Db,
  query: ExceptionQuery,
  user: { userId: number; role: string },
  now: Date,
): Promise<{
  exceptions: (ExceptionView & {
    accountName: string | null;
    accountNumber: string | null;
    ownerName: string | null;
  })[];
  overdue: number;
}> {
  const { rows } = await db.pool.query(
    `select ${EXCEPTION_COLUMNS}, a.name as account_name, a.number as account_number, u.name as owner_name
       from exceptions e
       left join accounts a on a.id = e.account_id
       left join users u on u.id = e.owner_user_id
      where ($1::text is null or e.status = $1)
        and ($2::text is null or e.type = $2)
        and case $3::text
              when 'mine' then e.owner_user_id = $4 or (e.owner_user_id is null and e.owner_role = $5)
              when 'team' then e.owner_role = $5
              else true end
      order by e.deadline, e.id
      limit $6`,
    [query.status ?? null, query.type ?? null, query.scope, user.userId, user.role, query.limit],
  );
  // The inbox names the customer and the person who owns each item, not just their ids.
  const exceptions = rows.map((r) => ({
    ...toExceptionView(r, now),
    accountName: r.account_name as string | null,
    accountNumber: r.account_number as string | null,
    ownerName: r.owner_name as string | null,
  }));
  return { exceptions, overdue: exceptions.filter((e) => e.overdue).length };
}

export type AuditView = {
  id: number;
  at: string;
  actorUserId: number | null;
  actor: string;
  action: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export async function getException(
  db: Db,
  id: number,
  now: Date,
): Promise<ExceptionView & { audit: AuditView[]; actions: string[] }> {
  const { rows } = await db.pool.query(
    `select ${EXCEPTION_COLUMNS}, t.actions from exceptions e join exception_types t on t.code = e.type
      where e.id = $1`,
    [id],
  );
  if (!rows[0]) throw notFound("Exception", id);
  const audit = await db.pool.query(
    `select id, at, actor_user_id, actor, action, reason, before, after
       from exception_audit where exception_id = $1 order by id`,
    [id],
  );
  return {
    ...toExceptionView(rows[0], now),
    actions: rows[0].actions,
    audit: audit.rows.map((a) => ({
      id: Number(a.id),
      at: new Date(a.at).toISOString(),
      actorUserId: a.actor_user_id,
      actor: a.actor,
      action: a.action,
      reason: a.reason,
      before: a.before,
      after: a.after,
    })),
  };
}

export type OrderExceptionView = Pick<
  ExceptionView,
  | "id"
  | "type"
  | "status"
  | "summary"
  | "orderLineId"
  | "ownerRole"
  | "ownerUserId"
  | "deadline"
  | "overdue"
  | "data"
> & { blocking: boolean; resolutionAction: string | null };

/** The exceptions raised on one order (for its detail view), oldest first. */
export async function exceptionsForOrder(db: Db, orderId: number, now: Date): Promise<OrderExceptionView[]> {
  const { rows } = await db.pool.query(
    `select ${EXCEPTION_COLUMNS} from exceptions e where e.order_id = $1 order by e.id`,
    [orderId],
  );
  return rows.map((r) => {
    const v = toExceptionView(r, now);
    return {
      id: v.id,
      type: v.type,
      status: v.status,
      summary: v.summary,
      orderLineId: v.orderLineId,
      ownerRole: v.ownerRole,
      ownerUserId: v.ownerUserId,
      deadline: v.deadline,
      overdue: v.overdue,
      // Intake records whether the exception holds the order; others (raised by hand) do not.
      blocking: v.data.blocking === true,
      resolutionAction: v.resolutionAction,
      // Staff only (the order detail strips it for buyers): e.g. the proposed substitute.
      data: v.data,
    };
  });
}
