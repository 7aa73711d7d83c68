// EDIFACT ORDERS → OrderRequest. Decimal comma becomes '.', nothing is parsed to a float;
// qualifiers stay as sent (EN, SA, IN, BP…); 35-character name lines are glued back together.
import { joinLines, nonEmpty, normaliseDate, normaliseDecimal } from "./segment.ts";
import type { EdiError, Identifier, OrderLine, OrderRequest, Party, Segment } from "./types.ts";

export interface MessageTranslation {
  order?: OrderRequest;
  errors: EdiError[];
  warnings: EdiError[];
}

const KNOWN: Record<string, string> = {
  APERAK: "application error and acknowledgement",
  CONTRL: "syntax and service report",
  DESADV: "despatch advice",
  IFTMIN: "instruction message",
  INVOIC: "invoice",
  ORDCHG: "purchase order change request",
  ORDERS: "purchase order",
  ORDRSP: "purchase order response",
  PRICAT: "price/sales catalogue",
  RECADV: "receiving advice",
};

const c = (s: Segment, n: number, k = 0) => s.elements[n - 1]?.[0]?.[k] ?? "";

export function translateEdifactMessage(type: string, segments: Segment[]): MessageTranslation {
  if (type === "ORDERS") return mapOrders(segments);
  const name = KNOWN[type];
  return {
    errors: [],
    warnings: [
      {
        code: "NOT_TRANSLATED",
        message: name
          ? `${type} (${name}) recognised; it does not create an order`
          : `${type} recognised; no mapping for this message`,
      },
    ],
  };
}

