// Inbound supply: purchase orders to suppliers with expected receipt dates (they give backorders
// their ETAs, atp.ts), and receiving them: on hand goes up at the PO's warehouse, with a `receipt`
// movement per item, in the caller's transaction (receiving fills waiting backorders in the same one,
// orders/fill-backorders.ts, so no new order can take the stock first).
import type pg from "pg";
import type { Db } from "../../app/db.ts";
import { DomainError, notFound } from "../../lib/errors.ts";
import { lockStockRowsSql } from "./allocate.ts";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export type NewPurchaseOrder = {
  /** The purchasing system's number (unique). */
  number: string;
  supplier: string;
  warehouseCode: string;
  expectedDate: string;
  lines: { sku: string; quantity: number; expectedDate?: string }[];
};

/** Creates an open purchase order; refuses an unknown warehouse or SKU, or a number already used. */
export async function createPurchaseOrder(client: pg.PoolClient, input: NewPurchaseOrder): Promise<number> {
  const warehouse = (await client.query("select id from warehouses where code = $1", [input.warehouseCode]))
    .rows[0];
  if (!warehouse) {
    throw new DomainError("VALIDATION_FAILED", `No warehouse ${input.warehouseCode}`, {
      warehouseCode: input.warehouseCode,
    });
  }
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const { rows: items } = await client.query("select id, sku from items where sku = any($1::text[])", [skus]);
  const unknown = skus.filter((sku) => !items.some((i) => i.sku === sku));
  if (unknown.length) {
    throw new DomainError(
      "UNKNOWN_SKU",
      `Unknown SKU${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`,
      {
        skus: unknown,
      },
    );
  }
  const idOf = new Map(items.map((i) => [i.sku as string, i.id as number]));
  const { rows } = await client.query(
    `with po as (
       insert into purchase_orders (number, supplier, warehouse_id, expected_date)
       values ($1, $2, $3, $4)
       on conflict (number) do nothing returning id
     ), lines as (
       insert into purchase_order_lines (purchase_order_id, item_id, quantity, expected_date)
       select po.id, t.item_id, t.quantity, t.expected_date
         from po cross join unnest($5::int[], $6::int[], $7::date[]) as t(item_id, quantity, expected_date)
     )
     select id from po`,
    [
      input.number,
      input.supplier,
      warehouse.id,
      input.expectedDate,
      input.lines.map((l) => idOf.get(l.sku)),
      input.lines.map((l) => l.quantity),
      input.lines.map((l) => l.expectedDate ?? null),
    ],
  );
  if (!rows[0]) {
    throw new DomainError("CONFLICT", `Purchase order ${input.number} already exists`, {
      number: input.number,
    });
  }
  return rows[0].id;
}

export type PurchaseOrderView = {
  id: number;
  number: string;
  supplier: string;
  warehouseCode: string;
  status: string;
  expectedDate: string;
  lines: {
    lineId: number;
    sku: string;
    name: string;
    quantity: number;
    receivedQuantity: number;
    expectedDate: string;
  }[];
};

const PO_SQL = `select p.id, p.number, p.supplier, w.code as "warehouseCode", p.status,
       p.expected_date::text as "expectedDate",
       coalesce((select json_agg(json_build_object('lineId', l.id, 'sku', i.sku, 'name', i.name,
                   'quantity', l.quantity, 'receivedQuantity', l.received_quantity,
                   'expectedDate', coalesce(l.expected_date, p.expected_date)::text) order by l.id)
                   from purchase_order_lines l join items i on i.id = l.item_id
                  where l.purchase_order_id = p.id), '[]') as lines
  from purchase_orders p join warehouses w on w.id = p.warehouse_id`;

export async function getPurchaseOrder(client: Queryable, id: number): Promise<PurchaseOrderView> {
  const { rows } = await client.query(`${PO_SQL} where p.id = $1`, [id]);
  if (!rows[0]) throw notFound("Purchase order", id);
  return rows[0];
}

/** Purchase orders by expected date (open ones, or all), at most `limit`. */
export async function listPurchaseOrders(
  db: Db,
  status: "open" | "closed" | "cancelled" | null,
  limit: number,
): Promise<PurchaseOrderView[]> {
  const { rows } = await db.pool.query(
    `${PO_SQL} where ($1::text is null or p.status = $1) order by p.expected_date, p.id limit $2`,
    [status, limit],
  );
  return rows;
}

export type Receipt = { itemId: number; sku: string; quantity: number };

