// Documents of the order's lifecycle: the 856/DESADV when a shipment leaves, the 810/INVOIC when its
// invoice is issued. Built from the shipment/invoice tables and the order as the buyer sent it
// (outbound-order.ts), written in the partner's standard with its control numbers, delivered and
// logged like the 855 (outbound.ts), linked to the order. Called by the outbox publisher
// (order.shipped, invoice.issued); one document per shipment/invoice and partner: a second call
// returns the document already sent, or delivers a held/failed one again as written.
import type { Db } from "../../../app/db.ts";
import { notFound } from "../../../lib/errors.ts";
import { Dec } from "../../../lib/money.ts";
import {
  deliverAndLog,
  type OutboundDocType,
  type OutboundRecord,
  redeliverOutbound,
  writeForPartner,
} from "./outbound.ts";
import {
  address,
  type BuyerLine,
  inBuyerUnit,
  loadOrderContext,
  type OrderContext,
} from "./outbound-order.ts";
import type { Invoice, InvoiceLine, OutParty, Shipment, ShipPack } from "./outbound-types.ts";

type Warehouse = {
  whName: string;
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
};

/** Sends the 856/DESADV for a shipment; null when the order's partner does not take them. */
export async function sendShipNotice(
  db: Db,
  shipmentId: number,
  now: Date = new Date(),
): Promise<OutboundRecord | null> {
  const s = (
    await db.pool.query(
      `select s.id, s.number, s.order_id as "orderId", s.carrier, s.tracking_number as "trackingNumber",
              to_char(s.shipped_at at time zone 'UTC', 'YYYY-MM-DD') as "shipDate",
              to_char(s.shipped_at at time zone 'UTC', 'HH24MI') as "shipTime",
              w.name as "whName", w.line1, w.city, w.region, w.postal_code as "postalCode", w.country
         from shipments s join warehouses w on w.id = s.warehouse_id where s.id = $1`,
      [shipmentId],
    )
  ).rows[0] as
    | (Warehouse & {
        number: string;
        orderId: number;
        carrier: string | null;
        trackingNumber: string | null;
        shipDate: string;
        shipTime: string;
      })
    | undefined;
  if (!s) throw notFound("Shipment", shipmentId);
  const ctx = await loadOrderContext(db, Number(s.orderId), { x12: "856", edifact: "DESADV" });
  if (!ctx) return null;
  const docType = ctx.partner.standard === "x12" ? "856" : "DESADV";
  const about = { type: docType, shipmentId: Number(shipmentId) };
  const earlier = await alreadyWritten(db, ctx.partner.id, about);
  if (earlier) return earlier;

  const rows = (
    await db.pool.query(
      `select p.id, p.sscc, sl.order_line_id as "orderLineId", sl.item_id as "itemId", sum(sl.quantity)::int as quantity
         from shipment_packages p
              left join shipment_lines sl on sl.package_id = p.id
              left join order_lines ol on ol.id = sl.order_line_id
        where p.shipment_id = $1
        group by p.id, p.seq, p.sscc, sl.order_line_id, sl.item_id, ol.line_no
        order by p.seq, p.id, ol.line_no, sl.item_id`,
      [shipmentId],
    )
  ).rows as {
    id: number;
    sscc: string;
    orderLineId: number | null;
    itemId: number | null;
    quantity: number;
  }[];
  const packs = new Map<number, ShipPack>();
  for (const r of rows) {
    const pack = packs.get(r.id) ?? { sscc: r.sscc, items: [] };
    packs.set(r.id, pack);
    if (r.orderLineId === null || r.itemId === null) continue;
    const line = await lineFor(ctx, Number(r.orderLineId), r.itemId, null);
    const { quantity, uom } = inBuyerUnit(r.quantity, line);
    pack.items.push({ lineRef: line.lineRef, itemIds: line.itemIds, quantity, uom });
  }
  const x12 = ctx.partner.standard === "x12";
  const carrier = ctx.text(s.carrier, x12 ? 80 : 17);
  const tracking = ctx.text(s.trackingNumber, x12 ? 30 : 35);
  const doc: Shipment = {
    shipmentId: s.number,
    shipDate: s.shipDate,
    shipTime: s.shipTime,
    ...(carrier ? { carrier } : {}),
    ...(tracking ? { trackingNumber: tracking } : {}),
    parties: parties(ctx, s),
    orders: [
      {
        poNumber: ctx.poNumber,
        // A DESADV pack carries its order on its items: an empty pack cannot be written there.
        packs: [...packs.values()].filter((p) => x12 || p.items.length > 0),
      },
    ],
  };
  return send(db, ctx, docType, doc, about, now);
}

