// Shipping consumes allocated stock: the allocation rows at the shipping warehouse shrink, and
// on hand and allocated go down together (a `shipment` movement in the ledger; take-allocated.ts),
// in the caller's transaction — so counters always equal the sum of allocations and nothing shipped
// was ever free to sell.
import type pg from "pg";
import { takeAllocated } from "./take-allocated.ts";

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

  // Several picks may draw on one allocation row: each row's final quantity is written once.
  const rowsLeft = rows.filter((r) => r.touched).map((r) => ({ id: Number(r.id), quantity: r.quantity }));
  await takeAllocated(client, consumed, rowsLeft, "shipment", reference);
  return consumed;
}
