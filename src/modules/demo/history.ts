// Order history: 24 months ending yesterday, day by day, with growth, seasonality and weekday
// patterns, yielded in batches so the loader can insert while the next batch is generated.
import type { AccountRow, Channel, ShipToRow } from "./accounts.ts";
import type { ItemRow } from "./catalog.ts";
import { SEASONS } from "./catalog-data.ts";
import { divRoundHalfUp, extendCents, scalePrice4 } from "./money4.ts";
import type { Rng } from "./random.ts";

export const DAY_MS = 86_400_000;

export type OrderRow = {
  id: number;
  number: string;
  accountId: number;
  shipToId: number;
  poNumber: string | null;
  channel: Channel;
  status: "invoiced" | "shipped" | "confirmed";
  orderedAt: number;
  requestedShipDate: string;
  requestedDeliveryDate: string;
  totalCents: number;
  lineCount: number;
  notes: string | null;
  repId: number;
  createdBy: number | null;
};
export type LineRow = {
  id: number;
  orderId: number;
  lineNo: number;
  itemId: number;
  quantity: number;
  price4: number;
  extCents: number;
  cost4: number;
  /** Warehouse that serves the ship-to (for allocations and stock demand; not stored on the line). */
  warehouseId: number;
};
export type HistoryRow = {
  orderId: number;
  from: string | null;
  to: string;
  at: number;
  userId: number | null;
  reason: string;
};
export type Batch = {
  orders: OrderRow[];
  lines: LineRow[];
  history: HistoryRow[];
  daysDone: number;
  daysTotal: number;
};

/** Who keyed orders, by channel (users.ts decides the ids). */
export type CreatedBy = {
  desk: number;
  repUserId: number;
  repId: number;
  buyerByAccount: Map<number, number>;
};

export type HistoryContext = {
  rng: Rng;
  accounts: AccountRow[];
  now: Date;
  days: number;
  targetLines: number;
  createdBy: CreatedBy;
  /** Filled while generating: quantity per (itemId, warehouseId) over the last 90 days. */
  recentDemand: Map<string, number>;
  /** Filled while generating: order totals in cents per `${repId}|YYYY-MM`. */
  repMonthCents: Map<string, number>;
  nextOrderId: number;
  nextLineId: number;
};

// Order volume by customer segment and month, softened to half the category swing.
const SEGMENT_SEASON: Record<AccountRow["segment"], readonly number[]> = {
  grocery: SEASONS.flat,
  restaurant: SEASONS.summer,
  contractor: SEASONS.build,
  hardware: SEASONS.spring,
  institution: SEASONS.school,
};
const WEEKDAY = [0.1, 1.2, 1.2, 1.2, 1.2, 1.15, 0.35]; // Sun..Sat
const EDI_WEEKDAY = [0.6, 1.15, 1.1, 1.1, 1.1, 1.1, 0.8];

export const startOfUtcDay = (t: number): number => Math.floor(t / DAY_MS) * DAY_MS;
export const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const monthKey = (t: number): string => new Date(t).toISOString().slice(0, 7);

/** Expected orders for an account on day `d` (before calibration). */
function dailyRate(account: AccountRow, d: number, days: number, dayStart: number): number {
  if (d < account.startDay) return 0;
  const date = new Date(dayStart);
  const month = date.getUTCMonth();
  const weekday = (account.segment === "grocery" ? EDI_WEEKDAY : WEEKDAY)[date.getUTCDay()];
  const season = 1 + (SEGMENT_SEASON[account.segment][month] - 100) / 200;
  // Linear growth through the period, centred on its middle (growthBp per year).
  const growth = 1 + ((account.growthBp / 10000) * (d - days / 2)) / 365;
  return (account.ordersPerMonth / 30.4) * weekday * season * growth;
}

