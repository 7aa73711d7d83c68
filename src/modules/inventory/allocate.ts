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
 * rolls back. Two round trips whatever the line count: lock the candidate rows (in item, warehouse
 * order, so concurrent orders cannot deadlock), then one conditional UPDATE for all items.
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
  const locked = await client.query({
    name: "lock_stock_levels",
    text: `select item_id, warehouse_id, on_hand - allocated as available from stock_levels
            where item_id = any($1::int[]) order by item_id, warehouse_id for update`,
    values: [[...totals.keys()]],
  });
  const available = new Map<string, number>();
  for (const row of locked.rows) available.set(`${row.item_id}:${row.warehouse_id}`, row.available);

  const allocations: Allocation[] = [];
  for (const request of totals.values()) {
    const warehouseId = warehouseOrder.find(
      (w) => (available.get(`${request.itemId}:${w}`) ?? 0) >= request.quantity,
    );
    if (warehouseId === undefined) {
      const best = Math.max(0, ...warehouseOrder.map((w) => available.get(`${request.itemId}:${w}`) ?? 0));
      throw new DomainError("INSUFFICIENT_STOCK", `Not enough stock of ${request.sku}`, {
        sku: request.sku,
        requested: request.quantity,
        available: best,
      });
    }
    allocations.push({ itemId: request.itemId, warehouseId, quantity: request.quantity });
  }
  const columns = [
    allocations.map((a) => a.itemId),
    allocations.map((a) => a.warehouseId),
    allocations.map((a) => a.quantity),
  ];
  // Still conditional: the rows are locked, but the WHERE (and the CHECK) make oversell impossible
  // even if a future caller forgets the lock.
  const updated = await client.query({
    name: "allocate_stock",
    text: `update stock_levels s set allocated = s.allocated + t.quantity
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)
            where s.item_id = t.item_id and s.warehouse_id = t.warehouse_id and s.on_hand - s.allocated >= t.quantity`,
    values: columns,
  });
  if (updated.rowCount !== allocations.length)
    throw new Error("stock changed under a row lock; refusing to allocate");
  await client.query({
    name: "record_allocation_movements",
    text: `insert into stock_movements (item_id, warehouse_id, kind, allocated_delta, reference)
           select item_id, warehouse_id, 'allocation', quantity, $4
             from unnest($1::int[], $2::int[], $3::int[]) as t(item_id, warehouse_id, quantity)`,
    values: [...columns, reference],
  });
  return allocations;
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
