// Read our own outbound documents back into their inputs. Used by the round-trip tests and, later,
// to show a sent document in the staff screen. Lenient: it only needs to understand what we write.

import { ORDRSP_LINE_CODES } from "./edifact-outbound.ts";
import { tokenizeEdifact } from "./edifact-tokenizer.ts";
import type {
  Invoice,
  OrderAck,
  OrderAckLine,
  OutParty,
  Shipment,
  ShipOrder,
  ShipPack,
} from "./outbound-types.ts";
import type { Identifier, Segment } from "./types.ts";
import { LINE_ACK_CODES } from "./x12-outbound.ts";
import { tokenizeX12 } from "./x12-tokenizer.ts";

const v = (s: Segment, n: number, k = 0) => s.elements[n - 1]?.[0]?.[k] ?? "";
const iso = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, x]) => [x, k]));

/** Bodies (without ST/SE or UNH/UNT) of every set/message in a document, in order. */
export function documentBodies(text: string): { type: string; body: Segment[] }[] {
  const out: { type: string; body: Segment[] }[] = [];
  let cur: { type: string; body: Segment[] } | null = null;
  const edifact = /^\s*UN[ABH]/.test(text);
  const tokens = edifact ? tokenizeEdifact(text) : tokenizeX12(text);
  for (const t of tokens) {
    if (t.kind !== "segment") continue;
    const s = t.segment;
    if (s.tag === "ST" || s.tag === "UNH") cur = { type: v(s, s.tag === "ST" ? 1 : 2), body: [] };
    else if (s.tag === "SE" || s.tag === "UNT") {
      if (cur) out.push(cur);
      cur = null;
    } else cur?.body.push(s);
  }
  return out;
}

function pairs(s: Segment, from: number): Identifier[] {
  const ids: Identifier[] = [];
  for (let n = from; n <= s.elements.length; n += 2)
    if (v(s, n + 1)) ids.push({ qualifier: v(s, n), value: v(s, n + 1) });
  return ids;
}

/** N1/N3/N4 parties; `into` collects them. Returns true when the segment was a party segment. */
function x12Party(s: Segment, into: OutParty[]): boolean {
  if (s.tag === "N1") {
    const p: OutParty = { role: v(s, 1) };
    if (v(s, 2)) p.name = v(s, 2);
    if (v(s, 4)) p.identifier = { qualifier: v(s, 3), value: v(s, 4) };
    into.push(p);
    return true;
  }
  const p = into[into.length - 1];
  if (!p) return false;
  if (s.tag === "N3") {
    p.address = { lines: [v(s, 1), v(s, 2)].filter(Boolean) };
    return true;
  }
  if (s.tag === "N4") {
    p.address ??= { lines: [] };
    const a = p.address;
    if (v(s, 1)) a.city = v(s, 1);
    if (v(s, 2)) a.region = v(s, 2);
    if (v(s, 3)) a.postalCode = v(s, 3);
    if (v(s, 4)) a.country = v(s, 4);
    return true;
  }
  return false;
}

export function read855(body: Segment[]): OrderAck {
  const bak = body.find((s) => s.tag === "BAK")!;
  const status = ({ AD: "accepted", AC: "changed", RJ: "rejected" } as const)[v(bak, 2) as "AD"];
  const ack: OrderAck = {
    poNumber: v(bak, 3),
    poDate: iso(v(bak, 4)),
    ackDate: iso(v(bak, 9)),
    status,
    parties: [],
    lines: [],
  };
  if (v(bak, 8)) ack.orderNumber = v(bak, 8);
  const codes = invert(LINE_ACK_CODES);
  for (const s of body) {
    if (s.tag === "CUR") ack.currency = v(s, 2);
    else if (s.tag === "PO1") {
      const l: OrderAckLine = {
        lineRef: v(s, 1),
        itemIds: pairs(s, 6),
        quantity: v(s, 2),
        uom: v(s, 3),
        status: "accepted",
      };
      if (v(s, 4)) l.unitPrice = v(s, 4);
      ack.lines.push(l);
    } else if (s.tag === "ACK") {
      const l = ack.lines[ack.lines.length - 1];
      l.status = codes[v(s, 1)] as OrderAckLine["status"];
      if (v(s, 2) !== l.quantity) l.statusQuantity = v(s, 2);
      if (v(s, 5)) l.date = iso(v(s, 5));
    } else if (!ack.lines.length) x12Party(s, ack.parties);
  }
  return ack;
}

