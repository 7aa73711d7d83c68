// CONTRL (syntax and service report) for a received interchange: UCI for the interchange,
// UCM per message, UCS/UCD pointing at the segment/element in error.
import { DEFAULT_EDIFACT } from "./edifact-tokenizer.ts";
import { writeEdifactInterchange } from "./edifact-writer.ts";
import type { EdiError, EdifactDelimiters, Segment } from "./types.ts";
import { EdiWriteError } from "./x12-writer.ts";

export interface ContrlMessage {
  ref: string;
  identifier: string[];
  errors: EdiError[];
}

export interface ContrlInput {
  unb: Segment;
  delimiters: EdifactDelimiters | null;
  messages: ContrlMessage[];
  interchangeErrors: EdiError[];
  fatal: boolean;
  controlRef: string;
  now: Date;
}

const el = (...c: string[]) => [c];
const c = (s: Segment, n: number, k = 0) => s.elements[n - 1]?.[0]?.[k] ?? "";

/** Interchange errors that reject the whole interchange (UCI action 4) rather than being noted. */
const FATAL_UCI = new Set([
  "UNB_SYNTAX_INVALID",
  "UNB_VERSION_INVALID",
  "UNB_SENDER_MISSING",
  "UNB_RECIPIENT_MISSING",
  "UNB_MISSING",
]);

export function buildContrl(input: ContrlInput): string {
  const { unb } = input;
  const rejected = input.fatal || input.interchangeErrors.some((e) => FATAL_UCI.has(e.code));
  const body: Segment[] = [];
  // The reason that rejects the interchange goes first; otherwise the first coded error.
  const first =
    input.interchangeErrors.find((e) => e.code === "DUPLICATE_INTERCHANGE" || FATAL_UCI.has(e.code)) ??
    input.interchangeErrors.find((e) => e.ackCode);
  const uci: Segment = {
    tag: "UCI",
    elements: [
      el(c(unb, 5)),
      el(c(unb, 2), c(unb, 2, 1)),
      el(c(unb, 3), c(unb, 3, 1)),
      el(rejected ? "4" : "7"),
    ],
  };
  if (rejected && first?.ackCode) uci.elements.push(el(first.ackCode), el(first.segment ?? "UNB"));
  body.push(uci);
  if (!rejected) {
    for (const m of input.messages) {
      const ok = m.errors.length === 0;
      const ucm: Segment = {
        tag: "UCM",
        elements: [el(m.ref), el(...m.identifier.slice(0, 4)), el(ok ? "7" : "4")],
      };
      const general = m.errors.find((e) => e.position === undefined && e.ackCode);
      if (!ok && general) ucm.elements.push(el(general.ackCode!));
      body.push(ucm);
      for (const e of m.errors) {
        if (e.position === undefined) continue;
        // UCS carries the code only when the whole segment is wrong; element errors go on UCD.
        const ucs: Segment = { tag: "UCS", elements: [el(String(e.position))] };
        if (e.element === undefined) ucs.elements.push(el(e.ackCode ?? "12"));
        body.push(ucs);
        if (e.element !== undefined) {
          body.push({ tag: "UCD", elements: [el(e.ackCode ?? "12"), el(String(e.element))] });
        }
      }
    }
  }
  // Answer in the partner's syntax level and delimiters, sender and recipient swapped.
  const version = c(unb, 1, 1) === "4" ? "4" : "3";
  const syntaxId = /^UNO[A-Y]$/.test(c(unb, 1)) ? c(unb, 1) : "UNOA";
  const d = input.delimiters ?? DEFAULT_EDIFACT;
  const delimiters = /[\r\n]/.test(d.segment) ? DEFAULT_EDIFACT : d;
  // Echoed values are escaped with the release character; only a set without one can fail.
  for (const ds of [delimiters, DEFAULT_EDIFACT]) {
    try {
      return writeEdifactInterchange(
        {
          sender: { id: c(unb, 3), qualifier: c(unb, 3, 1) },
          receiver: { id: c(unb, 2), qualifier: c(unb, 2, 1) },
          controlRef: input.controlRef,
          date: input.now,
          syntax: { id: syntaxId, version },
        },
        [{ ref: "1", identifier: ["CONTRL", "D", "3", "UN"], body }],
        { delimiters: ds, newline: true },
      );
    } catch (err) {
      if (!(err instanceof EdiWriteError)) throw err;
    }
  }
  return "";
}
