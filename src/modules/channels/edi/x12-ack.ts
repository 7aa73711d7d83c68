// 997 (4010 and older) / 999 (5010+) functional acknowledgments and TA1 interchange acknowledgments.
import type { EdiError, Segment, X12Delimiters } from "./types.ts";
import {
  DEFAULT_X12_DELIMITERS,
  EdiWriteError,
  writeX12Interchange,
  type X12GroupInput,
  type X12SetInput,
} from "./x12-writer.ts";

export interface AckSet {
  type: string;
  control: string;
  implementation?: string;
  errors: EdiError[];
}

export interface AckGroup {
  functionalId: string;
  control: string;
  version: string;
  /** GE01 as sent, null when GE is missing or not numeric. */
  declaredCount: string | null;
  sets: AckSet[];
  /** AK9 error codes: 3 GE missing, 4 control mismatch, 5 count mismatch, 6 control syntax. */
  groupCodes: string[];
}

const seg = (tag: string, ...values: string[]): Segment => ({ tag, elements: values.map((v) => [[v]]) });

/** 999 for 005010 and later, 997 before. */
export function ackTypeFor(version: string): "997" | "999" {
  const n = Number(version.slice(0, 6));
  return Number.isFinite(n) && n >= 5010 ? "999" : "997";
}

/** Set-level status: rejected when any error, otherwise accepted. */
export function setAccepted(s: AckSet): boolean {
  return s.errors.length === 0;
}

export function buildFunctionalAck(group: AckGroup, controlNumber: number): X12SetInput {
  const type = ackTypeFor(group.version);
  const is999 = type === "999";
  const body: Segment[] = [];
  body.push(
    is999
      ? seg("AK1", group.functionalId, group.control, group.version)
      : seg("AK1", group.functionalId, group.control),
  );
  let accepted = 0;
  for (const s of group.sets) {
    body.push(
      is999 && s.implementation
        ? seg("AK2", s.type, s.control, s.implementation)
        : seg("AK2", s.type, s.control),
    );
    const setCodes: string[] = [];
    // Segment errors, grouped by position, each followed by its element errors.
    const bySegment = new Map<string, EdiError[]>();
    for (const e of s.errors) {
      if (e.segment && e.position !== undefined) {
        const key = `${e.position}|${e.segment}`;
        bySegment.set(key, [...(bySegment.get(key) ?? []), e]);
      } else if (e.ackCode && !setCodes.includes(e.ackCode)) {
        setCodes.push(e.ackCode);
      }
    }
    for (const errs of bySegment.values()) {
      const first = errs[0];
      const elementErrs = errs.filter((e) => e.element !== undefined);
      const segCode = elementErrs.length > 0 ? "8" : (first.ackCode ?? "8");
      // AK301 is at most 3 characters; an unreadable segment id is reported by its first three.
      body.push(seg(is999 ? "IK3" : "AK3", first.segment!.slice(0, 3), String(first.position), "", segCode));
      for (const e of elementErrs) {
        body.push(seg(is999 ? "IK4" : "AK4", String(e.element), "", e.ackCode ?? "1"));
      }
      if (!setCodes.includes("5")) setCodes.push("5");
    }
    const ok = setAccepted(s);
    if (ok) accepted++;
    else if (setCodes.length === 0) setCodes.push("5");
    body.push(seg(is999 ? "IK5" : "AK5", ok ? "A" : "R", ...setCodes.slice(0, 5)));
  }
  const received = group.sets.length;
  const included =
    group.declaredCount && /^\d+$/.test(group.declaredCount) ? group.declaredCount : String(received);
  let status: string;
  if (accepted === received && group.groupCodes.length === 0) status = "A";
  else if (accepted === received) status = "E";
  else if (accepted === 0) status = "R";
  else status = "P";
  body.push(
    seg(
      "AK9",
      status,
      String(Number(included)),
      String(received),
      String(accepted),
      ...group.groupCodes.slice(0, 5),
    ),
  );
  return { type, controlNumber, implementation: is999 ? "005010X231A1" : undefined, body };
}

/** TA1: interchange acknowledgment. status A (accepted), E (accepted with errors), R (rejected). */
export function buildTa1(
  isaControl: string,
  isaDate: string,
  isaTime: string,
  status: "A" | "E" | "R",
  note: string,
): Segment {
  return seg("TA1", isaControl.padStart(9, "0").slice(-9), isaDate, isaTime, status, note);
}

const CONTROL_DELIMITERS: X12Delimiters = {
  element: "\u001d",
  component: "\u001f",
  repetition: "\u001e",
  segment: "\u001c",
};

export interface AckInterchange {
  fields: string[];
  delimiters: X12Delimiters | null;
  errors: EdiError[];
  groups: (AckGroup & { appSender: string; appReceiver: string })[];
  fatal: boolean;
}

/**
 * The response interchange for one inbound interchange: TA1 when needed, a 997/999 per group.
 * "" when nothing is owed; null when no delimiter set can carry the values it must echo.
 */
export function writeInterchangeAck(
  cur: AckInterchange,
  o: { controlNumber: number; now: Date; newline: boolean },
): string | null {
  const ta1Errors = cur.errors.filter((x) => x.ackCode && /^\d{3}$/.test(x.ackCode));
  const header: Segment[] = [];
  if (cur.fatal || ta1Errors.length > 0 || cur.fields[13] === "1") {
    const status = cur.fatal ? "R" : ta1Errors.length > 0 ? "E" : "A";
    const reason = ta1Errors.find((x) => x.code === "DUPLICATE_INTERCHANGE") ?? ta1Errors[0];
    header.push(
      buildTa1(
        cur.fields[12] ?? "0",
        cur.fields[8] ?? "",
        cur.fields[9] ?? "",
        status,
        reason?.ackCode ?? "000",
      ),
    );
  }
  // Functional acknowledgments are never acknowledged themselves (that would loop between partners).
  const groups: X12GroupInput[] = cur.groups
    .filter((g) => g.functionalId !== "FA")
    .map((g, i) => {
      const set = buildFunctionalAck(g, 1);
      return {
        functionalId: "FA",
        appSender: g.appReceiver,
        appReceiver: g.appSender,
        controlNumber: i + 1,
        version: set.type === "999" ? "005010X231A1" : g.version || "004010",
        sets: [set],
      };
    });
  if (header.length === 0 && groups.length === 0) return "";
  const f = cur.fields;
  const env = {
    sender: { qualifier: (f[6] ?? "ZZ").trim() || "ZZ", id: (f[7] ?? "").trim() },
    receiver: { qualifier: (f[4] ?? "ZZ").trim() || "ZZ", id: (f[5] ?? "").trim() },
    controlNumber: o.controlNumber,
    date: o.now,
    isaVersion: /^\d{5}$/.test(f[11] ?? "") ? f[11] : "00401",
    usage: f[14] === "T" ? ("T" as const) : ("P" as const),
  };
  // Values echoed from the partner (ids, control numbers) may contain our delimiters: try the
  // partner's, then the defaults, then control characters. An acknowledgment never throws.
  const d = cur.delimiters;
  for (const delimiters of [
    d?.component && !/[\r\n]/.test(d.segment) ? d : null,
    DEFAULT_X12_DELIMITERS,
    CONTROL_DELIMITERS,
  ]) {
    if (!delimiters) continue;
    try {
      return writeX12Interchange(env, groups, { delimiters, newline: o.newline, headerSegments: header });
    } catch (err) {
      if (!(err instanceof EdiWriteError)) throw err;
    }
  }
  return null;
}
