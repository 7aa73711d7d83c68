// X12 envelope reader: consumes tokens one at a time, checks ISA/IEA, GS/GE, ST/SE counts and
// control numbers, translates each set when its SE arrives (only one set is held in memory),
// and writes the TA1/997/999 for each interchange when its IEA arrives.

import type { EdiError, InterchangeResult, Segment, TransactionResult, X12Delimiters } from "./types.ts";
import { type AckSet, writeInterchangeAck } from "./x12-ack.ts";
import { checkIsa } from "./x12-delimiters.ts";
import { translateX12Set } from "./x12-orders.ts";
import { checkX12Segment } from "./x12-syntax.ts";
import type { X12Token } from "./x12-tokenizer.ts";

export interface AckOptions {
  /** ISA13 of the first acknowledgment interchange; incremented per interchange. Default 1. */
  ackControlNumber?: number;
  now?: Date;
  newline?: boolean;
  /**
   * Interchange keys already received (from the message log, within the partner's window): an
   * interchange with one of these is flagged DUPLICATE_INTERCHANGE like a repeat inside the file.
   * See interchangeKey() in duplicates.ts for the format.
   */
  seen?: Iterable<string>;
}

interface OpenSet {
  type: string;
  control: string;
  implementation?: string;
  segments: Segment[];
  errors: EdiError[];
}

interface OpenGroup {
  functionalId: string;
  control: string;
  version: string;
  appSender: string;
  appReceiver: string;
  sets: AckSet[];
  controls: Set<string>;
  declaredCount: string | null;
  groupCodes: string[];
}

interface OpenInterchange {
  fields: string[];
  delimiters: X12Delimiters | null;
  errors: EdiError[];
  warnings: EdiError[];
  groups: OpenGroup[];
  transactions: TransactionResult[];
  fatal: boolean;
}

const e = (code: string, message: string, extra: Partial<EdiError> = {}): EdiError => ({
  code,
  message,
  ...extra,
});

