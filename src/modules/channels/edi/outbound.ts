// What we send back: functional acks (997/999/TA1/CONTRL, renumbered with the partner's control
// numbers), 855/ORDRSP per order when the partner takes them, delivered to the partner's folder or
// URL and logged as outbound messages linked to the inbound one.
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../../app/db.ts";
import { notFound } from "../../../lib/errors.ts";
import { countX12Groups, renumberEdifact, renumberX12 } from "./ack-renumber.ts";
import { type EdifactOutboundOptions, writeEdifactDocuments } from "./edifact-outbound.ts";
import { DEFAULT_EDIFACT } from "./edifact-tokenizer.ts";
import type { LineOutcome } from "./intake-order.ts";
import { linkOrders } from "./messages.ts";
import type { Invoice, OrderAck, OrderAckLine, Shipment } from "./outbound-types.ts";
import { getPartner, type Partner, reserveControlNumbers } from "./partners.ts";
import type { EdifactDelimiters, InterchangeResult, OrderRequest, X12Delimiters } from "./types.ts";
import { writeX12Documents, type X12OutboundOptions } from "./x12-outbound.ts";
import { DEFAULT_X12_DELIMITERS } from "./x12-writer.ts";

export type OutboundRecord = {
  messageId: number;
  docType: string;
  status: "sent" | "held" | "failed";
  destination: string | null;
  interchangeControl: string;
  error?: string;
  raw: string;
};

/** Gives the codec's ack the partner's numbers, delivers it and logs it. */
export async function sendAcknowledgment(
  db: Db,
  ic: InterchangeResult,
  partner: Partner | null,
  inReplyTo: number,
): Promise<OutboundRecord | null> {
  if (!ic.acknowledgment) return null;
  let raw = ic.acknowledgment;
  let reason: string | null = null;
  if (partner) {
    const interchange = await reserveControlNumbers(db, partner.id, "interchange");
    if (ic.standard === "x12") {
      const groups = countX12Groups(raw);
      const group = groups > 0 ? await reserveControlNumbers(db, partner.id, "group", groups) : 1;
      raw = renumberX12(raw, interchange, group);
    } else raw = renumberEdifact(raw, interchange);
    if (!partner.acknowledgments.some((a) => ["997", "999", "TA1", "CONTRL"].includes(a))) {
      reason = "the partner is not set up to receive acknowledgments";
    }
  } else reason = "unknown trading partner: no destination to send to";
  const docType = ackType(ic.standard, raw);
  return deliverAndLog(db, { partner, raw, docType, standard: ic.standard, inReplyTo, holdReason: reason });
}

function ackType(standard: string, raw: string): string {
  if (standard === "edifact") return "CONTRL";
  const types = new Set<string>();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: FS/GS are legal X12 separators
  if (/(^|[\r\n~*|^!\u001c])TA1[*|^\u001d]/.test(raw)) types.add("TA1");
  for (const m of raw.matchAll(/ST.(997|999)/g)) types.add(m[1]);
  return [...types].join("+") || "997";
}

export type OrderAckInput = {
  order: OrderRequest;
  orderNumber: string | null;
  lines: LineOutcome[];
  /** Our unit price per ordered unit, by lineRef, when the order was created. */
  ourPrices: Map<string, string>;
  currency: string | null;
};

/** One 855 / ORDRSP interchange for the orders of one inbound interchange. */
export async function sendOrderAcks(
  db: Db,
  partner: Partner,
  acks: OrderAckInput[],
  inReplyTo: number,
  now = new Date(),
): Promise<OutboundRecord | null> {
  const docType = partner.standard === "x12" ? "855" : "ORDRSP";
  if (acks.length === 0 || !partner.documents.includes(docType)) return null;
  const docs = acks.map((a) => toOrderAck(a, now));
  const { raw } = await writeForPartner(db, partner, docType, docs, now);
  return deliverAndLog(db, {
    partner,
    raw,
    docType,
    standard: partner.standard,
    inReplyTo,
    holdReason: null,
  });
}

