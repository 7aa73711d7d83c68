// One accepted 850/ORDERS → one order through the intake pipeline (submit): the account, ship-to
// and items resolved from the partner's identifiers; the buyer's prices checked; shortages
// backordered and unidentified items held as exceptions (never dropped); what happened per line
// recorded so the 855/ORDRSP and the staff screen can say it.
import type { Caller } from "../../../app/access.ts";
import type { Db } from "../../../app/db.ts";
import { DomainError } from "../../../lib/errors.ts";
import { Dec, roundUnitPrice } from "../../../lib/money.ts";
import { findAccountByPartnerIds, findShipTo } from "../../accounts/lookup.ts";
import { itemRefFromIdentifiers, resolveItemLines } from "../../catalog/lookup.ts";
import type {
  OrderRequestLine as IntakeLine,
  OrderRequest as IntakeRequest,
} from "../../orders/intake/request.ts";
import { submit } from "../../orders/intake/submit.ts";
import type { Partner } from "./partners.ts";
import type { Identifier, OrderRequest, PartnerId, Party } from "./types.ts";

export type Problem = { code: string; message: string; data?: Record<string, unknown> };

export type LineOutcome = {
  lineRef: string;
  quantity: string | null;
  uom: string | null;
  unitPrice: string | null;
  itemIds: Identifier[];
  /** on-hold: kept on the order, held until someone identifies the item (unresolved_item). */
  status: "accepted" | "on-hold" | "rejected";
  sku?: string;
  baseQuantity?: number;
  /** Our price per base unit, when the order was made. */
  ourUnitPrice?: string | null;
  /** Base units short of stock, backordered, and when inbound supply should cover them. */
  backordered?: number;
  backorderEta?: string | null;
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

  const notes = order.notes.filter(Boolean);
  // Lines we can identify go in by SKU in base units, with the buyer's price per base unit; lines we
  // cannot identify still go in (by the identifiers they sent) and intake holds them as
  // unresolved_item exceptions — an EDI line is never dropped. Only a quantity that is not a whole
  // number cannot be taken at all.
  const requestLines: { index: number; line: IntakeLine }[] = [];
  lines.forEach((l, i) => {
    const r = resolved[i];
    if (r.ok) {
      const factor = r.quantity / Number(l.quantity);
      const expected =
        l.unitPrice && /^\d+(\.\d+)?$/.test(l.unitPrice) && Number.isInteger(factor) && factor > 0
          ? roundUnitPrice(new Dec(l.unitPrice).div(factor))
          : null;
      requestLines.push({
        index: i,
        line: {
          lineRef: l.lineRef.slice(0, 50),
          item: { sku: r.sku },
          quantity: r.quantity,
          ...(expected && /^\d{1,10}(\.\d{1,4})?$/.test(expected) ? { expectedUnitPrice: expected } : {}),
        },
      });
      return;
    }
    const quantity = Number(l.quantity);
    const item = itemRefFromIdentifiers(l.itemIds);
    if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > 1_000_000 || !item) return;
    requestLines.push({
      index: i,
      line: {
        lineRef: l.lineRef.slice(0, 50),
        item,
        quantity,
        ...(l.uom && l.uom.length <= 10 ? { uom: l.uom } : {}),
      },
    });
  });
  if (requestLines.length === 0) {
    return fail("NO_LINES_ACCEPTED", "none of the order's lines could be taken (see each line)");
  }
  const request: IntakeRequest = {
    account: { id: accountId },
    ...(shipToId ? { shipTo: { id: shipToId } } : {}),
    ...(order.poNumber ? { poNumber: order.poNumber.slice(0, 50) } : {}),
    ...(order.requestedShipDate ? { requestedShipDate: order.requestedShipDate } : {}),
    ...(order.requestedDeliveryDate ? { requestedDeliveryDate: order.requestedDeliveryDate } : {}),
    ...(notes.length ? { notes: notes.join("\n").slice(0, 2000) } : {}),
    channel: "edi",
    idempotencyKey: ctx.idempotencyKey,
    lines: requestLines.map((r) => r.line),
  };
  try {
    const outcome = await submit(db, request, ctx.caller, new Date());
    if (outcome.replayed) return { ok: true, orderId: outcome.orderId, replayed: true, lines, warnings };
    outcome.lines.forEach((evaluated, n) => {
      const l = lines[requestLines[n].index];
      l.ourUnitPrice = evaluated.unitPrice;
      if (!evaluated.resolved) {
        // Kept on the order, held for someone to identify the item (or cancel the line).
        l.status = "on-hold";
        l.problem ??= evaluated.problem ?? { code: "ITEM_UNRESOLVED", message: "item not identified" };
        return;
      }
      l.status = "accepted";
      l.problem = undefined;
      if (evaluated.backorderedQuantity > 0) {
        l.backordered = evaluated.backorderedQuantity;
        l.backorderEta = evaluated.backorderEta;
      }
    });
    return { ok: true, orderId: outcome.orderId!, replayed: false, lines, warnings };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "IDEMPOTENCY_CONFLICT" && typeof error.data.orderId === "number") {
      // Same transaction taken before, resolved differently now (stock or catalog changed): the
      // first result stands.
      return { ok: true, orderId: error.data.orderId, replayed: true, lines, warnings };
    }
    return fail(error.code, error.message, error.data);
  }
}