export function createX12Reader(opts: AckOptions = {}) {
  let nextAck = opts.ackControlNumber ?? 1;
  const now = opts.now ?? new Date();
  const fileErrors: EdiError[] = [];
  const seen = new Set<string>(opts.seen ?? []);
  let ic: OpenInterchange | null = null;
  let grp: OpenGroup | null = null;
  let set: OpenSet | null = null;

  function push(tok: X12Token): InterchangeResult[] {
    const done: InterchangeResult[] = [];
    if (tok.kind === "isa" || tok.kind === "bad-isa") {
      if (ic) done.push(closeInterchange(null));
      if (tok.kind === "bad-isa") {
        if (!tok.fields) {
          fileErrors.push(tok.error);
          return done;
        }
        const code = tok.error.code === "DELIMITER_CONFLICT" ? "026" : "022";
        ic = newInterchange(tok.fields, null);
        ic.fatal = true;
        ic.errors.push({ ...tok.error, ackCode: code });
        done.push(closeInterchange(null));
        return done;
      }
      ic = newInterchange(tok.fields, tok.delimiters);
      checkIsa(ic.fields, ic.errors, ic.warnings);
      return done;
    }
    if (tok.kind === "error") {
      if (!ic) fileErrors.push(tok.error);
      else if (set && /EMPTY_SEGMENT|SEGMENT_TOO_LONG/.test(tok.error.code)) {
        set.errors.push({ ...tok.error, ackCode: "5" });
      } else if (/EMPTY_SEGMENT|SEGMENT_TOO_LONG|DATA_OUTSIDE/.test(tok.error.code)) {
        ic.errors.push({ ...tok.error, ackCode: "024" });
      } else ic.warnings.push(tok.error);
      return done;
    }
    const s = tok.segment;
    if (!ic) return done; // the scanner only emits segments inside an ISA
    switch (s.tag) {
      case "GS":
        if (set) closeSet(null);
        if (grp) closeGroup(null);
        grp = {
          functionalId: v(s, 1),
          control: v(s, 6),
          version: v(s, 8),
          appSender: v(s, 2),
          appReceiver: v(s, 3),
          sets: [],
          controls: new Set(),
          declaredCount: null,
          groupCodes: [],
        };
        if (!/^\d{1,9}$/.test(grp.control)) {
          addGroupError(grp, "6", "GS_CONTROL_INVALID", `GS06 "${grp.control}" is not a 1-9 digit number`);
        }
        ic.groups.push(grp);
        return done;
      case "ST":
        if (set) closeSet(null);
        set = {
          type: v(s, 1),
          control: v(s, 2),
          implementation: v(s, 3) || undefined,
          segments: [s],
          errors: [],
        };
        if (!/^\d{3}$/.test(set.type)) {
          set.errors.push(
            e("ST_TYPE_INVALID", `ST01 "${set.type}" is not a transaction set identifier`, { ackCode: "6" }),
          );
        }
        if (!/^[A-Za-z0-9]{4,9}$/.test(set.control)) {
          set.errors.push(
            e("ST_CONTROL_INVALID", `ST02 "${set.control}" is not a 4-9 character control number`, {
              ackCode: "7",
            }),
          );
        } else if (grp?.controls.has(set.control)) {
          set.errors.push(
            e("ST_CONTROL_DUPLICATE", `ST02 ${set.control} repeats inside the group`, { ackCode: "23" }),
          );
        }
        grp?.controls.add(set.control);
        return done;
      case "SE":
        if (!set) {
          ic.errors.push(e("SE_WITHOUT_ST", "SE segment with no open transaction set", { ackCode: "024" }));
          return done;
        }
        set.segments.push(s);
        closeSet(s);
        return done;
      case "GE":
        if (set) closeSet(null);
        if (!grp) {
          ic.errors.push(e("GE_WITHOUT_GS", "GE segment with no open functional group", { ackCode: "024" }));
          return done;
        }
        closeGroup(s);
        return done;
      case "IEA":
        done.push(closeInterchange(s));
        return done;
      default:
        if (set) {
          set.segments.push(s);
          return done;
        }
        if (!grp && (s.tag === "ISB" || s.tag === "ISE" || s.tag === "TA1" || s.tag === "TA3")) {
          // Interchange-level service segments (grade of service, deferred delivery, an inbound TA1).
          ic.warnings.push(
            e(`${s.tag}_RECEIVED`, `${s.tag} interchange service segment noted`, { segment: s.tag }),
          );
          return done;
        }
        ic.errors.push(
          e("SEGMENT_OUTSIDE_SET", `segment ${s.tag} outside any ST…SE`, { segment: s.tag, ackCode: "024" }),
        );
        return done;
    }
  }

  function addGroupError(g: OpenGroup, ak9: string, code: string, message: string): void {
    if (!g.groupCodes.includes(ak9)) g.groupCodes.push(ak9);
    ic!.errors.push(e(code, `group ${g.control}: ${message}`));
  }

  function closeSet(se: Segment | null): void {
    const cur = set!;
    set = null;
    if (!se) {
      cur.errors.push(e("SE_MISSING", `transaction set ${cur.control} has no SE trailer`, { ackCode: "2" }));
    } else {
      const declared = v(se, 1);
      if (declared !== String(cur.segments.length) || !/^\d+$/.test(declared)) {
        cur.errors.push(
          e("SE_COUNT_MISMATCH", `SE01 says ${declared} segments, the set has ${cur.segments.length}`, {
            ackCode: "4",
          }),
        );
      }
      if (v(se, 2) !== cur.control) {
        cur.errors.push(
          e("SE_CONTROL_MISMATCH", `SE02 "${v(se, 2)}" does not match ST02 "${cur.control}"`, {
            ackCode: "3",
          }),
        );
      }
    }
    if (!grp) cur.errors.push(e("GS_MISSING", "transaction set outside a functional group (no GS)"));
    const body = se ? cur.segments.slice(1, -1) : cur.segments.slice(1);
    body.forEach((seg, i) => {
      for (const err of checkX12Segment(seg, i + 2, ic!.delimiters)) cur.errors.push(err);
    });
    const t = translateX12Set(cur.type, cur.segments, { sender: ic!.fields, group: grp });
    cur.errors.push(...t.errors);
    const result: TransactionResult = {
      type: cur.type,
      controlNumber: cur.control,
      groupControlNumber: grp?.control ?? null,
      status: cur.errors.length === 0 ? "accepted" : "rejected",
      errors: cur.errors,
      warnings: t.warnings,
    };
    // Rejected sets keep their mapped content for the staff screen; intake only takes accepted ones.
    if (t.order) result.order = t.order;
    ic!.transactions.push(result);
    grp?.sets.push({
      type: cur.type,
      control: cur.control,
      implementation: cur.implementation,
      errors: cur.errors,
    });
  }

  function closeGroup(ge: Segment | null): void {
    const g = grp!;
    grp = null;
    if (!ge) {
      addGroupError(g, "3", "GE_MISSING", "functional group has no GE trailer");
      return;
    }
    g.declaredCount = v(ge, 1);
    if (g.declaredCount !== String(g.sets.length)) {
      addGroupError(
        g,
        "5",
        "GE_COUNT_MISMATCH",
        `GE01 says ${g.declaredCount} sets, the group has ${g.sets.length}`,
      );
    }
    if (v(ge, 2) !== g.control) {
      const code = /^\d{1,9}$/.test(v(ge, 2)) ? "4" : "6";
      addGroupError(g, code, "GE_CONTROL_MISMATCH", `GE02 "${v(ge, 2)}" does not match GS06 "${g.control}"`);
    }
  }

  function closeInterchange(iea: Segment | null): InterchangeResult {
    const cur = ic!;
    if (set) closeSet(null);
    if (grp) closeGroup(null);
    ic = null;
    if (!cur.fatal) {
      if (!iea) cur.errors.push(e("IEA_MISSING", "interchange has no IEA trailer", { ackCode: "023" }));
      else {
        if (v(iea, 1) !== String(cur.groups.length)) {
          cur.errors.push(
            e(
              "IEA_COUNT_MISMATCH",
              `IEA01 says ${v(iea, 1)} groups, the interchange has ${cur.groups.length}`,
              {
                ackCode: "021",
              },
            ),
          );
        }
        if (v(iea, 2) !== cur.fields[12]) {
          cur.errors.push(
            e("IEA_CONTROL_MISMATCH", `IEA02 "${v(iea, 2)}" does not match ISA13 "${cur.fields[12]}"`, {
              ackCode: "001",
            }),
          );
        }
      }
    }
    const key =
      `${cur.fields[4]}|${cur.fields[5]}|${cur.fields[6]}|${cur.fields[7]}|${cur.fields[12]}`.replace(
        / /g,
        "",
      );
    if (!cur.fatal && seen.has(key)) rejectDuplicate(cur, "025");
    seen.add(key);
    return {
      standard: "x12",
      sender: { qualifier: (cur.fields[4] ?? "").trim(), id: (cur.fields[5] ?? "").trim() },
      receiver: { qualifier: (cur.fields[6] ?? "").trim(), id: (cur.fields[7] ?? "").trim() },
      controlNumber: cur.fields[12] ?? "",
      version: cur.fields[11] ?? null,
      test: cur.fields[14] === "T",
      errors: cur.errors,
      warnings: cur.warnings,
      transactions: cur.transactions,
      acknowledgment: buildAck(cur),
    };
  }

  function buildAck(cur: OpenInterchange): string {
    if (cur.fatal) cur.groups = []; // a rejected interchange gets a TA1 only
    const text = writeInterchangeAck(cur, { controlNumber: nextAck, now, newline: opts.newline ?? true });
    if (text === null) {
      cur.warnings.push(
        e("ACK_NOT_WRITTEN", "no delimiter set can carry the values this acknowledgment must echo"),
      );
      return "";
    }
    if (text !== "") nextAck++;
    return text;
  }

  function end(): InterchangeResult[] {
    return ic ? [closeInterchange(null)] : [];
  }

  return { push, end, fileErrors };
}

/**
 * Same sender, receiver and control number twice in one file: flagged and not processed twice.
 * (Across files, within a partner's window, is the message log's job.)
 */
export function rejectDuplicate(
  cur: { errors: EdiError[]; transactions: TransactionResult[]; fatal: boolean },
  ackCode: string,
): void {
  const dup = e(
    "DUPLICATE_INTERCHANGE",
    "an interchange with the same sender, receiver and control number came earlier",
    { ackCode },
  );
  cur.errors.push(dup);
  cur.fatal = true;
  for (const t of cur.transactions) {
    t.status = "rejected";
    t.errors.push(e("DUPLICATE_INTERCHANGE", "not processed: its interchange is a duplicate"));
  }
}

function newInterchange(fields: string[], delimiters: X12Delimiters | null): OpenInterchange {
  return { fields, delimiters, errors: [], warnings: [], groups: [], transactions: [], fatal: false };
}

function v(s: Segment, n: number): string {
  return s.elements[n - 1]?.[0]?.[0] ?? "";
}