type DocsOf = {
  "855": OrderAck;
  ORDRSP: OrderAck;
  "856": Shipment;
  DESADV: Shipment;
  "810": Invoice;
  INVOIC: Invoice;
};
export type OutboundDocType = keyof DocsOf;

/**
 * One interchange holding `docs` in the partner's standard, version and delimiters, numbered from
 * the partner's sequences (interchange, group for X12, one set/message number per document).
 */
export async function writeForPartner<T extends OutboundDocType>(
  db: Db,
  partner: Partner,
  type: T,
  docs: DocsOf[T][],
  now: Date,
): Promise<{ raw: string; interchange: number; group: number | null; firstSet: number }> {
  const interchange = await reserveControlNumbers(db, partner.id, "interchange");
  const firstSet = await reserveControlNumbers(db, partner.id, "set", docs.length);
  const our = { qualifier: partner.ourQualifier, id: partner.ourId };
  const their = { qualifier: partner.theirQualifier, id: partner.theirId };
  if (partner.standard === "x12") {
    const group = await reserveControlNumbers(db, partner.id, "group");
    const write = writeX12Documents as (t: string, d: unknown[], o: X12OutboundOptions) => string;
    const raw = write(type, docs, {
      envelope: {
        sender: our,
        receiver: their,
        controlNumber: interchange,
        date: now,
        isaVersion: /^\d{6}/.test(partner.version) ? partner.version.slice(0, 5) : "00401",
      },
      appSender: partner.ourAppCode ?? undefined,
      appReceiver: partner.theirAppCode ?? undefined,
      groupControlNumber: group,
      firstSetControlNumber: firstSet,
      version: partner.version,
      delimiters: x12Delimiters(partner),
    });
    return { raw, interchange, group, firstSet };
  }
  const m = /^([A-Z])(\d{2}[A-Z])$/.exec(partner.version);
  const write = writeEdifactDocuments as (t: string, d: unknown[], o: EdifactOutboundOptions) => string;
  const raw = write(type, docs, {
    envelope: { sender: our, receiver: their, controlRef: String(interchange), date: now },
    firstMessageRef: firstSet,
    version: m ? [m[1], m[2]] : undefined,
    delimiters: edifactDelimiters(partner),
    newline: true,
  });
  return { raw, interchange, group: null, firstSet };
}

function toOrderAck(a: OrderAckInput, now: Date): OrderAck {
  const today = now.toISOString().slice(0, 10);
  const lines: OrderAckLine[] = a.lines.map((l) => {
    const ours = a.ourPrices.get(l.lineRef);
    const priceChanged =
      l.status === "accepted" && ours !== undefined && l.unitPrice !== null && !sameAmount(ours, l.unitPrice);
    const base: Omit<OrderAckLine, "status"> = {
      lineRef: l.lineRef,
      itemIds: l.itemIds.filter((i) => i.qualifier && i.value).slice(0, 5),
      quantity: l.quantity ?? "0",
      uom: l.uom ?? "EA",
      ...(ours !== undefined ? { unitPrice: ours } : l.unitPrice ? { unitPrice: l.unitPrice } : {}),
    };
    if (l.status === "rejected") return { ...base, status: "rejected" };
    if (l.status === "on-hold") return { ...base, status: "on-hold" };
    if (l.backordered && l.backordered > 0) {
      // Backordered units in the buyer's unit when they divide exactly, else the whole line.
      const factor = l.baseQuantity && l.quantity ? l.baseQuantity / Number(l.quantity) : 1;
      const inOrdered = Number.isInteger(l.backordered / factor)
        ? l.backordered / factor
        : Number(base.quantity);
      return {
        ...base,
        status: "backordered",
        statusQuantity: String(inOrdered),
        ...(l.backorderEta ? { date: l.backorderEta } : {}),
      };
    }
    return { ...base, status: priceChanged ? "price-changed" : "accepted" };
  });
  const status = lines.every((l) => l.status === "rejected")
    ? "rejected"
    : lines.every((l) => l.status === "accepted")
      ? "accepted"
      : "changed";
  return {
    poNumber: a.order.poNumber ?? "UNKNOWN",
    poDate: a.order.poDate ?? today,
    ackDate: today,
    ...(a.orderNumber ? { orderNumber: a.orderNumber } : {}),
    status,
    ...(a.currency ? { currency: a.currency } : {}),
    parties: a.order.shipTo?.identifiers[0]
      ? [{ role: a.order.shipTo.role || "ST", identifier: a.order.shipTo.identifiers[0] }]
      : [],
    lines,
  };
}

