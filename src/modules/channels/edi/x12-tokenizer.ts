// X12 tokenizer. One push-based scanner serves both the whole-file and the streaming reader,
// so both behave identically; it keeps only the unfinished segment in memory.

import type { EdiError, Element, Segment, X12Delimiters } from "./types.ts";
import { detectIsa, show } from "./x12-delimiters.ts";

export type X12Token =
  | { kind: "segment"; segment: Segment; delimiters: X12Delimiters; offset: number }
  | { kind: "isa"; segment: Segment; fields: string[]; delimiters: X12Delimiters; offset: number }
  | { kind: "bad-isa"; error: EdiError; fields: string[] | null; offset: number }
  | { kind: "error"; error: EdiError; offset: number };

/** Longest segment we buffer before giving up on finding its terminator (bounds memory). */
export const MAX_SEGMENT_CHARS = 1 << 20;
/**
 * Batch size for pushes by the stream generators: small batches of tokens die young, which keeps GC
 * cheap. 8 KB: a 64 KB batch (~2,700 tokens, ~1 MB) is often still alive at a scavenge and gets copied;
 * on the 20 MB bench file 2-16 KB batches measured ~70 CPU-MB/s against ~47 for 64 KB.
 */
export const SLICE = 1 << 13;
const TAG_START = /^[ \t]*[A-Z][A-Z0-9]{1,2}$/;
let sepScratch: Int32Array = new Int32Array(64);
function growScratch(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Characters of junk quoted in DATA_OUTSIDE_INTERCHANGE. */
const GARBAGE_SAMPLE = 40;

const after = (i: number) => (i < 0 ? Number.POSITIVE_INFINITY : i);

interface DelimiterCodes {
  elementChar: string;
  componentChar: string | null;
  repetitionChar: string | null;
  element: number;
  /** -1 when absent, so it never matches a character code. */
  component: number;
  repetition: number;
  newlineTerminator: boolean;
}

/** Character codes of single-character delimiters; null (general path only) for anything else. */
function delimiterCodes(d: X12Delimiters): DelimiterCodes | null {
  const one = (x: string | null) => x === null || x.length === 1;
  if (d.element.length !== 1 || !one(d.component) || !one(d.repetition)) return null;
  return {
    elementChar: d.element,
    componentChar: d.component,
    repetitionChar: d.repetition,
    element: d.element.charCodeAt(0),
    component: d.component === null ? -1 : d.component.charCodeAt(0),
    repetition: d.repetition === null ? -1 : d.repetition.charCodeAt(0),
    newlineTerminator: d.segment === "\n" || d.segment === "\r",
  };
}

export interface X12Scanner {
  push(text: string): X12Token[];
  end(): X12Token[];
}

export function createX12Scanner(): X12Scanner {
  let buf = "";
  let pos = 0;
  let base = 0; // absolute offset of buf[0]
  let delims: X12Delimiters | null = null;
  let bomChecked = false;
  let inGarbage = false; // one report per stretch of junk, however it is chunked
  let codes: DelimiterCodes | null = null; // delims as character codes, for emitFast
  // Next position in buf of a line break / component / repetition separator at or after the current
  // segment (Infinity: none in buf); -1 when not searched yet in this buf.
  let nextLF = -1;
  let nextCR = -1;
  let nextComp = -1;
  let nextRep = -1;
  // After an unreadable ISA with no other "ISA" in the buffer yet: where to look for one (absolute
  // offsets), so the skip gives the same result however the input is chunked.
  let skip: { from: number; stop: number } | null = null;

  function run(final: boolean): X12Token[] {
    const out: X12Token[] = [];
    if (!bomChecked && buf.length > 0) {
      if (buf.charCodeAt(0) === 0xfeff) pos = 1;
      bomChecked = true;
    }
    for (;;) {
      if (delims === null) {
        if (skip !== null) {
          // Still skipping what follows an unreadable ISA, as a whole-string read would: silently up
          // to the next "ISA"; without one, its last two characters are read as junk at the end.
          const next = buf.indexOf("ISA", Math.max(pos, skip.from - base));
          if (next >= 0) {
            pos = next;
            skip = null;
            continue;
          }
          if (!final) {
            pos = Math.max(pos, buf.length - 2);
            break;
          }
          pos = Math.max(pos, skip.stop - base, buf.length - 2);
          skip = null;
          continue;
        }
        while (pos < buf.length && isJsSpace(buf.charCodeAt(pos))) pos++;
        if (pos >= buf.length) break;
        const at = buf.indexOf("ISA", pos);
        if (at < 0) {
          // Junk: wait until its 40-character sample is complete, so the report does not depend on chunking.
          if (!final && !inGarbage && buf.length - pos < GARBAGE_SAMPLE + 2) break;
          // Keep two characters: "ISA" may straddle the next chunk.
          const keep = final ? buf.length : Math.max(pos, buf.length - 2);
          if (keep > pos) garbage(out, pos, keep);
          pos = keep;
          break;
        }
        if (at > pos) garbage(out, pos, at);
        inGarbage = false;
        pos = at;
        const det = detectIsa(buf, pos, final);
        if (det.kind === "need-more") break;
        if (det.kind === "error") {
          out.push({ kind: "bad-isa", error: det.error, fields: det.fields ?? null, offset: base + pos });
          // Skip what was read as this ISA, not only its tag, so junk full of "ISA" stays linear.
          const from = pos + Math.max(3, det.length ?? 3);
          const next = buf.indexOf("ISA", from);
          if (next < 0 && !final) {
            skip = { from: base + from, stop: base + pos + 3 };
            pos = Math.max(pos + 3, buf.length - 2);
            break;
          }
          pos = next < 0 ? buf.length : next;
          continue;
        }
        delims = det.delimiters;
        codes = delimiterCodes(delims);
        nextComp = nextRep = -1; // searched for the previous interchange's characters
        const isa: Segment = { tag: "ISA", elements: det.fields.map((f) => [[f]]) };
        out.push({ kind: "isa", segment: isa, fields: det.fields, delimiters: delims, offset: base + pos });
        for (const w of det.warnings) out.push({ kind: "error", error: w, offset: base + pos });
        pos += det.length;
        continue;
      }
      if (startsNewInterchange(buf, pos, "ISA")) {
        // An ISA while one is still open (its IEA is missing): read the new ISA's own delimiters.
        delims = null;
        continue;
      }
      const end = buf.indexOf(delims.segment, pos);
      if (end < 0) {
        if (!final) {
          if (buf.length - pos > MAX_SEGMENT_CHARS) {
            err(out, "SEGMENT_TOO_LONG", `no segment terminator within ${MAX_SEGMENT_CHARS} characters`, pos);
            pos = buf.length;
            delims = null;
          }
          break;
        }
        const rest = buf.slice(pos);
        if (rest.trim() !== "") {
          // A missing final newline is normal when newline is the terminator; otherwise note it.
          if (!/[\r\n]/.test(delims.segment)) {
            err(out, "SEGMENT_UNTERMINATED", "file ends without a segment terminator", pos);
          }
          emitRaw(out, rest, pos);
        }
        pos = buf.length;
        break;
      }
      const termLength = delims.segment.length;
      if (codes === null || !emitFast(out, pos, end, codes)) emitRaw(out, buf.slice(pos, end), pos);
      pos = end + termLength;
    }
    return out;
  }

  // A raw segment may hide line breaks: one before a segment tag means a lost terminator,
  // any other is a hard wrap at a fixed width and is joined back.
  function emitRaw(out: X12Token[], rawText: string, at: number): void {
    const d = delims!;
    // Cheap character checks first: the regexes only run when there is whitespace to strip.
    let text = isSpace(rawText.charCodeAt(0)) ? rawText.replace(/^[\s\uFEFF]+/, "") : rawText;
    const last = text.charCodeAt(text.length - 1);
    if (last === 10 || last === 13) {
      text =
        d.segment !== "\n" && d.segment !== "\r" ? text.replace(/[\r\n]+$/, "") : text.replace(/\r$/, "");
    }
    if (text === "") {
      if (rawText.length > 0 && !/^\s*$/.test(rawText)) err(out, "EMPTY_SEGMENT", "empty segment", at);
      else if (rawText.length === 0 && !/[\r\n]/.test(d.segment))
        err(out, "EMPTY_SEGMENT", "empty segment (two terminators in a row)", at);
      return;
    }
    if (!text.includes("\n") && !text.includes("\r")) {
      emitSegment(out, text, at, d);
      return;
    }
    const lines = text.split(/\r\n|\r|\n/);
    let cur = lines[0];
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k];
      if (line.trim() === "") continue;
      const sepAt = line.indexOf(d.element);
      if (sepAt > 0 && TAG_START.test(line.slice(0, sepAt))) {
        err(
          out,
          "SEGMENT_TERMINATOR_MISSING",
          `line break taken as the end of segment ${cur.slice(0, 3)}`,
          at,
        );
        emitSegment(out, cur, at, d);
        cur = line.trimStart();
      } else {
        err(out, "SEGMENT_WRAPPED", "line break inside a segment was joined back", at);
        cur += line;
      }
    }
    emitSegment(out, cur, at, d);
  }

  // `d` is the delimiters the raw segment was cut with: an IEA found behind a lost terminator
  // closes the interchange, but the rest of that raw segment was still written with them.
  function emitSegment(out: X12Token[], text: string, at: number, d: X12Delimiters): void {
    const segment = parseX12Segment(text, d);
    out.push({ kind: "segment", segment, delimiters: d, offset: base + at });
    if (segment.tag === "IEA") delims = null;
  }

  /**
   * The common case without building the raw text first: one pass over buf[start, end) that strips
   * layout whitespace and cuts plain elements. Returns false, having emitted nothing, when the segment
   * needs the general path (empty, a line break inside, composites or repetitions): that path is
   * emitRaw/parseX12Segment, unchanged, so both give the same tokens.
   */
  function emitFast(out: X12Token[], start: number, end: number, k: DelimiterCodes): boolean {
    let s = start;
    // As emitRaw: leading whitespace is stripped only when the first character is a layout character.
    if (s < end && isSpace(buf.charCodeAt(s))) {
      s++;
      while (s < end && isJsSpace(buf.charCodeAt(s))) s++;
    }
    let e = end;
    if (e > s) {
      const last = buf.charCodeAt(e - 1);
      if (last === 10 || last === 13) {
        if (!k.newlineTerminator) {
          while (e > s && (buf.charCodeAt(e - 1) === 10 || buf.charCodeAt(e - 1) === 13)) e--;
        } else if (last === 13) e--;
      }
    }
    if (e === s) return false;
    // Line breaks, composites and repetitions send the segment to the general path. Their next
    // positions are found with indexOf and remembered, so each search covers new ground only.
    if (nextLF < s) nextLF = after(buf.indexOf("\n", s));
    if (nextLF < e) return false;
    if (nextCR < s) nextCR = after(buf.indexOf("\r", s));
    if (nextCR < e) return false;
    if (k.componentChar !== null) {
      if (nextComp < s) nextComp = after(buf.indexOf(k.componentChar, s));
      if (nextComp < e) return false;
    }
    if (k.repetitionChar !== null) {
      if (nextRep < s) nextRep = after(buf.indexOf(k.repetitionChar, s));
      if (nextRep < e) return false;
    }
    // Positions of the element separators go to a reused buffer, so the elements array is allocated
    // once at its exact size (a growing array would allocate and drop a 16-slot store per segment).
    let seps = sepScratch;
    let n = 0;
    const el = k.elementChar;
    for (let i = buf.indexOf(el, s); i >= 0 && i < e; i = buf.indexOf(el, i + 1)) {
      if (n === seps.length) seps = sepScratch = growScratch(seps);
      seps[n++] = i;
    }
    let tag: string;
    let elements: Element[];
    if (n === 0) {
      tag = buf.slice(s, e).trim();
      elements = [];
    } else {
      tag = buf.slice(s, seps[0]).trim();
      elements = new Array(n);
      for (let j = 1; j < n; j++) elements[j - 1] = [[buf.slice(seps[j - 1] + 1, seps[j])]];
      elements[n - 1] = [[buf.slice(seps[n - 1] + 1, e)]];
    }
    const d = delims!;
    out.push({ kind: "segment", segment: { tag, elements }, delimiters: d, offset: base + start });
    if (tag === "IEA") delims = null;
    return true;
  }

  function garbage(out: X12Token[], from: number, to: number): void {
    const sample = buf.slice(from, Math.min(to, from + GARBAGE_SAMPLE));
    if (sample.trim() === "" || inGarbage) return;
    inGarbage = true;
    err(out, "DATA_OUTSIDE_INTERCHANGE", `data outside any ISA…IEA: ${JSON.stringify(sample)}`, from);
  }

  function err(out: X12Token[], code: string, message: string, at: number): void {
    out.push({ kind: "error", error: { code, message }, offset: base + at });
  }

  return {
    push(text: string): X12Token[] {
      // Compact: drop what is consumed so memory stays at one chunk plus one partial segment.
      buf = buf.slice(pos) + text;
      base += pos;
      pos = 0;
      nextLF = nextCR = nextComp = nextRep = -1;
      return run(false);
    },
    end(): X12Token[] {
      return run(true);
    },
  };
}

