// Inputs for the documents we send. Plain data a later layer fills from orders, shipments, invoices.
import type { Identifier } from "./types.ts";

export interface OutParty {
  role: string;
  name?: string;
  identifier?: Identifier;
  address?: { lines: string[]; city?: string; region?: string; postalCode?: string; country?: string };
}

/** on-hold: on the order, but held (an item we could not identify yet). */
export type LineAckStatus =
  | "accepted"
  | "backordered"
  | "price-changed"
  | "substituted"
  | "on-hold"
  | "rejected";

export interface OrderAckLine {
  lineRef: string;
  itemIds: Identifier[];
  quantity: string;
  uom: string;
  unitPrice?: string;
  status: LineAckStatus;
  /** Quantity this status applies to (defaults to `quantity`). */
  statusQuantity?: string;
  /** Backorder: expected ship date (YYYY-MM-DD). */
  date?: string;
}

export interface OrderAck {
  poNumber: string;
  poDate: string;
  ackDate: string;
  /** Seller's order number. */
  orderNumber?: string;
  status: "accepted" | "changed" | "rejected";
  currency?: string;
  parties: OutParty[];
  lines: OrderAckLine[];
}

export interface ShipItem {
  lineRef: string;
  itemIds: Identifier[];
  quantity: string;
  uom: string;
}

export interface ShipPack {
  /** SSCC-18 including its check digit (see sscc.ts). */
  sscc: string;
  items: ShipItem[];
}

export interface ShipOrder {
  poNumber: string;
  packs: ShipPack[];
}

export interface Shipment {
  shipmentId: string;
  shipDate: string;
  /** HHMM */
  shipTime?: string;
  carrier?: string;
  trackingNumber?: string;
  parties: OutParty[];
  orders: ShipOrder[];
}

export interface InvoiceLine {
  lineRef: string;
  itemIds: Identifier[];
  quantity: string;
  uom: string;
  unitPrice: string;
  /** Extended amount, already rounded once by billing. */
  amount: string;
  description?: string;
}

export interface Invoice {
  invoiceNumber: string;
  invoiceDate: string;
  poNumber: string;
  poDate?: string;
  currency: string;
  parties: OutParty[];
  lines: InvoiceLine[];
  /** Total due, already a sum of rounded lines (+ tax). */
  total: string;
  tax?: string;
}
