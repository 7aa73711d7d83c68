// X12 tokenizer. One push-based scanner serves both the whole-file and the streaming reader,
// so both behave identically; it keeps only the unfinished segment in memory.

import type { EdiError, Segment, X12Delimiters } from "./types.ts";
import { detectIsa, show } from "./x12-delimiters.ts";

export type X12Token =
  | { kind: "segment"; segment: Segment; delimiters: X12Delimiters; offset: number }
  | { kind: "isa"; segment: Segment; fields: string[]; delimiters: X12Delimiters; offset: number }
  | { kind: "bad-isa"; error: EdiError; fields: string[] | null; offset: number }
  | { kind: "error"; error: EdiError; offset: number };

/** Longest segment we buffer before giving up on finding its terminator (bounds memory). */
export const MAX_SEGMENT_CHARS = 1 << 20;
/** Batch size for pushes: small batches of tokens die young, which keeps GC cheap. */
export const SLICE = 1 << 16;
const TAG_START = /^[ \t]*[A-Z][A-Z0-9]{1,2}$/;

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

  function run(final: boolean): X12Token[] {
    const out: X12Token[] = [];
    if (!bomChecked && buf.length > 0) {
      if (buf.charCodeAt(0) === 0xfeff) pos = 1;
      bomChecked = true;
    }
    for (;;) {
      if (delims === null) {
        while (pos < buf.length && /\s/.test(buf[pos])) pos++;
        if (pos >= buf.length) break;
        const at = buf.indexOf("ISA", pos);
        if (at < 0) {
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
          const next = buf.indexOf("ISA", pos + Math.max(3, det.length ?? 3));
          const stop = next < 0 ? (final ? buf.length : Math.max(pos + 3, buf.length - 2)) : next;
          pos = stop;
          if (next < 0 && !final) break;
          continue;
        }
        delims = det.delimiters;
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
      emitRaw(out, buf.slice(pos, end), pos);
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
      emitSegment(out, text, at);
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
        emitSegment(out, cur, at);
        cur = line.trimStart();
      } else {
        err(out, "SEGMENT_WRAPPED", "line break inside a segment was joined back", at);
        cur += line;
      }
    }
    emitSegment(out, cur, at);
  }

  function emitSegment(out: X12Token[], text: string, at: number): void {
    const d = delims!;
    const segment = parseX12Segment(text, d);
    out.push({ kind: "segment", segment, delimiters: d, offset: base + at });
    if (segment.tag === "IEA") delims = null;
  }

  function garbage(out: X12Token[], from: number, to: number): void {
    const sample = buf.slice(from, Math.min(to, from + 40));
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
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    for (let i = 0; i < text.length; i += SLICE) yield scanner.push(text.slice(i, i + SLICE));
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
