// Element-level syntax checks for the segments we read (the 850/860 we map, the 997/999 we receive):
// mandatory, type, length, code list, composites, and the paired-element syntax notes.
// Each finding carries its AK4/IK4 code so the 997/999 can point at the exact element.
import type { EdiError, Element, Segment, X12Delimiters } from "./types.ts";

type Type = "ID" | "AN" | "N" | "R" | "DT" | "TM";
interface Spec {
  req: boolean;
  type: Type;
  min: number;
  max: number;
  codes?: readonly string[];
  composite?: boolean;
}
const M = (type: Type, min: number, max: number, codes?: readonly string[]): Spec => ({
  req: true,
  type,
  min,
  max,
  codes,
});
const O = (type: Type, min: number, max: number, codes?: readonly string[]): Spec => ({
  req: false,
  type,
  min,
  max,
  codes,
});

const FUNCTIONAL_IDS = [
  "AG",
  "AR",
  "BE",
  "CA",
  "FA",
  "GF",
  "HC",
  "HN",
  "HP",
  "HR",
  "HS",
  "IB",
  "IM",
  "IN",
  "OW",
  "PC",
  "PD",
  "PO",
  "PR",
  "PS",
  "QM",
  "RA",
  "RC",
  "SC",
  "SH",
  "SM",
  "SW",
  "TX",
];
const SET_STATUS = ["A", "E", "M", "R", "W", "X"];
const GROUP_STATUS = ["A", "E", "M", "P", "R", "W", "X"];
const PRODUCT_PAIRS = (from: number, to: number): Spec[] =>
  Array.from({ length: to - from + 1 }, (_, i) => (i % 2 === 0 ? O("ID", 2, 2) : O("AN", 1, 48)));

const SPECS: Record<string, Spec[]> = {
  BEG: [M("ID", 2, 2), M("ID", 2, 2), M("AN", 1, 22), O("AN", 1, 30), M("DT", 6, 8)],
  BCH: [M("ID", 2, 2), M("ID", 2, 2), M("AN", 1, 22), O("AN", 1, 30), O("AN", 1, 30), M("DT", 6, 8)],
  // UOM codes are 2 characters by the standard; 3-letter ones (DZN, PCE) are common and harmless.
  PO1: [
    O("AN", 1, 20),
    O("R", 1, 15),
    { ...O("ID", 2, 3), composite: true },
    O("R", 1, 17),
    O("ID", 2, 2),
    ...PRODUCT_PAIRS(6, 25),
  ],
  POC: [
    O("AN", 1, 20),
    M("ID", 2, 2),
    O("R", 1, 15),
    O("R", 1, 9),
    { ...O("ID", 2, 2), composite: true },
    O("R", 1, 17),
    O("ID", 2, 2),
    ...PRODUCT_PAIRS(8, 27),
  ],
  N1: [M("ID", 2, 3), O("AN", 1, 60), O("ID", 1, 2), O("AN", 2, 80)],
  CUR: [M("ID", 2, 3), M("ID", 3, 3)],
  DTM: [M("ID", 3, 3), O("DT", 6, 8)],
  CTT: [M("N", 1, 6)],
  PO4: [O("R", 1, 6), O("R", 1, 8), { ...O("ID", 2, 3), composite: true }, O("ID", 1, 5), O("ID", 1, 2)],
  AK1: [M("ID", 2, 2, FUNCTIONAL_IDS), M("N", 1, 9), O("AN", 1, 12)],
  AK2: [M("ID", 3, 3), M("AN", 4, 9), O("AN", 1, 35)],
  AK3: [M("ID", 2, 3), M("N", 1, 6), O("ID", 1, 4), O("ID", 1, 3)],
  AK4: [{ ...M("N", 1, 4), composite: true }, O("N", 1, 4), M("ID", 1, 3), O("AN", 1, 99)],
  AK5: [M("ID", 1, 1, SET_STATUS), O("ID", 1, 3), O("ID", 1, 3), O("ID", 1, 3), O("ID", 1, 3), O("ID", 1, 3)],
  AK9: [M("ID", 1, 1, GROUP_STATUS), M("N", 1, 6), M("N", 1, 6), M("N", 1, 6), O("ID", 1, 3), O("ID", 1, 3)],
  IK3: [M("ID", 2, 3), M("N", 1, 10), O("AN", 1, 4), O("ID", 1, 3)],
  IK4: [{ ...M("N", 1, 4), composite: true }, O("N", 1, 4), M("ID", 1, 3), O("AN", 1, 99)],
  IK5: [M("ID", 1, 1, SET_STATUS), O("ID", 1, 3), O("ID", 1, 3), O("ID", 1, 3), O("ID", 1, 3), O("ID", 1, 3)],
};