/** "2.50" and "2.5000" are the same price; compared as decimal strings, never floats. */
function sameAmount(a: string, b: string): boolean {
  const norm = (s: string) => {
    const [i, f = ""] = s.trim().split(".");
    return `${i.replace(/^0+(?=\d)/, "")}.${f.replace(/0+$/, "")}`;
  };
  return norm(a) === norm(b);
}

function x12Delimiters(p: Partner): X12Delimiters {
  const d = DEFAULT_X12_DELIMITERS;
  return {
    element: p.elementSeparator || d.element,
    component: p.componentSeparator || d.component,
    repetition: p.repetitionSeparator || d.repetition,
    segment: p.segmentTerminator || d.segment,
  };
}

function edifactDelimiters(p: Partner): EdifactDelimiters {
  const d: EdifactDelimiters = DEFAULT_EDIFACT;
  return {
    ...d,
    element: p.elementSeparator || d.element,
    component: p.componentSeparator || d.component,
    segment: p.segmentTerminator || d.segment,
    repetition: p.repetitionSeparator || d.repetition,
  };
}

export type OutboundLog = {
  partner: Partner | null;
  raw: string;
  docType: string;
  standard: string;
  /** The inbound message this answers (acks, 855); null for documents of the order's lifecycle. */
  inReplyTo: number | null;
  holdReason: string | null;
  /** Stored in the message's `transactions` (what each set is about: shipment, invoice…). */
  transactions?: unknown[];
  /** Orders the document is about, linked like the orders an inbound message made. */
  orders?: { orderId: number; transactionRef: string }[];
};

/** Delivers a written document to the partner's folder or URL (unless held) and logs it. */
export async function deliverAndLog(db: Db, o: OutboundLog): Promise<OutboundRecord> {
  const control = interchangeControlOf(o.raw, o.standard);
  const { status, destination, error } = await attemptDelivery(
    o.partner,
    o.raw,
    o.docType,
    control,
    o.holdReason,
  );
  const row = (
    await db.pool.query(
      `insert into edi_messages (direction, partner_id, standard, doc_types, sender, receiver, interchange_control,
                                 source, raw, size_bytes, status, errors, transactions, in_reply_to, processed_at)
       values ('out', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now()) returning id`,
      [
        o.partner?.id ?? null,
        o.standard,
        o.docType.split("+"),
        o.partner ? `${o.partner.ourQualifier}:${o.partner.ourId}` : null,
        o.partner ? `${o.partner.theirQualifier}:${o.partner.theirId}` : null,
        control,
        destination ?? "none",
        o.raw,
        Buffer.byteLength(o.raw),
        status,
        JSON.stringify(deliveryErrors(status, error)),
        JSON.stringify(o.transactions ?? []),
        o.inReplyTo,
      ],
    )
  ).rows[0];
  const messageId = Number(row.id);
  if (o.orders?.length)
    await linkOrders(
      db,
      messageId,
      o.orders.map((l) => ({ ...l, replayed: false })),
    );
  return {
    messageId,
    docType: o.docType,
    status,
    destination,
    interchangeControl: control,
    ...(error ? { error } : {}),
    raw: o.raw,
  };
}

