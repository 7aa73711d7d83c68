// EDIFACT tokenizer: UNA service string advice (defaults when absent), release character,
// syntax v4 repetition separator. Push-based like the X12 scanner, so streaming is the same code.
import type { EdiError, EdifactDelimiters, Element, Segment } from "./types.ts";
import { isJsSpace, SLICE, startsNewInterchange } from "./x12-tokenizer.ts";

export type EdifactToken =
  | { kind: "segment"; segment: Segment; delimiters: EdifactDelimiters; offset: number }
  | { kind: "error"; error: EdiError; offset: number };

export const DEFAULT_EDIFACT: EdifactDelimiters = {
  component: ":",
  element: "+",
  decimal: ".",
  release: "?",
  repetition: null,
  segment: "'",
};

const MAX_SEGMENT_CHARS = 1 << 20;

export interface EdifactScanner {
  push(text: string): EdifactToken[];
  end(): EdifactToken[];
}

export function createEdifactScanner(): EdifactScanner {
  let buf = "";
  let pos = 0;
  let base = 0;
  let delims: EdifactDelimiters | null = null;
  let fromUna = false;
  // After data that is not EDIFACT, the rest of the input is dropped (as when it is read as one string),
  // however it is chunked.
  let dead = false;

  function run(final: boolean): EdifactToken[] {
    const out: EdifactToken[] = [];
    if (dead) {
      pos = buf.length;
      return out;
    }
    for (;;) {
      if (delims === null) {
        while (pos < buf.length && isJsSpace(buf.charCodeAt(pos))) pos++;
        if (buf.length - pos < 9 && !final) break;
        if (pos >= buf.length) break;
        if (buf.startsWith("UNA", pos)) {
          if (buf.length - pos < 9) {
            err(out, "UNA_INVALID", "UNA service string advice is shorter than 9 characters", pos);
            pos = buf.length;
            break;
          }
          const c = buf.slice(pos + 3, pos + 9);
          delims = {
            component: c[0],
            element: c[1],
            decimal: c[2],
            release: c[3] === " " ? null : c[3],
            repetition: c[4] === " " ? null : c[4],
            segment: c[5],
          };
          fromUna = true;
          const used = [c[0], c[1], c[5], delims.release, delims.repetition].filter((x) => x !== null);
          if (new Set(used).size !== used.length) {
            err(
              out,
              "DELIMITER_CONFLICT",
              `UNA declares the same character twice: ${JSON.stringify(c)}`,
              pos,
            );
          }
          pos += 9;
          continue;
        }
        const guessed = guessDelimiters(buf, pos, final);
        if (guessed === "need-more") break;
        if (guessed === null) {
          // Wait for the whole 40-character sample, so the report does not depend on chunking.
          if (!final && buf.length - pos < 40) break;
          err(
            out,
            "DATA_OUTSIDE_INTERCHANGE",
            `not an EDIFACT segment: ${JSON.stringify(buf.slice(pos, pos + 40))}`,
            pos,
          );
          pos = buf.length;
          dead = true;
          break;
        }
        if (guessed.warning) err(out, "EDIFACT_DELIMITERS_GUESSED", guessed.warning, pos);
        delims = guessed.delimiters;
        fromUna = false;
        continue;
      }
      if (startsNewInterchange(buf, pos, "UNA")) {
        // A new service string advice: the next interchange brings its own delimiters.
        delims = null;
        continue;
      }
      const end = findTerminator(buf, pos, delims);
      if (end < 0) {
        if (!final) {
          if (buf.length - pos > MAX_SEGMENT_CHARS) {
            err(out, "SEGMENT_TOO_LONG", `no segment terminator within ${MAX_SEGMENT_CHARS} characters`, pos);
            pos = buf.length;
          }
          break;
        }
        const rest = buf.slice(pos);
        if (rest.trim() !== "") {
          emit(out, rest, pos);
          err(out, "SEGMENT_UNTERMINATED", "file ends without a segment terminator", pos);
        }
        pos = buf.length;
        break;
      }
      emitRange(out, pos, end);
      pos = end + 1;
    }
    return out;
  }

  /** The segment buf[start, end), read in place unless it has line breaks inside. */
  function emitRange(out: EdifactToken[], start: number, end: number): void {
    let s = start;
    while (s < end && isJsSpace(buf.charCodeAt(s))) s++;
    let crlf = false;
    for (let i = s; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c === 10 || c === 13) {
        crlf = true;
        break;
      }
    }
    if (s === end || crlf) {
      emit(out, buf.slice(s, end), start);
      return;
    }
    const d = delims!;
    const k = edifactCodes(d);
    pushSegment(
      out,
      k ? parseEdifactRange(buf, s, end, k) : parseEdifactSegment(buf.slice(s, end), d),
      start,
    );
  }

  function emit(out: EdifactToken[], rawText: string, at: number): void {
    const d = delims!;
    let text = rawText.replace(/^[\s\uFEFF]+/, "");
    if (text === "") {
      err(out, "EMPTY_SEGMENT", "empty segment (two terminators in a row)", at);
      return;
    }
    if (/[\r\n]/.test(text)) {
      // Line breaks are never data in EDIFACT; a hard-wrapped file is joined back.
      err(out, "SEGMENT_WRAPPED", "line break inside a segment was joined back", at);
      text = text.replace(/\r?\n|\r/g, "");
    }
    pushSegment(out, parseEdifactSegment(text, d), at);
  }

  function pushSegment(out: EdifactToken[], segment: Segment, at: number): void {
    const d = delims!;
    if (segment.tag === "UNB" && !fromUna && segment.elements[0]?.[0]?.[1] === "4" && d.repetition === null) {
      // Syntax 4 without UNA: the default repetition separator is '*'. UNB itself has none.
      delims = { ...d, repetition: "*" };
    }
    out.push({ kind: "segment", segment, delimiters: delims!, offset: base + at });
    if (segment.tag === "UNZ") delims = null;
  }

  function err(out: EdifactToken[], code: string, message: string, at: number): void {
    out.push({ kind: "error", error: { code, message }, offset: base + at });
  }

  return {
    push(text: string) {
      buf = buf.slice(pos) + text;
      base += pos;
      pos = 0;
      return run(false);
    },
    end() {
      return run(true);
    },
  };
}

