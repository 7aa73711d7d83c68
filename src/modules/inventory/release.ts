// Releasing allocated stock (an order line's quantity reduced or cancelled, an order cancelled).
// Same discipline as allocate.ts: inside the caller's transaction, stock rows locked in (item,
// warehouse) order so releases and allocations cannot deadlock, counters changed once per row,
// the ledger written (`release` movements), and the allocation rows reduced or deleted so that
// `stock_levels.allocated` always equals the sum of `allocations`.
import type pg from "pg";
import { type RowLeft, takeAllocated } from "./take-allocated.ts";

export type ReleaseRequest = {
  orderLineId: number;
  /** Units to release; null = everything allocated to the line. */
  quantity: number | null;
};

export type Released = { orderLineId: number; itemId: number; warehouseId: number; quantity: number };

/**
 * Releases up to `quantity` allocated units per line, taking from the line's most recent
 * allocations first (the farthest warehouses are usually allocated last). Returns what was released.
 */
export async function releaseAllocation(
  client: pg.PoolClient,
  requests: ReleaseRequest[],
  reference: string,
): Promise<Released[]> {
  if (requests.length === 0) return [];
  const lineIds = [...new Set(requests.map((r) => r.orderLineId))];
  const { rows } = await client.query({
    text: `select id, order_line_id, item_id, warehouse_id, quantity from allocations
            where order_line_id = any($1::bigint[]) order by order_line_id, id desc for update`,
    values: [lineIds],
  });
  const wanted = new Map<number, number | null>();
  for (const r of requests) {
    const seen = wanted.get(r.orderLineId);
    wanted.set(
      r.orderLineId,
      r.quantity === null || seen === null ? null : (seen ?? 0) + Math.max(0, r.quantity),
    );
  }
  const released: Released[] = [];
  const rowsLeft: RowLeft[] = [];
  for (const row of rows) {
    const lineId = Number(row.order_line_id);
    const left = wanted.get(lineId);
    if (left === 0) continue;
    const take = left === null || left === undefined ? row.quantity : Math.min(left, row.quantity);
    if (take <= 0) continue;
    if (left !== null && left !== undefined) wanted.set(lineId, left - take);
    rowsLeft.push({ id: Number(row.id), quantity: row.quantity - take });
    released.push({
      orderLineId: lineId,
      itemId: row.item_id,
      warehouseId: row.warehouse_id,
      quantity: take,
    });
  }
  await takeAllocated(client, released, rowsLeft, "release", reference);
  return released;
}
