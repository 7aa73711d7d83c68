// Received stock goes first to the backorders waiting for it: open orders' backordered lines of the
// received items, oldest order first, allocated from the receiving warehouse in the receiving
// transaction (so no new order can take the stock first). A line filled in full closes its backorder
// and substitution exceptions (with an audit entry); an order held only by them is released. Each
// order that got stock gets an `order.backorder_allocated` event (its EDI/email status updates).
import type pg from "pg";
import { writeEvents } from "../events/outbox.ts";
import { allocateAvailable } from "../inventory/allocate.ts";
import { cancelOpenExceptions } from "../workflow/resolve.ts";
import type { Actor } from "../workflow/types.ts";
import { insertAllocations } from "./change-lines.ts";
import { OPEN_ORDER_STATUSES } from "./intake/backorders.ts";
import { releaseIfClear } from "./release-hold.ts";

type WaitingLine = {
  id: number;
  orderId: number;
  number: string;
  lineNo: number;
  itemId: number;
  sku: string;
  backordered: number;
};

/**
 * Locks the orders whose open lines wait for any of `skus` (in id order, as order changes lock an
 * order before its stock: call this BEFORE the receipt touches the stock rows). Oldest order first.
 */
export async function lockWaitingBackorders(client: pg.PoolClient, skus: string[]): Promise<WaitingLine[]> {
  const { rows } = await client.query(
    `select l.id, l.order_id, o.number, o.ordered_at, l.line_no, l.item_id, i.sku, l.backordered_quantity
       from orders o join order_lines l on l.order_id = o.id join items i on i.id = l.item_id
      where i.sku = any($1::text[]) and l.backordered_quantity > 0 and l.status = 'open'
        and o.status = any($2::text[])
      order by o.id for update of o`,
    [skus, OPEN_ORDER_STATUSES],
  );
  return rows
    .sort(
      (a, b) =>
        a.ordered_at - b.ordered_at || Number(a.order_id) - Number(b.order_id) || a.line_no - b.line_no,
    )
    .map((r) => ({
      id: Number(r.id),
      orderId: Number(r.order_id),
      number: r.number,
      lineNo: r.line_no,
      itemId: r.item_id,
      sku: r.sku,
      backordered: r.backordered_quantity,
    }));
}

export type FilledOrder = {
  orderId: number;
  number: string;
  status: string;
  lines: { lineNo: number; sku: string; allocated: number; stillBackordered: number }[];
};

/** Allocates what `warehouseId` now has free to `waiting` (in their order); see the file comment. */
export async function fillBackorders(
  client: pg.PoolClient,
  waiting: WaitingLine[],
  warehouseId: number,
  reference: string,
  actor: Actor,
  now: Date,
): Promise<FilledOrder[]> {
  if (waiting.length === 0) return [];
  const plan = await allocateAvailable(
    client,
    waiting.map((l) => ({ itemId: l.itemId, sku: l.sku, quantity: l.backordered })),
    [warehouseId],
    reference,
  );
  const filled = new Map<number, FilledOrder>();
  for (const [i, line] of waiting.entries()) {
    const allocated = line.backordered - plan.backordered[i];
    if (allocated === 0) continue;
    await insertAllocations(client, line.id, line.itemId, plan.perLine[i]);
    const rest = plan.backordered[i];
    await client.query(
      `update order_lines set backordered_quantity = $2, backorder_eta = case when $2 = 0 then null else backorder_eta end
        where id = $1`,
      [line.id, rest],
    );
    if (rest === 0) {
      await cancelOpenExceptions(
        client,
        {
          orderId: line.orderId,
          orderLineIds: [line.id],
          types: ["backorder", "substitution_awaiting_customer"],
        },
        `backorder filled: stock received (${reference})`,
        actor,
        now,
      );
    }
    const order = filled.get(line.orderId) ?? {
      orderId: line.orderId,
      number: line.number,
      status: "",
      lines: [],
    };
    order.lines.push({ lineNo: line.lineNo, sku: line.sku, allocated, stillBackordered: rest });
    filled.set(line.orderId, order);
  }
  for (const order of filled.values()) {
    order.status = await releaseIfClear(client, order.orderId, actor, `backorder filled (${reference})`, now);
  }
  await writeEvents(
    client,
    [...filled.values()].map((o) => ({
      topic: "order.backorder_allocated",
      payload: { orderId: o.orderId, number: o.number, reference, lines: o.lines },
    })),
    now,
  );
  return [...filled.values()];
}
