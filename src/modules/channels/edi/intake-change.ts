// One accepted 860 → changes to the existing order through changeOrder: the account as for an 850
// (the partner's, or the buyer's/sender's ids), the order by account + PO number (BCH03), each POC
// line mapped to a change (CA/QD/QI quantity, DI delete line, AI add line, PC price; BCH01 01 cancels
// the order). All or nothing: one line that cannot be mapped refuses the whole transaction with a
// specific reason. Idempotent by the same key scheme as 850s (stored on order_changes).
import type { Caller } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { Dec, roundUnitPrice } from "../../../lib/money.ts";
import { resolveItemLines } from "../../catalog/lookup.ts";
import { changeOrder, type LineChange } from "../../orders/change-order.ts";
import { resolvePartnerAccount } from "./intake-order.ts";
import type { OrderAckInput } from "./outbound.ts";
import type { Partner } from "./partners.ts";
import type { ChangeLine, ChangeRequest, PartnerId } from "./types.ts";

export type ChangeProblem = { code: string; message: string; data?: Record<string, unknown> };

export type ChangeIntakeOutcome =
  | { ok: true; orderId: number; orderNumber: string; replayed: boolean; status: string; applied: number }
  | { ok: false; orderId: number | null; problem: ChangeProblem };

const QUANTITY_CODES = new Set(["CA", "QD", "QI"]);
// X12 BCH01 01: cancellation of the whole order.
const CANCEL_PURPOSES = new Set(["01"]);

export async function intakeChange(
  db: Db,
  change: ChangeRequest,
  ctx: { partner: Partner; sender: PartnerId; caller: Caller; idempotencyKey: string; reference: string },
): Promise<ChangeIntakeOutcome> {
  const refuse = (
    code: string,
    message: string,
    orderId: number | null = null,
    data?: Record<string, unknown>,
  ) => ({ ok: false, orderId, problem: { code, message, ...(data ? { data } : {}) } }) as const;
  const account = await resolvePartnerAccount(db, ctx.partner, ctx.sender, change.buyer);
  if (!account.ok) return { ok: false, orderId: null, problem: account.problem };
  if (!change.poNumber) return refuse("ORDER_NOT_FOUND", "the change names no PO number (BCH03)");
  const found = await db.pool.query(
    `select id, number from orders where account_id = $1 and po_number = $2
      order by (status <> 'cancelled') desc, id desc limit 1`,
    [account.accountId, change.poNumber.slice(0, 50)],
  );
  const order = found.rows[0];
  if (!order) {
    return refuse("ORDER_NOT_FOUND", `no order of the account has PO ${change.poNumber}`, null, {
      poNumber: change.poNumber,
    });
  }
  const orderId = Number(order.id);

  let changes: LineChange[];
  if (change.purpose && CANCEL_PURPOSES.has(change.purpose)) changes = [{ kind: "cancel_order" }];
  else {
    const mapped = await mapLines(db, account.accountId, change.lines, ctx.partner.itemIdPreference);
    if (!mapped.ok) return { ok: false, orderId, problem: mapped.problem };
    changes = mapped.changes;
  }
  const outcome = await changeOrder(
    db,
    {
      orderId,
      changes,
      source: "edi",
      reason: `EDI 860 ${ctx.reference}${change.changeType ? ` (BCH02 ${change.changeType})` : ""}`,
      idempotencyKey: ctx.idempotencyKey,
    },
    ctx.caller,
    new Date(),
  );
  if (!outcome.ok) return refuse(outcome.code, outcome.message, orderId, outcome.data);
  return {
    ok: true,
    orderId,
    orderNumber: outcome.number,
    replayed: outcome.replayed,
    status: outcome.status,
    applied: outcome.applied.length,
  };
}

