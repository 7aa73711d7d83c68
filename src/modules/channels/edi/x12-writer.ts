// X12 writer: segments, padded ISA, GS/ST/SE/GE/IEA with counts. Control numbers are arguments:
// the caller (later, a per-partner sequence in the database) owns them.
import type { PartnerId, Segment, X12Delimiters } from "./types.ts";

export const DEFAULT_X12_DELIMITERS: X12Delimiters = {
  element: "*",
  component: ":",
  repetition: "^",
  segment: "~",
};

export class EdiWriteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function writeX12Segment(seg: Segment, d: X12Delimiters, newline = true): string {
  const parts = [seg.tag];
  for (const el of seg.elements) {
    const reps = el.map((rep) => {
      if (rep.length > 1 && d.component === null)
        throw new EdiWriteError("EDI_NO_COMPONENT", "no component separator");
      for (const v of rep) guard(v, d, seg.tag);
      return rep.join(d.component ?? "");
    });
    if (reps.length > 1 && d.repetition === null)
      throw new EdiWriteError("EDI_NO_REPETITION", "no repetition separator");
    parts.push(reps.join(d.repetition ?? ""));
  }
  return parts.join(d.element) + d.segment + (newline && d.segment !== "\n" ? "\n" : "");
}

// A delimiter inside a value would change the document's meaning when re-read: refuse it.
function guard(v: string, d: X12Delimiters, tag: string): void {
  for (const c of [d.element, d.component, d.repetition, d.segment]) {
    if (c !== null && v.includes(c)) {
      throw new EdiWriteError(
        "EDI_VALUE_HAS_DELIMITER",
        `${tag}: value ${JSON.stringify(v)} contains delimiter "${c}"`,
      );
    }
  }
}

export interface X12Envelope {
  sender: PartnerId;
  receiver: PartnerId;
  /** ISA13; GS06 comes per group. */
  controlNumber: number;
  date: Date;
  /** ISA12, "00401" for 4010 or "00501" for 5010. */
  isaVersion?: string;
  usage?: "P" | "T";
  ackRequested?: boolean;
}

export interface X12GroupInput {
  functionalId: string;
  appSender: string;
  appReceiver: string;
  controlNumber: number;
  /** GS08, e.g. "004010" or "005010X231". */
  version: string;
  sets: X12SetInput[];
}

export interface X12SetInput {
  type: string;
  controlNumber: number;
  /** ST03 (5010 implementation convention), optional. */
  implementation?: string;
  body: Segment[];
}

const pad = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s.padEnd(n, " "));
const zero = (n: number, w: number) => String(n).padStart(w, "0");

export function yymmdd(d: Date): string {
  return d.toISOString().slice(2, 10).replace(/-/g, "");
}
export function ccyymmdd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}
export function hhmm(d: Date): string {
  return d.toISOString().slice(11, 16).replace(":", "");
}

/** ISA with every field padded to its fixed width (the reader does not need it, partners do). */
export function buildIsa(env: X12Envelope, d: X12Delimiters): Segment {
  const version = env.isaVersion ?? "00401";
  const isa11 = version >= "00402" && d.repetition ? d.repetition : "U";
  const f = [
    "00",
    pad("", 10),
    "00",
    pad("", 10),
    pad(env.sender.qualifier, 2),
    pad(env.sender.id, 15),
    pad(env.receiver.qualifier, 2),
    pad(env.receiver.id, 15),
    yymmdd(env.date),
    hhmm(env.date),
    isa11,
    version,
    zero(env.controlNumber, 9),
    env.ackRequested ? "1" : "0",
    env.usage ?? "P",
    d.component ?? ":",
  ];
  return { tag: "ISA", elements: f.map((v) => [[v]]) };
}

function writeIsa(env: X12Envelope, d: X12Delimiters, newline: boolean): string {
  // ISA16 is the component separator itself: write it raw, not split.
  const isa = buildIsa(env, d);
  const text = ["ISA", ...isa.elements.map((e) => e[0][0])].join(d.element);
  return text + d.segment + (newline && d.segment !== "\n" ? "\n" : "");
}

export function writeX12Set(set: X12SetInput, d: X12Delimiters, newline = true): string {
  const ctl = zero(set.controlNumber, 4);
  const st: Segment = { tag: "ST", elements: [[[set.type]], [[ctl]]] };
  if (set.implementation) st.elements.push([[set.implementation]]);
  const se: Segment = { tag: "SE", elements: [[[String(set.body.length + 2)]], [[ctl]]] };
  return [st, ...set.body, se].map((s) => writeX12Segment(s, d, newline)).join("");
}

/** A complete interchange. `headerSegments` (e.g. TA1) go between ISA and the first GS. */
export function writeX12Interchange(
  env: X12Envelope,
  groups: X12GroupInput[],
  opts: { delimiters?: X12Delimiters; newline?: boolean; headerSegments?: Segment[] } = {},
): string {
  const d = opts.delimiters ?? DEFAULT_X12_DELIMITERS;
  const nl = opts.newline ?? true;
  let out = writeIsa(env, d, nl);
  for (const s of opts.headerSegments ?? []) out += writeX12Segment(s, d, nl);
  for (const g of groups) {
    const gs: Segment = {
      tag: "GS",
      elements: [
        g.functionalId,
        g.appSender,
        g.appReceiver,
        ccyymmdd(env.date),
        hhmm(env.date),
        String(g.controlNumber),
        "X",
        g.version,
      ].map((v) => [[v]]),
    };
    out += writeX12Segment(gs, d, nl);
    for (const s of g.sets) out += writeX12Set(s, d, nl);
    out += writeX12Segment(
      { tag: "GE", elements: [[[String(g.sets.length)]], [[String(g.controlNumber)]]] },
      d,
      nl,
    );
  }
  out += writeX12Segment(
    { tag: "IEA", elements: [[[String(groups.length)]], [[zero(env.controlNumber, 9)]]] },
    d,
    nl,
  );
  return out;
}