function mapOrders(segments: Segment[]): MessageTranslation {
  const errors: EdiError[] = [];
  const warnings: EdiError[] = [];
  const parties: Party[] = [];
  const notes: string[] = [];
  const lines: OrderLine[] = [];
  let bgm: Segment | null = null;
  let poNumber: string | null = null;
  let poDate: string | null = null;
  let delivery: string | null = null;
  let ship: string | null = null;
  let currency: string | null = null;
  let line: OrderLine | null = null;
  let party: Party | null = null;
  let priceQualifier = "";
  let sawUns = false;
  let sawDtm = false;

  segments.forEach((s, idx) => {
    const pos = idx + 1;
    const date = () => {
      const raw = c(s, 1, 1);
      if (raw === "") return null;
      const d = normaliseDate(raw, c(s, 1, 2) || "102");
      if (!d)
        errors.push({
          code: "DATE_INVALID",
          message: `DTM: "${raw}" (format ${c(s, 1, 2) || "102"}) is not a date`,
          segment: "DTM",
          position: pos,
          element: 1,
          ackCode: "12",
        });
      return d;
    };
    switch (s.tag) {
      case "BGM":
        bgm = s;
        poNumber = nonEmpty(c(s, 2)) ?? poNumber;
        break;
      case "DTM": {
        sawDtm = true;
        const q = c(s, 1);
        const d = date();
        if (line) {
          if (q === "2" || q === "64" || q === "63") line.requestedDeliveryDate ??= d;
        } else if (q === "137" || q === "4") poDate ??= d;
        else if (q === "2" || q === "64" || q === "63" || q === "69") delivery ??= d;
        else if (q === "10" || q === "200" || q === "38") ship ??= d;
        break;
      }
      case "RFF":
        if (!line && c(s, 1) === "ON" && !poNumber) poNumber = nonEmpty(c(s, 1, 1));
        break;
      case "FTX": {
        const text = joinLines(s.elements[3]?.[0] ?? [], 512);
        if (text) (line ? line.notes : notes).push(text);
        break;
      }
      case "NAD": {
        party = null;
        if (line) break;
        const id = c(s, 2);
        party = {
          role: c(s, 1),
          // The qualifier is the responsible agency (9 = GS1/EAN, 91 assigned by seller, 92 by buyer…).
          identifiers: id ? [{ qualifier: c(s, 2, 2) || c(s, 2, 1), value: id }] : [],
          // C080 party name, else the unformatted C058 name-and-address lines.
          name:
            nonEmpty(joinLines(s.elements[3]?.[0] ?? [])) ?? nonEmpty(joinLines(s.elements[2]?.[0] ?? [])),
          address: null,
        };
        // NAD+qual+C082 id+C058 name/address lines+C080 name+C059 street+city+region+postcode+country
        const street = (s.elements[4]?.[0] ?? []).filter((x) => x !== "");
        if (street.length > 0 || c(s, 6) || c(s, 8) || c(s, 9)) {
          party.address = {
            lines: street,
            city: nonEmpty(c(s, 6)),
            region: nonEmpty(c(s, 7)),
            postalCode: nonEmpty(c(s, 8)),
            country: nonEmpty(c(s, 9)),
          };
        }
        parties.push(party);
        break;
      }
      case "CUX":
        if (!line) currency = nonEmpty(c(s, 1, 1)) ?? currency;
        break;
      case "LIN": {
        party = null;
        const ids: Identifier[] = [];
        if (c(s, 3)) ids.push({ qualifier: c(s, 3, 1), value: c(s, 3) });
        line = {
          lineRef: nonEmpty(c(s, 1)),
          quantity: null,
          uom: null,
          unitPrice: null,
          itemIds: ids,
          description: null,
          requestedDeliveryDate: null,
          notes: [],
        };
        priceQualifier = "";
        lines.push(line);
        break;
      }
      case "PIA":
        if (line) {
          for (const el of s.elements.slice(1)) {
            const [value, qualifier] = el[0] ?? [];
            if (value) line.itemIds.push({ qualifier: qualifier ?? "", value });
          }
        }
        break;
      case "IMD":
        if (line) {
          const text = joinLines((s.elements[2]?.[0] ?? []).slice(3, 5));
          if (text) line.description = line.description ? `${line.description} ${text}` : text;
        }
        break;
      case "QTY":
        // 21 = ordered quantity; other qualifiers (59 units per pack…) are not the order quantity.
        if (line && (c(s, 1) === "21" || line.quantity === null)) {
          line.quantity = normaliseDecimal(c(s, 1, 1));
          line.uom = nonEmpty(c(s, 1, 2)) ?? line.uom;
        }
        break;
      case "PRI":
        // Net (AAA) wins over gross (AAB) and anything else.
        if (line && c(s, 1, 1) !== "" && (priceQualifier !== "AAA" || c(s, 1) === "AAA")) {
          line.unitPrice = normaliseDecimal(c(s, 1, 1));
          priceQualifier = c(s, 1);
        }
        break;
      case "UNS":
        sawUns = true;
        line = null;
        party = null;
        break;
    }
  });

  if (!bgm)
    errors.push({
      code: "BGM_MISSING",
      message: "mandatory BGM segment missing",
      segment: "BGM",
      position: 2,
      ackCode: "13",
    });
  if (!sawDtm)
    errors.push({
      code: "DTM_MISSING",
      message: "mandatory DTM (document date) missing",
      segment: "DTM",
      position: 3,
      ackCode: "13",
    });
  if (!sawUns) warnings.push({ code: "UNS_MISSING", message: "no UNS section control segment" });
  if (lines.length === 0)
    errors.push({ code: "NO_LINES", message: "no LIN line items", segment: "LIN", ackCode: "13" });
  for (const l of lines) {
    if (l.quantity === null)
      errors.push({
        code: "LINE_QUANTITY_MISSING",
        message: `line ${l.lineRef ?? "?"} has no QTY`,
        segment: "QTY",
        ackCode: "13",
      });
  }
  const b = bgm as Segment | null;
  const byRole = (...roles: string[]) => parties.find((p) => roles.includes(p.role)) ?? null;
  const order: OrderRequest = {
    kind: "order",
    purpose: b ? nonEmpty(c(b, 3)) : null,
    orderType: b ? nonEmpty(c(b, 1)) : null,
    poNumber,
    poDate,
    requestedDeliveryDate: delivery,
    requestedShipDate: ship,
    currency,
    buyer: byRole("BY"),
    shipTo: byRole("DP", "ST"),
    parties,
    notes,
    lines,
  };
  return { order, errors, warnings };
}