/** Index of the next unreleased segment terminator at or after `from`, or -1. */
function findTerminator(text: string, from: number, d: EdifactDelimiters): number {
  let i = text.indexOf(d.segment, from);
  while (i >= 0 && d.release !== null) {
    let n = 0;
    for (let k = i - 1; k >= from && text[k] === d.release; k--) n++;
    if (n % 2 === 0) return i;
    i = text.indexOf(d.segment, i + 1);
  }
  return i;
}

/**
 * No UNA: use the defaults, unless the UNB is written with other characters
 * ("UNB\"UNOB=1\"…;UNH…"), in which case read them off the UNB itself.
 */
function guessDelimiters(
  text: string,
  pos: number,
  final: boolean,
): { delimiters: EdifactDelimiters; warning?: string } | "need-more" | null {
  const tag = text.slice(pos, pos + 3);
  if (!/^[A-Z]{3}$/.test(tag)) return null;
  const sep = text[pos + 3];
  if (sep === undefined) return final ? null : "need-more";
  if (sep === "+" || tag !== "UNB")
    return sep === "+" || sep === "'" ? { delimiters: DEFAULT_EDIFACT } : null;
  if (/[A-Za-z0-9\s]/.test(sep)) return null;
  const comp = text.slice(pos + 4, pos + 8).match(/^UNO[A-Z]$/) ? text[pos + 8] : ":";
  const next = text.slice(pos).search(/UN[HG]/);
  if (next < 0) return final || text.length - pos > 4096 ? null : "need-more";
  let k = pos + next - 1;
  while (k > pos && /\s/.test(text[k])) k--;
  const term = text[k];
  if (/[A-Za-z0-9]/.test(term) || term === sep || term === comp) return null;
  return {
    delimiters: { ...DEFAULT_EDIFACT, element: sep, component: comp, segment: term },
    warning: `no UNA; delimiters read from the UNB: element "${sep}", component "${comp}", terminator "${term}"`,
  };
}

interface EdifactCodes {
  element: number;
  component: number;
  /** -1 when absent. */
  release: number;
  repetition: number;
}

let lastDelims: EdifactDelimiters | null = null;
let lastCodes: EdifactCodes | null = null;