export function read856(body: Segment[]): Shipment {
  const bsn = body.find((s) => s.tag === "BSN")!;
  const sh: Shipment = { shipmentId: v(bsn, 2), shipDate: iso(v(bsn, 3)), parties: [], orders: [] };
  if (v(bsn, 4) !== "0000") sh.shipTime = v(bsn, 4);
  let level = "";
  for (const s of body) {
    if (s.tag === "HL") level = v(s, 3);
    else if (s.tag === "TD5") sh.carrier = v(s, 3);
    else if (s.tag === "REF" && v(s, 1) === "CN") sh.trackingNumber = v(s, 2);
    else if (s.tag === "PRF") sh.orders.push({ poNumber: v(s, 1), packs: [] });
    else if (s.tag === "MAN") sh.orders[sh.orders.length - 1].packs.push({ sscc: v(s, 2), items: [] });
    else if (s.tag === "LIN")
      lastPack(sh.orders).items.push({ lineRef: v(s, 1), itemIds: pairs(s, 2), quantity: "", uom: "" });
    else if (s.tag === "SN1") {
      const items = lastPack(sh.orders).items;
      items[items.length - 1].quantity = v(s, 2);
      items[items.length - 1].uom = v(s, 3);
    } else if (level === "S") x12Party(s, sh.parties);
  }
  return sh;
}

function lastPack(orders: ShipOrder[]): ShipPack {
  const packs = orders[orders.length - 1].packs;
  return packs[packs.length - 1];
}

export function read810(body: Segment[]): Invoice {
  const big = body.find((s) => s.tag === "BIG")!;
  const inv: Invoice = {
    invoiceNumber: v(big, 2),
    invoiceDate: iso(v(big, 1)),
    poNumber: v(big, 4),
    currency: "",
    parties: [],
    lines: [],
    total: "",
  };
  if (v(big, 3)) inv.poDate = iso(v(big, 3));
  for (const s of body) {
    if (s.tag === "CUR") inv.currency = v(s, 2);
    else if (s.tag === "IT1") {
      inv.lines.push({
        lineRef: v(s, 1),
        quantity: v(s, 2),
        uom: v(s, 3),
        unitPrice: v(s, 4),
        itemIds: pairs(s, 6),
        amount: "",
      });
    } else if (s.tag === "PID") inv.lines[inv.lines.length - 1].description = v(s, 5);
    else if (s.tag === "TDS") inv.total = v(s, 1);
    else if (s.tag === "TXI") inv.tax = v(s, 2);
    else if (!inv.lines.length) x12Party(s, inv.parties);
  }
  return inv;
}

function nadParty(s: Segment): OutParty {
  const p: OutParty = { role: v(s, 1) };
  if (v(s, 2)) p.identifier = { qualifier: v(s, 2, 2), value: v(s, 2) };
  if (v(s, 4)) p.name = v(s, 4);
  const street = s.elements[4]?.[0]?.filter(Boolean) ?? [];
  if (street.length || v(s, 6) || v(s, 7) || v(s, 8) || v(s, 9)) {
    p.address = { lines: street };
    if (v(s, 6)) p.address.city = v(s, 6);
    if (v(s, 7)) p.address.region = v(s, 7);
    if (v(s, 8)) p.address.postalCode = v(s, 8);
    if (v(s, 9)) p.address.country = v(s, 9);
  }
  return p;
}

function linIds(s: Segment): Identifier[] {
  return v(s, 3) ? [{ qualifier: v(s, 3, 1), value: v(s, 3) }] : [];
}

export function readOrdrsp(body: Segment[]): OrderAck {
  const bgm = body.find((s) => s.tag === "BGM")!;
  const status = ({ "29": "accepted", "4": "changed", "27": "rejected" } as const)[v(bgm, 3) as "29"];
  const ack: OrderAck = { poNumber: "", poDate: "", ackDate: "", status, parties: [], lines: [] };
  const codes = invert(ORDRSP_LINE_CODES);
  let line: OrderAckLine | null = null;
  for (const s of body) {
    const q = v(s, 1);
    if (s.tag === "DTM" && q === "137") ack.ackDate = iso(v(s, 1, 1));
    else if (s.tag === "DTM" && q === "171") ack.poDate = iso(v(s, 1, 1));
    else if (s.tag === "DTM" && q === "69" && line) line.date = iso(v(s, 1, 1));
    else if (s.tag === "RFF" && q === "ON") ack.poNumber = v(s, 1, 1);
    else if (s.tag === "NAD") ack.parties.push(nadParty(s));
    else if (s.tag === "CUX") ack.currency = v(s, 1, 1);
    else if (s.tag === "LIN") {
      line = {
        lineRef: v(s, 1),
        itemIds: linIds(s),
        quantity: "",
        uom: "",
        status: (codes[v(s, 2)] ?? "accepted") as OrderAckLine["status"],
      };
      if (v(s, 2) === "3") line.status = "price-changed";
      ack.lines.push(line);
    } else if (s.tag === "PIA" && line) line.itemIds.push({ qualifier: v(s, 2, 1), value: v(s, 2) });
    else if (s.tag === "QTY" && line && q === "21") {
      line.quantity = v(s, 1, 1);
      line.uom = v(s, 1, 2);
    } else if (s.tag === "QTY" && line && q === "83") {
      line.status = "backordered";
      if (v(s, 1, 1) !== line.quantity) line.statusQuantity = v(s, 1, 1);
    } else if (s.tag === "QTY" && line && q === "113") line.statusQuantity = v(s, 1, 1);
    else if (s.tag === "PRI" && line) line.unitPrice = v(s, 1, 1);
  }
  if (v(bgm, 2) !== ack.poNumber) ack.orderNumber = v(bgm, 2);
  return ack;
}

