// Backordered demand on open orders, per item: inbound supply serves these before a new backorder.
import type pg from "pg";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/** Statuses whose backordered lines still wait for stock. */
export const OPEN_ORDER_STATUSES = ["confirmed", "on_hold", "picking"] as const;

export async function backorderDemand(client: Queryable, itemIds: number[]): Promise<Map<number, number>> {
  const demand = new Map<number, number>();
  if (itemIds.length === 0) return demand;
  const { rows } = await client.query({
    name: "intake_backorder_demand",
    text: `select l.item_id, sum(l.backordered_quantity)::int as quantity
             from order_lines l join orders o on o.id = l.order_id
            where l.backordered_quantity > 0 and l.item_id = any($1::int[]) and o.status = any($2::text[])
            group by l.item_id`,
    values: [itemIds, OPEN_ORDER_STATUSES],
  });
  for (const r of rows) demand.set(r.item_id, r.quantity);
  return demand;
}
