// Outbound EDIFACT: ORDRSP, DESADV (consignment → pack with SSCC → item), INVOIC.
// Same inputs as the X12 writers so a partner's standard is a setting, not a code path.
import { type EdifactEnvelope, writeEdifactInterchange } from "./edifact-writer.ts";
import type { Invoice, OrderAck, OrderAckLine, OutParty, Shipment } from "./outbound-types.ts";
import { isValidSscc } from "./sscc.ts";
import type { EdifactDelimiters, Identifier, Segment } from "./types.ts";
import { EdiWriteError } from "./x12-writer.ts";

type V = string | string[];
const seg = (tag: string, ...els: V[]): Segment => {
  let n = els.length;
  while (
    n > 0 &&
    (els[n - 1] === "" || (Array.isArray(els[n - 1]) && (els[n - 1] as string[]).every((x) => x === "")))
  )
    n--;
  return { tag, elements: els.slice(0, n).map((e) => (Array.isArray(e) ? [trimComps(e)] : [[e]])) };
};
const trimComps = (c: string[]) => {
  let n = c.length;
  while (n > 1 && c[n - 1] === "") n--;
  return c.slice(0, n);
};
const ymd = (iso: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso))
    throw new EdiWriteError("EDI_BAD_DATE", `not a YYYY-MM-DD date: ${iso}`);
  return iso.replace(/-/g, "");
};
const dtm = (q: string, iso: string) => seg("DTM", [q, ymd(iso), "102"]);

/** LIN action codes (1229) per line status; 3 "changed" is told apart by QTY+83 (backorder). */
export const ORDRSP_LINE_CODES: Record<OrderAckLine["status"], string> = {
  accepted: "5",
  backordered: "3",
  "price-changed": "3",
  substituted: "1",
  // 4 "no action": taken, not yet decided (no ORDRSP code says "on hold").
  "on-hold": "4",
  rejected: "7",
};
const BGM_FUNCTION = { accepted: "29", changed: "4", rejected: "27" } as const;

export function nadSegment(p: OutParty): Segment {
  const a = p.address;
  return seg(
    "NAD",
    p.role,
    p.identifier ? [p.identifier.value, "", p.identifier.qualifier] : "",
    "",
    p.name ? [p.name] : "",
    a ? a.lines.slice(0, 4) : "",
    a?.city ?? "",
    a?.region ?? "",
    a?.postalCode ?? "",
    a?.country ?? "",
  );
}

function itemSegments(lineRef: string, ids: Identifier[], action = ""): Segment[] {
  const [first, ...rest] = ids;
  const out = [seg("LIN", lineRef, action, first ? [first.value, first.qualifier] : "")];
  for (const id of rest) out.push(seg("PIA", "5", [id.value, id.qualifier]));
  return out;
}

export function buildOrdrsp(ack: OrderAck): Segment[] {
  const body: Segment[] = [
    seg("BGM", "231", ack.orderNumber ?? ack.poNumber, BGM_FUNCTION[ack.status]),
    dtm("137", ack.ackDate),
    seg("RFF", ["ON", ack.poNumber]),
    dtm("171", ack.poDate),
  ];
  for (const p of ack.parties) body.push(nadSegment(p));
  if (ack.currency) body.push(seg("CUX", ["2", ack.currency, "9"]));
  for (const l of ack.lines) {
    body.push(...itemSegments(l.lineRef, l.itemIds, ORDRSP_LINE_CODES[l.status]));
    body.push(seg("QTY", ["21", l.quantity, l.uom]));
    if (l.status === "backordered") body.push(seg("QTY", ["83", l.statusQuantity ?? l.quantity, l.uom]));
    else if (l.statusQuantity !== undefined) body.push(seg("QTY", ["113", l.statusQuantity, l.uom]));
    if (l.date) body.push(dtm("69", l.date));
    if (l.unitPrice) body.push(seg("PRI", ["AAA", l.unitPrice]));
  }
  body.push(seg("UNS", "S"), seg("CNT", ["2", String(ack.lines.length)]));
  return body;
}

