// Finds items from the identifiers a trading partner sends (SKU, UPC/GTIN, vendor part number, the
// account's own part number) and converts the ordered unit of measure to base units. Used by EDI
// intake and reusable by any channel that receives identifiers instead of SKUs. Batched: at most
// four queries for any number of lines.
import Decimal from "decimal.js";
import type { Db } from "../../app/db.ts";

export type ItemIdentifier = { qualifier: string; value: string };
export type LineToResolve = { ids: ItemIdentifier[]; quantity: string | null; uom: string | null };

export type ResolvedItemLine =
  | {
      ok: true;
      itemId: number;
      sku: string;
      /** In the item's base unit. */
      quantity: number;
      factor: number;
      matchedBy: ItemIdentifier;
    }
  | { ok: false; code: ItemLineError; message: string };

export type ItemLineError = "ITEM_UNRESOLVED" | "ITEM_IDS_CONFLICT" | "UOM_UNKNOWN" | "QUANTITY_INVALID";

// Which catalog field each qualifier names (X12 235/EDIFACT 7143 codes as partners send them).
const GTIN = new Set(["UP", "UK", "UA", "EN", "EAN", "UPC", "GTIN", "SRV"]);
const OURS = new Set(["VN", "VP", "SA", "SK", "SKU"]);
const MAKER = new Set(["MG", "MF", "MP"]);
const BUYER = new Set(["BP", "IN", "CB", "PI"]);

/**
 * The most specific catalog field an item's identifiers name (a GTIN must be 8–14 digits), for
 * keeping a line we could not resolve by what the buyer sent; else the first value as a SKU.
 */
export function itemRefFromIdentifiers(
  ids: readonly { qualifier: string; value: string }[],
): { gtin: string } | { customerPart: string } | { vendorPart: string } | { sku: string } | null {
  for (const { qualifier, value } of ids) {
    const q = qualifier.toUpperCase();
    const v = value.trim().slice(0, 64);
    if (!v) continue;
    if (GTIN.has(q) && /^\d{8,14}$/.test(v)) return { gtin: v };
    if (BUYER.has(q)) return { customerPart: v };
    if (MAKER.has(q)) return { vendorPart: v };
    if (OURS.has(q)) return { sku: v };
  }
  const first = ids.find((i) => i.value.trim());
  return first ? { sku: first.value.trim().slice(0, 64) } : null;
}

const BASE_UNITS = new Set(["EA", "EACH", "PC", "PCE", "PCS", "C62", "H87", "UN", "UNT", "NAR"]);
const CASE_UNITS = ["CS", "CA", "CT", "CAS", "CASE"];
const PALLET_UNITS = ["PL", "PF", "PX", "PAL", "PLT"];
const MAX_QUANTITY = 10_000_000;

type ItemRow = {
  id: number;
  sku: string;
  upc: string | null;
  vendorPartNo: string | null;
  baseUnit: string;
  caseFactor: number;
  /** The item's units of measure as [code, base units per unit]; null when it has none. */
  units: [string, number][] | null;
};

/** UPC-12 forms of a GTIN-8/12/13/14 as sent: a GTIN-14 or EAN-13 with leading zeros is a UPC. */
export function upcCandidates(value: string): string[] {
  const digits = value.trim();
  if (!/^\d{8,14}$/.test(digits)) return [];
  const gtin14 = digits.padStart(14, "0");
  const out = new Set([digits, gtin14]);
  if (gtin14.startsWith("00")) out.add(gtin14.slice(2));
  return [...out];
}

/** Identifiers in the partner's preferred order, then the rest as sent. */
export function orderIds(ids: ItemIdentifier[], preference: string[]): ItemIdentifier[] {
  const rank = (q: string) => {
    const i = preference.indexOf(q.toUpperCase());
    return i < 0 ? preference.length : i;
  };
  return ids
    .map((id, i) => ({ id, i }))
    .sort((a, b) => rank(a.id.qualifier) - rank(b.id.qualifier) || a.i - b.i)
    .map((x) => x.id);
}

