// Stock allocation. The counters change only here, inside the caller's (the order's) transaction,
// through a conditional UPDATE: under concurrency PostgreSQL re-checks the WHERE clause against the
// latest committed row, so two orders can never both take the last units. The CHECK constraint on
// stock_levels is the backstop.
import type pg from "pg";
import { DomainError } from "../../lib/errors.ts";
import {
  type LineAllocation,
  type LineRequest,
  type PartialPlan,
  planAllocation,
  planPartialAllocation,
} from "./plan-allocation.ts";

export type { LineAllocation, LineRequest } from "./plan-allocation.ts";

/**
 * Which warehouses serve first: their ids in that order, or the point to ship to (nearest first,
 * ordered in the statement that locks the stock rows: no round trip of its own).
 */
export type WarehouseOrder = number[] | { latitude: string | null; longitude: string | null };

/**
 * Allocates stock for an order's lines (see planAllocation for which warehouse serves what).
 * Throws INSUFFICIENT_STOCK when the warehouses together cannot fill an item; the caller's
 * transaction then rolls back. Two round trips whatever the line count: lock the candidate rows
 * (in item, warehouse order, so concurrent orders cannot deadlock), then one conditional UPDATE
 * that also writes the movement ledger.
 * Returns each line's allocations, in the order of `lines`.
 */
export async function allocateStock(
  client: pg.PoolClient,
  lines: LineRequest[],
  order: WarehouseOrder,
  reference: string,
): Promise<LineAllocation[][]> {
  const { available, warehouseOrder } = await lockAvailable(client, lines, order);
  const plan = planAllocation(lines, available, warehouseOrder);
  if (!plan.ok) {
    throw new DomainError("INSUFFICIENT_STOCK", `Not enough stock of ${plan.shortage.sku}`, {
      ...plan.shortage,
    });
  }
  await applyAllocation(client, lines, plan.perLine, reference);
  return plan.perLine;
}

/**
 * Allocates what the warehouses have and reports the rest as backordered per line (see
 * planPartialAllocation). Same locking and conditional update as allocateStock.
 */
export async function allocateAvailable(
  client: pg.PoolClient,
  lines: LineRequest[],
  order: WarehouseOrder,
  reference: string,
): Promise<PartialPlan & { availableBefore: Map<string, number> }> {
  const { available, warehouseOrder } = await lockAvailable(client, lines, order);
  const plan = planPartialAllocation(lines, available, warehouseOrder);
  await applyAllocation(client, lines, plan.perLine, reference);
  return { ...plan, availableBefore: available };
}

/**
 * Locks the lines' stock rows (item, warehouse order: no deadlocks); free units by `item:warehouse`.
 * Given a point, the same statement orders the warehouses by distance from it (each row carries the
 * order; with no stock row at all nothing can be allocated, so no order is needed).
 */
async function lockAvailable(
  client: pg.PoolClient,
  lines: LineRequest[],
  order: WarehouseOrder,
): Promise<{ available: Map<string, number>; warehouseOrder: number[] }> {
  const itemIds = [...new Set(lines.map((l) => l.itemId))];
  const near = !Array.isArray(order);
  const locked = near
    ? await client.query({
        name: "lock_stock_levels_near",
        text: `select item_id, warehouse_id, on_hand - allocated as available,
                      (select array_agg(id order by ${distanceSql("$2", "$3")}, id) from warehouses) as warehouse_order
                 from stock_levels where item_id = any($1::int[]) order by item_id, warehouse_id for update`,
        values: [itemIds, order.latitude, order.longitude],
      })
    : await client.query({
        name: "lock_stock_levels",
        text: `select item_id, warehouse_id, on_hand - allocated as available from stock_levels
                where item_id = any($1::int[]) order by item_id, warehouse_id for update`,
        values: [itemIds],
      });
  const available = new Map<string, number>();
  for (const row of locked.rows) available.set(`${row.item_id}:${row.warehouse_id}`, row.available);
  return { available, warehouseOrder: near ? (locked.rows[0]?.warehouse_order ?? []) : order };
}

async function applyAllocation(
  client: pg.PoolClient,
  lines: LineRequest[],
  perLine: LineAllocation[][],
  reference: string,
): Promise<void> {
  // Sum per item and warehouse: the counters change once per row.
  const sums = new Map<string, { itemId: number; warehouseId: number; quantity: number }>();
  perLine.forEach((allocations, i) => {
    for (const a of allocations) {
      const key = `${lines[i].itemId}:${a.warehouseId}`;
      const seen = sums.get(key);
      sums.set(key, {
        itemId: lines[i].itemId,
        warehouseId: a.warehouseId,
        quantity: (seen?.quantity ?? 0) + a.quantity,
      });
    }
  });
  const rows = [...sums.values()];
  if (rows.length === 0) return;
  const columns = [rows.map((a) => a.itemId), rows.map((a) => a.warehouseId), rows.map((a) => a.quantity)];
  // Still conditional: the rows are locked, but the WHERE (and the CHECK) make oversell impossible
  // even if a future caller forgets the lock. The ledger rows come from the same statement (one round
  // trip): only rows the UPDATE really changed get a movement.
  const updated = await client.query({
    name: "allocate_stock_with_movements",
    text: `with u as (
             update stock_levels s set allocated = s.allocated + t.quantity
               from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)
              where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id and s.on_hand - s.allocated >= t.quantity
             returning s.item_id, s.warehouse_id, t.quantity
           ), m as (
             insert into stock_movements (item_id, warehouse_id, kind, allocated_delta, reference)
             select item_id, warehouse_id, 'allocation', quantity, $4 from u
           )
           select count(*)::int as n from u`,
    values: [...columns, reference],
  });
  // Throwing rolls back the caller's transaction, movements included.
  if (updated.rows[0].n !== rows.length)
    throw new Error("stock changed under a row lock; refusing to allocate");
}

export async function availableByWarehouse(
  client: pg.PoolClient | pg.Pool,
  itemId: number,
): Promise<{ warehouseId: number; available: number }[]> {
  const result = await client.query(
    `select warehouse_id as "warehouseId", on_hand - allocated as available from stock_levels where item_id = $1`,
    [itemId],
  );
  return result.rows;
}

/**
 * Great-circle distance (haversine) from the point in parameters `lat`, `lon`; float is fine for
 * distance, never for money. Null coordinates give null for every warehouse (then the order is by id).
 */
const distanceSql = (
  lat: string,
  lon: string,
) => `asin(sqrt(power(sin(radians(latitude - ${lat}::float8) / 2), 2)
  + cos(radians(${lat}::float8)) * cos(radians(latitude)) * power(sin(radians(longitude - ${lon}::float8) / 2), 2)))`;

/** Warehouse ids ordered by great-circle distance from a point (nearest first). */
export async function warehousesByDistance(
  client: pg.PoolClient | pg.Pool,
  latitude: string | null,
  longitude: string | null,
): Promise<number[]> {
  if (latitude === null || longitude === null) {
    return (await client.query("select id from warehouses order by id")).rows.map((r) => r.id);
  }
  // Haversine in SQL keeps this one round trip.
  const result = await client.query(`select id from warehouses order by ${distanceSql("$1", "$2")}, id`, [
    latitude,
    longitude,
  ]);
  return result.rows.map((r) => r.id);
}