/**
 * Delivers a logged outbound message again, as written (same control numbers), to the partner's
 * current destination, and updates its status. For a document that was held or failed.
 */
export async function redeliverOutbound(db: Db, messageId: number): Promise<OutboundRecord> {
  const m = (
    await db.pool.query(
      `select partner_id as "partnerId", standard, doc_types as "docTypes", raw, interchange_control as control
         from edi_messages where id = $1 and direction = 'out'`,
      [messageId],
    )
  ).rows[0] as
    | { partnerId: number | null; standard: string; docTypes: string[]; raw: string; control: string }
    | undefined;
  if (!m) throw notFound("Outbound EDI message", messageId);
  const partner = m.partnerId === null ? null : await getPartner(db, m.partnerId);
  const docType = m.docTypes.join("+");
  const hold = partner ? null : "unknown trading partner: no destination to send to";
  const { status, destination, error } = await attemptDelivery(partner, m.raw, docType, m.control, hold);
  await db.pool.query(
    `update edi_messages set status = $2, source = $3, errors = $4, attempts = attempts + 1, processed_at = now()
      where id = $1`,
    [messageId, status, destination ?? "none", JSON.stringify(deliveryErrors(status, error))],
  );
  return {
    messageId,
    docType,
    status,
    destination,
    interchangeControl: m.control,
    ...(error ? { error } : {}),
    raw: m.raw,
  };
}

async function attemptDelivery(
  partner: Partner | null,
  raw: string,
  docType: string,
  control: string,
  holdReason: string | null,
): Promise<{ status: OutboundRecord["status"]; destination: string | null; error?: string }> {
  const destination =
    partner && partner.outboundKind !== "none" && partner.outboundTarget
      ? `${partner.outboundKind}:${partner.outboundTarget}`
      : null;
  if (holdReason) return { status: "held", destination, error: holdReason };
  if (!destination)
    return { status: "held", destination, error: "the partner has no outbound folder or URL" };
  try {
    await deliver(partner!, raw, `${docType.replace(/\W/g, "_")}-${control}`);
    return { status: "sent", destination };
  } catch (e) {
    return { status: "failed", destination, error: e instanceof Error ? e.message : String(e) };
  }
}

function deliveryErrors(status: OutboundRecord["status"], error: string | undefined) {
  return error ? [{ code: status === "failed" ? "DELIVERY_FAILED" : "NOT_SENT", message: error }] : [];
}

function interchangeControlOf(raw: string, standard: string): string {
  if (standard === "x12")
    return raw.startsWith("ISA") && raw.length >= 106 ? (raw.slice(0, 106).split(raw[3])[13] ?? "") : "";
  const una = raw.startsWith("UNA");
  const element = una ? raw[4] : "+";
  const start = raw.indexOf(`UNB${element}`);
  if (start < 0) return "";
  const end = raw.indexOf(una ? raw[8] : "'", start);
  return raw.slice(start, end < 0 ? undefined : end).split(element)[5] ?? "";
}

const CONTENT_TYPES = { x12: "application/edi-x12", edifact: "application/edifact" } as const;

async function deliver(partner: Partner, raw: string, name: string): Promise<void> {
  const target = partner.outboundTarget!;
  if (partner.outboundKind === "folder") {
    await mkdir(target, { recursive: true });
    // Write then rename, so a partner's pickup job never sees half a file.
    const file = path.join(target, `${name}-${randomBytes(3).toString("hex")}.edi`);
    await writeFile(`${file}.part`, raw);
    await rename(`${file}.part`, file);
    return;
  }
  const response = await fetch(target, {
    method: "POST",
    headers: { "content-type": CONTENT_TYPES[partner.standard] },
    body: raw,
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`${target} answered ${response.status} ${response.statusText}`);
}
