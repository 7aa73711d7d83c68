// Stock allocation. The counters change only here, inside the caller's (the order's) transaction,
// through a conditional UPDATE: under concurrency PostgreSQL re-checks the WHERE clause against the
// latest committed row, so two orders can never both take the last units. The CHECK constraint on
// stock_levels is the backstop.
import type pg from "pg";
import { DomainError } from "../../lib/errors.ts";

export type AllocationRequest = { itemId: number; sku: string; quantity: number };
export type Allocation = { itemId: number; warehouseId: number; quantity: number };

/**
 * Allocates each item's total quantity from the first warehouse (in `warehouseOrder`, nearest
 * first) that can fill it. Throws INSUFFICIENT_STOCK when none can; the caller's transaction then
 * rolls back every allocation already made. Items are processed in id order so concurrent orders
 * take row locks in the same order and cannot deadlock.
 */
export async function allocateStock(
  client: pg.PoolClient,
  requests: AllocationRequest[],
  warehouseOrder: number[],
  reference: string,
): Promise<Allocation[]> {
  const totals = new Map<number, AllocationRequest>();
  for (const r of requests) {
    const seen = totals.get(r.itemId);
    totals.set(r.itemId, seen ? { ...seen, quantity: seen.quantity + r.quantity } : { ...r });
  }
  const allocations: Allocation[] = [];
  for (const request of [...totals.values()].sort((a, b) => a.itemId - b.itemId)) {
    const warehouseId = await takeFromFirstWarehouse(client, request, warehouseOrder);
    if (warehouseId === null) {
      const available = await availableByWarehouse(client, request.itemId);
      throw new DomainError("INSUFFICIENT_STOCK", `Not enough stock of ${request.sku}`, {
        sku: request.sku,
        requested: request.quantity,
        available: Math.max(0, ...available.map((a) => a.available)),
      });
    }
    allocations.push({ itemId: request.itemId, warehouseId, quantity: request.quantity });
  }
  await client.query(
    `insert into stock_movements (item_id, warehouse_id, kind, allocated_delta, reference)
     select item_id, warehouse_id, 'allocation', quantity, $4
       from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)`,
    [
      allocations.map((a) => a.itemId),
      allocations.map((a) => a.warehouseId),
      allocations.map((a) => a.quantity),
      reference,
    ],
  );
  return allocations;
}

async function takeFromFirstWarehouse(
  client: pg.PoolClient,
  request: AllocationRequest,
  warehouseOrder: number[],
): Promise<number | null> {
  for (const warehouseId of warehouseOrder) {
    const result = await client.query({
      name: "allocate_stock",
      text: `update stock_levels set allocated = allocated + $3
              where item_id = $1 and warehouse_id = $2 and on_hand - allocated >= $3`,
      values: [request.itemId, warehouseId, request.quantity],
    });
    if (result.rowCount === 1) return warehouseId;
  }
  return null;
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

/** Warehouse ids ordered by great-circle distance from a point (nearest first). */
export async function warehousesByDistance(
  client: pg.PoolClient | pg.Pool,
  latitude: string | null,
  longitude: string | null,
): Promise<number[]> {
  if (latitude === null || longitude === null) {
    return (await client.query("select id from warehouses order by id")).rows.map((r) => r.id);
  }
  // Haversine in SQL keeps this one round trip; float is fine for distance, never for money.
  const result = await client.query(
    `select id from warehouses order by
       asin(sqrt(power(sin(radians(latitude - $1::float8) / 2), 2)
         + cos(radians($1::float8)) * cos(radians(latitude)) * power(sin(radians(longitude - $2::float8) / 2), 2))), id`,
    [latitude, longitude],
  );
  return result.rows.map((r) => r.id);
}