export function readDesadv(body: Segment[]): Shipment {
  const bgm = body.find((s) => s.tag === "BGM")!;
  const sh: Shipment = { shipmentId: v(bgm, 2), shipDate: "", parties: [], orders: [] };
  let pack: ShipPack | null = null;
  for (const s of body) {
    const q = v(s, 1);
    if (s.tag === "DTM" && q === "137") sh.shipDate = iso(v(s, 1, 1));
    else if (s.tag === "DTM" && q === "11" && v(s, 1, 2) === "203") sh.shipTime = v(s, 1, 1).slice(8, 12);
    else if (s.tag === "RFF" && q === "CN") sh.trackingNumber = v(s, 1, 1);
    else if (s.tag === "NAD") sh.parties.push(nadParty(s));
    else if (s.tag === "TDT") sh.carrier = v(s, 5);
    else if (s.tag === "GIN") pack = { sscc: v(s, 2), items: [] };
    else if (s.tag === "LIN" && pack)
      pack.items.push({ lineRef: v(s, 1), itemIds: linIds(s), quantity: "", uom: "" });
    else if (s.tag === "PIA" && pack)
      pack.items[pack.items.length - 1].itemIds.push({ qualifier: v(s, 2, 1), value: v(s, 2) });
    else if (s.tag === "QTY" && pack)
      Object.assign(pack.items[pack.items.length - 1], { quantity: v(s, 1, 1), uom: v(s, 1, 2) });
    else if (s.tag === "RFF" && q === "ON" && pack) {
      // The order is carried on each item; a pack joins the order of its first item.
      const po = v(s, 1, 1);
      let order = sh.orders[sh.orders.length - 1];
      if (!order || order.poNumber !== po) {
        order = { poNumber: po, packs: [] };
        sh.orders.push(order);
      }
      if (!order.packs.includes(pack)) order.packs.push(pack);
    }
  }
  return sh;
}

export function readInvoic(body: Segment[]): Invoice {
  const bgm = body.find((s) => s.tag === "BGM")!;
  const inv: Invoice = {
    invoiceNumber: v(bgm, 2),
    invoiceDate: "",
    poNumber: "",
    currency: "",
    parties: [],
    lines: [],
    total: "",
  };
  let summary = false;
  for (const s of body) {
    const q = v(s, 1);
    const line = inv.lines[inv.lines.length - 1];
    if (s.tag === "DTM" && q === "137") inv.invoiceDate = iso(v(s, 1, 1));
    else if (s.tag === "DTM" && q === "171") inv.poDate = iso(v(s, 1, 1));
    else if (s.tag === "RFF" && q === "ON") inv.poNumber = v(s, 1, 1);
    else if (s.tag === "NAD") inv.parties.push(nadParty(s));
    else if (s.tag === "CUX") inv.currency = v(s, 1, 1);
    else if (s.tag === "UNS") summary = true;
    else if (s.tag === "LIN")
      inv.lines.push({
        lineRef: v(s, 1),
        itemIds: linIds(s),
        quantity: "",
        uom: "",
        unitPrice: "",
        amount: "",
      });
    else if (s.tag === "PIA") line.itemIds.push({ qualifier: v(s, 2, 1), value: v(s, 2) });
    else if (s.tag === "IMD") line.description = v(s, 3, 3);
    else if (s.tag === "QTY") Object.assign(line, { quantity: v(s, 1, 1), uom: v(s, 1, 2) });
    else if (s.tag === "PRI") line.unitPrice = v(s, 1, 1);
    else if (s.tag === "MOA" && !summary) line.amount = v(s, 1, 1);
    else if (s.tag === "MOA" && q === "86") inv.total = v(s, 1, 1);
    else if (s.tag === "MOA" && q === "124") inv.tax = v(s, 1, 1);
  }
  return inv;
}
