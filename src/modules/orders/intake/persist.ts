// Decide and write: the order, its lines (unresolved and backordered ones included), the stock
// counters with their movements and the allocation rows, last prices, the status transition with its
// history row, the exceptions (raised through the workflow module, so each gets an owner, a deadline
// and an audit trail) and the outbox events — all in the caller's transaction, and all but the
// exceptions (and then the events that name them) in ONE statement built from each module's SQL.
import type pg from "pg";
import type { Caller } from "../../../app/access.ts";
import { type OutboxEvent, outboxColumns, outboxInsertSql, writeEvents } from "../../events/outbox.ts";
import { allocationCtes, assertAllocated, stockDeltaColumns } from "../../inventory/allocate.ts";
import { notify } from "../../notifications/notify.ts";
import { lastPaidColumns, lastPricesUpsertSql } from "../../pricing/last-prices.ts";
import { raiseException } from "../../workflow/raise.ts";
import type { Actor } from "../../workflow/types.ts";
import { SHIP_TO_JSON_SQL } from "../queries.ts";
import { assertTransition } from "../status.ts";
import type { Evaluation } from "./evaluate.ts";
import type { OrderRequest } from "./request.ts";
import type { Resolved } from "./resolve.ts";
import { decideStatus } from "./rules.ts";

/** Exceptions raised by intake are raised by the system, not by whoever keyed the order. */
const INTAKE_ACTOR: Actor = { userId: null, name: "intake", role: null };

export type RaisedSummary = {
  id: number;
  type: string;
  summary: string;
  blocking: boolean;
  lineNo: number | null;
  ownerRole: string | null;
  ownerUserId: number | null;
  deadline: string;
  approvalRole: string | null;
};

/** What the write returned that the new order's detail needs besides the evaluation (created-detail.ts). */
export type CreatedRows = {
  orderId: number;
  number: string;
  accountName: string;
  orderedAt: Date;
  createdByName: string | null;
  shipTo: Record<string, unknown>;
  /** As the columns hold them (numerics at their scale). */
  lines: {
    lineNo: number;
    id: number;
    unitPrice: string | null;
    extendedAmount: string | null;
    expectedUnitPrice: string | null;
  }[];
  warehouses: Map<number, { code: string; name: string }>;
  events: { id: number; topic: string }[];
  historyReason: string;
  request: OrderRequest;
  items: Evaluation["items"];
};

export type Written = {
  orderId: number;
  status: "confirmed" | "on_hold";
  exceptions: RaisedSummary[];
  events: string[];
  created: CreatedRows;
};

