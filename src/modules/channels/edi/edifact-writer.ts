// EDIFACT writer: segments with release-character escaping, UNB/UNG/UNH/UNT/UNE/UNZ with counts.
// Control references are arguments (a per-partner sequence supplies them later).

import { DEFAULT_EDIFACT } from "./edifact-tokenizer.ts";
import type { EdifactDelimiters, PartnerId, Segment } from "./types.ts";
import { EdiWriteError } from "./x12-writer.ts";

export function escapeEdifact(v: string, d: EdifactDelimiters): string {
  const specials = [d.release, d.component, d.element, d.segment, d.repetition].filter(
    (c): c is string => !!c,
  );
  if (d.release === null) {
    for (const c of specials) {
      if (v.includes(c))
        throw new EdiWriteError("EDI_VALUE_HAS_DELIMITER", `value ${JSON.stringify(v)} contains "${c}"`);
    }
    return v;
  }
  let out = "";
  for (const ch of v) out += specials.includes(ch) ? d.release + ch : ch;
  return out;
}

export function writeEdifactSegment(
  seg: Segment,
  d: EdifactDelimiters = DEFAULT_EDIFACT,
  newline = false,
): string {
  const parts = [seg.tag];
  for (const el of seg.elements) {
    if (el.length > 1 && d.repetition === null)
      throw new EdiWriteError("EDI_NO_REPETITION", "no repetition separator");
    parts.push(
      el.map((rep) => rep.map((c) => escapeEdifact(c, d)).join(d.component)).join(d.repetition ?? ""),
    );
  }
  return parts.join(d.element) + d.segment + (newline ? "\n" : "");
}

/** The UNA string for a delimiter set ("UNA:+.? '"). */
export function una(d: EdifactDelimiters): string {
  return `UNA${d.component}${d.element}${d.decimal}${d.release ?? " "}${d.repetition ?? " "}${d.segment}`;
}

export interface EdifactEnvelope {
  sender: PartnerId;
  receiver: PartnerId;
  controlRef: string;
  date: Date;
  /** S001, default UNOC:3. Version 4 gets a '*' repetition separator in the UNA. */
  syntax?: { id: string; version: "3" | "4" };
  test?: boolean;
}

export interface EdifactMessageInput {
  ref: string;
  /** S009: type, version, release, agency, association code (e.g. ["ORDRSP","D","96A","UN","EAN005"]). */
  identifier: string[];
  body: Segment[];
}

const seg = (tag: string, ...els: (string | string[])[]): Segment => ({
  tag,
  elements: els.map((e) => (Array.isArray(e) ? [e] : [[e]])),
});

export function writeEdifactMessage(m: EdifactMessageInput, d: EdifactDelimiters, newline = false): string {
  const all = [seg("UNH", m.ref, m.identifier), ...m.body, seg("UNT", String(m.body.length + 2), m.ref)];
  return all.map((s) => writeEdifactSegment(s, d, newline)).join("");
}

export function writeEdifactInterchange(
  env: EdifactEnvelope,
  messages: EdifactMessageInput[],
  opts: { delimiters?: EdifactDelimiters; newline?: boolean; withUna?: boolean } = {},
): string {
  const version = env.syntax?.version ?? "3";
  const d = opts.delimiters ?? { ...DEFAULT_EDIFACT, repetition: version === "4" ? "*" : null };
  const nl = opts.newline ?? false;
  const iso = env.date.toISOString();
  const date = version === "4" ? iso.slice(0, 10).replace(/-/g, "") : iso.slice(2, 10).replace(/-/g, "");
  const time = iso.slice(11, 16).replace(":", "");
  const unbEls: (string | string[])[] = [
    [env.syntax?.id ?? "UNOC", version],
    [env.sender.id, env.sender.qualifier],
    [env.receiver.id, env.receiver.qualifier],
    [date, time],
    env.controlRef,
  ];
  if (env.test) unbEls.push("", "", "", "", "", "1");
  let out = opts.withUna === false ? "" : una(d) + (nl ? "\n" : "");
  out += writeEdifactSegment(seg("UNB", ...unbEls), d, nl);
  for (const m of messages) out += writeEdifactMessage(m, d, nl);
  out += writeEdifactSegment(seg("UNZ", String(messages.length), env.controlRef), d, nl);
  return out;
}
