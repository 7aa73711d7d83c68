// The order as the buyer knows it, for the 856/DESADV and 810/INVOIC we send about it: the partner,
// the PO number and date, the parties as the 850 named them, and per order line the buyer's line
// reference, item identifiers and ordered unit (from the inbound transaction that made the order),
// else identifiers in the partner's preference and base units.
import type { Db } from "../../../app/db.ts";
import { Dec } from "../../../lib/money.ts";
import { unitFactor } from "../../catalog/lookup.ts";
import type { LineOutcome } from "./intake-order.ts";
import type { OutParty } from "./outbound-types.ts";
import { getPartner, type Partner } from "./partners.ts";
import type { Identifier, Party } from "./types.ts";
import { DEFAULT_X12_DELIMITERS } from "./x12-writer.ts";

export type BuyerLine = {
  itemId: number;
  lineRef: string;
  itemIds: Identifier[];
  /** The unit the buyer ordered in and base units per that unit (1 when it is the base unit). */
  uom: string | null;
  factor: number;
  baseUnit: string;
};

export type OrderContext = {
  orderId: number;
  poNumber: string;
  poDate: string;
  accountId: number;
  partner: Partner;
  buyer: OutParty;
  shipTo: OutParty | null;
  /** By order line id. */
  lines: Map<number, BuyerLine>;
  /** Identifiers and base unit of an item outside the buyer's lines (a substitute, a charge line's item). */
  itemFor(itemId: number): Promise<{ itemIds: Identifier[]; baseUnit: string }>;
  text(value: string | null | undefined, max: number): string | undefined;
};

type Header = { poDate: string | null; buyer: Party | null; shipTo: Party | null };
type Origin = { partnerId: number | null; tx: { header?: Header; lines?: LineOutcome[] } };
type ItemRow = {
  id: number;
  sku: string;
  upc: string | null;
  vendorPartNo: string | null;
  baseUnit: string;
  caseFactor: number;
};

/**
 * The order's context, or null when nothing is to be sent: no active partner for the order (the
 * partner its 850 came from, else the account's) or the partner does not take `docType` in its
 * standard (`{x12: "856", edifact: "DESADV"}`).
 */