export async function writeOrder(
  client: pg.PoolClient,
  request: OrderRequest,
  resolved: Resolved,
  evaluation: Evaluation,
  context: {
    caller: Caller;
    number: string;
    today: string;
    now: Date;
    idempotencyKey: string | null;
    requestHash: string;
  },
): Promise<Written> {
  const { account } = resolved;
  const { now, caller } = context;
  const status = decideStatus(evaluation.exceptions);
  assertTransition(null, status);
  const lines = evaluation.lines;
  const allocationRows = lines.flatMap((l) =>
    l.allocations.map((a) => ({ lineNo: l.lineNo, itemId: l.itemId!, ...a })),
  );
  // Known before the exceptions are raised: each raised exception keeps its planned `blocking`.
  const blockingTypes = [...new Set(evaluation.exceptions.filter((e) => e.blocking).map((e) => e.type))];
  // orderId joins in the statement that inserts the order (outboxInsertSql), or below.
  const basePayload = {
    number: context.number,
    accountId: account.id,
    channel: request.channel,
    poNumber: request.poNumber ?? null,
    status,
    total: evaluation.total,
    currency: evaluation.currency,
    promiseDate: evaluation.promiseDate,
  };
  const reason =
    status === "on_hold"
      ? `created via ${request.channel}; held: ${blockingTypes.join(", ")}`
      : `created via ${request.channel}; stock allocated`;
  const paid = lines.flatMap((l) =>
    l.itemId !== null && l.unitPrice !== null ? [{ itemId: l.itemId, unitPrice: l.unitPrice }] : [],
  );
  // With no exceptions the events go with the order; a held order's name its exceptions (below).
  const eventsNow = evaluation.exceptions.length === 0 ? orderEvents(status, basePayload, lines, []) : [];
  // The lines join the order's new id, the allocations their line's by line_no; the counters change
  // only where the conditional update allows (rows locked by state.ts), counted and checked below.
  const written = await client.query({
    name: "intake_write_order",
    text: `with ${allocationCtes("$34", "$35", "$36", "$1")}, o as (
             insert into orders (number, account_id, ship_to_id, po_number, channel, status, currency, ordered_at,
                                 requested_ship_date, requested_delivery_date, total, line_count, notes, rep_id,
                                 created_by, idempotency_key, request_hash)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id
           ), l as (
             insert into order_lines (order_id, line_no, item_id, quantity, unit_price, extended_amount, unit_cost,
                                      price_explanation, requested, expected_unit_price, backordered_quantity,
                                      backorder_eta)
             select o.id, t.* from o cross join unnest($18::int[], $19::int[], $20::int[], $21::numeric[],
                                      $22::numeric[], $23::numeric[], $24::jsonb[], $25::jsonb[], $26::numeric[],
                                      $27::int[], $28::date[]) as t
             returning id, line_no, unit_price, extended_amount, expected_unit_price
           ), a as (
             insert into allocations (order_line_id, item_id, warehouse_id, quantity)
             select l.id, t.item_id, t.warehouse_id, t.quantity
               from unnest($29::int[], $30::int[], $31::int[], $32::int[]) as t(line_no, item_id, warehouse_id, quantity)
               join l on l.line_no = t.line_no
           ), h as (
             insert into order_status_history (order_id, from_status, to_status, user_id, reason, at)
             select o.id, null, $6, $15, $33, $8 from o
           ), lp as (
             ${lastPricesUpsertSql("$2", "$7", "$37", "$1", "$38", "$39")}
           ), ev as (
             ${outboxInsertSql("$40", "$41", "$8", "o")} returning id, topic
           )
           select o.id, (select count(*)::int from stock_allocated) as stock_rows,
                  -- What the response needs (created-detail.ts), as the order detail would read it.
                  (select json_agg(json_build_array(l.line_no, l.id, l.unit_price::text, l.extended_amount::text,
                                                    l.expected_unit_price::text)) from l) as lines,
                  (select json_agg(json_build_array(ev.id, ev.topic) order by ev.id) from ev) as events,
                  (select json_agg(json_build_array(w.id, w.code, w.name)) from warehouses w
                    where w.id = any($31::int[])) as warehouses,
                  (select name from users where id = $15) as created_by_name,
                  (select ${SHIP_TO_JSON_SQL} from ship_tos s where s.id = $3) as ship_to
             from o`,
    values: [
      context.number,
      account.id,
      resolved.shipTo.id,
      request.poNumber ?? null,
      request.channel,
      status,
      evaluation.currency,
      now,
      request.requestedShipDate ?? null,
      request.requestedDeliveryDate ?? null,
      evaluation.total,
      lines.length,
      request.notes ?? null,
      account.repId,
      caller.userId,
      context.idempotencyKey,
      context.requestHash,
      lines.map((l) => l.lineNo),
      lines.map((l) => l.itemId),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice),
      lines.map((l) => l.extendedAmount),
      lines.map((l) => l.unitCost),
      lines.map((l) =>
        l.resolved
          ? JSON.stringify({ waterfall: l.waterfall, warnings: l.warnings, lastPaid: l.lastPaid })
          : null,
      ),
      lines.map((l) => JSON.stringify(request.lines[l.lineNo - 1])),
      lines.map((l) => l.expectedUnitPrice),
      lines.map((l) => l.backorderedQuantity),
      lines.map((l) => l.backorderEta),
      allocationRows.map((r) => r.lineNo),
      allocationRows.map((r) => r.itemId),
      allocationRows.map((r) => r.warehouseId),
      allocationRows.map((r) => r.quantity),
      reason,
      ...stockDeltaColumns(evaluation.stock),
      context.today,
      ...lastPaidColumns(paid),
      ...outboxColumns(eventsNow),
    ],
  });
  const row = written.rows[0];
  assertAllocated(row.stock_rows, evaluation.stock);
  const orderId: number = row.id;
  const lineRows = (row.lines ?? []) as [number, number, string | null, string | null, string | null][];
  const lineIds = new Map<number, number>(lineRows.map(([lineNo, id]) => [lineNo, Number(id)]));

  const raised: RaisedSummary[] = [];
  for (const e of evaluation.exceptions) {
    const r = await raiseException(
      client,
      {
        type: e.type,
        summary: e.summary,
        orderId,
        orderLineId: e.lineNo === null ? null : (lineIds.get(e.lineNo) ?? null),
        accountId: account.id,
        amount: e.amount,
        data: { ...e.data, orderNumber: context.number, lineNo: e.lineNo, blocking: e.blocking },
        ...(e.facts ? { facts: e.facts } : {}),
        raisedBy: INTAKE_ACTOR,
      },
      now,
    );
    raised.push({
      id: r.id,
      type: r.type,
      summary: r.summary,
      blocking: e.blocking,
      lineNo: e.lineNo,
      ownerRole: r.ownerRole,
      ownerUserId: r.ownerUserId,
      deadline: r.deadline,
      approvalRole: r.approvalRole,
    });
  }
  // A credit hold also tells the account's rep (when the rep signs in to Wholesail).
  const creditHold = raised.find((e) => e.type === "credit_hold");
  if (creditHold && account.repUserId !== null && account.repUserId !== creditHold.ownerUserId) {
    await notify(
      client,
      {
        userId: account.repUserId,
        kind: "order.credit_hold",
        title: `Credit hold: ${context.number} for ${account.name}`,
        body: creditHold.summary,
        link: `/desk/orders/${orderId}`,
        data: { orderId, exceptionId: creditHold.id },
      },
      now,
    );
  }

  const events = eventsNow.length
    ? ((row.events ?? []) as [number, string][]).map(([id, topic]) => ({ id, topic }))
    : await writeEvents(client, orderEvents(status, { orderId, ...basePayload }, lines, raised), now);
  return {
    orderId,
    status,
    exceptions: raised,
    events: events.map((e) => e.topic),
    created: {
      orderId,
      number: context.number,
      accountName: account.name,
      orderedAt: now,
      createdByName: row.created_by_name,
      shipTo: row.ship_to,
      lines: lineRows.map(([lineNo, id, unitPrice, extendedAmount, expectedUnitPrice]) => ({
        lineNo,
        id: Number(id),
        unitPrice,
        extendedAmount,
        expectedUnitPrice,
      })),
      warehouses: new Map(
        ((row.warehouses ?? []) as [number, string, string][]).map(([id, code, name]) => [
          id,
          { code, name },
        ]),
      ),
      events,
      historyReason: reason,
      request,
      items: evaluation.items,
    },
  };
}

/** order.confirmed or order.held (naming its exceptions), and order.backordered when lines are short. */
function orderEvents(
  status: "confirmed" | "on_hold",
  payload: Record<string, unknown>,
  lines: Evaluation["lines"],
  raised: RaisedSummary[],
): OutboxEvent[] {
  const events: OutboxEvent[] = [
    status === "confirmed"
      ? { topic: "order.confirmed", payload }
      : {
          topic: "order.held",
          payload: { ...payload, exceptions: raised.map((e) => ({ id: e.id, type: e.type })) },
        },
  ];
  const short = lines.filter((l) => l.backorderedQuantity > 0);
  if (short.length) {
    events.push({
      topic: "order.backordered",
      payload: {
        ...payload,
        lines: short.map((l) => ({
          lineNo: l.lineNo,
          sku: l.sku,
          backordered: l.backorderedQuantity,
          eta: l.backorderEta,
        })),
      },
    });
  }
  return events;
}
