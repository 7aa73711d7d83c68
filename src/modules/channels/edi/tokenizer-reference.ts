// Frozen copy of the X12 and EDIFACT scanners as they were before the speed work (commit f6eca03),
// kept only so that tokenizer-equivalence.test.ts can check that the fast scanners give exactly the
// same tokens (segments, errors, offsets) on the corpus, the fixtures, fuzzed input and every split
// of a stream. Not used by the codec itself. Do not "fix" anything here: it is the reference.
import type { EdiError, EdifactDelimiters, Segment, X12Delimiters } from "./types.ts";
import { detectIsa } from "./x12-delimiters.ts";

// ---- X12 ----

type X12Token =
  | { kind: "segment"; segment: Segment; delimiters: X12Delimiters; offset: number }
  | { kind: "isa"; segment: Segment; fields: string[]; delimiters: X12Delimiters; offset: number }
  | { kind: "bad-isa"; error: EdiError; fields: string[] | null; offset: number }
  | { kind: "error"; error: EdiError; offset: number };

/** Longest segment we buffer before giving up on finding its terminator (bounds memory). */
const MAX_SEGMENT_CHARS = 1 << 20;
const TAG_START = /^[ \t]*[A-Z][A-Z0-9]{1,2}$/;

interface X12Scanner {
  push(text: string): X12Token[];
  end(): X12Token[];
}

export function createReferenceX12Scanner(): X12Scanner {
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
function startsNewInterchange(buf: string, pos: number, tag: string): boolean {
  let p = pos;
  while (p < buf.length && isSpace(buf.charCodeAt(p))) p++;
  if (buf.charCodeAt(p) !== tag.charCodeAt(0) || !buf.startsWith(tag, p)) return false;
  const next = buf[p + tag.length];
  return next !== undefined && !/[A-Za-z0-9]/.test(next);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xfeff || c === 0xa0;
}

function parseX12Segment(text: string, d: X12Delimiters): Segment {
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

// ---- EDIFACT ----

type EdifactToken =
  | { kind: "segment"; segment: Segment; delimiters: EdifactDelimiters; offset: number }
  | { kind: "error"; error: EdiError; offset: number };

const DEFAULT_EDIFACT: EdifactDelimiters = {
  component: ":",
  element: "+",
  decimal: ".",
  release: "?",
  repetition: null,
  segment: "'",
};

interface EdifactScanner {
  push(text: string): EdifactToken[];
  end(): EdifactToken[];
}

export function createReferenceEdifactScanner(): EdifactScanner {
  let buf = "";
  let pos = 0;
  let base = 0;
  let delims: EdifactDelimiters | null = null;
  let fromUna = false;

  function run(final: boolean): EdifactToken[] {
    const out: EdifactToken[] = [];
    for (;;) {
      if (delims === null) {
        while (pos < buf.length && /[\s\uFEFF]/.test(buf[pos])) pos++;
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
          err(
            out,
            "DATA_OUTSIDE_INTERCHANGE",
            `not an EDIFACT segment: ${JSON.stringify(buf.slice(pos, pos + 40))}`,
            pos,
          );
          pos = buf.length;
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
      emit(out, buf.slice(pos, end), pos);
      pos = end + 1;
    }
    return out;
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
    const segment = parseEdifactSegment(text, d);
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

function parseEdifactSegment(text: string, d: EdifactDelimiters): Segment {
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
