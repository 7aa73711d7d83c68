// What releasing and shipping have in common once they know which allocation rows give up how
// much: the stock counters go down (allocated; on hand too when the goods leave), the stock rows
// locked in allocate.ts's (item, warehouse) order so nothing deadlocks, one ledger row per item and
// warehouse, and the allocation rows rewritten so that `allocated` equals their sum.
import type pg from "pg";

export type Taken = { itemId: number; warehouseId: number; quantity: number };
/** An allocation row and the quantity it keeps (0: deleted). */
export type RowLeft = { id: number; quantity: number };

export async function takeAllocated(
  client: pg.PoolClient,
  taken: Taken[],
  rowsLeft: RowLeft[],
  kind: "release" | "shipment",
  reference: string,
): Promise<void> {
  const sums = new Map<string, Taken>();
  for (const t of taken) {
    const key = `${t.itemId}:${t.warehouseId}`;
    const seen = sums.get(key);
    sums.set(key, { ...t, quantity: (seen?.quantity ?? 0) + t.quantity });
  }
  const list = [...sums.values()];
  if (list.length === 0) return;
  await client.query({
    text: "select 1 from stock_levels where item_id = any($1::int[]) order by item_id, warehouse_id for update",
    values: [[...new Set(list.map((s) => s.itemId))]],
  });
  const columns = [list.map((s) => s.itemId), list.map((s) => s.warehouseId), list.map((s) => s.quantity)];
  const leaves = kind === "shipment";
  const updated = await client.query({
    text: `update stock_levels s set allocated = s.allocated - t.quantity,
                  on_hand = s.on_hand - case when $4 then t.quantity else 0 end
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)
            where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id and s.allocated >= t.quantity`,
    values: [...columns, leaves],
  });
  if (updated.rowCount !== list.length) {
    throw new Error(`stock counters disagree with allocations; refusing the ${kind}`);
  }
  await client.query({
    text: `insert into stock_movements (item_id, warehouse_id, kind, on_hand_delta, allocated_delta, reference)
           select item_id, warehouse_id, $4, case when $5 then -quantity else 0 end, -quantity, $6
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)`,
    values: [...columns, kind, leaves, reference],
  });
  const deletes = rowsLeft.filter((r) => r.quantity === 0).map((r) => r.id);
  const kept = rowsLeft.filter((r) => r.quantity > 0);
  if (deletes.length) {
    await client.query({ text: "delete from allocations where id = any($1::bigint[])", values: [deletes] });
  }
  if (kept.length) {
    await client.query({
      text: `update allocations a set quantity = t.quantity
               from unnest($1::bigint[], $2::int[]) as t(id, quantity) where a.id = t.id`,
      values: [kept.map((r) => r.id), kept.map((r) => r.quantity)],
    });
  }
}