export function* generateHistory(ctx: HistoryContext, batchLines = 5000): Generator<Batch> {
  const { rng, accounts, days } = ctx;
  const today = startOfUtcDay(ctx.now.getTime());
  const firstDay = today - days * DAY_MS;
  // Calibrate order rates so the expected number of lines matches the target for this scale.
  let expectedLines = 0;
  for (const a of accounts) {
    for (let d = 0; d < days; d++)
      expectedLines += dailyRate(a, d, days, firstDay + d * DAY_MS) * a.linesMean;
  }
  const calibration = ctx.targetLines / expectedLines;

  let batch: Batch = { orders: [], lines: [], history: [], daysDone: 0, daysTotal: days };
  for (let d = 0; d < days; d++) {
    const dayStart = firstDay + d * DAY_MS;
    const planned: { account: AccountRow; at: number }[] = [];
    for (const account of accounts) {
      const n = rng.poisson(dailyRate(account, d, days, dayStart) * calibration);
      for (let k = 0; k < n; k++) {
        // EDI arrives around the clock; people order in US business hours (12:00–23:00 UTC).
        const hour = account.segment === "grocery" ? rng.int(0, 23) : rng.int(12, 22);
        planned.push({ account, at: dayStart + hour * 3_600_000 + rng.int(0, 3_599_999) });
      }
    }
    planned.sort((a, b) => a.at - b.at);
    for (const p of planned) {
      const status = today - p.at > 14 * DAY_MS ? "invoiced" : "shipped";
      addOrder(ctx, batch, p.account, p.at, status, d >= days - 90);
    }
    if (batch.lines.length >= batchLines || d === days - 1) {
      batch.daysDone = d + 1;
      yield batch;
      batch = { orders: [], lines: [], history: [], daysDone: 0, daysTotal: days };
    }
  }
}

/** Builds one order with its lines and status history into `batch`; returns the order. */
export function addOrder(
  ctx: HistoryContext,
  batch: Pick<Batch, "orders" | "lines" | "history">,
  account: AccountRow,
  at: number,
  status: OrderRow["status"],
  recent: boolean,
): OrderRow {
  const { rng } = ctx;
  const shipTo = pickShipTo(rng, account);
  const channel = rng.weighted(account.channels.list, account.channels.weights);
  const date = new Date(at);
  const month = date.getUTCMonth();
  const daysAgo = Math.floor((ctx.now.getTime() - at) / DAY_MS);
  // Prices rose ~4% a year: older orders were priced lower. Customer discount on top.
  const priceFactor = (10000 - account.discountBp) * (10000 - Math.floor((400 * daysAgo) / 365));
  const kindLines = shipTo.kind === "dc" ? 1.4 : shipTo.kind === "store" ? 0.35 : 1;
  const wantLines = Math.max(1, 1 + rng.poisson(Math.max(0, account.linesMean * kindLines - 1)));

  const order: OrderRow = {
    id: ctx.nextOrderId++,
    number: "",
    accountId: account.id,
    shipToId: shipTo.id,
    poNumber: poNumber(rng, account, date),
    channel,
    status,
    orderedAt: at,
    requestedShipDate: isoDate(at + rng.int(1, 3) * DAY_MS),
    requestedDeliveryDate: isoDate(at + rng.int(3, 7) * DAY_MS),
    totalCents: 0,
    lineCount: 0,
    notes: rng.chance(0.04) ? rng.pick(NOTES) : null,
    repId: account.repId,
    createdBy: createdBy(ctx.createdBy, account, channel),
  };
  order.number = `SO-${100000 + order.id}`;

  const seen = new Set<number>();
  for (let tries = 0; seen.size < wantLines && tries < wantLines * 6; tries++) {
    const item = account.pickItem(rng);
    if (seen.has(item.id)) continue;
    // Seasonal categories: accept in proportion to this month's demand (rejection sampling).
    if (rng.next() * 240 > item.season[month]) continue;
    seen.add(item.id);
    const price4 = scalePrice4(item.list4, priceFactor, 100_000_000);
    const quantity = lineQuantity(rng, account, item, shipTo, item.season[month], Math.max(price4, 1));
    const extCents = extendCents(quantity, price4);
    batch.lines.push({
      id: ctx.nextLineId++,
      orderId: order.id,
      lineNo: seen.size,
      itemId: item.id,
      quantity,
      price4,
      extCents,
      cost4: item.cost4,
      warehouseId: shipTo.warehouseId,
    });
    order.totalCents += extCents;
    if (recent) {
      const key = `${item.id}|${shipTo.warehouseId}`;
      ctx.recentDemand.set(key, (ctx.recentDemand.get(key) ?? 0) + quantity);
    }
  }
  order.lineCount = seen.size;
  batch.orders.push(order);
  const repMonth = `${account.repId}|${monthKey(at)}`;
  ctx.repMonthCents.set(repMonth, (ctx.repMonthCents.get(repMonth) ?? 0) + order.totalCents);
  addStatusHistory(ctx, batch, order);
  return order;
}

