// Current inventory and open orders: ~40 recent confirmed orders whose lines hold allocations, stock
// levels for every item × warehouse sized from recent demand, the receipt/allocation ledger rows
// that explain them, and reps' monthly targets derived from their actual sales.
import type { RepRow, WarehouseRow } from "./accounts.ts";
import type { ItemRow } from "./catalog.ts";
import {
  addOrder,
  DAY_MS,
  type HistoryContext,
  type HistoryRow,
  type LineRow,
  monthKey,
  type OrderRow,
  roundHundreds,
} from "./history.ts";
import { divRoundHalfUp } from "./money4.ts";
import type { Rng } from "./random.ts";

export type AllocationRow = {
  id: number;
  orderLineId: number;
  itemId: number;
  warehouseId: number;
  quantity: number;
  at: number;
};
export type StockLevelRow = { itemId: number; warehouseId: number; onHand: number; allocated: number };
export type MovementRow = {
  itemId: number;
  warehouseId: number;
  kind: "receipt" | "allocation";
  onHandDelta: number;
  allocatedDelta: number;
  reference: string;
  at: number;
};
export type RepTargetRow = { repId: number; month: string; targetCents: number };

export type OpenOrders = {
  orders: OrderRow[];
  lines: LineRow[];
  history: HistoryRow[];
  allocations: AllocationRow[];
};

/** Confirmed orders placed in the last ~36 hours; every line is allocated from the ship-to's warehouse. */
export function generateOpenOrders(ctx: HistoryContext, count: number): OpenOrders {
  const out: OpenOrders = { orders: [], lines: [], history: [], allocations: [] };
  const now = ctx.now.getTime();
  const times = Array.from({ length: count }, () => now - ctx.rng.int(10 * 60_000, 36 * 3_600_000)).sort(
    (a, b) => a - b,
  );
  for (const at of times) {
    const account = ctx.rng.pick(ctx.accounts);
    const firstLine = out.lines.length;
    const order = addOrder(ctx, out, account, at, "confirmed", true);
    for (const line of out.lines.slice(firstLine)) {
      out.allocations.push({
        id: out.allocations.length + 1,
        orderLineId: line.id,
        itemId: line.itemId,
        warehouseId: line.warehouseId,
        quantity: line.quantity,
        at: order.orderedAt + 5_000,
      });
    }
  }
  return out;
}

/**
 * One stock level per item × warehouse: on hand = 2–8 weeks of recent demand (rounded up to full
 * cases), a few stock-outs, and always enough to cover what is allocated. Movements: one receipt per
 * non-zero level plus one allocation row per allocation, so the ledger sums to the counters.
 */
export function generateStock(
  rng: Rng,
  items: ItemRow[],
  warehouses: WarehouseRow[],
  recentDemand: Map<string, number>,
  open: OpenOrders,
  now: Date,
): { levels: StockLevelRow[]; movements: MovementRow[] } {
  const allocated = new Map<string, number>();
  for (const a of open.allocations) {
    const key = `${a.itemId}|${a.warehouseId}`;
    allocated.set(key, (allocated.get(key) ?? 0) + a.quantity);
  }
  const orderNumberByLine = new Map<number, string>();
  const numberById = new Map(open.orders.map((o) => [o.id, o.number]));
  for (const l of open.lines) orderNumberByLine.set(l.id, numberById.get(l.orderId)!);

  const levels: StockLevelRow[] = [];
  const movements: MovementRow[] = [];
  const receivedAt = now.getTime() - 3 * DAY_MS;
  for (const item of items) {
    for (const w of warehouses) {
      const key = `${item.id}|${w.id}`;
      const weekly = divRoundHalfUp((recentDemand.get(key) ?? 0) * 10, 130); // 90 days ≈ 13 weeks
      let onHand = rng.chance(0.03) ? 0 : weekly * rng.int(2, 8) + rng.int(1, 4) * item.caseFactor;
      const held = allocated.get(key) ?? 0;
      if (onHand < held) onHand = held + rng.int(0, 4) * item.caseFactor;
      onHand = Math.ceil(onHand / item.caseFactor) * item.caseFactor;
      levels.push({ itemId: item.id, warehouseId: w.id, onHand, allocated: held });
      if (onHand > 0) {
        movements.push({
          itemId: item.id,
          warehouseId: w.id,
          kind: "receipt",
          onHandDelta: onHand,
          allocatedDelta: 0,
          reference: `PO-R${w.code}-${String(item.id).padStart(5, "0")}`,
          at: receivedAt + rng.int(0, 2 * DAY_MS),
        });
      }
    }
  }
  for (const a of open.allocations) {
    movements.push({
      itemId: a.itemId,
      warehouseId: a.warehouseId,
      kind: "allocation",
      onHandDelta: 0,
      allocatedDelta: a.quantity,
      reference: orderNumberByLine.get(a.orderLineId)!,
      at: a.at,
    });
  }
  return { levels, movements };
}

/** Monthly targets for the last 24 months and the next 12: last year's actual + 5–15% growth. */
export function generateRepTargets(
  rng: Rng,
  reps: RepRow[],
  repMonthCents: Map<string, number>,
  now: Date,
  historyStart: number,
): RepTargetRow[] {
  const rows: RepTargetRow[] = [];
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const thisMonth = Date.UTC(year, month, 1);
  // Only whole months of history are a fair base (the first and the current one are partial).
  const full = (offset: number) => {
    const start = Date.UTC(year, month + offset, 1);
    return start >= historyStart && start < thisMonth ? start : null;
  };
  for (const rep of reps) {
    const actual = (start: number) => repMonthCents.get(`${rep.id}|${monthKey(start)}`) ?? 0;
    for (let offset = -23; offset <= 12; offset++) {
      const lastYear = full(offset - 12);
      const twoYearsAgo = full(offset - 24);
      const self = full(offset);
      const base =
        lastYear !== null
          ? actual(lastYear)
          : twoYearsAgo !== null
            ? divRoundHalfUp(actual(twoYearsAgo) * 110, 100)
            : self !== null
              ? divRoundHalfUp(actual(self) * 95, 100)
              : 0;
      const target = divRoundHalfUp(base * rng.int(105, 115), 100);
      const start = Date.UTC(year, month + offset, 1);
      rows.push({
        repId: rep.id,
        month: `${monthKey(start)}-01`,
        targetCents: Math.max(roundHundreds(target), 2_000_000),
      });
    }
  }
  return rows;
}
