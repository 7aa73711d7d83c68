// Reads a block of order lines pasted from an email or a spreadsheet: one line per row, a SKU and a
// quantity separated by a tab, a comma, a semicolon or spaces ("ADH-10375 12", "ADH-10375,12",
// "ADH-10375<TAB>Sealant<TAB>12"), optionally a unit after the quantity ("ADH-10375 2 CS").
// Lines it cannot read are reported with their line number, never guessed at.

export interface PastedLine {
  sku: string;
  quantity: number;
  uom?: string;
}

export interface Unreadable {
  /** 1-based line number in the pasted text. */
  line: number;
  text: string;
  reason: string;
}

export interface PasteResult {
  lines: PastedLine[];
  unreadable: Unreadable[];
  /** A first line that names its columns ("SKU, Qty"), skipped. */
  header: string | null;
}

const MAX_QUANTITY = 1_000_000;
const SKU = /^[A-Za-z0-9][A-Za-z0-9._\-/#]{0,63}$/;
const UNIT = /^[A-Za-z]{1,4}$/;
const HEADER = /\b(sku|item|product|part|qty|quantity|menge|artikel)\b/i;

/** "1,200" or "1 200" (spreadsheet formatting) as a whole number, or null. */
function wholeNumber(text: string, allowGrouping: boolean): number | null {
  const t = allowGrouping ? text.replace(/(?<=\d)[,\s'](?=\d{3}\b)/g, "") : text;
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

function fieldsOf(raw: string): { fields: string[]; tabbed: boolean; spaced: boolean } {
  if (raw.includes("\t"))
    return { fields: raw.split("\t").map((f) => f.trim()), tabbed: true, spaced: false };
  if (/[,;]/.test(raw))
    return { fields: raw.split(/[,;]/).map((f) => f.trim()), tabbed: false, spaced: false };
  return { fields: raw.trim().split(/\s+/), tabbed: false, spaced: true };
}

function readLine(raw: string): PastedLine | string {
  const { fields, tabbed, spaced } = fieldsOf(raw);
  const cells = fields.filter((f) => f !== "");
  if (cells.length < 2) return "needs a SKU and a quantity";
  // Separated by spaces only, a description would be ambiguous: "SKU quantity [unit]" and nothing else.
  if (spaced && (cells.length > 3 || (cells.length === 3 && !UNIT.test(cells[2])))) {
    return "write it as SKU, quantity (and a unit such as CS)";
  }
  let [sku, ...rest] = cells;
  // "12 ADH-10375": quantity first.
  if (wholeNumber(sku, false) !== null && rest.length === 1 && wholeNumber(rest[0], false) === null) {
    [sku, rest] = [rest[0], [sku]];
  }
  if (!SKU.test(sku)) return `"${sku}" does not look like a SKU`;
  // The quantity is the first whole number after the SKU (a spreadsheet may have a description between).
  const at = rest.findIndex((f) => wholeNumber(f, tabbed) !== null);
  if (at < 0) {
    const decimal = rest.find((f) => /^\d+[.,]\d+$/.test(f));
    return decimal ? `quantity ${decimal} is not a whole number` : "no quantity";
  }
  const quantity = wholeNumber(rest[at], tabbed)!;
  if (quantity < 1) return "quantity must be at least 1";
  if (quantity > MAX_QUANTITY)
    return `quantity ${quantity} is more than ${MAX_QUANTITY.toLocaleString("en-US")}`;
  const unit = rest[at + 1];
  return unit && UNIT.test(unit) ? { sku, quantity, uom: unit.toUpperCase() } : { sku, quantity };
}

export function parsePastedLines(text: string): PasteResult {
  const result: PasteResult = { lines: [], unreadable: [], header: null };
  const rows = text.replace(/\r\n?/g, "\n").split("\n");
  rows.forEach((raw, i) => {
    if (raw.trim() === "") return;
    const read = readLine(raw);
    if (typeof read !== "string") {
      result.lines.push(read);
      return;
    }
    if (
      result.lines.length === 0 &&
      result.unreadable.length === 0 &&
      result.header === null &&
      HEADER.test(raw)
    ) {
      result.header = raw.trim();
      return;
    }
    result.unreadable.push({ line: i + 1, text: raw.trim(), reason: read });
  });
  return result;
}

/** True when pasted text is a block of lines rather than one SKU (several lines, or a SKU and a quantity). */
export function looksLikeBlock(text: string): boolean {
  return /\S[\t ,;]+\d/.test(text.trim()) || text.trim().includes("\n");
}
