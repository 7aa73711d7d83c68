// The per-line operations of an order change (change-order.ts runs them in the order's transaction):
// quantity up (allocate, else backorder) or down (backorder first, then release), cancel a line,
// add a line (priced by the engine, allocated like intake), the buyer's expected price.
import type pg from "pg";
import { allocateAvailable } from "../inventory/allocate.ts";
import { inboundSupply } from "../inventory/atp.ts";
import { backorderEta } from "../inventory/eta.ts";
import { releaseAllocation } from "../inventory/release.ts";
import { quote } from "../pricing/quote.ts";
import { backorderDemand } from "./intake/backorders.ts";

export type LineRow = {
  id: number;
  lineNo: number;
  itemId: number | null;
  sku: string | null;
  quantity: number;
  unitPrice: string | null;
  expectedUnitPrice: string | null;
  backorderedQuantity: number;
  backorderEta: string | null;
  /** Already shipped: a change may not take the line below it. */
  shippedQuantity: number;
  status: "open" | "cancelled";
  lineRef: string | null;
};

/** What a change record keeps of a line before and after. */
export function snapshot(l: LineRow) {
  return {
    lineNo: l.lineNo,
    sku: l.sku,
    quantity: l.quantity,
    allocated: l.quantity - l.backorderedQuantity,
    backordered: l.backorderedQuantity,
    unitPrice: l.unitPrice,
    expectedUnitPrice: l.expectedUnitPrice,
    status: l.status,
  };
}

export type ChangeContext = {
  client: pg.PoolClient;
  orderNumber: string;
  accountId: number;
  shipToId: number;
  currency: string;
  warehouseOrder: number[];
  today: string;
};

