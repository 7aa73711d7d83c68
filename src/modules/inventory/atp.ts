// Available-to-promise per item and warehouse: on hand − allocated now, plus open inbound supply
// (purchase orders not yet received) by expected date. Reads only; callers pass a pool or the
// order's transaction client (then the figures are those of the transaction's snapshot).
import type pg from "pg";
import { atpTimeline, type Inbound } from "./eta.ts";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export type WarehouseAtp = {
  warehouseId: number;
  warehouseCode: string;
  onHand: number;
  allocated: number;
  available: number;
  inbound: Inbound[];
  /** Running ATP: free now plus inbound received by each date. */
  timeline: { date: string; atp: number }[];
};

export type ItemAtp = { itemId: number; sku: string; warehouses: WarehouseAtp[] };

/** Open inbound supply per item (quantity not yet received on open purchase orders). */
export async function inboundSupply(client: Queryable, itemIds: number[]): Promise<Map<number, Inbound[]>> {
  const result = new Map<number, Inbound[]>();
  if (itemIds.length === 0) return result;
  const { rows } = await client.query({
    text: `select l.item_id, coalesce(l.expected_date, p.expected_date)::text as date,
                  l.quantity - l.received_quantity as quantity, p.warehouse_id, p.number
             from purchase_order_lines l join purchase_orders p on p.id = l.purchase_order_id
            where p.status = 'open' and l.item_id = any($1::int[]) and l.quantity > l.received_quantity
            order by 2, p.id, l.id`,
    values: [itemIds],
  });
  for (const r of rows) {
    const list = result.get(r.item_id) ?? [];
    list.push({ date: r.date, quantity: r.quantity, warehouseId: r.warehouse_id, purchaseOrder: r.number });
    result.set(r.item_id, list);
  }
  return result;
}

/** ATP for each item (every warehouse that stocks it or expects it), in the order of `itemIds`. */
export async function availableToPromise(
  client: Queryable,
  itemIds: number[],
  today: string,
): Promise<ItemAtp[]> {
  if (itemIds.length === 0) return [];
  const [levels, inbound] = [
    await client.query({
      text: `select i.id as item_id, i.sku, w.id as warehouse_id, w.code,
                    coalesce(s.on_hand, 0) as on_hand, coalesce(s.allocated, 0) as allocated
               from items i cross join warehouses w
               left join stock_levels s on s.item_id = i.id and s.warehouse_id = w.id
              where i.id = any($1::int[])
              order by i.id, w.code`,
      values: [itemIds],
    }),
    await inboundSupply(client, itemIds),
  ];
  const byItem = new Map<number, ItemAtp>();
  for (const r of levels.rows) {
    const item: ItemAtp = byItem.get(r.item_id) ?? { itemId: r.item_id, sku: r.sku, warehouses: [] };
    const supply = (inbound.get(r.item_id) ?? []).filter((x) => x.warehouseId === r.warehouse_id);
    const available = r.on_hand - r.allocated;
    item.warehouses.push({
      warehouseId: r.warehouse_id,
      warehouseCode: r.code,
      onHand: r.on_hand,
      allocated: r.allocated,
      available,
      inbound: supply,
      timeline: atpTimeline(available, supply, today),
    });
    byItem.set(r.item_id, item);
  }
  return itemIds.flatMap((id) => byItem.get(id) ?? []);
}
