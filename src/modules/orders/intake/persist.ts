// Decide and write: the order, its lines (unresolved and backordered ones included), allocations,
// last prices, the status transition with its history row, the exceptions (raised through the
// workflow module, so each gets an owner, a deadline and an audit trail) and the outbox events —
// all in the caller's transaction.
import type pg from "pg";
import type { Caller } from "../../../app/access.ts";
import { writeEvents } from "../../events/outbox.ts";
import { notify } from "../../notifications/notify.ts";
import { recordLastPrices } from "../../pricing/last-prices.ts";
import { raiseException } from "../../workflow/raise.ts";
import type { Actor } from "../../workflow/types.ts";
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

export type Written = {
  orderId: number;
  status: "confirmed" | "on_hold";
  exceptions: RaisedSummary[];
  events: string[];
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
  const order = await client.query({
    text: `insert into orders (number, account_id, ship_to_id, po_number, channel, status, currency, ordered_at,
                               requested_ship_date, requested_delivery_date, total, line_count, notes, rep_id,
                               created_by, idempotency_key, request_hash)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
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
      evaluation.lines.length,
      request.notes ?? null,
      account.repId,
      caller.userId,
      context.idempotencyKey,
      context.requestHash,
    ],
  });
  const orderId: number = order.rows[0].id;
  const lines = evaluation.lines;
  const inserted = await client.query({
    text: `insert into order_lines (order_id, line_no, item_id, quantity, unit_price, extended_amount, unit_cost,
                                    price_explanation, requested, expected_unit_price, backordered_quantity,
                                    backorder_eta)
           select $1, * from unnest($2::int[], $3::int[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[],
                                    $8::jsonb[], $9::jsonb[], $10::numeric[], $11::int[], $12::date[])
           returning id, line_no`,
    values: [
      orderId,
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
    ],
  });
  const lineIds = new Map<number, number>(inserted.rows.map((r) => [r.line_no, Number(r.id)]));

  const allocationRows = lines.flatMap((l) =>
    l.allocations.map((a) => ({ lineId: lineIds.get(l.lineNo)!, itemId: l.itemId!, ...a })),
  );
  if (allocationRows.length) {
    await client.query({
      text: `insert into allocations (order_line_id, item_id, warehouse_id, quantity)
             select * from unnest($1::bigint[], $2::int[], $3::int[], $4::int[])`,
      values: [
        allocationRows.map((r) => r.lineId),
        allocationRows.map((r) => r.itemId),
        allocationRows.map((r) => r.warehouseId),
        allocationRows.map((r) => r.quantity),
      ],
    });
  }
  const paid = lines.flatMap((l) =>
    l.itemId !== null && l.unitPrice !== null ? [{ itemId: l.itemId, unitPrice: l.unitPrice }] : [],
  );
  if (paid.length) {
    await recordLastPrices(client, account.id, evaluation.currency, context.number, context.today, paid);
  }

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

  const blocking = raised.filter((e) => e.blocking).map((e) => e.type);
  await client.query({
    text: `insert into order_status_history (order_id, from_status, to_status, user_id, reason, at)
           values ($1, null, $2, $3, $4, $5)`,
    values: [
      orderId,
      status,
      caller.userId,
      status === "on_hold"
        ? `created via ${request.channel}; held: ${[...new Set(blocking)].join(", ")}`
        : `created via ${request.channel}; stock allocated`,
      now,
    ],
  });

  const payload = {
    orderId,
    number: context.number,
    accountId: account.id,
    channel: request.channel,
    poNumber: request.poNumber ?? null,
    status,
    total: evaluation.total,
    currency: evaluation.currency,
    promiseDate: evaluation.promiseDate,
  };
  const events: { topic: string; payload: Record<string, unknown> }[] = [
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
  await writeEvents(client, events, now);
  return { orderId, status, exceptions: raised, events: events.map((e) => e.topic) };
}
