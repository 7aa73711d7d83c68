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
  type Shortage,
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
  if (!plan.ok) throw insufficientStock(plan.shortage);
  await applyAllocation(client, lines, plan.perLine, reference);
  return plan.perLine;
}

export function insufficientStock(shortage: Shortage): DomainError {
  return new DomainError("INSUFFICIENT_STOCK", `Not enough stock of ${shortage.sku}`, { ...shortage });
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
        text: `with locked as (${lockStockRowsSql("$1")})
               select locked.*, (${warehousesByDistanceSql("$2", "$3")}) as warehouse_order from locked`,
        values: [itemIds, order.latitude, order.longitude],
      })
    : await client.query({ name: "lock_stock_levels", text: lockStockRowsSql("$1"), values: [itemIds] });
  return {
    available: availableOf(locked.rows),
    warehouseOrder: near ? (locked.rows[0]?.warehouse_order ?? []) : order,
  };
}

// The pieces of the two statements above and below, for a caller that folds them into a statement of
// its own (intake reads the locked stock with its other reads, and writes the allocation with the
// order: fewer round trips). Placeholders are the caller's (`$n`).

/**
 * The stock rows of the item ids in `itemIds` (an int[] placeholder), locked FOR UPDATE in item,
 * warehouse order (no deadlocks); columns item_id, warehouse_id, available. Under a row lock
 * PostgreSQL re-reads each row's latest committed version, whatever the statement's snapshot.
 */
export function lockStockRowsSql(itemIds: string): string {
  return `select item_id, warehouse_id, on_hand - allocated as available from stock_levels
           where item_id = any(${itemIds}::int[]) order by item_id, warehouse_id for update`;
}

/** An int[] of warehouse ids, nearest first from the point (`lat`, `lon` placeholders), then by id. */
export function warehousesByDistanceSql(lat: string, lon: string): string {
  return `select array_agg(id order by ${distanceSql(lat, lon)}, id) from warehouses`;
}

/** Free units by `item:warehouse` from rows of lockStockRowsSql. */
export function availableOf(rows: { item_id: number; warehouse_id: number; available: number }[]) {
  const available = new Map<string, number>();
  for (const row of rows) available.set(`${row.item_id}:${row.warehouse_id}`, row.available);
  return available;
}

/** A planned allocation summed per item and warehouse: each counter changes once. */
export type StockDelta = { itemId: number; warehouseId: number; quantity: number };

export function stockDeltas(lines: readonly { itemId: number }[], perLine: LineAllocation[][]): StockDelta[] {
  const sums = new Map<string, StockDelta>();
  perLine.forEach((allocations, i) => {
    for (const a of allocations) {
      const key = `${lines[i].itemId}:${a.warehouseId}`;
      const seen = sums.get(key);
      if (seen) seen.quantity += a.quantity;
      else sums.set(key, { itemId: lines[i].itemId, warehouseId: a.warehouseId, quantity: a.quantity });
    }
  });
  return [...sums.values()];
}

/** The three arrays (item ids, warehouse ids, quantities) allocationCtes unnests. */
export function stockDeltaColumns(deltas: readonly StockDelta[]): [number[], number[], number[]] {
  return [deltas.map((d) => d.itemId), deltas.map((d) => d.warehouseId), deltas.map((d) => d.quantity)];
}

/**
 * Two CTEs, `stock_allocated` and `stock_allocation_movements`: the conditional counter update
 * (still conditional under the row lock: the WHERE and the CHECK make oversell impossible even if a
 * caller forgets the lock) and the ledger rows of exactly the rows it changed. `(select count(*) from
 * stock_allocated)` must equal the number of deltas: pass it to assertAllocated.
 */
export function allocationCtes(
  items: string,
  warehouses: string,
  quantities: string,
  reference: string,
): string {
  return `stock_allocated as (
             update stock_levels s set allocated = s.allocated + t.quantity
               from unnest(${items}::int[], ${warehouses}::int[], ${quantities}::int[]) as t(item_id, warehouse_id, quantity)
              where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id and s.on_hand - s.allocated >= t.quantity
             returning s.item_id, s.warehouse_id, t.quantity
           ), stock_allocation_movements as (
             insert into stock_movements (item_id, warehouse_id, kind, allocated_delta, reference)
             select item_id, warehouse_id, 'allocation', quantity, ${reference} from stock_allocated
           )`;
}

/** Throwing rolls back the caller's transaction, movements included. */
export function assertAllocated(changedRows: number, deltas: readonly StockDelta[]): void {
  if (changedRows !== deltas.length) throw new Error("stock changed under a row lock; refusing to allocate");
}

async function applyAllocation(
  client: pg.PoolClient,
  lines: LineRequest[],
  perLine: LineAllocation[][],
  reference: string,
): Promise<void> {
  const deltas = stockDeltas(lines, perLine);
  if (deltas.length === 0) return;
  const updated = await client.query({
    name: "allocate_stock_with_movements",
    text: `with ${allocationCtes("$1", "$2", "$3", "$4")} select count(*)::int as n from stock_allocated`,
    values: [...stockDeltaColumns(deltas), reference],
  });
  assertAllocated(updated.rows[0].n, deltas);
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