function lineQuantity(
  rng: Rng,
  account: AccountRow,
  item: ItemRow,
  shipTo: ShipToRow,
  season: number,
  price4: number,
): number {
  // Chains buy full cases; others buy in the item's order multiple and round up to a full case when
  // they are close to one. Aim at a line value typical for this customer and ship-to, so cheap items
  // sell by the dozen and dear ones by one (floats here only shape integer quantities, never money).
  const grocery = account.segment === "grocery";
  const step = grocery ? Math.max(item.orderMultiple, item.caseFactor) : item.orderMultiple;
  const kindScale = shipTo.kind === "dc" ? 3 : shipTo.kind === "store" ? 0.4 : 1;
  const u = rng.next();
  const valueCents = account.lineValueCents * kindScale * (0.25 + 2.5 * u * u) * (season / 100);
  let quantity = step * Math.max(1, Math.round((valueCents * 100) / (price4 * step)));
  if (!grocery && item.caseFactor > 1 && quantity >= item.caseFactor * 0.6 && rng.chance(0.7)) {
    quantity = Math.ceil(quantity / item.caseFactor) * item.caseFactor;
  }
  return Math.max(quantity, item.minOrderQty);
}

function pickShipTo(rng: Rng, account: AccountRow): ShipToRow {
  const list = account.shipTos;
  if (list.length === 1) return list[0];
  // Chains: most volume goes through their DCs; contractors mostly deliver to the yard.
  if (account.segment === "grocery") {
    const dcs = list.filter((s) => s.kind === "dc").length;
    const stores = list.length - dcs;
    return rng.chance(0.7) ? list[rng.int(0, dcs - 1)] : list[dcs + rng.int(0, stores - 1)];
  }
  return rng.weighted(
    list,
    list.map((s) => (s.kind === "main" ? 4 : 1)),
  );
}

function poNumber(rng: Rng, account: AccountRow, date: Date): string | null {
  switch (account.segment) {
    case "grocery":
      return String(rng.int(4_000_000, 9_999_999));
    case "institution":
      return `PO-${date.getUTCFullYear()}-${String(rng.int(1, 99999)).padStart(5, "0")}`;
    case "hardware":
      return rng.chance(0.8) ? `${rng.int(10000, 99999)}` : null;
    case "contractor":
      return rng.chance(0.6) ? `JOB-${rng.int(1000, 9999)}` : null;
    case "restaurant":
      return rng.chance(0.1) ? `${date.getUTCMonth() + 1}/${date.getUTCDate()}` : null;
  }
}

function createdBy(who: CreatedBy, account: AccountRow, channel: Channel): number | null {
  if (channel === "desk") return who.desk;
  if (channel === "rep" && account.repId === who.repId) return who.repUserId;
  if (channel === "portal") return who.buyerByAccount.get(account.id) ?? null;
  return null;
}

const NOTES = [
  "Deliver to back door",
  "Call on arrival",
  "Dock closes at 3 pm",
  "Liftgate required",
  "Please include packing list",
  "Substitute OK on paper goods",
];

/** Status trail along the order state machine: (new) → confirmed → picking → shipped → invoiced. */
function addStatusHistory(ctx: HistoryContext, batch: Pick<Batch, "history">, order: OrderRow): void {
  const { rng } = ctx;
  const now = ctx.now.getTime();
  const userId = order.createdBy;
  let at = order.orderedAt + rng.int(1_000, 120_000);
  batch.history.push({
    orderId: order.id,
    from: null,
    to: "confirmed",
    at,
    userId,
    reason: `created via ${order.channel}`,
  });
  if (order.status === "confirmed") return;
  const steps: [string, string, number, number][] = [
    ["confirmed", "picking", 2 * 3_600_000, 20 * 3_600_000],
    ["picking", "shipped", 1 * 3_600_000, 6 * 3_600_000],
  ];
  if (order.status === "invoiced") steps.push(["shipped", "invoiced", 600_000, DAY_MS]);
  for (const [from, to, lo, hi] of steps) {
    at = Math.min(at + rng.int(lo, hi), now - 60_000);
    batch.history.push({
      orderId: order.id,
      from,
      to,
      at,
      userId: null,
      reason: to === "invoiced" ? "invoice issued" : "warehouse",
    });
  }
}

/** Rounds cents to whole hundreds of dollars (for rep targets). */
export const roundHundreds = (cents: number): number => divRoundHalfUp(cents, 10000) * 10000;
