// The detail of an order the request has just created (POST /api/orders), from what intake evaluated
// and what its write statement returned: no read back, which was one statement and ~0.7 ms of
// PostgreSQL CPU on every order. It must equal getOrderDetail's answer for the same order at that
// moment; test/api/created-detail.test.ts compares the two field by field. Nothing can have changed,
// shipped or invoiced the order yet; its exceptions are read only when intake raised some.
import type { Db } from "../../app/db.ts";
import { exceptionsForOrder } from "../workflow/queries.ts";
import type { IntakeResult } from "./intake/submit.ts";
import { presentExceptions } from "./queries.ts";

export async function createdOrderDetail(db: Db, result: IntakeResult, staff: boolean) {
  const created = result.created;
  if (!created) throw new Error("createdOrderDetail needs a submitted (not simulated) order");
  const { request } = created;
  const written = new Map(created.lines.map((l) => [l.lineNo, l]));
  const lines = result.lines.map((l) => {
    const row = written.get(l.lineNo)!;
    const item = l.itemId === null ? undefined : created.items.get(l.itemId);
    const requested = request.lines[l.lineNo - 1];
    return {
      lineNo: l.lineNo,
      itemId: l.itemId,
      sku: l.sku,
      name: item?.name ?? null,
      quantity: l.quantity,
      uom: item?.baseUnit ?? requested.uom ?? null,
      unitPrice: row.unitPrice,
      extendedAmount: row.extendedAmount,
      priceExplanation: l.resolved
        ? { waterfall: l.waterfall, warnings: l.warnings, lastPaid: l.lastPaid }
        : null,
      expectedUnitPrice: row.expectedUnitPrice,
      backorderedQuantity: l.backorderedQuantity,
      backorderEta: l.backorderEta,
      shippedQuantity: 0,
      status: "open",
      requested,
      unresolved: l.itemId === null,
      allocations: l.allocations
        .map((a) => {
          const warehouse = created.warehouses.get(a.warehouseId)!;
          return { warehouseCode: warehouse.code, warehouseName: warehouse.name, quantity: a.quantity };
        })
        .sort((a, b) => (a.warehouseCode < b.warehouseCode ? -1 : a.warehouseCode > b.warehouseCode ? 1 : 0)),
    };
  });
  const exceptions = result.exceptions.length
    ? await exceptionsForOrder(db, created.orderId, new Date())
    : [];
  const at = created.orderedAt.toISOString();
  return {
    id: created.orderId,
    number: created.number,
    accountId: result.accountId,
    accountNumber: result.accountNumber,
    accountName: created.accountName,
    poNumber: result.poNumber,
    channel: result.channel,
    status: result.status,
    orderedAt: created.orderedAt,
    requestedShipDate: request.requestedShipDate ?? null,
    requestedDeliveryDate: request.requestedDeliveryDate ?? null,
    total: result.total,
    currency: result.currency,
    notes: request.notes ?? null,
    createdByName: created.createdByName,
    shipTo: created.shipTo,
    lines,
    history: [
      {
        fromStatus: null,
        toStatus: result.status,
        at: created.orderedAt,
        userName: created.createdByName,
        reason: created.historyReason,
      },
    ],
    changes: [],
    shipments: [],
    invoices: [],
    events: staff
      ? created.events.map((e) => ({
          id: e.id,
          topic: e.topic,
          at,
          publishedAt: null,
          attempts: 0,
          lastError: null,
        }))
      : [],
    exceptions: presentExceptions(exceptions, new Map(created.lines.map((l) => [l.id, l.lineNo])), staff),
  };
}