export async function loadLines(client: pg.PoolClient, orderId: number): Promise<LineRow[]> {
  const { rows } = await client.query({
    text: `select l.id, l.line_no as "lineNo", l.item_id as "itemId", i.sku, l.quantity, l.unit_price as "unitPrice",
                  l.expected_unit_price as "expectedUnitPrice", l.backordered_quantity as "backorderedQuantity",
                  to_char(l.backorder_eta, 'YYYY-MM-DD') as "backorderEta", l.shipped_quantity as "shippedQuantity", l.status, l.requested->>'lineRef' as "lineRef"
             from order_lines l left join items i on i.id = l.item_id
            where l.order_id = $1 order by l.line_no for update of l`,
    values: [orderId],
  });
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Sets an open line's quantity: an increase is allocated (the rest backordered), a decrease
 * takes the backorder first and then releases allocated units. */
export async function setQuantity(ctx: ChangeContext, line: LineRow, quantity: number): Promise<void> {
  const allocated = line.quantity - line.backorderedQuantity - line.shippedQuantity;
  if (quantity > line.quantity) {
    const delta = quantity - line.quantity;
    let short = delta;
    if (line.itemId !== null) {
      const plan = await allocateAvailable(
        ctx.client,
        [{ itemId: line.itemId, sku: line.sku ?? "", quantity: delta }],
        ctx.warehouseOrder,
        ctx.orderNumber,
      );
      await insertAllocations(ctx.client, line.id, line.itemId, plan.perLine[0] ?? []);
      short = plan.backordered[0] ?? 0;
    }
    line.backorderedQuantity += short;
    if (short > 0 && line.itemId !== null) {
      line.backorderEta = await etaFor(ctx, line.itemId, line.backorderedQuantity, short);
    }
  } else if (quantity < line.quantity) {
    const keepAllocated = Math.min(allocated, quantity - line.shippedQuantity);
    if (allocated > keepAllocated) {
      await releaseAllocation(
        ctx.client,
        [{ orderLineId: line.id, quantity: allocated - keepAllocated }],
        ctx.orderNumber,
      );
    }
    line.backorderedQuantity = quantity - line.shippedQuantity - keepAllocated;
    if (line.backorderedQuantity === 0) line.backorderEta = null;
  }
  line.quantity = quantity;
  await writeLine(ctx, line);
}

export async function cancelLine(ctx: ChangeContext, line: LineRow): Promise<void> {
  await releaseAllocation(ctx.client, [{ orderLineId: line.id, quantity: null }], ctx.orderNumber);
  line.status = "cancelled";
  line.backorderedQuantity = 0;
  line.backorderEta = null;
  await writeLine(ctx, line);
}

/** A new line for an item (by SKU), priced by the engine for the account today and allocated. */
export async function addLine(
  ctx: ChangeContext,
  orderId: number,
  item: { itemId: number; sku: string },
  quantity: number,
  lineNo: number,
  extra: { lineRef: string | null; expectedUnitPrice: string | null },
): Promise<LineRow> {
  const priced = await quote(
    ctx.client,
    {
      accountId: ctx.accountId,
      shipToId: ctx.shipToId,
      date: ctx.today,
      currency: ctx.currency,
      lines: [{ lineRef: String(lineNo), sku: item.sku, quantity }],
    },
    null,
  );
  const p = priced.priced.lines[0];
  const cost = priced.loaded.itemsBySku.get(item.sku)?.cost ?? null;
  const requested = {
    item: { sku: item.sku },
    quantity,
    ...(extra.lineRef ? { lineRef: extra.lineRef } : {}),
    ...(extra.expectedUnitPrice ? { expectedUnitPrice: extra.expectedUnitPrice } : {}),
  };
  const { rows } = await ctx.client.query({
    text: `insert into order_lines (order_id, line_no, item_id, quantity, unit_price, unit_cost, price_explanation,
                                    requested, expected_unit_price)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    values: [
      orderId,
      lineNo,
      item.itemId,
      quantity,
      p?.unitPrice ?? null,
      cost,
      p ? JSON.stringify({ waterfall: p.waterfall, warnings: p.warnings, lastPaid: p.lastPaid }) : null,
      JSON.stringify(requested),
      extra.expectedUnitPrice,
    ],
  });
  const line: LineRow = {
    id: Number(rows[0].id),
    lineNo,
    itemId: item.itemId,
    sku: item.sku,
    quantity: 0,
    unitPrice: p?.unitPrice ?? null,
    expectedUnitPrice: extra.expectedUnitPrice,
    backorderedQuantity: 0,
    backorderEta: null,
    shippedQuantity: 0,
    status: "open",
    lineRef: extra.lineRef,
  };
  await setQuantity(ctx, line, quantity);
  return line;
}

/** Writes a line's quantity, backorder, status and expected price (the extension is recomputed by the caller). */
export async function writeLine(ctx: ChangeContext, line: LineRow): Promise<void> {
  await ctx.client.query({
    text: `update order_lines set quantity = $2, backordered_quantity = $3, backorder_eta = $4, status = $5,
                                  expected_unit_price = $6
            where id = $1`,
    values: [
      line.id,
      line.quantity,
      line.backorderedQuantity,
      line.backorderEta,
      line.status,
      line.expectedUnitPrice,
    ],
  });
}

export async function insertAllocations(
  client: pg.PoolClient,
  lineId: number,
  itemId: number,
  allocations: { warehouseId: number; quantity: number }[],
): Promise<void> {
  const rows = allocations.filter((a) => a.quantity > 0);
  if (rows.length === 0) return;
  await client.query({
    text: `insert into allocations (order_line_id, item_id, warehouse_id, quantity)
           select $1, $2, * from unnest($3::int[], $4::int[])`,
    values: [lineId, itemId, rows.map((a) => a.warehouseId), rows.map((a) => a.quantity)],
  });
}

/** ETA of a line's whole backorder: open backorders of other orders are served first (as intake). */
async function etaFor(ctx: ChangeContext, itemId: number, lineBackorder: number, added: number) {
  const inbound = await inboundSupply(ctx.client, [itemId]);
  const demand = (await backorderDemand(ctx.client, [itemId])).get(itemId) ?? 0;
  // The demand query sees this line's backorder as it was before the change.
  const before = Math.max(0, demand - (lineBackorder - added));
  return backorderEta(inbound.get(itemId) ?? [], before, lineBackorder, ctx.today);
}