/** Character codes of the delimiters (cached for the last delimiter set); null if one is not one character. */
function edifactCodes(d: EdifactDelimiters): EdifactCodes | null {
  if (d === lastDelims) return lastCodes;
  const one = (x: string | null) => x === null || x.length === 1;
  const code = (x: string | null) => (x === null ? -1 : x.charCodeAt(0));
  lastDelims = d;
  lastCodes =
    d.element.length === 1 && d.component.length === 1 && one(d.release) && one(d.repetition)
      ? {
          element: code(d.element),
          component: code(d.component),
          release: code(d.release),
          repetition: code(d.repetition),
        }
      : null;
  return lastCodes;
}

/**
 * parseEdifactSegment on text[start, end) without copying it out first, cutting values as slices and
 * building a value only where a release character sits in it. Same rules, in the same order.
 */
function parseEdifactRange(text: string, start: number, end: number, k: EdifactCodes): Segment {
  const elements: Element[] = [];
  let reps: string[][] = [];
  let comps: string[] = [];
  let tag: string | null = null;
  let cur = ""; // the part of the current value before its last release character
  let from = start; // where the rest of the current value starts
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === k.release && i + 1 < end) {
      cur += text.slice(from, i) + text[i + 1];
      i++;
      from = i + 1;
    } else if (c === k.element) {
      const v = cur === "" ? text.slice(from, i) : cur + text.slice(from, i);
      comps.push(v);
      reps.push(comps);
      if (tag === null) tag = v;
      else elements.push(reps);
      reps = [];
      comps = [];
      cur = "";
      from = i + 1;
    } else if (tag !== null && c === k.component) {
      comps.push(cur === "" ? text.slice(from, i) : cur + text.slice(from, i));
      cur = "";
      from = i + 1;
    } else if (tag !== null && c === k.repetition) {
      comps.push(cur === "" ? text.slice(from, i) : cur + text.slice(from, i));
      reps.push(comps);
      comps = [];
      cur = "";
      from = i + 1;
    }
  }
  const v = cur === "" ? text.slice(from, end) : cur + text.slice(from, end);
  comps.push(v);
  reps.push(comps);
  if (tag === null) tag = v;
  else elements.push(reps);
  return { tag: tag.trim(), elements };
}

export function parseEdifactSegment(text: string, d: EdifactDelimiters): Segment {
  const elements: string[][][] = [];
  let reps: string[][] = [];
  let comps: string[] = [];
  let cur = "";
  let tag: string | null = null;
  const flushElement = () => {
    comps.push(cur);
    reps.push(comps);
    if (tag === null) tag = cur;
    else elements.push(reps);
    reps = [];
    comps = [];
    cur = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === d.release && i + 1 < text.length) {
      cur += text[++i];
    } else if (c === d.element) {
      flushElement();
    } else if (c === d.component && tag !== null) {
      comps.push(cur);
      cur = "";
    } else if (d.repetition !== null && c === d.repetition && tag !== null) {
      comps.push(cur);
      reps.push(comps);
      comps = [];
      cur = "";
    } else {
      cur += c;
    }
  }
  flushElement();
  return { tag: (tag ?? "").trim(), elements };
}

export function tokenizeEdifact(input: string): EdifactToken[] {
  const s = createEdifactScanner();
  return [...s.push(input), ...s.end()];
}

/** Token batches (one array per 64 KB of input) from chunks, with bounded memory. */
export async function* tokenizeEdifactBatches(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<EdifactToken[]> {
  const scanner = createEdifactScanner();
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    if (typeof chunk === "string") {
      for (let i = 0; i < chunk.length; i += SLICE) yield scanner.push(chunk.slice(i, i + SLICE));
      continue;
    }
    // Decode SLICE bytes at a time: a big chunk (a 1 MB read) never becomes one big string.
    for (let i = 0; i < chunk.length; i += SLICE) {
      yield scanner.push(decoder.decode(chunk.subarray(i, i + SLICE), { stream: true }));
    }
  }
  const tail = decoder.decode();
  if (tail) yield scanner.push(tail);
  yield scanner.end();
}

export async function* tokenizeEdifactStream(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<EdifactToken> {
  for await (const batch of tokenizeEdifactBatches(chunks)) yield* batch;
}