/**
 * Receives `lines` (by SKU; a line's quantity at most what is still open on the PO) in the caller's
 * transaction: received quantities, on hand + a `receipt` movement per item at the PO's warehouse; the
 * PO closes when every line is in. Returns the PO's warehouse and what came in per item.
 */
export async function receivePurchaseOrder(
  client: pg.PoolClient,
  purchaseOrderId: number,
  lines: { sku: string; quantity: number }[],
): Promise<{ number: string; warehouseId: number; received: Receipt[]; closed: boolean }> {
  const po = (
    await client.query(
      "select id, number, warehouse_id, status from purchase_orders where id = $1 for update",
      [purchaseOrderId],
    )
  ).rows[0];
  if (!po) throw notFound("Purchase order", purchaseOrderId);
  if (po.status !== "open") {
    throw new DomainError("CONFLICT", `Purchase order ${po.number} is ${po.status}`, { status: po.status });
  }
  const { rows: open } = await client.query(
    `select l.id, l.item_id, i.sku, l.quantity - l.received_quantity as open
       from purchase_order_lines l join items i on i.id = l.item_id
      where l.purchase_order_id = $1 order by l.id`,
    [purchaseOrderId],
  );
  // Each SKU's quantity goes to its lines in order, never beyond what they still expect.
  const perLine = new Map<number, number>();
  const received = new Map<number, Receipt>();
  for (const want of lines) {
    const ofSku = open.filter((l) => l.sku === want.sku);
    if (ofSku.length === 0) {
      throw new DomainError("VALIDATION_FAILED", `${want.sku} is not on purchase order ${po.number}`, {
        sku: want.sku,
      });
    }
    let rest = want.quantity;
    for (const line of ofSku) {
      const take = Math.min(rest, line.open - (perLine.get(line.id) ?? 0));
      if (take <= 0) continue;
      perLine.set(line.id, (perLine.get(line.id) ?? 0) + take);
      rest -= take;
    }
    if (rest > 0) {
      const expected = ofSku.reduce((n, l) => n + l.open, 0);
      throw new DomainError(
        "VALIDATION_FAILED",
        `${want.sku}: receiving more than purchase order ${po.number} still expects (${expected})`,
        { sku: want.sku, expected },
      );
    }
    const itemId = ofSku[0].item_id;
    const seen = received.get(itemId);
    received.set(itemId, {
      itemId,
      sku: want.sku,
      quantity: (seen?.quantity ?? 0) + want.quantity,
    });
  }
  const receipts = [...received.values()].sort((a, b) => a.itemId - b.itemId);
  // Every warehouse's row of these items, locked in item, warehouse order as intake locks them,
  // before one of them is written: taking the receiving warehouse's row first could deadlock.
  await client.query({
    name: "lock_stock_levels",
    text: lockStockRowsSql("$1"),
    values: [receipts.map((r) => r.itemId)],
  });
  const { rows } = await client.query(
    `with l as (
       update purchase_order_lines l set received_quantity = l.received_quantity + t.quantity
         from unnest($1::int[], $2::int[]) as t(id, quantity) where l.id = t.id
     ), s as (
       insert into stock_levels (item_id, warehouse_id, on_hand)
       select t.item_id, $3, t.quantity from unnest($4::int[], $5::int[]) as t(item_id, quantity)
       on conflict (item_id, warehouse_id) do update set on_hand = stock_levels.on_hand + excluded.on_hand
     ), m as (
       insert into stock_movements (item_id, warehouse_id, kind, on_hand_delta, reference)
       select t.item_id, $3, 'receipt', t.quantity, $6 from unnest($4::int[], $5::int[]) as t(item_id, quantity)
     )
     select bool_and(l.received_quantity + coalesce(t.quantity, 0) >= l.quantity) as complete
       from purchase_order_lines l left join unnest($1::int[], $2::int[]) as t(id, quantity) on t.id = l.id
      where l.purchase_order_id = $7`,
    [
      [...perLine.keys()],
      [...perLine.values()],
      po.warehouse_id,
      receipts.map((r) => r.itemId),
      receipts.map((r) => r.quantity),
      po.number,
      purchaseOrderId,
    ],
  );
  const closed = rows[0].complete === true;
  if (closed)
    await client.query("update purchase_orders set status = 'closed' where id = $1", [purchaseOrderId]);
  return { number: po.number, warehouseId: po.warehouse_id, received: receipts, closed };
}