export async function loadOrderContext(
  db: Db,
  orderId: number,
  docType: { x12: string; edifact: string },
): Promise<OrderContext | null> {
  const order = (
    await db.pool.query(
      `select o.id, o.number, o.po_number as "poNumber", to_char(o.ordered_at at time zone 'UTC', 'YYYY-MM-DD') as "orderedOn",
              o.account_id as "accountId", a.name as "accountName", st.name as "stName", st.line1, st.city, st.region,
              st.postal_code as "postalCode", st.country, st.edi_store_number as "storeNumber", st.gln
         from orders o join accounts a on a.id = o.account_id left join ship_tos st on st.id = o.ship_to_id
        where o.id = $1`,
      [orderId],
    )
  ).rows[0];
  if (!order) return null;
  const origin = (
    await db.pool.query(
      `select m.partner_id as "partnerId", t.tx
         from edi_message_orders l join edi_messages m on m.id = l.message_id
              cross join lateral jsonb_array_elements(m.transactions) as t(tx)
        where l.order_id = $1 and m.direction = 'in' and not l.replayed and t.tx->>'status' = 'order_created'
          and t.tx->>'orderId' = l.order_id::text
        order by m.id limit 1`,
      [orderId],
    )
  ).rows[0] as Origin | undefined;
  const partnerId = (
    await db.pool.query(
      `select id from edi_trading_partners where active and (id = $1 or account_id = $2)
        order by (id = $1) desc nulls last, id limit 1`,
      [origin?.partnerId ?? null, order.accountId],
    )
  ).rows[0]?.id as number | undefined;
  if (partnerId === undefined) return null;
  const partner = await getPartner(db, partnerId);
  if (!partner.documents.includes(docType[partner.standard])) return null;

  const x12 = partner.standard === "x12";
  const text = cleaner(partner);
  const header = origin?.tx.header;
  const lineRows = (
    await db.pool.query(
      `select l.id, l.line_no as "lineNo", l.requested, i.id as "itemId", i.sku, i.upc,
              i.vendor_part_no as "vendorPartNo", i.base_unit as "baseUnit", i.case_factor as "caseFactor"
         from order_lines l join items i on i.id = l.item_id where l.order_id = $1 order by l.line_no`,
      [orderId],
    )
  ).rows as (ItemRow & {
    id: number;
    itemId: number;
    lineNo: number;
    requested: { lineRef?: string; uom?: string } | null;
  })[];
  const catalog = itemCatalog(db, order.accountId, partner);
  const items = await catalog.load(lineRows.map((r) => r.itemId));
  const units = new Map<string, number>();
  for (const r of (
    await db.pool.query("select item_id, code, factor from item_units where item_id = any($1::int[])", [
      lineRows.map((r) => r.itemId),
    ])
  ).rows)
    units.set(`${r.item_id}:${String(r.code).toUpperCase()}`, r.factor);

  // The order's lines were made from the transaction's accepted lines, in order (intake-order.ts).
  const sent = (origin?.tx.lines ?? []).filter((l) => l.status === "accepted");
  const lines = new Map<number, BuyerLine>();
  for (const r of lineRows) {
    const item = items.get(r.itemId)!;
    const asSent = sent[r.lineNo - 1];
    const same = asSent && asSent.sku === r.sku;
    const uom = (same ? asSent.uom : r.requested?.uom) ?? null;
    const ids = same ? asSent.itemIds.filter((i) => i.qualifier && i.value).slice(0, 5) : [];
    lines.set(r.id, {
      itemId: r.itemId,
      lineRef: (same ? asSent.lineRef : r.requested?.lineRef) ?? String(r.lineNo),
      itemIds: ids.length > 0 ? ids : await catalog.ids(r.itemId),
      uom,
      factor: (same ? sentFactor(asSent) : null) ?? unitFactor(item, uom, units) ?? 1,
      baseUnit: item.baseUnit,
    });
  }

  const buyerId = header?.buyer?.identifiers[0];
  return {
    orderId,
    poNumber: order.poNumber ?? order.number,
    poDate: header?.poDate ?? order.orderedOn,
    accountId: order.accountId,
    partner,
    buyer: {
      role: "BY",
      ...(buyerId ? { identifier: buyerId } : {}),
      name: text(header?.buyer?.name ?? order.accountName, x12 ? 60 : 35),
    },
    shipTo: order.stName
      ? {
          role: header?.shipTo?.role || (x12 ? "ST" : "DP"),
          name: text(order.stName, x12 ? 60 : 35),
          ...shipToIdentifier(order, header?.shipTo ?? null, x12),
          address: address(order, text, x12),
        }
      : null,
    lines,
    itemFor: async (itemId) => ({
      itemIds: await catalog.ids(itemId),
      baseUnit: (await catalog.load([itemId])).get(itemId)?.baseUnit ?? "EA",
    }),
    text,
  };
}

/** The base quantity in the buyer's unit when it divides exactly, else in base units. */
export function inBuyerUnit(
  base: number,
  line: BuyerLine,
): { quantity: string; uom: string; factor: number } {
  if (line.uom && line.factor > 1 && base % line.factor === 0)
    return { quantity: String(base / line.factor), uom: line.uom, factor: line.factor };
  if (line.uom && line.factor === 1) return { quantity: String(base), uom: line.uom, factor: 1 };
  return { quantity: String(base), uom: line.baseUnit, factor: 1 };
}

export function address(
  a: { line1: string; city: string; region: string; postalCode: string; country: string },
  text: OrderContext["text"],
  x12: boolean,
): OutParty["address"] {
  const max = x12 ? 55 : 35;
  return {
    lines: [text(a.line1, max) ?? ""].filter(Boolean),
    city: text(a.city, x12 ? 30 : 35),
    region: text(a.region, x12 ? 30 : 9),
    postalCode: text(a.postalCode, x12 ? 15 : 17),
    country: text(a.country, 3),
  };
}

/** Base units per ordered unit as intake applied it: base quantity / quantity sent. */
function sentFactor(l: LineOutcome): number | null {
  if (!l.baseQuantity || !l.quantity || !/^\d+(\.\d+)?$/.test(l.quantity)) return null;
  const f = Dec(l.baseQuantity).div(l.quantity);
  return f.isInteger() && f.gte(1) ? f.toNumber() : null;
}

