// translateFile: bytes or text in, the JSON the CLI prints out. Decides X12 vs EDIFACT, drives the
// tokenizer and reader, and explains inputs that are not EDI at all. Never throws on bad input.
import { createEdifactReader } from "./edifact-reader.ts";
import { createEdifactScanner } from "./edifact-tokenizer.ts";
import type { EdiError, InterchangeResult, TranslateResult } from "./types.ts";
import { type AckOptions, createX12Reader } from "./x12-reader.ts";
import { createX12Scanner } from "./x12-tokenizer.ts";

export type { AckOptions } from "./x12-reader.ts";

export function decodeInput(input: string | Uint8Array): string {
  if (typeof input === "string") return input;
  // fatal: false → invalid UTF-8 becomes U+FFFD instead of throwing; EDI is mostly ASCII anyway.
  return new TextDecoder("utf-8", { fatal: false }).decode(input);
}

/** Which standard a text starts with, after a BOM and whitespace. */
export function detectStandard(text: string): "x12" | "edifact" | null {
  const head = text.replace(/^[\s\uFEFF]+/, "").slice(0, 3);
  if (head === "ISA") return "x12";
  if (head === "UNA" || head === "UNB" || head === "UNH") return "edifact";
  // Junk before the envelope: look a little further in.
  const i = text.search(/ISA[^A-Za-z0-9\s]/);
  const j = text.search(/UN[ABH][^A-Za-z0-9\s]/);
  if (i >= 0 && (j < 0 || i < j)) return "x12";
  if (j >= 0) return "edifact";
  return null;
}

export function translateFile(input: string | Uint8Array, opts: AckOptions = {}): TranslateResult {
  let text: string;
  try {
    text = decodeInput(input);
  } catch {
    return { interchanges: [], error: { code: "NOT_TEXT", message: "input could not be decoded as text" } };
  }
  const standard = detectStandard(text);
  if (standard === null) return { interchanges: [], error: classify(text) };
  let interchanges: InterchangeResult[] = [];
  let fileErrors: EdiError[] = [];
  if (standard === "x12") {
    const scanner = createX12Scanner();
    const reader = createX12Reader(opts);
    for (const t of [...scanner.push(text), ...scanner.end()]) interchanges.push(...reader.push(t));
    interchanges.push(...reader.end());
    fileErrors = reader.fileErrors;
  } else {
    const scanner = createEdifactScanner();
    const reader = createEdifactReader(opts);
    for (const t of [...scanner.push(text), ...scanner.end()]) interchanges.push(...reader.push(t));
    interchanges.push(...reader.end());
    fileErrors = reader.fileErrors;
  }
  if (interchanges.length === 0) {
    return { interchanges, error: fileErrors[0] ?? classify(text) };
  }
  // Data outside every envelope is not lost: it is reported on the interchange nearest to it.
  if (fileErrors.length > 0) interchanges[interchanges.length - 1].errors.push(...fileErrors);
  interchanges = interchanges.map((ic) => ic);
  return { interchanges };
}

/** A specific reason for input that holds no interchange. */
function classify(text: string): EdiError {
  const t = text.replace(/^[\s\uFEFF]+/, "");
  if (t === "") return { code: "EMPTY_INPUT", message: "the input is empty" };
  if (/^(GS|ST)[^A-Za-z0-9\s]/.test(t) || /(^|[\s~])GS[*|^]/.test(t)) {
    return { code: "X12_ISA_MISSING", message: "X12 segments without an ISA interchange header" };
  }
  if (/^[A-Z]{3}[*|^][^\n]{0,200}\*/.test(t) && /(^|\W)(GS|ST)[*]/.test(t)) {
    return { code: "X12_ISA_MISSING", message: "X12-like segments but the first one is not a valid ISA" };
  }
  if (/^[A-Z]{3}\+/.test(t)) {
    return {
      code: "EDIFACT_UNB_MISSING",
      message: "EDIFACT segments without a UNB interchange header or UNH message header",
    };
  }
  return { code: "NOT_EDI", message: "the input is neither X12 (starts with ISA) nor EDIFACT (UNA/UNB)" };
}
