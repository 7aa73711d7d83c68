// Resolving an exception acts on its order in the same transaction: approve the buyer's price,
// cancel the line, split, switch to the substitute, reject (cancel) the order — then the order is
// released once no blocking exception is left. Lock order: the order row first, then the exception
// (the same order as order changes, which cancel exceptions of cancelled lines).
import type pg from "pg";
import type { Caller } from "../../app/access.ts";
import { type Db, withTransaction } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { Dec, extend, roundUnitPrice } from "../../lib/money.ts";
import { writeEvents } from "../events/outbox.ts";
import type { ExceptionView, Queryable } from "../workflow/records.ts";
import {
  cancelOpenExceptions,
  type LockedException,
  lockForResolution,
  recordResolution,
} from "../workflow/resolve.ts";
import type { Actor } from "../workflow/types.ts";
import { applyChanges, type LineChange, Refusal } from "./change-order.ts";
import { releaseIfClear } from "./release-hold.ts";

export type Resolution = {
  exception: ExceptionView;
  order: { id: number; number: string; status: string } | null;
};

export async function resolveOrderException(
  db: Db,
  id: number,
  action: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<Resolution> {
  return withTransaction(db, async (client) => {
    const peek = await client.query("select order_id from exceptions where id = $1", [id]);
    if (!peek.rows[0]) throw notFound("Exception", id);
    const orderId = peek.rows[0].order_id === null ? null : Number(peek.rows[0].order_id);
    if (orderId !== null) await client.query("select id from orders where id = $1 for update", [orderId]);
    const row = await lockForResolution(client, id, action, reason, actor);
    const exception = await recordResolution(client, row, action, reason, actor, now);
    if (orderId === null) return { exception, order: null };

    const why = `exception ${id} (${row.type}) resolved: ${action}; ${reason.trim()}`;
    try {
      await actOnOrder(client, row, orderId, action, why, actor, now);
    } catch (error) {
      if (error instanceof Refusal) {
        const code = error.code === "ORDER_NOT_CHANGEABLE" ? "ORDER_NOT_CHANGEABLE" : "CONFLICT";
        throw new DomainError(code, error.message, error.data);
      }
      throw error;
    }
    await releaseIfClear(client, orderId, actor, `released: ${why}`, now);
    const order = (await client.query("select id, number, status from orders where id = $1", [orderId]))
      .rows[0];
    return { exception, order: { id: Number(order.id), number: order.number, status: order.status } };
  });
}

async function actOnOrder(
  client: pg.PoolClient,
  row: LockedException,
  orderId: number,
  action: string,
  why: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const change = (changes: LineChange[]) =>
    applyChanges({
      client,
      request: { orderId, changes, reason: why, source: "exception" },
      caller: callerFor(actor),
      now,
    });
  switch (action) {
    case "reject":
      await change([{ kind: "cancel_order" }]);
      return;
    case "cancel_line":
      await change([{ kind: "cancel_line", lineNo: (await lineOf(client, row)).lineNo }]);
      return;
    case "approve_price":
      await approvePrice(client, row, orderId, why, actor, now);
      return;
    case "split":
      await splitOrder(client, row, orderId, why, actor, now);
      return;
    case "accept_substitution": {
      const line = await lineOf(client, row);
      const sku = row.data?.substituteSku as string | undefined;
      if (!sku) throw new DomainError("CONFLICT", `Exception ${row.id} names no substitute`);
      if (line.backordered <= 0) {
        throw new DomainError("CONFLICT", `Line ${line.lineNo} is no longer short; nothing to substitute`);
      }
      const allocated = line.quantity - line.backordered;
      // The substitute line first, so the order never has zero lines in between.
      await change([
        { kind: "add_line", sku, quantity: line.backordered },
        allocated > 0
          ? { kind: "quantity", lineNo: line.lineNo, quantity: allocated }
          : { kind: "cancel_line", lineNo: line.lineNo },
      ]);
      // The original line is no longer short: its backorder exception has nothing to decide.
      await cancelOpenExceptions(
        client,
        { orderId, orderLineIds: [line.id], types: ["backorder"] },
        `substitute ${sku} accepted (exception ${row.id})`,
        actor,
        now,
      );
      return;
    }
    default:
      // release_hold, override_credit, release_credit, decline_substitution: the decision itself is
      // the resolution; the order is released below once nothing else blocks it.
      return;
  }
}

function callerFor(actor: Actor): Caller {
  return {
    userId: actor.userId ?? 0,
    role: actor.role ?? "admin",
    accountId: null,
    name: actor.name,
    email: "",
    scopes: null,
  };
}

type ExceptionLine = {
  id: number;
  lineNo: number;
  quantity: number;
  backordered: number;
  unitPrice: string | null;
  expectedUnitPrice: string | null;
  status: string;
};

async function lineOf(client: Queryable, row: LockedException): Promise<ExceptionLine> {
  if (row.order_line_id === null) {
    throw new DomainError(
      "CONFLICT",
      `Exception ${row.id} is about the whole order, not a line; reject cancels the order`,
    );
  }
  const line = (
    await client.query(
      `select id, line_no, quantity, backordered_quantity, unit_price, expected_unit_price, status
         from order_lines where id = $1 for update`,
      [row.order_line_id],
    )
  ).rows[0];
  if (line?.status !== "open")
    throw new DomainError("CONFLICT", `The line of exception ${row.id} is not open`);
  return {
    id: Number(line.id),
    lineNo: line.line_no,
    quantity: line.quantity,
    backordered: line.backordered_quantity,
    unitPrice: line.unit_price,
    expectedUnitPrice: line.expected_unit_price,
    status: line.status,
  };
}

/**
 * The line sells at the buyer's expected price. The exception's prices are per ordered unit (a case,
 * say); the line's are per base unit, so the factor between them converts the approved price.
 */
async function approvePrice(
  client: Queryable,
  row: LockedException,
  orderId: number,
  why: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const line = await lineOf(client, row);
  const expected = (row.data?.expectedUnitPrice as string | undefined) ?? line.expectedUnitPrice;
  if (!expected || line.unitPrice === null) {
    throw new DomainError("CONFLICT", `Line ${line.lineNo} has no expected price to approve`);
  }
  const ours = row.data?.ourUnitPrice as string | undefined;
  const factor =
    ours && !new Dec(line.unitPrice).isZero()
      ? Math.max(1, new Dec(ours).div(line.unitPrice).toDecimalPlaces(0).toNumber())
      : 1;
  const head = (
    await client.query("select number, account_id, currency from orders where id = $1", [orderId])
  ).rows[0];
  const unitPrice = roundUnitPrice(new Dec(expected).div(factor));
  const extended = extend(line.quantity, unitPrice, head.currency);
  const step = {
    kind: "approved_price",
    ruleId: row.id,
    ruleName: `Approved by ${actor.name}`,
    before: line.unitPrice,
    after: unitPrice,
    detail: why,
  };
  await client.query(
    `update order_lines set unit_price = $2, extended_amount = $3,
            price_explanation = jsonb_set(coalesce(price_explanation, '{"waterfall":[]}'::jsonb), '{waterfall}',
              coalesce(price_explanation->'waterfall', '[]'::jsonb) || $4::jsonb)
      where id = $1`,
    [line.id, unitPrice, extended, JSON.stringify([step])],
  );
  const total = (
    await client.query(
      `update orders o set total = (select coalesce(sum(extended_amount), 0) from order_lines
                                      where order_id = o.id and status = 'open')
        where o.id = $1 returning total`,
      [orderId],
    )
  ).rows[0].total;
  await recordChange(
    client,
    orderId,
    line,
    "price_approved",
    { unitPrice: line.unitPrice },
    { unitPrice, expectedUnitPrice: expected },
    why,
    actor,
    now,
  );
  await writeEvents(
    client,
    [
      {
        topic: "order.changed",
        payload: {
          orderId,
          number: head.number,
          accountId: head.account_id,
          source: "exception",
          total,
          currency: head.currency,
          changes: [{ kind: "price_approved", lineNo: line.lineNo }],
        },
      },
    ],
    now,
  );
}

/**
 * Ship what is in stock now and let the backorder follow on the same order: the order becomes
 * ship-partial, so the other lines' ship-complete backorder holds have nothing left to decide.
 */
async function splitOrder(
  client: Queryable,
  row: LockedException,
  orderId: number,
  why: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  const before = (
    await client.query(
      `select coalesce(o.ship_policy, a.ship_policy) as policy from orders o join accounts a on a.id = o.account_id
        where o.id = $1`,
      [orderId],
    )
  ).rows[0].policy;
  await client.query("update orders set ship_policy = 'partial' where id = $1", [orderId]);
  await cancelOpenExceptions(
    client,
    { orderId, types: ["backorder"] },
    `order split (exception ${row.id})`,
    actor,
    now,
  );
  await recordChange(
    client,
    orderId,
    null,
    "split",
    { shipPolicy: before },
    { shipPolicy: "partial" },
    why,
    actor,
    now,
  );
}

async function recordChange(
  client: Queryable,
  orderId: number,
  line: { id: number; lineNo: number } | null,
  kind: string,
  before: unknown,
  after: unknown,
  why: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  await client.query(
    `insert into order_changes (order_id, order_line_id, line_no, kind, before, after, source, reason, user_id, at)
     values ($1, $2, $3, $4, $5, $6, 'exception', $7, $8, $9)`,
    [
      orderId,
      line?.id ?? null,
      line?.lineNo ?? null,
      kind,
      JSON.stringify(before),
      JSON.stringify(after),
      why,
      actor.userId,
      now,
    ],
  );
}
