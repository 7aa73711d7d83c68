// Changes to an existing order (API or EDI 860), all in ONE transaction: the order row locked,
// only confirmed / on_hold orders changed, stock released or allocated through inventory functions,
// the buyer's expected price recorded (a difference beyond tolerance raises price_discrepancy; our
// price is never silently changed), extensions and the total recomputed, every change recorded in
// order_changes (append-only), and an `order.changed` event in the outbox. A request with an
// idempotency key applies once: a replay returns `replayed: true` and changes nothing.
import type { Caller } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import { extend, sumMoney } from "../../lib/money.ts";
import { writeEvents } from "../events/outbox.ts";
import { warehousesByDistance } from "../inventory/allocate.ts";
import { releaseAllocation } from "../inventory/release.ts";
import { cancelOpenExceptions } from "../workflow/resolve.ts";
import {
  addLine,
  type ChangeContext,
  cancelLine,
  type LineRow,
  loadLines,
  setQuantity,
  snapshot,
  writeLine,
} from "./change-lines.ts";
import { raiseDiscrepancies, replay, statusHistory } from "./change-records.ts";
import { releaseIfClear } from "./release-hold.ts";
import type { OrderStatus } from "./status.ts";

export const CHANGE_KINDS = ["quantity", "cancel_line", "add_line", "price", "cancel_order"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Statuses in which an order may still change (nothing picked yet). */
export const CHANGEABLE_STATUSES: readonly OrderStatus[] = ["confirmed", "on_hold"];

export type LineChange = {
  kind: ChangeKind;
  /** Which line: our line number, else the buyer's line reference, else the only open line of the SKU. */
  lineNo?: number;
  lineRef?: string;
  sku?: string;
  /** New quantity in base units (quantity, add_line). */
  quantity?: number;
  /** The buyer's expected price per base unit (price; optional on add_line). */
  unitPrice?: string;
};

export type ChangeRequest = {
  orderId: number;
  changes: LineChange[];
  reason?: string | null;
  source: string;
  idempotencyKey?: string | null;
  /** A buyer's company: another company's order is ORDER_NOT_FOUND. */
  accountScope?: number | null;
};

export type ChangeRefusalCode =
  | "ORDER_NOT_FOUND"
  | "ORDER_NOT_CHANGEABLE"
  | "LINE_NOT_FOUND"
  | "ITEM_UNKNOWN"
  | "CHANGE_INVALID";

export type AppliedChange = {
  seq: number;
  kind: ChangeKind;
  lineNo: number | null;
  before: unknown;
  after: unknown;
};

export type ChangeOutcome =
  | {
      ok: true;
      replayed: boolean;
      orderId: number;
      number: string;
      status: string;
      total: string;
      applied: AppliedChange[];
      exceptions: { id: number; type: string; lineNo: number | null }[];
    }
  | { ok: false; code: ChangeRefusalCode; message: string; data: Record<string, unknown> };

export class Refusal extends Error {
  constructor(
    readonly code: ChangeRefusalCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function changeOrder(
  db: Db,
  request: ChangeRequest,
  caller: Caller,
  now: Date,
): Promise<ChangeOutcome> {
  const client = await db.pool.connect();
  try {
    await client.query("BEGIN");
    const outcome = await applyChanges({ client, request, caller, now });
    await client.query("COMMIT");
    return outcome;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    if (error instanceof Refusal)
      return { ok: false, code: error.code, message: error.message, data: error.data };
    throw error;
  } finally {
    client.release();
  }
}

/** Applies a change request in the caller's transaction; throws Refusal when it cannot. */
export async function applyChanges(run: {
  client: ChangeContext["client"];
  request: ChangeRequest;
  caller: Caller;
  now: Date;
}): Promise<ChangeOutcome> {
  const { client, request, caller, now } = run;
  const key = request.idempotencyKey ?? null;
  if (key) {
    await client.query({ text: "select pg_advisory_xact_lock(hashtextextended($1, 3))", values: [key] });
    const seen = await client.query({
      text: "select order_id from order_changes where idempotency_key = $1 limit 1",
      values: [key],
    });
    if (seen.rows[0]) return replay(client, Number(seen.rows[0].order_id), key);
  }
  const head = (
    await client.query({
      text: `select o.id, o.number, o.account_id, o.ship_to_id, o.status, o.currency, s.latitude, s.longitude
               from orders o join ship_tos s on s.id = o.ship_to_id where o.id = $1 for update of o`,
      values: [request.orderId],
    })
  ).rows[0];
  const scope = request.accountScope ?? null;
  if (!head || (scope !== null && head.account_id !== scope)) {
    throw new Refusal("ORDER_NOT_FOUND", `Order ${request.orderId} not found`, { orderId: request.orderId });
  }
  if (!CHANGEABLE_STATUSES.includes(head.status)) {
    throw new Refusal(
      "ORDER_NOT_CHANGEABLE",
      `Order ${head.number} is ${head.status}; it can no longer change`,
      {
        orderId: request.orderId,
        status: head.status,
      },
    );
  }
  if (request.changes.length === 0) throw new Refusal("CHANGE_INVALID", "no changes given");
  const today = now.toISOString().slice(0, 10);
  const ctx: ChangeContext = {
    client,
    orderNumber: head.number,
    accountId: head.account_id,
    shipToId: head.ship_to_id,
    currency: head.currency,
    warehouseOrder: await warehousesByDistance(client, head.latitude, head.longitude),
    today,
  };
  const lines = await loadLines(client, request.orderId);
  const applied: AppliedChange[] = [];
  const discrepancies: LineRow[] = [];
  const cancelledLineIds: number[] = [];
  let status: OrderStatus = head.status;

  for (const [seq, change] of request.changes.entries()) {
    if (change.kind === "cancel_order") {
      const open = lines.filter((l) => l.status === "open");
      if (open.some((l) => l.shippedQuantity > 0)) {
        throw new Refusal(
          "CHANGE_INVALID",
          `Order ${head.number} has shipped in part; reduce its lines to what shipped instead of cancelling it`,
        );
      }
      await releaseAllocation(
        client,
        open.map((l) => ({ orderLineId: l.id, quantity: null })),
        head.number,
      );
      for (const l of open) {
        l.backorderedQuantity = 0;
        l.backorderEta = null;
        await writeLine(ctx, l);
      }
      await statusHistory(client, request.orderId, status, "cancelled", caller, request, now);
      applied.push({
        seq,
        kind: "cancel_order",
        lineNo: null,
        before: { status },
        after: { status: "cancelled" },
      });
      status = "cancelled";
      break; // nothing follows a cancellation
    }
    if (change.kind === "add_line") {
      const quantity = positive(change.quantity, seq);
      if (!change.sku) throw new Refusal("CHANGE_INVALID", `change ${seq + 1}: add_line needs an item`);
      const item = (
        await client.query({ text: "select id, sku from items where sku = $1", values: [change.sku] })
      ).rows[0];
      if (!item) throw new Refusal("ITEM_UNKNOWN", `No item ${change.sku}`, { sku: change.sku });
      const lineNo = Math.max(0, ...lines.map((l) => l.lineNo)) + 1;
      const line = await addLine(ctx, request.orderId, { itemId: item.id, sku: item.sku }, quantity, lineNo, {
        lineRef: change.lineRef ?? null,
        expectedUnitPrice: change.unitPrice ?? null,
      });
      lines.push(line);
      if (change.unitPrice) discrepancies.push(line);
      applied.push({ seq, kind: "add_line", lineNo, before: null, after: snapshot(line) });
      continue;
    }
    const line = findLine(lines, change, seq);
    const below =
      change.kind === "cancel_line" ? 0 : change.kind === "quantity" ? (change.quantity ?? 0) : null;
    if (below !== null && line.shippedQuantity > 0 && below < line.shippedQuantity) {
      throw new Refusal(
        "CHANGE_INVALID",
        `change ${seq + 1}: line ${line.lineNo} has shipped ${line.shippedQuantity}; it cannot go below that`,
        { lineNo: line.lineNo, shipped: line.shippedQuantity },
      );
    }
    const before = snapshot(line);
    if (change.kind === "cancel_line" || (change.kind === "quantity" && change.quantity === 0)) {
      await cancelLine(ctx, line);
      cancelledLineIds.push(line.id);
    } else if (change.kind === "quantity") {
      await setQuantity(ctx, line, positive(change.quantity, seq));
    } else {
      if (!change.unitPrice) throw new Refusal("CHANGE_INVALID", `change ${seq + 1}: price needs unitPrice`);
      line.expectedUnitPrice = change.unitPrice;
      await writeLine(ctx, line);
      discrepancies.push(line);
    }
    applied.push({ seq, kind: change.kind, lineNo: line.lineNo, before, after: snapshot(line) });
  }
  if (lines.every((l) => l.status === "cancelled") && status !== "cancelled") {
    throw new Refusal(
      "CHANGE_INVALID",
      "these changes would leave the order with no line; cancel the order instead",
    );
  }

  // Extensions (rounded once per line) and the total (sum of rounded lines) of the open lines.
  const extensions = lines.map((l) =>
    l.unitPrice === null ? null : extend(l.status === "open" ? l.quantity : 0, l.unitPrice, ctx.currency),
  );
  await client.query({
    text: `update order_lines l set extended_amount = t.amount
             from unnest($1::bigint[], $2::numeric[]) as t(id, amount) where l.id = t.id`,
    values: [lines.map((l) => l.id), extensions],
  });
  const open = lines.filter((l) => l.status === "open");
  const total = sumMoney(
    extensions.filter((e, i): e is string => e !== null && lines[i].status === "open"),
    ctx.currency,
  );
  await client.query({
    text: "update orders set total = $2, line_count = $3, status = $4 where id = $1",
    values: [request.orderId, total, open.length, status],
  });

  // Work items about what was just cancelled have nothing left to decide.
  const actor = { userId: caller.userId || null, name: caller.name, role: caller.role };
  if (status === "cancelled") {
    await cancelOpenExceptions(
      client,
      { orderId: request.orderId },
      `order cancelled via ${request.source}`,
      actor,
      now,
    );
  } else if (cancelledLineIds.length) {
    await cancelOpenExceptions(
      client,
      { orderId: request.orderId, orderLineIds: cancelledLineIds },
      `line cancelled via ${request.source}`,
      actor,
      now,
    );
  }
  const exceptions = status === "cancelled" ? [] : await raiseDiscrepancies(ctx, request, discrepancies, now);
  if (exceptions.length && status === "confirmed") {
    await statusHistory(
      client,
      request.orderId,
      status,
      "on_hold",
      caller,
      request,
      now,
      "price_discrepancy",
    );
    await client.query({
      text: "update orders set status = 'on_hold' where id = $1",
      values: [request.orderId],
    });
    status = "on_hold";
  }

  // A cancelled line may have carried the order's last blocking exception.
  if (status === "on_hold" && cancelledLineIds.length) {
    status = await releaseIfClear(
      client,
      request.orderId,
      actor,
      `released: held lines cancelled via ${request.source}`,
      now,
    );
  }

  await client.query({
    text: `insert into order_changes (order_id, order_line_id, line_no, kind, before, after, source, reason, user_id,
                                      at, idempotency_key, seq)
           select $1, t.line_id, t.line_no, t.kind, t.before, t.after, $2, $3, $4, $5, $6, t.seq
             from unnest($7::bigint[], $8::int[], $9::text[], $10::jsonb[], $11::jsonb[], $12::int[])
                  as t(line_id, line_no, kind, before, after, seq)`,
    values: [
      request.orderId,
      request.source,
      request.reason ?? null,
      caller.userId || null,
      now,
      key,
      applied.map((a) => (a.lineNo === null ? null : (lines.find((l) => l.lineNo === a.lineNo)?.id ?? null))),
      applied.map((a) => a.lineNo),
      applied.map((a) => a.kind),
      applied.map((a) => JSON.stringify(a.before)),
      applied.map((a) => JSON.stringify(a.after)),
      applied.map((a) => a.seq),
    ],
  });
  await writeEvents(
    client,
    [
      {
        topic: "order.changed",
        payload: {
          orderId: request.orderId,
          number: head.number,
          accountId: head.account_id,
          source: request.source,
          status,
          total,
          currency: ctx.currency,
          changes: applied.map((a) => ({ kind: a.kind, lineNo: a.lineNo })),
        },
      },
    ],
    now,
  );
  return {
    ok: true,
    replayed: false,
    orderId: request.orderId,
    number: head.number,
    status,
    total,
    applied,
    exceptions,
  };
}

function positive(quantity: number | undefined, seq: number): number {
  if (quantity === undefined || !Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new Refusal("CHANGE_INVALID", `change ${seq + 1}: quantity must be a positive whole number`, {
      quantity: quantity ?? null,
    });
  }
  return quantity;
}

function findLine(lines: LineRow[], change: LineChange, seq: number): LineRow {
  const open = lines.filter((l) => l.status === "open");
  let found: LineRow[] = [];
  if (change.lineNo !== undefined) found = open.filter((l) => l.lineNo === change.lineNo);
  else if (change.lineRef !== undefined && open.some((l) => l.lineRef === change.lineRef))
    // The buyer's reference names the line; an item given with it must be the line's item.
    found = open.filter(
      (l) => l.lineRef === change.lineRef && (change.sku === undefined || l.sku === change.sku),
    );
  else if (change.sku !== undefined) found = open.filter((l) => l.sku === change.sku);
  if (found.length !== 1) {
    const named = change.lineNo ?? change.lineRef ?? change.sku ?? "(none)";
    throw new Refusal(
      "LINE_NOT_FOUND",
      `change ${seq + 1}: ${found.length > 1 ? "more than one open line matches" : "no open line matches"} ${named}`,
      { lineNo: change.lineNo ?? null, lineRef: change.lineRef ?? null, sku: change.sku ?? null },
    );
  }
  return found[0];
}
