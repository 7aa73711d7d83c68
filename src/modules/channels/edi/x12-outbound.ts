// Outbound X12: 855 purchase order acknowledgment, 856 ship notice (S/O/P/I hierarchy with SSCC-18),
// 810 invoice. Builders return segment bodies; writeX12Documents wraps them in ST/SE, GS/GE, ISA/IEA.
import type { Invoice, OrderAck, OutParty, Shipment } from "./outbound-types.ts";
import { isValidSscc } from "./sscc.ts";
import type { Segment, X12Delimiters } from "./types.ts";
import { EdiWriteError, writeX12Interchange, type X12Envelope } from "./x12-writer.ts";

const seg = (tag: string, ...values: string[]): Segment => {
  // Trailing empty elements are not written (X12 rule); inner empties keep positions.
  let n = values.length;
  while (n > 0 && values[n - 1] === "") n--;
  return { tag, elements: values.slice(0, n).map((v) => [[v]]) };
};
const ymd = (iso: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso))
    throw new EdiWriteError("EDI_BAD_DATE", `not a YYYY-MM-DD date: ${iso}`);
  return iso.replace(/-/g, "");
};

export const LINE_ACK_CODES: Record<string, string> = {
  accepted: "IA",
  backordered: "IB",
  "price-changed": "IP",
  substituted: "IS",
  "on-hold": "IH",
  rejected: "IR",
};
const BAK_CODES = { accepted: "AD", changed: "AC", rejected: "RJ" } as const;

export function partySegments(p: OutParty): Segment[] {
  const out = [seg("N1", p.role, p.name ?? "", p.identifier?.qualifier ?? "", p.identifier?.value ?? "")];
  const a = p.address;
  if (a) {
    if (a.lines.length > 0) out.push(seg("N3", ...a.lines.slice(0, 2)));
    out.push(seg("N4", a.city ?? "", a.region ?? "", a.postalCode ?? "", a.country ?? ""));
  }
  return out;
}

function idPairs(ids: { qualifier: string; value: string }[]): string[] {
  return ids.flatMap((i) => [i.qualifier, i.value]);
}

export function build855(ack: OrderAck): Segment[] {
  const body: Segment[] = [
    seg(
      "BAK",
      "00",
      BAK_CODES[ack.status],
      ack.poNumber,
      ymd(ack.poDate),
      "",
      "",
      "",
      ack.orderNumber ?? "",
      ymd(ack.ackDate),
    ),
  ];
  if (ack.currency) body.push(seg("CUR", "SE", ack.currency));
  for (const p of ack.parties) body.push(...partySegments(p));
  for (const l of ack.lines) {
    body.push(
      seg(
        "PO1",
        l.lineRef,
        l.quantity,
        l.uom,
        l.unitPrice ?? "",
        l.unitPrice ? "PE" : "",
        ...idPairs(l.itemIds),
      ),
    );
    const date = l.date ? ["068", ymd(l.date)] : [];
    body.push(seg("ACK", LINE_ACK_CODES[l.status], l.statusQuantity ?? l.quantity, l.uom, ...date));
  }
  body.push(seg("CTT", String(ack.lines.length)));
  return body;
}