export async function resolveItemLines(
  db: Db,
  accountId: number | null,
  lines: LineToResolve[],
  preference: string[] = [],
): Promise<ResolvedItemLine[]> {
  const all = lines
    .flatMap((l) => l.ids)
    .map((i) => ({ qualifier: i.qualifier.toUpperCase(), value: i.value.trim() }));
  const gtins = all.filter((i) => GTIN.has(i.qualifier)).flatMap((i) => upcCandidates(i.value));
  const ours = all.filter((i) => OURS.has(i.qualifier) || MAKER.has(i.qualifier)).map((i) => i.value);
  const buyer = all.filter((i) => BUYER.has(i.qualifier)).map((i) => i.value);
  // Each item comes with its units ([code, factor] pairs): one round trip instead of two.
  const cols = `i.id, i.sku, i.upc, i.vendor_part_no as "vendorPartNo", i.base_unit as "baseUnit", i.case_factor as "caseFactor",
    (select json_agg(json_build_array(u.code, u.factor)) from item_units u where u.item_id = i.id) as units`;
  const found = await db.pool.query({
    name: "catalog_find_items",
    text: `select ${cols} from items i
            where i.active and (i.upc = any($1::text[]) or i.sku = any($2::text[]) or i.vendor_part_no = any($2::text[]))`,
    values: [gtins, ours],
  });
  const byUpc = new Map<string, ItemRow>();
  const bySku = new Map<string, ItemRow>();
  const byVendor = new Map<string, ItemRow[]>();
  const remember = (r: ItemRow) => {
    if (r.upc) byUpc.set(r.upc, r);
    bySku.set(r.sku, r);
    if (r.vendorPartNo) byVendor.set(r.vendorPartNo, [...(byVendor.get(r.vendorPartNo) ?? []), r]);
  };
  for (const r of found.rows as ItemRow[]) remember(r);
  const byBuyerPart = new Map<string, ItemRow>();
  if (accountId !== null && buyer.length > 0) {
    const parts = await db.pool.query(
      `select c.part_no as "partNo", ${cols} from customer_part_numbers c join items i on i.id = c.item_id
        where c.account_id = $1 and c.part_no = any($2::text[]) and i.active`,
      [accountId, buyer],
    );
    for (const r of parts.rows as (ItemRow & { partNo: string })[]) byBuyerPart.set(r.partNo, r);
  }

  const matches = (id: ItemIdentifier): ItemRow | null => {
    const q = id.qualifier.toUpperCase();
    const v = id.value.trim();
    if (GTIN.has(q))
      return (
        upcCandidates(v)
          .map((c) => byUpc.get(c))
          .find(Boolean) ?? null
      );
    if (OURS.has(q)) return bySku.get(v) ?? uniqueOf(byVendor.get(v));
    if (MAKER.has(q)) return uniqueOf(byVendor.get(v));
    if (BUYER.has(q)) return byBuyerPart.get(v) ?? null;
    return null;
  };

  const picked = lines.map((line) => {
    const hits = orderIds(line.ids, preference)
      .map((id) => ({ id, item: matches(id) }))
      .filter((h): h is { id: ItemIdentifier; item: ItemRow } => h.item !== null);
    return { line, hits };
  });
  const units = new Map<string, number>();
  for (const { item } of picked.flatMap((p) => p.hits)) {
    for (const [code, factor] of item.units ?? []) units.set(`${item.id}:${code.toUpperCase()}`, factor);
  }

  return picked.map(({ line, hits }): ResolvedItemLine => {
    if (hits.length === 0) {
      const tried = line.ids.map((i) => `${i.qualifier} ${i.value}`).join(", ") || "none sent";
      return { ok: false, code: "ITEM_UNRESOLVED", message: `no item matches the identifiers (${tried})` };
    }
    const first = hits[0];
    const other = hits.find((h) => h.item.id !== first.item.id);
    if (other) {
      return {
        ok: false,
        code: "ITEM_IDS_CONFLICT",
        message: `${first.id.qualifier} ${first.id.value} is ${first.item.sku} but ${other.id.qualifier} ${other.id.value} is ${other.item.sku}`,
      };
    }
    const factor = unitFactor(first.item, line.uom, units);
    if (factor === null) {
      return {
        ok: false,
        code: "UOM_UNKNOWN",
        message: `unit "${line.uom}" is not set up for ${first.item.sku}`,
      };
    }
    const quantity = baseQuantity(line.quantity, factor);
    if (quantity === null) {
      return {
        ok: false,
        code: "QUANTITY_INVALID",
        message: `quantity "${line.quantity ?? ""}" ${line.uom ?? ""} is not a positive whole number of base units (${first.item.baseUnit}, factor ${factor})`,
      };
    }
    return { ok: true, itemId: first.item.id, sku: first.item.sku, quantity, factor, matchedBy: first.id };
  });
}

function uniqueOf(rows: ItemRow[] | undefined): ItemRow | null {
  // A vendor part number shared by two items identifies neither.
  return rows && rows.length === 1 ? rows[0] : null;
}

/** Base units per ordered unit: item_units first, then the usual synonyms, then the case factor. */
export function unitFactor(
  item: { id: number; baseUnit: string; caseFactor: number },
  uom: string | null,
  units: Map<string, number>,
): number | null {
  const code = (uom ?? "").trim().toUpperCase();
  if (code === "" || code === item.baseUnit.toUpperCase() || BASE_UNITS.has(code)) return 1;
  const direct = units.get(`${item.id}:${code}`);
  if (direct) return direct;
  for (const group of [CASE_UNITS, PALLET_UNITS]) {
    if (!group.includes(code)) continue;
    for (const alias of group) {
      const f = units.get(`${item.id}:${alias}`);
      if (f) return f;
    }
    if (group === CASE_UNITS) return item.caseFactor;
  }
  return null;
}

/** Exact decimal arithmetic on the quantity as sent; null unless a positive whole base quantity. */
export function baseQuantity(quantity: string | null, factor: number): number | null {
  if (quantity === null || !/^\d+(\.\d+)?$/.test(quantity.trim())) return null;
  const q = new Decimal(quantity.trim()).times(factor);
  if (!q.isInteger() || q.lte(0) || q.gt(MAX_QUANTITY)) return null;
  return q.toNumber();
}