async function mapLines(
  db: Db,
  accountId: number,
  lines: ChangeLine[],
  preference: string[],
): Promise<{ ok: true; changes: LineChange[] } | { ok: false; problem: ChangeProblem }> {
  if (lines.length === 0) return { ok: false, problem: { code: "CHANGE_INVALID", message: "no POC lines" } };
  const positive = (q: string | null) => q !== null && new Dec(q).greaterThan(0);
  // Resolve every line's item (and its unit factor); a delete may carry quantity 0, so resolve 1.
  const resolved = await resolveItemLines(
    db,
    accountId,
    lines.map((l) => ({ ids: l.itemIds, quantity: positive(l.quantity) ? l.quantity : "1", uom: l.uom })),
    preference,
  );
  const changes: LineChange[] = [];
  for (const [i, l] of lines.entries()) {
    const ref = l.lineRef ?? String(i + 1);
    const code = (l.changeCode ?? "").toUpperCase();
    const r = resolved[i];
    const fail = (c: string, message: string): { ok: false; problem: ChangeProblem } => ({
      ok: false,
      problem: { code: c, message: `line ${ref}: ${message}`, data: { lineRef: ref, changeCode: code } },
    });
    if (!r.ok) return fail(code === "AI" ? r.code : "LINE_NOT_FOUND", r.message);
    const at = { lineRef: ref, sku: r.sku };
    const basePrice = l.unitPrice ? roundUnitPrice(new Dec(l.unitPrice).div(r.factor)) : undefined;
    if (code === "DI") changes.push({ kind: "cancel_line", ...at });
    else if (code === "AI") {
      if (!positive(l.quantity)) return fail("QUANTITY_INVALID", "an added line needs a quantity");
      changes.push({
        kind: "add_line",
        ...at,
        quantity: r.quantity,
        ...(basePrice ? { unitPrice: basePrice } : {}),
      });
    } else if (QUANTITY_CODES.has(code)) {
      // POC03 is the line's quantity after the change; 0 deletes the line.
      if (l.quantity === null) return fail("QUANTITY_INVALID", `${code} without a quantity (POC03)`);
      changes.push(
        positive(l.quantity)
          ? { kind: "quantity", ...at, quantity: r.quantity }
          : { kind: "cancel_line", ...at },
      );
      if (basePrice) changes.push({ kind: "price", ...at, unitPrice: basePrice });
    } else if (code === "PC") {
      if (!basePrice) return fail("PRICE_MISSING", "a price change without a price (POC06)");
      changes.push({ kind: "price", ...at, unitPrice: basePrice });
    } else return fail("CHANGE_CODE_UNSUPPORTED", `change code "${code}" is not applied`);
  }
  return { ok: true, changes };
}

/** An 855 input describing the order as it is after the change (open lines accepted, cancelled rejected). */
export async function changedOrderAck(
  db: Db,
  change: ChangeRequest,
  orderId: number,
): Promise<OrderAckInput> {
  const head = (await db.pool.query("select number, currency, status from orders where id = $1", [orderId]))
    .rows[0];
  const { rows } = await db.pool.query(
    `select l.line_no, i.sku, l.quantity, l.unit_price::text as price, l.expected_unit_price::text as expected,
            l.status, l.requested->>'lineRef' as line_ref
       from order_lines l left join items i on i.id = l.item_id where l.order_id = $1 order by l.line_no`,
    [orderId],
  );
  const ourPrices = new Map<string, string>();
  const lines = rows.map((r) => {
    const lineRef = r.line_ref ?? String(r.line_no);
    if (r.price) ourPrices.set(lineRef, r.price);
    const open = r.status === "open" && head.status !== "cancelled";
    return {
      lineRef,
      quantity: String(r.quantity),
      uom: "EA",
      unitPrice: r.expected ?? r.price,
      itemIds: r.sku ? [{ qualifier: "VN", value: r.sku }] : [],
      status: open ? ("accepted" as const) : ("rejected" as const),
      ...(r.sku ? { sku: r.sku } : {}),
    };
  });
  return {
    order: {
      kind: "order",
      purpose: change.purpose,
      orderType: change.changeType,
      poNumber: change.poNumber,
      poDate: change.poDate,
      requestedDeliveryDate: change.requestedDeliveryDate,
      requestedShipDate: change.requestedShipDate,
      currency: change.currency,
      buyer: change.buyer,
      shipTo: change.shipTo,
      parties: change.parties,
      notes: [],
      lines: [],
    },
    orderNumber: head.number,
    lines,
    ourPrices,
    currency: head.currency,
  };
}
