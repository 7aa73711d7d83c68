import type { Item } from "../../api/types";

export interface LineDraft {
  key: number;
  sku: string;
  quantity: number | "";
  /** A unit other than the item's base unit (e.g. "CS"), from a pasted line; quantity is in it. */
  uom?: string;
  /** The catalogue item whose SKU matches exactly, once looked up. */
  item: Item | null;
}

let nextKey = 1;

export function newLine(): LineDraft {
  return { key: nextKey++, sku: "", quantity: "", item: null };
}

export function lineFrom(sku: string, quantity: number, uom?: string): LineDraft {
  return { ...newLine(), sku, quantity, ...(uom ? { uom } : {}) };
}

export function isBlank(line: LineDraft): boolean {
  return line.sku.trim() === "" && line.quantity === "";
}
