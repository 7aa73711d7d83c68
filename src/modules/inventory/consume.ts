// Shipping consumes allocated stock: the allocation rows at the shipping warehouse shrink, and
// on hand and allocated go down together (a `shipment` movement in the ledger), in the caller's
// transaction with the stock rows locked in allocate.ts's order — so counters always equal the
// sum of allocations and nothing shipped was ever free to sell.
import type pg from "pg";

export type Pick = { orderLineId: number; warehouseId: number; quantity: number };
export type Consumed = Pick & { itemId: number };

/** Consumes exactly the picks (throws if a line has less allocated at that warehouse). */
export async function consumeAllocation(
  client: pg.PoolClient,
  picks: Pick[],
  reference: string,
): Promise<Consumed[]> {
  if (picks.length === 0) return [];
  const { rows } = await client.query({
    text: `select id, order_line_id, item_id, warehouse_id, quantity from allocations
            where order_line_id = any($1::bigint[]) order by order_line_id, warehouse_id, id for update`,
    values: [[...new Set(picks.map((p) => p.orderLineId))]],
  });
  const consumed: Consumed[] = [];
  for (const pick of picks) {
    let left = pick.quantity;
    for (const row of rows) {
      if (left === 0) break;
      if (Number(row.order_line_id) !== pick.orderLineId || row.warehouse_id !== pick.warehouseId) continue;
      if (row.quantity === 0) continue;
      const take = Math.min(left, row.quantity);
      row.quantity -= take;
      row.touched = true;
      left -= take;
    }
    if (left > 0) {
      throw new Error(
        `order line ${pick.orderLineId} has ${pick.quantity - left} allocated there, not ${pick.quantity}`,
      );
    }
    const itemId = rows.find((r) => Number(r.order_line_id) === pick.orderLineId)!.item_id;
    consumed.push({ ...pick, itemId });
  }

  // Several picks may draw on one allocation row: write each row's final quantity once.
  const touched = rows.filter((r) => r.touched);
  const deletes = touched.filter((r) => r.quantity === 0).map((r) => Number(r.id));
  const remaining = touched.filter((r) => r.quantity > 0);
  const sums = new Map<string, { itemId: number; warehouseId: number; quantity: number }>();
  for (const c of consumed) {
    const key = `${c.itemId}:${c.warehouseId}`;
    const seen = sums.get(key);
    sums.set(key, {
      itemId: c.itemId,
      warehouseId: c.warehouseId,
      quantity: (seen?.quantity ?? 0) + c.quantity,
    });
  }
  const list = [...sums.values()];
  await client.query({
    text: "select 1 from stock_levels where item_id = any($1::int[]) order by item_id, warehouse_id for update",
    values: [[...new Set(list.map((s) => s.itemId))]],
  });
  const columns = [list.map((s) => s.itemId), list.map((s) => s.warehouseId), list.map((s) => s.quantity)];
  const updated = await client.query({
    text: `update stock_levels s set on_hand = s.on_hand - t.quantity, allocated = s.allocated - t.quantity
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)
            where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id and s.allocated >= t.quantity`,
    values: columns,
  });
  if (updated.rowCount !== list.length)
    throw new Error("stock counters disagree with allocations; refusing to ship");
  await client.query({
    text: `insert into stock_movements (item_id, warehouse_id, kind, on_hand_delta, allocated_delta, reference)
           select item_id, warehouse_id, 'shipment', -quantity, -quantity, $4
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)`,
    values: [...columns, reference],
  });
  if (deletes.length) {
    await client.query({ text: "delete from allocations where id = any($1::bigint[])", values: [deletes] });
  }
  if (remaining.length) {
    await client.query({
      text: `update allocations a set quantity = t.quantity
               from unnest($1::bigint[], $2::int[]) as t(id, quantity) where a.id = t.id`,
      values: [remaining.map((r) => Number(r.id)), remaining.map((r) => r.quantity)],
    });
  }
  return consumed;
}
