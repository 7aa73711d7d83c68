// Releasing allocated stock (an order line's quantity reduced or cancelled, an order cancelled).
// Same discipline as allocate.ts: inside the caller's transaction, stock rows locked in (item,
// warehouse) order so releases and allocations cannot deadlock, counters changed once per row,
// the ledger written (`release` movements), and the allocation rows reduced or deleted so that
// `stock_levels.allocated` always equals the sum of `allocations`.
import type pg from "pg";

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
  const deletes: number[] = [];
  const reductions: { id: number; quantity: number }[] = [];
  for (const row of rows) {
    const lineId = Number(row.order_line_id);
    const left = wanted.get(lineId);
    if (left === 0) continue;
    const take = left === null || left === undefined ? row.quantity : Math.min(left, row.quantity);
    if (take <= 0) continue;
    if (left !== null && left !== undefined) wanted.set(lineId, left - take);
    if (take === row.quantity) deletes.push(Number(row.id));
    else reductions.push({ id: Number(row.id), quantity: take });
    released.push({
      orderLineId: lineId,
      itemId: row.item_id,
      warehouseId: row.warehouse_id,
      quantity: take,
    });
  }
  if (released.length === 0) return released;

  // Sum per item and warehouse; lock the stock rows in allocate.ts's order before changing them.
  const sums = new Map<string, { itemId: number; warehouseId: number; quantity: number }>();
  for (const r of released) {
    const key = `${r.itemId}:${r.warehouseId}`;
    const seen = sums.get(key);
    sums.set(key, {
      itemId: r.itemId,
      warehouseId: r.warehouseId,
      quantity: (seen?.quantity ?? 0) + r.quantity,
    });
  }
  const list = [...sums.values()];
  await client.query({
    text: `select 1 from stock_levels where item_id = any($1::int[]) order by item_id, warehouse_id for update`,
    values: [[...new Set(list.map((s) => s.itemId))]],
  });
  const columns = [list.map((s) => s.itemId), list.map((s) => s.warehouseId), list.map((s) => s.quantity)];
  const updated = await client.query({
    text: `update stock_levels s set allocated = s.allocated - t.quantity
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)
            where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id and s.allocated >= t.quantity`,
    values: columns,
  });
  if (updated.rowCount !== list.length)
    throw new Error("stock counters disagree with allocations; refusing to release");
  await client.query({
    text: `insert into stock_movements (item_id, warehouse_id, kind, allocated_delta, reference)
           select item_id, warehouse_id, 'release', -quantity, $4
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)`,
    values: [...columns, reference],
  });
  if (deletes.length) {
    await client.query({ text: "delete from allocations where id = any($1::bigint[])", values: [deletes] });
  }
  if (reductions.length) {
    await client.query({
      text: `update allocations a set quantity = a.quantity - t.quantity
               from unnest($1::bigint[], $2::int[]) as t(id, quantity) where a.id = t.id`,
      values: [reductions.map((r) => r.id), reductions.map((r) => r.quantity)],
    });
  }
  return released;
}
