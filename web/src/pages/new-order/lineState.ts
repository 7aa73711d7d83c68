import type { Item } from "../../api/types";

export interface LineDraft {
  key: number;
  sku: string;
  quantity: number | "";
  /** The catalogue item whose SKU matches exactly, once looked up. */
  item: Item | null;
}

let nextKey = 1;

export function newLine(): LineDraft {
  return { key: nextKey++, sku: "", quantity: "", item: null };
}

export function isBlank(line: LineDraft): boolean {
  return line.sku.trim() === "" && line.quantity === "";
}