/** Sends the 810/INVOIC for an invoice of an order; null when the partner does not take them. */
export async function sendInvoiceDocument(
  db: Db,
  invoiceId: number,
  now: Date = new Date(),
): Promise<OutboundRecord | null> {
  const inv = (
    await db.pool.query(
      `select i.id, i.number, i.order_id as "orderId", i.currency, to_char(i.issued_on, 'YYYY-MM-DD') as "issuedOn",
              i.amount::text as amount, i.status, w.name as "whName", w.line1, w.city, w.region,
              w.postal_code as "postalCode", w.country
         from invoices i left join shipments s on s.id = i.shipment_id left join warehouses w on w.id = s.warehouse_id
        where i.id = $1`,
      [invoiceId],
    )
  ).rows[0] as
    | (Warehouse & {
        number: string;
        orderId: number | null;
        currency: string;
        issuedOn: string;
        amount: string;
        status: string;
      })
    | undefined;
  if (!inv) throw notFound("Invoice", invoiceId);
  // An invoice from the accounting system (no order) has no PO to quote; a void one is not sent.
  if (inv.orderId === null || inv.status === "void") return null;
  const ctx = await loadOrderContext(db, Number(inv.orderId), { x12: "810", edifact: "INVOIC" });
  if (!ctx) return null;
  const docType = ctx.partner.standard === "x12" ? "810" : "INVOIC";
  const about = { type: docType, invoiceId: Number(invoiceId) };
  const earlier = await alreadyWritten(db, ctx.partner.id, about);
  if (earlier) return earlier;

  const rows = (
    await db.pool.query(
      `select line_no as "lineNo", order_line_id as "orderLineId", item_id as "itemId", description, quantity,
              unit_price::text as "unitPrice", amount::text as amount
         from invoice_lines where invoice_id = $1 order by line_no, id`,
      [invoiceId],
    )
  ).rows as {
    lineNo: number;
    orderLineId: number | null;
    itemId: number | null;
    description: string;
    quantity: number;
    unitPrice: string;
    amount: string;
  }[];
  const x12 = ctx.partner.standard === "x12";
  const lines: InvoiceLine[] = [];
  for (const r of rows) {
    const line = await lineFor(
      ctx,
      r.orderLineId === null ? null : Number(r.orderLineId),
      r.itemId,
      r.lineNo,
    );
    const { quantity, uom, factor } = inBuyerUnit(r.quantity, line);
    const description = ctx.text(r.description, x12 ? 80 : 35);
    lines.push({
      lineRef: line.lineRef,
      itemIds: line.itemIds,
      quantity,
      uom,
      // Per the unit quoted: the base-unit price × base units per that unit, exact.
      unitPrice: Dec(r.unitPrice).times(factor).toFixed(),
      amount: r.amount,
      ...(description ? { description } : {}),
    });
  }
  const doc: Invoice = {
    invoiceNumber: inv.number,
    invoiceDate: inv.issuedOn,
    poNumber: ctx.poNumber,
    poDate: ctx.poDate,
    currency: inv.currency,
    parties: parties(ctx, inv.whName ? inv : null),
    lines,
    total: inv.amount,
  };
  return send(db, ctx, docType, doc, about, now);
}

/** The buyer's view of an order line; for another item than ordered (or no order line) our ids. */
async function lineFor(
  ctx: OrderContext,
  orderLineId: number | null,
  itemId: number | null,
  lineNo: number | null,
): Promise<BuyerLine> {
  const ordered = orderLineId === null ? undefined : ctx.lines.get(orderLineId);
  if (ordered && (itemId === null || ordered.itemId === itemId)) return ordered;
  const item = itemId === null ? { itemIds: [], baseUnit: "EA" } : await ctx.itemFor(itemId);
  return {
    itemId: itemId ?? 0,
    lineRef: ordered?.lineRef ?? String(lineNo ?? 0),
    ...item,
    uom: null,
    factor: 1,
  };
}

function parties(ctx: OrderContext, from: Warehouse | null): OutParty[] {
  const x12 = ctx.partner.standard === "x12";
  const out: OutParty[] = [];
  if (from) {
    const name = ctx.text(from.whName, x12 ? 60 : 35);
    out.push({ role: "SF", ...(name ? { name } : {}), address: address(from, ctx.text, x12) });
  }
  if (ctx.shipTo) out.push(ctx.shipTo);
  out.push(ctx.buyer);
  return out.map(withoutEmpty);
}

function withoutEmpty(p: OutParty): OutParty {
  const out: OutParty = { role: p.role };
  if (p.name) out.name = p.name;
  if (p.identifier) out.identifier = p.identifier;
  if (p.address) {
    const a: NonNullable<OutParty["address"]> = { lines: p.address.lines };
    for (const k of ["city", "region", "postalCode", "country"] as const)
      if (p.address[k]) a[k] = p.address[k];
    out.address = a;
  }
  return out;
}

type About = { type: string; shipmentId?: number; invoiceId?: number };

/** The document already logged for this shipment/invoice: returned if sent, else delivered again. */
async function alreadyWritten(db: Db, partnerId: number, about: About): Promise<OutboundRecord | null> {
  const row = (
    await db.pool.query(
      `select id, status from edi_messages where direction = 'out' and partner_id = $1 and transactions @> $2::jsonb
        order by id desc limit 1`,
      [partnerId, JSON.stringify([about])],
    )
  ).rows[0];
  if (!row) return null;
  if (row.status !== "sent") return redeliverOutbound(db, Number(row.id));
  const m = (
    await db.pool.query(
      `select doc_types as "docTypes", source, interchange_control as control, raw from edi_messages where id = $1`,
      [row.id],
    )
  ).rows[0];
  return {
    messageId: Number(row.id),
    docType: m.docTypes.join("+"),
    status: "sent",
    destination: m.source,
    interchangeControl: m.control,
    raw: m.raw,
  };
}

async function send(
  db: Db,
  ctx: OrderContext,
  docType: OutboundDocType,
  doc: Shipment | Invoice,
  about: About,
  now: Date,
): Promise<OutboundRecord> {
  const { partner } = ctx;
  const written = await writeForPartner(db, partner, docType, [doc] as Shipment[] & Invoice[], now);
  const ref = `${written.interchange}/${written.group ?? "-"}/${written.firstSet}`;
  return deliverAndLog(db, {
    partner,
    raw: written.raw,
    docType,
    standard: partner.standard,
    inReplyTo: null,
    holdReason: null,
    transactions: [{ ...about, ref, orderId: ctx.orderId, poNumber: ctx.poNumber }],
    orders: [{ orderId: ctx.orderId, transactionRef: ref }],
  });
}
