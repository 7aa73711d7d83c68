// Find X12 delimiters from the ISA by counting element separators, never by fixed offsets:
// real files have unpadded ISA fields, 16-char IDs, line breaks inside the ISA and a missing ISA16.
import type { EdiError, X12Delimiters } from "./types.ts";

export type IsaDetection =
  | { kind: "need-more" }
  | { kind: "error"; error: EdiError; fields?: string[]; length?: number }
  | {
      kind: "ok";
      delimiters: X12Delimiters;
      /** The 16 ISA element values (ISA01..ISA16), CR/LF removed. */
      fields: string[];
      /** Characters consumed from `start`, including the segment terminator. */
      length: number;
      warnings: EdiError[];
    };

const ALNUM = /[A-Za-z0-9]/;
const MAX_ISA = 400; // a padded ISA is 106 chars; anything this long is not an ISA

function isNewline(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

/** `text` from `start` begins with "ISA". `final` says no more input will arrive. */
export function detectIsa(text: string, start: number, final: boolean): IsaDetection {
  const elementSep = text[start + 3];
  if (elementSep === undefined) return final ? fail("ISA_TRUNCATED", "file ends inside the ISA") : more();
  if (ALNUM.test(elementSep) || /\s/.test(elementSep)) {
    return fail("ISA_INVALID", `ISA element separator ${show(elementSep)} is a letter, digit or space`);
  }
  // Positions of the 16 element separators (the first one follows "ISA").
  const seps: number[] = [start + 3];
  let i = start + 4;
  const limit = Math.min(text.length, start + MAX_ISA);
  while (seps.length < 16 && i < limit) {
    if (text[i] === elementSep) seps.push(i);
    i++;
  }
  if (seps.length < 16) {
    if (!final && text.length < start + MAX_ISA) return more();
    return fail("ISA_INVALID", `ISA has ${seps.length} element separators, 16 expected`);
  }
  const p16 = seps[15];
  if (text.length < p16 + 3 && !final) return more();
  const fields: string[] = [];
  for (let k = 0; k < 15; k++) fields.push(text.slice(seps[k] + 1, seps[k + 1]).replace(/[\r\n]/g, ""));
  const warnings: EdiError[] = [];
  if (/[\r\n]/.test(text.slice(start, p16))) {
    warnings.push({ code: "ISA_LINE_BREAK", message: "line break inside the ISA segment was ignored" });
  }
  const isa16 = text[p16 + 1];
  let term = text[p16 + 2];
  let length = p16 + 3 - start;
  if (isa16 === undefined) return fail("ISA_TRUNCATED", "file ends inside the ISA");
  let component: string | null = isa16;
  if (term === undefined) {
    // ISA16 is the last character of the file: no terminator at all.
    return {
      ...fail("X12_NO_TERMINATOR", "no segment terminator after ISA16"),
      fields,
      length: p16 + 2 - start,
    };
  }
  const ambiguous = isNewline(term) && !isNewline(isa16) ? lineEndsWith(text, p16 + 2, isa16) : false;
  if (ambiguous === null) {
    if (!final) return more();
  }
  if (ambiguous === true) {
    // "…*T*~\nGS*…~\n": ISA16 is missing and "~" is really the terminator (EDI.Net issue 135).
    warnings.push({
      code: "ISA16_MISSING",
      message: `ISA16 missing; ${show(isa16)} taken as segment terminator`,
    });
    term = isa16;
    component = null;
    length = p16 + 2 - start;
  } else if (isNewline(isa16)) {
    return {
      ...fail("ISA_INVALID", "ISA16 (component separator) is a line break"),
      fields,
      length: p16 + 2 - start,
    };
  }
  if (ALNUM.test(term) || term === " ") {
    const e = fail("X12_NO_TERMINATOR", `segment terminator ${show(term)} is a letter, digit or space`);
    return { ...e, fields: [...fields, isa16], length: p16 + 2 - start };
  }
  if (term.charCodeAt(0) > 0x7e) {
    warnings.push({
      code: "DELIMITER_NONSTANDARD",
      message: `segment terminator ${show(term)} is not ASCII`,
    });
  }
  fields.push(component ?? "");
  const version = fields[11] ?? "";
  const isa11 = fields[10] ?? "";
  const repetition = isa11.length === 1 && !ALNUM.test(isa11) && version >= "00402" ? isa11 : null;
  const used = [elementSep, term, component, repetition].filter((c): c is string => c !== null);
  if (new Set(used).size !== used.length) {
    return {
      ...fail("DELIMITER_CONFLICT", `delimiters are not distinct: ${used.map(show).join(" ")}`),
      fields,
      length,
    };
  }
  return {
    kind: "ok",
    delimiters: { element: elementSep, component, repetition, segment: term },
    fields,
    length,
    warnings,
  };
}

/** Does the line after `from` (the next LF-terminated line) end with `ch` before its CR/LF? */
function lineEndsWith(text: string, from: number, ch: string): boolean | null {
  let p = from;
  while (isNewline(text[p])) p++;
  const nl = text.indexOf("\n", p);
  if (nl < 0) return p >= text.length || text.length - p < 4096 ? null : false;
  let e = nl - 1;
  if (text[e] === "\r") e--;
  return e >= p && text[e] === ch;
}

export function show(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code > 0x7e ? `U+${code.toString(16).toUpperCase().padStart(4, "0")}` : `"${c}"`;
}

function more(): IsaDetection {
  return { kind: "need-more" };
}

function fail(code: string, message: string): { kind: "error"; error: EdiError } {
  return { kind: "error", error: { code, message, segment: "ISA" } };
}

/** ISA field checks, each with its TA1 note code. Unpadded fields are only a warning. */
export function checkIsa(f: string[], errors: EdiError[], warnings: EdiError[]): void {
  const bad = (code: string, ackCode: string, message: string) =>
    errors.push({ code, message, segment: "ISA", ackCode });
  if (!/^\d{9}$/.test(f[12])) bad("ISA13_INVALID", "018", `ISA13 "${f[12]}" is not a 9-digit control number`);
  if (!/^\d{6}$/.test(f[8])) bad("ISA09_INVALID", "014", `ISA09 "${f[8]}" is not a YYMMDD date`);
  if (!/^\d{4}$/.test(f[9])) bad("ISA10_INVALID", "015", `ISA10 "${f[9]}" is not a HHMM time`);
  if (!/^\d{5}$/.test(f[11])) bad("ISA12_INVALID", "017", `ISA12 "${f[11]}" is not a version number`);
  if (!/^[01]$/.test(f[13])) bad("ISA14_INVALID", "019", `ISA14 "${f[13]}" must be 0 or 1`);
  if (!/^[PTI]$/.test(f[14])) bad("ISA15_INVALID", "020", `ISA15 "${f[14]}" must be P, T or I`);
  const widths = [2, 10, 2, 10, 2, 15, 2, 15];
  if (widths.some((w, i) => f[i].length !== w)) {
    warnings.push({ code: "ISA_NOT_PADDED", message: "ISA01-ISA08 are not padded to their fixed widths" });
  }
}
