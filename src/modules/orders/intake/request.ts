// The canonical order request every channel hands to intake (DESIGN.md "the spine"). Pure: Zod
// shapes and conversions, no database.
import { createHash } from "node:crypto";
import { z } from "zod";

export const CHANNELS = ["desk", "portal", "rep", "edi", "email", "csv", "api"] as const;
export type Channel = (typeof CHANNELS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
export const PartyIdentifier = z.object({ qualifier: text(10), value: text(80) });

/** The account by id, by account number, or by trading-partner identifiers (qualifier + value). */
export const AccountRef = z
  .object({
    id: z.number().int().positive().optional(),
    number: text(50).optional(),
    partnerIds: z.array(PartyIdentifier).max(10).optional(),
  })
  .refine((a) => a.id !== undefined || a.number !== undefined || (a.partnerIds?.length ?? 0) > 0, {
    message: "name the account by id, number or trading-partner identifiers",
  });

/** The ship-to by id or by identifiers (the account's code, an EDI store number, a GLN). */
export const ShipToRef = z
  .object({
    id: z.number().int().positive().optional(),
    code: text(50).optional(),
    storeNumber: text(35).optional(),
    gln: text(35).optional(),
  })
  .refine((s) => s.id !== undefined || s.code || s.storeNumber || s.gln, {
    message: "name the ship-to by id, code, store number or GLN",
  });

/** The item by SKU, UPC/GTIN, vendor part number or the account's own (customer) part number. */
export const ItemRef = z
  .object({
    sku: text(64).optional(),
    gtin: text(14).optional(),
    vendorPart: text(64).optional(),
    customerPart: text(64).optional(),
  })
  .refine((i) => i.sku || i.gtin || i.vendorPart || i.customerPart, {
    message: "name the item by sku, gtin, vendorPart or customerPart",
  });

/** Up to 10 digits and 4 decimals, as the buyer wrote it (never a float). */
export const UnitPriceString = z
  .string()
  .trim()
  .regex(/^\d{1,10}(\.\d{1,4})?$/, "a price like 12.5 or 12.3456");

export const OrderRequestLine = z.object({
  lineRef: text(50).optional(),
  item: ItemRef,
  quantity: z
    .number()
    .int("quantity must be a whole number")
    .positive("quantity must be positive")
    .max(1_000_000),
  /** Unit of the quantity (EA, CS, …); the item's base unit when absent. */
  uom: text(10).optional(),
  /** The buyer's price per ordered unit: a difference beyond the account's tolerance is held. */
  expectedUnitPrice: UnitPriceString.optional(),
});

export const OrderRequest = z.object({
  account: AccountRef,
  shipTo: ShipToRef.optional(),
  poNumber: text(50).optional(),
  requestedShipDate: z.iso.date().optional(),
  requestedDeliveryDate: z.iso.date().optional(),
  notes: z.string().max(2000).optional(),
  channel: z.enum(CHANNELS),
  idempotencyKey: text(300).optional(),
  lines: z.array(OrderRequestLine).min(1, "an order needs at least one line").max(500),
});

export type AccountRef = z.infer<typeof AccountRef>;
export type ShipToRef = z.infer<typeof ShipToRef>;
export type ItemRef = z.infer<typeof ItemRef>;
export type OrderRequestLine = z.infer<typeof OrderRequestLine>;
export type OrderRequest = z.infer<typeof OrderRequest>;

/**
 * What makes two requests "the same" for idempotency: the whole request except its key. Keys are
 * sorted so two equal requests built in a different property order hash alike.
 */
export function requestHash(request: OrderRequest): string {
  const { idempotencyKey: _key, ...rest } = request;
  return createHash("sha256").update(stableJson(rest)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** One line's identifiers in the qualifiers catalog/lookup.ts understands, most specific first. */
export function itemIdentifiers(item: ItemRef): { qualifier: string; value: string }[] {
  return [
    item.sku ? { qualifier: "SK", value: item.sku } : null,
    item.gtin ? { qualifier: "EN", value: item.gtin } : null,
    item.customerPart ? { qualifier: "BP", value: item.customerPart } : null,
    item.vendorPart ? { qualifier: "MG", value: item.vendorPart } : null,
  ].filter((x): x is { qualifier: string; value: string } => x !== null);
}

/** A short human name for a line's item as requested, e.g. "SKU-1" or "GTIN 00012345678905". */
export function describeItem(item: ItemRef): string {
  if (item.sku) return item.sku;
  if (item.gtin) return `GTIN ${item.gtin}`;
  if (item.customerPart) return `customer part ${item.customerPart}`;
  return `vendor part ${item.vendorPart}`;
}
