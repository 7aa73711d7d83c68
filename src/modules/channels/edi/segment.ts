// Small accessors and value normalisers shared by the X12 and EDIFACT mappers.
import type { EdiError, Element, Segment } from "./types.ts";

/** Element n (1-based), component c (0-based) of the first repetition; "" when absent. */
export function val(seg: Segment, n: number, c = 0): string {
  return seg.elements[n - 1]?.[0]?.[c] ?? "";
}

/** Element n as it was sent, components joined back with `sep`: keeps values that were split by accident. */
export function raw(
  seg: Segment,
  n: number,
  componentSep: string | null,
  repetitionSep: string | null,
): string {
  const el = seg.elements[n - 1];
  if (!el) return "";
  return el.map((rep) => rep.join(componentSep ?? "")).join(repetitionSep ?? "");
}

/** All components of element n (first repetition). */
export function comps(seg: Segment, n: number): string[] {
  return seg.elements[n - 1]?.[0] ?? [];
}

export function nonEmpty(s: string | undefined | null): string | null {
  if (s === undefined || s === null) return null;
  const t = s.trim();
  return t === "" ? null : t;
}

export function simpleElement(value: string): Element {
  return [[value]];
}

export function makeSegment(tag: string, values: (string | string[])[]): Segment {
  return { tag, elements: values.map((v) => (Array.isArray(v) ? [v] : [[v]])) };
}

/**
 * Date to YYYY-MM-DD. Accepts CCYYMMDD, YYMMDD (window: 00-69 → 20xx) and longer
 * date-times (EDIFACT 203/204/304) whose first 8 digits are the date. Null if not a real date.
 */
export function normaliseDate(value: string, format?: string): string | null {
  const v = value.trim();
  if (!/^\d+$/.test(v.slice(0, Math.min(v.length, 12)))) return null;
  let y: string;
  let m: string;
  let d: string;
  if (format === "101" || (format === undefined && v.length === 6)) {
    const yy = Number(v.slice(0, 2));
    y = String(yy < 70 ? 2000 + yy : 1900 + yy);
    m = v.slice(2, 4);
    d = v.slice(4, 6);
  } else if (v.length >= 8) {
    y = v.slice(0, 4);
    m = v.slice(4, 6);
    d = v.slice(6, 8);
  } else {
    return null;
  }
  const mm = Number(m);
  const dd = Number(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  const probe = new Date(Date.UTC(Number(y), mm - 1, dd));
  if (probe.getUTCMonth() !== mm - 1) return null;
  return `${y}-${m}-${d}`;
}

/**
 * Decimal string exactly as sent, with a decimal comma turned into '.'. Never parsed to a float.
 * Returns null for empty; returns the trimmed text unchanged when it is not a number (the caller flags it).
 */
export function normaliseDecimal(value: string): string | null {
  const v = value.trim();
  if (v === "") return null;
  return v.replace(",", ".");
}

export function isDecimal(value: string): boolean {
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(value.trim());
}

export function err(code: string, message: string, extra: Partial<EdiError> = {}): EdiError {
  return { code, message, ...extra };
}

/** Join continuation lines (35-char EDIFACT name lines, X12 N2/N3 pairs) into one text. */
export function joinLines(parts: string[], width = 35): string {
  let out = "";
  let prev = "";
  for (const p of parts) {
    if (p === "") continue;
    // A full-width line was cut mid-word by the sender: glue it back without a space.
    out = out === "" ? p : out + (prev.length >= width ? "" : " ") + p;
    prev = p;
  }
  return out;
}
