// Element checks for the EDIFACT segments we map or that carry numbers. Codes are UN/EDIFACT
// syntax error codes (0085): 12 invalid value, 13 missing, 37 invalid character type, 39 too long.
import type { EdiError, Segment } from "./types.ts";

type C = { req?: boolean; n?: boolean; max?: number };
// Per tag: per element (1-based order), per component.
const SPECS: Record<string, C[][]> = {
  BGM: [[{}, {}, {}, {}], [{ max: 35 }], [{ max: 3 }]],
  DTM: [[{ req: true, max: 3 }, { max: 35 }, { max: 3 }]],
  NAD: [[{ req: true, max: 3 }], [{ max: 35 }, { max: 17 }, { max: 3 }]],
  LIN: [[{ max: 6 }], [{ max: 3 }], [{ max: 35 }, { max: 3 }]],
  QTY: [[{ req: true, max: 3 }, { req: true, n: true, max: 15 }, { max: 8 }]],
  PRI: [
    [
      { req: true, max: 3 },
      { n: true, max: 15 },
    ],
  ],
  MOA: [
    [
      { req: true, max: 3 },
      { n: true, max: 35 },
    ],
  ],
  CUX: [[{ max: 3 }, { max: 3 }, { max: 3 }]],
  CNT: [
    [
      { req: true, max: 3 },
      { req: true, n: true, max: 18 },
    ],
  ],
};

const NUMERIC = /^-?(\d+([.,]\d*)?|[.,]\d+)$/;

export function checkEdifactSegment(seg: Segment, position: number): EdiError[] {
  const out: EdiError[] = [];
  if (!/^[A-Z][A-Z0-9]{2}$/.test(seg.tag)) {
    out.push({
      code: "SEGMENT_ID_INVALID",
      message: `"${seg.tag}" is not a segment tag`,
      segment: seg.tag || "?",
      position,
      ackCode: "12",
    });
    return out;
  }
  const spec = SPECS[seg.tag];
  if (!spec) return out;
  spec.forEach((comps, i) => {
    const el = seg.elements[i]?.[0] ?? [];
    comps.forEach((c, k) => {
      const v = el[k] ?? "";
      const where = `${seg.tag} element ${i + 1}.${k + 1}`;
      const add = (ack: string, msg: string) =>
        out.push({
          code: "ELEMENT_INVALID",
          message: `${where}: ${msg}`,
          segment: seg.tag,
          position,
          element: i + 1,
          ackCode: ack,
        });
      if (v === "") {
        if (c.req) add("13", "mandatory value missing");
        return;
      }
      if (c.n && !NUMERIC.test(v)) add("37", `"${v}" is not a number`);
      else if (c.max && v.length > c.max) add("39", `"${v}" is longer than ${c.max}`);
    });
  });
  return out;
}
