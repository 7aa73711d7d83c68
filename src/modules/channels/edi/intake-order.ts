// One accepted 850/ORDERS → one order through createOrder: resolve the account, ship-to and items
// from the partner's identifiers, drop (and explain) lines that cannot be ordered, and record what
// happened per line so the 855/ORDRSP and the staff screen can say it.
import type { Caller } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { DomainError } from "../../../lib/errors.ts";
import { findAccountByPartnerIds, findShipTo } from "../../accounts/lookup.ts";
import { resolveItemLines } from "../../catalog/lookup.ts";
import { createOrder, type NewOrder } from "../../orders/create-order.ts";
import type { Partner } from "./partners.ts";
import type { Identifier, OrderRequest, PartnerId, Party } from "./types.ts";

export type Problem = { code: string; message: string; data?: Record<string, unknown> };

export type LineOutcome = {
  lineRef: string;
  quantity: string | null;
  uom: string | null;
  unitPrice: string | null;
  itemIds: Identifier[];
  status: "accepted" | "rejected";
  sku?: string;
  baseQuantity?: number;
  problem?: Problem;
};

export type OrderOutcome =
  | { ok: true; orderId: number; replayed: boolean; lines: LineOutcome[]; warnings: Problem[] }
  | { ok: false; problem: Problem; lines: LineOutcome[]; warnings: Problem[] };

// X12 BEG01 01 / EDIFACT BGM 1225 = 1: cancellations are changes to an existing order, not new ones.
const CANCELLATION = new Set(["01", "1"]);

/** The account an 850/860 is for: the partner's, or (hub partner) the buyer's/sender's ids. */
export async function resolvePartnerAccount(
  db: Db,
  partner: Partner,
  sender: PartnerId,
  buyer: Party | null,
): Promise<{ ok: true; accountId: number } | { ok: false; problem: Problem }> {
  if (partner.accountId !== null) return { ok: true, accountId: partner.accountId };
  const ids = [...(buyer?.identifiers ?? []), { qualifier: sender.qualifier, value: sender.id }];
  const found = await findAccountByPartnerIds(db, ids);
  if (found) return { ok: true, accountId: found.accountId };
  const tried = ids.map((i) => `${i.qualifier} ${i.value}`).join(", ");
  return {
    ok: false,
    problem: { code: "ACCOUNT_UNRESOLVED", message: `no account uses the buyer identifiers (${tried})` },
  };
}

export async function intakeOrder(
  db: Db,
  order: OrderRequest,
  ctx: { partner: Partner; sender: PartnerId; caller: Caller; idempotencyKey: string },
): Promise<OrderOutcome> {
  const warnings: Problem[] = [];
  const lines: LineOutcome[] = order.lines.map((l, i) => ({
    lineRef: l.lineRef ?? String(i + 1),
    quantity: l.quantity,
    uom: l.uom,
    unitPrice: l.unitPrice,
    itemIds: l.itemIds,
    status: "rejected",
  }));
  const fail = (code: string, message: string, data?: Record<string, unknown>): OrderOutcome => {
    const problem = { code, message, ...(data ? { data } : {}) };
    for (const l of lines) {
      l.status = "rejected";
      l.problem ??= problem;
    }
    return { ok: false, problem, lines, warnings };
  };
  if (order.purpose && CANCELLATION.has(order.purpose)) {
    return fail(
      "ORDER_PURPOSE_UNSUPPORTED",
      `purpose code ${order.purpose} (cancellation) is not taken as a new order`,
    );
  }

  const account = await resolvePartnerAccount(db, ctx.partner, ctx.sender, order.buyer);
  if (!account.ok) return fail(account.problem.code, account.problem.message);
  const accountId = account.accountId;

  let shipToId: number | undefined;
  const shipIds = order.shipTo?.identifiers ?? [];
  if (shipIds.length > 0) {
    const found = await findShipTo(db, accountId, shipIds);
    if (!found) {
      const tried = shipIds.map((i) => `${i.qualifier} ${i.value}`).join(", ");
      return fail("SHIP_TO_UNRESOLVED", `no ship-to of the account has the store number or GLN (${tried})`);
    }
    shipToId = found.shipToId;
  } else {
    warnings.push({
      code: "SHIP_TO_DEFAULTED",
      message: "the order names no ship-to identifier; the account's first ship-to is used",
    });
  }

  const resolved = await resolveItemLines(
    db,
    accountId,
    order.lines.map((l) => ({ ids: l.itemIds, quantity: l.quantity, uom: l.uom })),
    ctx.partner.itemIdPreference,
  );
  resolved.forEach((r, i) => {
    if (r.ok) {
      lines[i].status = "accepted";
      lines[i].sku = r.sku;
      lines[i].baseQuantity = r.quantity;
    } else lines[i].problem = { code: r.code, message: r.message };
  });

  const notes = [
    ...order.notes,
    order.requestedDeliveryDate ? `Requested delivery ${order.requestedDeliveryDate}` : "",
  ].filter(Boolean);
  const base: Omit<NewOrder, "lines"> = {
    accountId,
    ...(shipToId ? { shipToId } : {}),
    ...(order.poNumber ? { poNumber: order.poNumber.slice(0, 50) } : {}),
    ...(order.requestedShipDate ? { requestedShipDate: order.requestedShipDate } : {}),
    ...(notes.length ? { notes: notes.join("\n").slice(0, 2000) } : {}),
  };

  // Lines short of stock are rejected one item at a time and the rest retried: one transaction
  // per attempt, so nothing half-written survives a failed attempt.
  for (;;) {
    const accepted = lines.filter((l) => l.status === "accepted");
    if (accepted.length === 0) {
      return fail("NO_LINES_ACCEPTED", "none of the order's lines could be taken (see each line)");
    }
    try {
      const created = await createOrder(
        db,
        { ...base, lines: accepted.map((l) => ({ sku: l.sku!, quantity: l.baseQuantity! })) },
        ctx.caller,
        "edi",
        ctx.idempotencyKey,
      );
      return { ok: true, orderId: created.orderId, replayed: created.replayed, lines, warnings };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === "IDEMPOTENCY_CONFLICT" && typeof error.data.orderId === "number") {
        // Same transaction taken before, resolved differently now (stock or catalog changed): the
        // first result stands.
        return { ok: true, orderId: error.data.orderId, replayed: true, lines, warnings };
      }
      const sku = typeof error.data.sku === "string" ? error.data.sku : null;
      const hit = sku ? lines.filter((l) => l.status === "accepted" && l.sku === sku) : [];
      if (error.code === "INSUFFICIENT_STOCK" && hit.length > 0) {
        for (const l of hit) {
          l.status = "rejected";
          l.problem = {
            code: "INSUFFICIENT_STOCK",
            message: `not enough stock of ${sku}: ${l.baseQuantity} wanted, ${error.data.available ?? 0} available in one warehouse`,
            data: error.data,
          };
        }
        continue;
      }
      return fail(error.code, error.message, error.data);
    }
  }
}
