// The records around an order change: price_discrepancy exceptions for the buyer's expected prices,
// status history rows, the replay of a request already applied, and the change history read side.
import type { Caller } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { Dec } from "../../lib/money.ts";
import { raiseException } from "../workflow/raise.ts";
import type { ChangeContext, LineRow } from "./change-lines.ts";
import type { ChangeOutcome, ChangeRequest } from "./change-order.ts";
import { priceDiscrepancy } from "./intake/rules.ts";
import type { OrderStatus } from "./status.ts";
import { recordTransition } from "./transition.ts";

export async function raiseDiscrepancies(
  ctx: ChangeContext,
  request: ChangeRequest,
  lines: LineRow[],
  now: Date,
): Promise<{ id: number; type: string; lineNo: number | null }[]> {
  if (lines.length === 0) return [];
  const policy = await ctx.client.query({
    text: "select price_tolerance_percent::text as t from pricing_policies where account_id = $1",
    values: [ctx.accountId],
  });
  const tolerance: string | null = policy.rows[0]?.t ?? null;
  const raised: { id: number; type: string; lineNo: number | null }[] = [];
  for (const l of lines) {
    if (l.status !== "open") continue;
    const d = priceDiscrepancy(l.unitPrice, l.expectedUnitPrice, tolerance);
    if (!d) continue;
    const r = await raiseException(
      ctx.client,
      {
        type: "price_discrepancy",
        summary: `${ctx.orderNumber} line ${l.lineNo} (${l.sku}): price ${l.unitPrice} expected ${l.expectedUnitPrice} (change via ${request.source})`,
        orderId: request.orderId,
        orderLineId: l.id,
        accountId: ctx.accountId,
        amount: new Dec(l.unitPrice!)
          .minus(l.expectedUnitPrice!)
          .abs()
          .times(l.quantity)
          .toDecimalPlaces(2)
          .toFixed(2),
        data: {
          ourUnitPrice: l.unitPrice,
          expectedUnitPrice: l.expectedUnitPrice,
          lineNo: l.lineNo,
          blocking: true,
          ...d,
        },
        facts: { discount_pct: d.discountPct, difference_pct: d.differencePct },
        raisedBy: { userId: null, name: "order change", role: null },
      },
      now,
    );
    raised.push({ id: r.id, type: r.type, lineNo: l.lineNo });
  }
  return raised;
}

export async function statusHistory(
  client: ChangeContext["client"],
  orderId: number,
  from: OrderStatus,
  to: OrderStatus,
  caller: Caller,
  request: ChangeRequest,
  now: Date,
  why?: string,
): Promise<void> {
  const reason = [`changed via ${request.source}`, why, request.reason].filter(Boolean).join("; ");
  await recordTransition(client, orderId, from, to, caller.userId || null, reason, now);
}

export async function replay(
  client: ChangeContext["client"],
  orderId: number,
  key: string,
): Promise<ChangeOutcome> {
  const head = (
    await client.query({ text: "select number, status, total from orders where id = $1", values: [orderId] })
  ).rows[0];
  const { rows } = await client.query({
    text: `select seq, kind, line_no as "lineNo", before, after from order_changes
            where idempotency_key = $1 order by seq`,
    values: [key],
  });
  return {
    ok: true,
    replayed: true,
    orderId,
    number: head.number,
    status: head.status,
    total: head.total,
    applied: rows,
    exceptions: [],
  };
}

/** The change history of an order, oldest first (for the order detail). */
export async function orderChangeHistory(db: Db, orderId: number) {
  const { rows } = await db.pool.query(
    `select c.id, c.kind, c.line_no as "lineNo", c.before, c.after, c.source, c.reason, c.at, u.name as "userName"
       from order_changes c left join users u on u.id = c.user_id
      where c.order_id = $1 order by c.at, c.id`,
    [orderId],
  );
  return rows;
}