/** 856 with the standard 0001 structure: Shipment → Order → Pack (SSCC) → Item. */
export function build856(s: Shipment): Segment[] {
  const body: Segment[] = [seg("BSN", "00", s.shipmentId, ymd(s.shipDate), s.shipTime ?? "0000", "0001")];
  let hl = 0;
  const shipmentHl = ++hl;
  body.push(seg("HL", String(shipmentHl), "", "S", "1"));
  if (s.carrier) body.push(seg("TD5", "", "2", s.carrier));
  if (s.trackingNumber) body.push(seg("REF", "CN", s.trackingNumber));
  body.push(seg("DTM", "011", ymd(s.shipDate)));
  for (const p of s.parties) body.push(...partySegments(p));
  for (const o of s.orders) {
    const orderHl = ++hl;
    body.push(seg("HL", String(orderHl), String(shipmentHl), "O", o.packs.length > 0 ? "1" : "0"));
    body.push(seg("PRF", o.poNumber));
    for (const p of o.packs) {
      if (!isValidSscc(p.sscc)) throw new EdiWriteError("EDI_BAD_SSCC", `not a valid SSCC-18: ${p.sscc}`);
      const packHl = ++hl;
      body.push(seg("HL", String(packHl), String(orderHl), "P", p.items.length > 0 ? "1" : "0"));
      body.push(seg("MAN", "GM", p.sscc));
      for (const it of p.items) {
        body.push(seg("HL", String(++hl), String(packHl), "I", "0"));
        body.push(seg("LIN", it.lineRef, ...idPairs(it.itemIds)));
        body.push(seg("SN1", "", it.quantity, it.uom));
      }
    }
  }
  body.push(seg("CTT", String(hl)));
  return body;
}

/** Amount with 2 implied decimals (TDS, N2), computed on the string: no floats. */
export function impliedCents(amount: string): string {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) throw new EdiWriteError("EDI_BAD_AMOUNT", `amount must have at most 2 decimals: ${amount}`);
  const cents = `${m[2]}${(m[3] ?? "").padEnd(2, "0")}`.replace(/^0+(?=\d)/, "");
  return (m[1] && cents !== "0" ? "-" : "") + cents;
}

export function build810(inv: Invoice): Segment[] {
  const body: Segment[] = [
    seg("BIG", ymd(inv.invoiceDate), inv.invoiceNumber, inv.poDate ? ymd(inv.poDate) : "", inv.poNumber),
  ];
  body.push(seg("CUR", "SE", inv.currency));
  for (const p of inv.parties) body.push(...partySegments(p));
  for (const l of inv.lines) {
    body.push(seg("IT1", l.lineRef, l.quantity, l.uom, l.unitPrice, "PE", ...idPairs(l.itemIds)));
    if (l.description) body.push(seg("PID", "F", "", "", "", l.description));
  }
  body.push(seg("TDS", impliedCents(inv.total)));
  if (inv.tax) body.push(seg("TXI", "TX", inv.tax));
  body.push(seg("CTT", String(inv.lines.length)));
  return body;
}

const SETS = {
  "855": { functionalId: "PR", build: build855 },
  "856": { functionalId: "SH", build: build856 },
  "810": { functionalId: "IN", build: build810 },
} as const;

export interface X12OutboundOptions {
  envelope: X12Envelope;
  /** GS02/GS03 application codes; default to the ISA ids. */
  appSender?: string;
  appReceiver?: string;
  groupControlNumber: number;
  /** ST02 of the first set; the next ones count up. */
  firstSetControlNumber: number;
  version?: string;
  delimiters?: X12Delimiters;
  newline?: boolean;
}

export function writeX12Documents(type: "855", docs: OrderAck[], o: X12OutboundOptions): string;
export function writeX12Documents(type: "856", docs: Shipment[], o: X12OutboundOptions): string;
export function writeX12Documents(type: "810", docs: Invoice[], o: X12OutboundOptions): string;
export function writeX12Documents(type: keyof typeof SETS, docs: unknown[], o: X12OutboundOptions): string {
  const def = SETS[type];
  const build = def.build as (d: unknown) => Segment[];
  return writeX12Interchange(
    o.envelope,
    [
      {
        functionalId: def.functionalId,
        appSender: o.appSender ?? o.envelope.sender.id,
        appReceiver: o.appReceiver ?? o.envelope.receiver.id,
        controlNumber: o.groupControlNumber,
        version: o.version ?? "004010",
        sets: docs.map((d, i) => ({ type, controlNumber: o.firstSetControlNumber + i, body: build(d) })),
      },
    ],
    { delimiters: o.delimiters, newline: o.newline },
  );
}