/** Does the next segment (after layout whitespace) start with `tag` and a non-alphanumeric? */
export function startsNewInterchange(buf: string, pos: number, tag: string): boolean {
  let p = pos;
  while (p < buf.length && isSpace(buf.charCodeAt(p))) p++;
  if (buf.charCodeAt(p) !== tag.charCodeAt(0) || !buf.startsWith(tag, p)) return false;
  const next = buf[p + tag.length];
  return next !== undefined && !/[A-Za-z0-9]/.test(next);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xfeff || c === 0xa0;
}

/** Exactly the characters of the regex class `\s` (which includes U+FEFF). */
export function isJsSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function parseX12Segment(text: string, d: X12Delimiters): Segment {
  const parts = text.split(d.element);
  const tag = parts[0].trim();
  const n = parts.length - 1;
  const elements: string[][][] = new Array(n);
  // Most segments carry no composite or repetition: skip the inner splits (3x faster on big files).
  const plain =
    (d.component === null || !text.includes(d.component)) &&
    (d.repetition === null || !text.includes(d.repetition));
  for (let i = 0; i < n; i++) {
    const p = parts[i + 1];
    if (plain) {
      elements[i] = [[p]];
      continue;
    }
    const reps = d.repetition && p.includes(d.repetition) ? p.split(d.repetition) : [p];
    elements[i] = reps.map((r) => (d.component && r.includes(d.component) ? r.split(d.component) : [r]));
  }
  return { tag, elements };
}

/** Tokenize a whole file (string or bytes). */
export function tokenizeX12(input: string): X12Token[] {
  const s = createX12Scanner();
  return [...s.push(input), ...s.end()];
}

/**
 * Stream token batches (one array per 64 KB of input) from chunks with bounded memory: the
 * fast path for big files, since one await per token costs more than tokenizing it.
 */
export async function* tokenizeX12Batches(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<X12Token[]> {
  const scanner = createX12Scanner();
  // stream: true keeps a multi-byte character split across chunks intact.
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

/** Stream tokens one by one from chunks (a file stream, a request body) with bounded memory. */
export async function* tokenizeX12Stream(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<X12Token> {
  for await (const batch of tokenizeX12Batches(chunks)) yield* batch;
}

export { show };