/** "If either is present, the other is required" pairs (X12 syntax notes Pnnmm), by tag. */
const PAIRED: Record<string, [number, number][]> = {
  PO1: Array.from({ length: 10 }, (_, i): [number, number] => [6 + 2 * i, 7 + 2 * i]),
  POC: Array.from({ length: 10 }, (_, i): [number, number] => [8 + 2 * i, 9 + 2 * i]),
};

/** "If the first is present, the second is required" (syntax notes Cnnmm). */
const CONDITIONAL: Record<string, [number, number][]> = {
  PO4: [[5, 6]],
};

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Errors for one segment at `position` (ST = 1). Unknown tags are only checked for a valid ID. */
export function checkX12Segment(seg: Segment, position: number, _d: X12Delimiters | null): EdiError[] {
  const out: EdiError[] = [];
  if (!SEGMENT_ID.test(seg.tag)) {
    out.push({
      code: "SEGMENT_ID_INVALID",
      message: `"${seg.tag}" is not a segment identifier`,
      segment: seg.tag || "?",
      position,
      ackCode: "1",
    });
    return out;
  }
  const specs = SPECS[seg.tag];
  if (!specs) return out;
  // Plain loops and module-level helpers: this runs for every segment of every file.
  for (let i = 0; i < specs.length; i++) {
    const found = elementError(specs[i], seg.elements[i]);
    if (found) out.push(elementIssue(seg, position, i + 1, found[0], found[1]));
  }
  if (seg.tag === "PO1" && po1Shifted(seg)) return out.filter((x) => x.element !== 6);
  for (const [a, b] of CONDITIONAL[seg.tag] ?? []) {
    if (has(seg, a) && !has(seg, b)) {
      out.push(elementIssue(seg, position, b, "2", `required when ${seg.tag}${pad2(a)} is present`));
    }
  }
  for (const [a, b] of PAIRED[seg.tag] ?? []) {
    if (has(seg, a) !== has(seg, b)) {
      const [missing, present] = has(seg, a) ? [b, a] : [a, b];
      const msg = `paired with ${seg.tag}${pad2(present)}: conditional element missing`;
      out.push(elementIssue(seg, position, missing, "2", msg));
    }
  }
  return out;
}

function has(seg: Segment, n: number): boolean {
  return (seg.elements[n - 1]?.[0]?.[0] ?? "") !== "";
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function elementIssue(
  seg: Segment,
  position: number,
  element: number,
  ackCode: string,
  message: string,
): EdiError {
  const text = `${seg.tag}${pad2(element)}: ${message}`;
  return { code: "ELEMENT_INVALID", message: text, segment: seg.tag, position, element, ackCode };
}

/**
 * "PO1*1*10*EA*25.00*BP*SKU-A": the sender skipped PO105 (basis of price), so the id pair starts
 * one element early. Unambiguous when PO105 is an id qualifier and nothing follows PO106.
 */
export function po1Shifted(seg: Segment): boolean {
  const v = (n: number) => seg.elements[n - 1]?.[0]?.[0] ?? "";
  return seg.elements.length === 6 && /^[A-Z]{2}$/.test(v(5)) && !/^[A-Z0-9]{2}$/.test(v(6)) && v(6) !== "";
}

/** [AK4 code, message] for one element against its spec, or null when it is fine. */
function elementError(spec: Spec, el: Element | undefined): [string, string] | null {
  if (!el || el.every((r) => r.every((c) => c === "")))
    return spec.req ? ["1", "mandatory element missing"] : null;
  if (el.length > 1) return ["12", "repetition where none is allowed"];
  if (el[0].length > 1 && !spec.composite) return ["13", "component separator where none is allowed"];
  const text = el[0][0];
  if (!typeOk(spec.type, text)) {
    return [
      spec.type === "DT" ? "8" : spec.type === "TM" ? "9" : "6",
      `invalid ${spec.type} value "${text}"`,
    ];
  }
  const len = spec.type === "N" || spec.type === "R" ? text.replace(/[-.]/g, "").length : text.length;
  if (len < spec.min) return ["4", `"${text}" is shorter than ${spec.min}`];
  if (len > spec.max) return ["5", `"${text}" is longer than ${spec.max}`];
  if (spec.codes && !spec.codes.includes(text)) return ["7", `"${text}" is not a valid code`];
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const CONTROL = /[\u0000-\u001f]/;

function typeOk(type: Type, v: string): boolean {
  switch (type) {
    case "N":
      return /^-?\d+$/.test(v);
    case "R":
      return /^-?(\d+\.?\d*|\.\d+)$/.test(v);
    case "DT":
      return /^\d{6}(\d{2})?$/.test(v) && validDate(v);
    case "TM":
      return /^\d{4}(\d{2}(\d{1,2})?)?$/.test(v);
    default:
      return !CONTROL.test(v);
  }
}

function validDate(v: string): boolean {
  const s = v.length === 6 ? v.slice(2) : v.slice(4);
  const m = Number(s.slice(0, 2));
  const d = Number(s.slice(2, 4));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}