export function buildDesadv(s: Shipment): Segment[] {
  const body: Segment[] = [
    seg("BGM", "351", s.shipmentId, "9"),
    dtm("137", s.shipDate),
    dtm("11", s.shipDate),
  ];
  if (s.shipTime) body.push(seg("DTM", ["11", `${ymd(s.shipDate)}${s.shipTime}`, "203"]));
  if (s.trackingNumber) body.push(seg("RFF", ["CN", s.trackingNumber]));
  for (const p of s.parties) body.push(nadSegment(p));
  if (s.carrier) body.push(seg("TDT", "20", "", "", "", [s.carrier]));
  body.push(seg("CPS", "1"));
  let cps = 1;
  let lines = 0;
  for (const o of s.orders) {
    for (const p of o.packs) {
      if (!isValidSscc(p.sscc)) throw new EdiWriteError("EDI_BAD_SSCC", `not a valid SSCC-18: ${p.sscc}`);
      if (p.items.length === 0) throw new EdiWriteError("EDI_EMPTY_PACK", `pack ${p.sscc} has no items`);
      body.push(seg("CPS", String(++cps), "1"), seg("PAC", "1"), seg("PCI", "33E"), seg("GIN", "BJ", p.sscc));
      for (const it of p.items) {
        lines++;
        body.push(...itemSegments(it.lineRef, it.itemIds));
        body.push(seg("QTY", ["12", it.quantity, it.uom]), seg("RFF", ["ON", o.poNumber]));
      }
    }
  }
  body.push(seg("CNT", ["2", String(lines)]));
  return body;
}

export function buildInvoic(inv: Invoice): Segment[] {
  const body: Segment[] = [
    seg("BGM", "380", inv.invoiceNumber, "9"),
    dtm("137", inv.invoiceDate),
    seg("RFF", ["ON", inv.poNumber]),
  ];
  if (inv.poDate) body.push(dtm("171", inv.poDate));
  for (const p of inv.parties) body.push(nadSegment(p));
  body.push(seg("CUX", ["2", inv.currency, "4"]));
  for (const l of inv.lines) {
    body.push(...itemSegments(l.lineRef, l.itemIds));
    if (l.description) body.push(seg("IMD", "F", "", ["", "", "", l.description]));
    body.push(
      seg("QTY", ["47", l.quantity, l.uom]),
      seg("MOA", ["203", l.amount]),
      seg("PRI", ["AAA", l.unitPrice]),
    );
  }
  body.push(seg("UNS", "S"), seg("MOA", ["86", inv.total]));
  if (inv.tax) body.push(seg("TAX", "7", "VAT"), seg("MOA", ["124", inv.tax]));
  body.push(seg("CNT", ["2", String(inv.lines.length)]));
  return body;
}

const MESSAGES = {
  ORDRSP: buildOrdrsp,
  DESADV: buildDesadv,
  INVOIC: buildInvoic,
} as const;

export interface EdifactOutboundOptions {
  envelope: EdifactEnvelope;
  /** UNH reference of the first message; the next ones count up. */
  firstMessageRef: number;
  /** Directory version, default D 96A (EANCOM's most common). */
  version?: [string, string];
  delimiters?: EdifactDelimiters;
  newline?: boolean;
}

export function writeEdifactDocuments(type: "ORDRSP", docs: OrderAck[], o: EdifactOutboundOptions): string;
export function writeEdifactDocuments(type: "DESADV", docs: Shipment[], o: EdifactOutboundOptions): string;
export function writeEdifactDocuments(type: "INVOIC", docs: Invoice[], o: EdifactOutboundOptions): string;
export function writeEdifactDocuments(
  type: keyof typeof MESSAGES,
  docs: unknown[],
  o: EdifactOutboundOptions,
): string {
  const build = MESSAGES[type] as (d: unknown) => Segment[];
  const [dir, rel] = o.version ?? ["D", "96A"];
  return writeEdifactInterchange(
    o.envelope,
    docs.map((d, i) => ({
      ref: String(o.firstMessageRef + i),
      identifier: [type, dir, rel, "UN"],
      body: build(d),
    })),
    { delimiters: o.delimiters, newline: o.newline },
  );
}
