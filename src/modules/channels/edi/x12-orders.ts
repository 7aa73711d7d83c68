// X12 850 → OrderRequest and 860 → ChangeRequest. Values are copied as sent: quantities and
// prices stay decimal strings, qualifiers stay the partner's (VN, UP, BP…), dates become YYYY-MM-DD.

import { joinLines, nonEmpty, normaliseDate, normaliseDecimal } from "./segment.ts";
import type {
  ChangeLine,
  ChangeRequest,
  EdiError,
  Identifier,
  OrderLine,
  OrderRequest,
  Party,
  Segment,
} from "./types.ts";
import { po1Shifted } from "./x12-syntax.ts";

export interface X12SetContext {
  /** ISA fields of the interchange (the buyer falls back to the ISA sender). */
  sender: string[];
  group: { functionalId: string; version: string } | null;
}

export interface SetTranslation {
  order?: OrderRequest | ChangeRequest;
  errors: EdiError[];
  warnings: EdiError[];
}

const KNOWN: Record<string, string> = {
  "810": "invoice",
  "820": "payment order",
  "824": "application advice",
  "846": "inventory inquiry/advice",
  "850": "purchase order",
  "855": "purchase order acknowledgment",
  "856": "ship notice/manifest",
  "860": "purchase order change",
  "865": "purchase order change acknowledgment",
  "940": "warehouse shipping order",
  "945": "warehouse shipping advice",
  "997": "functional acknowledgment",
  "999": "implementation acknowledgment",
};

const v = (s: Segment, n: number, c = 0) => s.elements[n - 1]?.[0]?.[c] ?? "";

export function translateX12Set(type: string, segments: Segment[], ctx: X12SetContext): SetTranslation {
  if (type === "850") return mapOrder(segments, ctx, "order");
  if (type === "860") return mapOrder(segments, ctx, "change");
  const name = KNOWN[type];
  return {
    errors: [],
    warnings: [
      {
        code: "NOT_TRANSLATED",
        message: name
          ? `${type} (${name}) recognised; it does not create an order`
          : `${type} recognised; no mapping for this set`,
      },
    ],
  };
}

