// createOrder: the original order-creation entry point, kept for its callers (EDI intake) as a thin
// wrapper over the intake pipeline (./intake). It keeps its contract: unknown SKUs, pricing
// violations and stock shortages are refused with UNKNOWN_SKU / PRICING_VIOLATION /
// INSUFFICIENT_STOCK (nothing written); credit, duplicate-PO and price holds create the order
// `on_hold` with its exceptions. New callers should use `submit` with an OrderRequest, which keeps
// unresolved lines, holds on violations (unattended channels) and backorders shortages.
import type { Caller } from "../../app/access.ts";
import type { Db } from "../../app/db.ts";
import type { Channel, OrderRequest } from "./intake/request.ts";
import { submit } from "./intake/submit.ts";

export type { Channel } from "./intake/request.ts";

export type NewOrder = {
  accountId: number;
  shipToId?: number;
  poNumber?: string;
  requestedShipDate?: string;
  notes?: string;
  lines: { sku: string; quantity: number }[];
};

export type CreateResult = { orderId: number; replayed: boolean };

export async function createOrder(
  db: Db,
  input: NewOrder,
  caller: Caller,
  channel: Channel,
  idempotencyKey?: string,
): Promise<CreateResult> {
  const outcome = await submit(db, newOrderRequest(input, channel, idempotencyKey), caller, new Date(), {
    strict: true,
  });
  return { orderId: outcome.orderId!, replayed: outcome.replayed };
}

/** The canonical request for a NewOrder (account and ship-to by id, items by SKU). */
export function newOrderRequest(input: NewOrder, channel: Channel, idempotencyKey?: string): OrderRequest {
  return {
    account: { id: input.accountId },
    ...(input.shipToId !== undefined ? { shipTo: { id: input.shipToId } } : {}),
    ...(input.poNumber !== undefined ? { poNumber: input.poNumber } : {}),
    ...(input.requestedShipDate !== undefined ? { requestedShipDate: input.requestedShipDate } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    channel,
    ...(idempotencyKey ? { idempotencyKey } : {}),
    lines: input.lines.map((l) => ({ item: { sku: l.sku }, quantity: l.quantity })),
  };
}