/** The store number or GLN the 850 named the ship-to by, when it is still the order's ship-to. */
function shipToIdentifier(
  st: { storeNumber: string | null; gln: string | null },
  sent: Party | null,
  x12: boolean,
): { identifier?: Identifier } {
  const bare = (v: string) => v.trim().replace(/^0+(?=.)/, "");
  const ours = [st.storeNumber, st.gln].filter((v): v is string => !!v).map(bare);
  const asSent = sent?.identifiers.find((i) => ours.includes(bare(i.value)));
  if (asSent) return { identifier: asSent };
  if (st.storeNumber) return { identifier: { qualifier: "92", value: st.storeNumber } };
  if (st.gln) return { identifier: { qualifier: x12 ? "UL" : "9", value: st.gln } };
  return {};
}

/**
 * Free text (names, addresses, descriptions) fitted to the document: in X12, delimiter and control
 * characters become spaces (the writer refuses them); EDIFACT escapes delimiters itself.
 */
function cleaner(p: Partner): OrderContext["text"] {
  const d = DEFAULT_X12_DELIMITERS;
  const banned = new Set(
    p.standard === "x12"
      ? [
          p.elementSeparator || d.element,
          p.componentSeparator || d.component,
          p.repetitionSeparator || d.repetition || "",
          p.segmentTerminator || d.segment,
        ]
      : [],
  );
  return (value, max) => {
    if (!value) return undefined;
    const out = [...value]
      .map((c) => (banned.has(c) || c < " " ? " " : c))
      .join("")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, max)
      .trim();
    return out || undefined;
  };
}

// GTIN qualifiers and their widths (X12 235 / EDIFACT 7143): UPC-12, EAN-13, GTIN-14.
const GTIN_WIDTH: Record<string, number> = { UP: 12, UA: 12, EN: 13, EAN: 13, UK: 14, SRV: 14, GTIN: 14 };
const SKU_QUALIFIERS = new Set(["VN", "VP", "SA", "SK"]);
const MAKER_QUALIFIERS = new Set(["MG", "MF", "MP"]);
const BUYER_QUALIFIERS = new Set(["BP", "IN", "CB", "PI"]);

/** Item identifiers in the partner's preference (UPC/GTIN, our SKU, vendor part, buyer part). */
function itemCatalog(db: Db, accountId: number, partner: Partner) {
  const rows = new Map<number, ItemRow>();
  const buyerParts = new Map<number, string>();
  const load = async (itemIds: number[]) => {
    const missing = [...new Set(itemIds)].filter((id) => !rows.has(id));
    if (missing.length > 0) {
      const found = await db.pool.query(
        `select id, sku, upc, vendor_part_no as "vendorPartNo", base_unit as "baseUnit", case_factor as "caseFactor"
           from items where id = any($1::int[])`,
        [missing],
      );
      for (const r of found.rows as ItemRow[]) rows.set(r.id, r);
      const parts = await db.pool.query(
        `select item_id as "itemId", min(part_no) as "partNo" from customer_part_numbers
          where account_id = $1 and item_id = any($2::int[]) group by item_id`,
        [accountId, missing],
      );
      for (const r of parts.rows) buyerParts.set(r.itemId, r.partNo);
    }
    return rows;
  };
  const ids = async (itemId: number): Promise<Identifier[]> => {
    const item = (await load([itemId])).get(itemId);
    if (!item) return [];
    const fallback = partner.standard === "x12" ? "VN" : "SA";
    const preference = partner.itemIdPreference.length > 0 ? partner.itemIdPreference : [fallback];
    const out: Identifier[] = [];
    for (const q of preference.map((x) => x.toUpperCase())) {
      const value = GTIN_WIDTH[q]
        ? gtin(item.upc, GTIN_WIDTH[q])
        : SKU_QUALIFIERS.has(q)
          ? item.sku
          : MAKER_QUALIFIERS.has(q)
            ? item.vendorPartNo
            : BUYER_QUALIFIERS.has(q)
              ? buyerParts.get(itemId)
              : null;
      if (value && !out.some((i) => i.qualifier === q)) out.push({ qualifier: q, value });
    }
    return out.length > 0 ? out.slice(0, 5) : [{ qualifier: fallback, value: item.sku }];
  };
  return { load, ids };
}

/** A stored UPC/EAN in the width the qualifier names (zero-padded, or leading zeros dropped). */
function gtin(upc: string | null, width: number): string | null {
  if (!upc || !/^\d+$/.test(upc)) return null;
  if (upc.length <= width) return upc.padStart(width, "0");
  const extra = upc.slice(0, upc.length - width);
  return /^0+$/.test(extra) ? upc.slice(-width) : null;
}