function mapOrder(segments: Segment[], ctx: X12SetContext, kind: "order" | "change"): SetTranslation {
  const errors: EdiError[] = [];
  const warnings: EdiError[] = [];
  const parties: Party[] = [];
  const notes: string[] = [];
  const lines: (OrderLine | ChangeLine)[] = [];
  let header: Segment | null = null;
  let headerPos = 0;
  let party: Party | null = null;
  let line: (OrderLine | ChangeLine) | null = null;
  let currency: string | null = null;
  let lineCurrency: string | null = null;
  let poDate: string | null = null;
  let delivery: string | null = null;
  let ship: string | null = null;
  let ctt = null as { count: string; pos: number } | null;
  const headTag = kind === "order" ? "BEG" : "BCH";
  const lineTag = kind === "order" ? "PO1" : "POC";

  const date = (s: Segment, pos: number, n: number) => {
    const raw = v(s, n);
    if (raw === "") return null;
    const d = normaliseDate(raw);
    if (!d)
      errors.push({
        code: "DATE_INVALID",
        message: `${s.tag}: "${raw}" is not a date`,
        segment: s.tag,
        position: pos,
        element: n,
        ackCode: "8",
      });
    return d;
  };

  segments.forEach((s, idx) => {
    const pos = idx + 1; // ST is position 1
    switch (s.tag) {
      case headTag:
        header = s;
        headerPos = pos;
        poDate = date(s, pos, kind === "order" ? 5 : 6);
        break;
      case "CUR":
        // Header CUR wins; some senders only put CUR on the lines (EDI.Net issue 135).
        if (!line) currency = nonEmpty(v(s, 2)) ?? currency;
        else lineCurrency ??= nonEmpty(v(s, 2));
        break;
      case "DTM": {
        const d = date(s, pos, 2);
        const q = v(s, 1);
        if (line) {
          if (q === "002" || q === "074") line.requestedDeliveryDate = d;
        } else if (q === "002" || q === "074") delivery ??= d;
        else if (q === "010" || q === "037" || q === "038") ship ??= d;
        else if (q === "004") poDate ??= d;
        break;
      }
      case "NTE":
        pushNote(line, notes, v(s, 2));
        break;
      case "MSG":
        pushNote(line, notes, v(s, 1));
        break;
      case "N1":
        if (line) {
          party = null; // line-level N1 loops (store distributions) are not mapped yet
          warnings.push({
            code: "LINE_PARTY_IGNORED",
            message: `N1*${v(s, 1)} inside line ${line.lineRef ?? "?"} not mapped`,
            segment: "N1",
            position: pos,
          });
          break;
        }
        if ((v(s, 3) === "") !== (v(s, 4) === "")) {
          warnings.push({
            code: "N1_ID_INCOMPLETE",
            message: `N1*${v(s, 1)}: N103/N104 must come together; id ignored`,
            segment: "N1",
            position: pos,
          });
        }
        party = {
          role: v(s, 1),
          identifiers: v(s, 3) && v(s, 4) ? [{ qualifier: v(s, 3), value: v(s, 4) }] : [],
          name: nonEmpty(v(s, 2)),
          address: null,
        };
        parties.push(party);
        break;
      case "N2":
        if (party) party.name = joinLines([party.name ?? "", v(s, 1), v(s, 2)], 60) || null;
        break;
      case "N3":
        if (party) address(party).lines.push(...[v(s, 1), v(s, 2)].filter((x) => x !== ""));
        break;
      case "N4":
        if (party) {
          const a = address(party);
          a.city = nonEmpty(v(s, 1));
          a.region = nonEmpty(v(s, 2));
          a.postalCode = nonEmpty(v(s, 3));
          a.country = nonEmpty(v(s, 4));
        }
        break;
      case "PO1":
      case "POC":
        if (s.tag !== lineTag) break;
        party = null;
        line = kind === "order" ? po1(s) : poc(s);
        if (s.tag === "PO1" && po1Shifted(s)) {
          line.itemIds = [{ qualifier: v(s, 5), value: v(s, 6) }];
          warnings.push({
            code: "PO1_PAIR_SHIFTED",
            message: "PO105 holds an id qualifier; read PO105/PO106 as the item id",
            segment: "PO1",
            position: pos,
          });
        }
        lines.push(line);
        break;
      case "PID":
        if (line && v(s, 1) === "F" && v(s, 5) !== "") {
          line.description = line.description ? `${line.description} ${v(s, 5)}` : v(s, 5);
        }
        break;
      case "CTT":
        line = null;
        party = null;
        ctt = { count: v(s, 1), pos };
        break;
    }
  });

  if (!header) {
    errors.push({
      code: `${headTag}_MISSING`,
      message: `mandatory ${headTag} segment missing`,
      segment: headTag,
      position: 2,
      ackCode: "3",
    });
  }
  if (lines.length === 0) {
    errors.push({
      code: "NO_LINES",
      message: `no ${lineTag} line items`,
      segment: lineTag,
      position: segments.length,
      ackCode: "3",
    });
  }
  if (ctt && ctt.count !== String(lines.length)) {
    warnings.push({
      code: "CTT_LINE_COUNT_MISMATCH",
      message: `CTT01 says ${ctt.count} lines, the set has ${lines.length}`,
      segment: "CTT",
      position: ctt.pos,
    });
  }
  const h = header as Segment | null;
  const byRole = (...roles: string[]) => parties.find((p) => roles.includes(p.role)) ?? null;
  const senderQ = (ctx.sender[4] ?? "").trim();
  const senderId = (ctx.sender[5] ?? "").trim();
  // No N1*BY: in an inbound order the interchange sender is the buyer.
  const buyer =
    byRole("BY") ??
    (senderId
      ? { role: "BY", identifiers: [{ qualifier: senderQ, value: senderId }], name: null, address: null }
      : null);
  const common = {
    purpose: h ? nonEmpty(v(h, 1)) : null,
    poNumber: h ? nonEmpty(v(h, 3)) : null,
    poDate,
    requestedDeliveryDate: delivery,
    requestedShipDate: ship,
    currency: currency ?? lineCurrency,
    buyer,
    shipTo: byRole("ST"),
    parties,
    notes,
  };
  if (kind === "order") {
    const order: OrderRequest = { kind: "order", orderType: h ? nonEmpty(v(h, 2)) : null, ...common, lines };
    return { order, errors, warnings };
  }
  const change: ChangeRequest = {
    kind: "change",
    changeType: h ? nonEmpty(v(h, 2)) : null,
    changeDate: null,
    ...common,
    lines: lines as ChangeLine[],
  };
  void headerPos;
  return { order: change, errors, warnings };
}

function pushNote(line: OrderLine | null, notes: string[], text: string): void {
  if (text.trim() === "") return;
  (line ? line.notes : notes).push(text);
}

function address(p: Party) {
  p.address ??= { lines: [], city: null, region: null, postalCode: null, country: null };
  return p.address;
}

function pairs(s: Segment, from: number): Identifier[] {
  const ids: Identifier[] = [];
  for (let n = from; n < s.elements.length; n += 2) {
    const q = v(s, n);
    const value = v(s, n + 1);
    if (q !== "" && value !== "") ids.push({ qualifier: q, value });
  }
  return ids;
}

function po1(s: Segment): OrderLine {
  return {
    lineRef: nonEmpty(v(s, 1)),
    quantity: normaliseDecimal(v(s, 2)),
    uom: nonEmpty(v(s, 3)),
    unitPrice: normaliseDecimal(v(s, 4)),
    itemIds: pairs(s, 6),
    description: null,
    requestedDeliveryDate: null,
    notes: [],
  };
}

function poc(s: Segment): ChangeLine {
  return {
    lineRef: nonEmpty(v(s, 1)),
    changeCode: nonEmpty(v(s, 2)),
    quantity: normaliseDecimal(v(s, 3)),
    quantityLeftToReceive: normaliseDecimal(v(s, 4)),
    uom: nonEmpty(v(s, 5)),
    unitPrice: normaliseDecimal(v(s, 6)),
    itemIds: pairs(s, 8),
    description: null,
    requestedDeliveryDate: null,
    notes: [],
  };
}
