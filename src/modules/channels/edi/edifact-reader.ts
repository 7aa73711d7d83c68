// EDIFACT envelope reader: UNB/UNZ, UNG/UNE, UNH/UNT counts and references, one message held
// at a time, and a CONTRL per interchange. Syntax versions 3 and 4, character sets UNOA–UNOY.

import { checkCharset } from "./edifact-charset.ts";
import { buildContrl, type ContrlMessage } from "./edifact-contrl.ts";
import { translateEdifactMessage } from "./edifact-orders.ts";
import { checkEdifactSegment } from "./edifact-syntax.ts";
import type { EdifactToken } from "./edifact-tokenizer.ts";
import type { EdiError, EdifactDelimiters, InterchangeResult, Segment, TransactionResult } from "./types.ts";
import { type AckOptions, rejectDuplicate } from "./x12-reader.ts";

interface OpenMessage {
  ref: string;
  type: string;
  identifier: string[];
  segments: Segment[];
  errors: EdiError[];
}

interface OpenGroup {
  ref: string;
  count: number;
}

interface OpenInterchange {
  unb: Segment | null;
  delimiters: EdifactDelimiters | null;
  errors: EdiError[];
  warnings: EdiError[];
  transactions: TransactionResult[];
  acks: ContrlMessage[];
  refs: Set<string>;
  messages: number;
  groups: number;
  fatal: boolean;
}

const e = (code: string, message: string, extra: Partial<EdiError> = {}): EdiError => ({
  code,
  message,
  ...extra,
});
const c = (s: Segment, n: number, k = 0) => s.elements[n - 1]?.[0]?.[k] ?? "";

export function createEdifactReader(opts: AckOptions = {}) {
  let nextAck = opts.ackControlNumber ?? 1;
  const now = opts.now ?? new Date();
  const fileErrors: EdiError[] = [];
  const seen = new Set<string>(opts.seen ?? []);
  let ic: OpenInterchange | null = null;
  let grp: OpenGroup | null = null;
  let msg: OpenMessage | null = null;

  function push(tok: EdifactToken): InterchangeResult[] {
    const done: InterchangeResult[] = [];
    if (tok.kind === "error") {
      if (msg && tok.error.code === "EMPTY_SEGMENT") msg.errors.push({ ...tok.error, ackCode: "13" });
      else if (ic && /EMPTY_SEGMENT|DATA_OUTSIDE|SEGMENT_TOO_LONG|DELIMITER_CONFLICT/.test(tok.error.code))
        ic.errors.push(tok.error);
      else if (ic) ic.warnings.push(tok.error);
      else if (/GUESSED|WRAPPED|UNTERMINATED/.test(tok.error.code)) pendingWarnings.push(tok.error);
      else fileErrors.push(tok.error);
      return done;
    }
    const s = tok.segment;
    switch (s.tag) {
      case "UNB":
        if (ic) done.push(close(null));
        ic = open(s, tok.delimiters);
        checkUnb(ic, s);
        return done;
      case "UNG":
        if (!ic) return orphan(s, done);
        if (msg) closeMessage(null);
        grp = { ref: c(s, 5), count: 0 };
        ic.groups++;
        return done;
      case "UNE":
        if (!ic) return orphan(s, done);
        if (msg) closeMessage(null);
        if (!grp) ic.errors.push(e("UNE_WITHOUT_UNG", "UNE with no open UNG group", { ackCode: "15" }));
        else {
          if (c(s, 1) !== String(grp.count))
            ic.errors.push(
              e("UNE_COUNT_MISMATCH", `UNE says ${c(s, 1)} messages, the group has ${grp.count}`, {
                ackCode: "29",
              }),
            );
          if (c(s, 2) !== grp.ref)
            ic.errors.push(
              e("UNE_REF_MISMATCH", `UNE reference "${c(s, 2)}" does not match UNG "${grp.ref}"`, {
                ackCode: "28",
              }),
            );
        }
        grp = null;
        return done;
      case "UNH":
        if (!ic) {
          // A message with no interchange envelope: report it, but nobody can be acknowledged.
          ic = open(null, tok.delimiters);
          ic.fatal = true;
          ic.errors.push(
            e("UNB_MISSING", "message without an UNB interchange header", { segment: "UNH", ackCode: "13" }),
          );
        }
        if (msg) closeMessage(null);
        msg = {
          ref: c(s, 1),
          type: c(s, 2),
          identifier: s.elements[1]?.[0] ?? [],
          segments: [s],
          errors: [],
        };
        if (!msg.type) msg.errors.push(e("UNH_TYPE_MISSING", "UNH has no message type", { ackCode: "13" }));
        if (!msg.ref)
          msg.errors.push(e("UNH_REF_MISSING", "UNH has no message reference", { ackCode: "13" }));
        else if (ic.refs.has(msg.ref))
          msg.errors.push(e("UNH_REF_DUPLICATE", `message reference ${msg.ref} repeats`, { ackCode: "26" }));
        ic.refs.add(msg.ref);
        ic.messages++;
        if (grp) grp.count++;
        return done;
      case "UNT":
        if (!msg) {
          if (ic) ic.errors.push(e("UNT_WITHOUT_UNH", "UNT with no open message", { ackCode: "15" }));
          return done;
        }
        msg.segments.push(s);
        closeMessage(s);
        return done;
      case "UNZ":
        if (!ic) return orphan(s, done);
        done.push(close(s));
        return done;
      default:
        if (msg) msg.segments.push(s);
        else if (ic)
          ic.errors.push(
            e("SEGMENT_OUTSIDE_MESSAGE", `segment ${s.tag} outside any UNH…UNT`, {
              segment: s.tag,
              ackCode: "15",
            }),
          );
        else
          fileErrors.push(
            e("SEGMENT_OUTSIDE_INTERCHANGE", `segment ${s.tag} outside any UNB…UNZ`, { segment: s.tag }),
          );
        return done;
    }
  }

  const pendingWarnings: EdiError[] = [];

  function orphan(s: Segment, done: InterchangeResult[]): InterchangeResult[] {
    fileErrors.push(e("SEGMENT_OUTSIDE_INTERCHANGE", `${s.tag} outside any UNB…UNZ`, { segment: s.tag }));
    return done;
  }

  function open(unb: Segment | null, delimiters: EdifactDelimiters): OpenInterchange {
    const o: OpenInterchange = {
      unb,
      delimiters,
      errors: [],
      warnings: [...pendingWarnings],
      transactions: [],
      acks: [],
      refs: new Set(),
      messages: 0,
      groups: 0,
      fatal: false,
    };
    pendingWarnings.length = 0;
    return o;
  }

  function closeMessage(unt: Segment | null): void {
    const m = msg!;
    msg = null;
    if (!unt)
      m.errors.push(
        e("UNT_MISSING", `message ${m.ref} has no UNT trailer`, { segment: "UNT", ackCode: "13" }),
      );
    else {
      if (c(unt, 1) !== String(m.segments.length)) {
        m.errors.push(
          e("UNT_COUNT_MISMATCH", `UNT says ${c(unt, 1)} segments, the message has ${m.segments.length}`, {
            ackCode: "29",
          }),
        );
      }
      if (c(unt, 2) !== m.ref) {
        m.errors.push(
          e("UNT_REF_MISMATCH", `UNT reference "${c(unt, 2)}" does not match UNH "${m.ref}"`, {
            ackCode: "28",
          }),
        );
      }
    }
    const body = unt ? m.segments.slice(1, -1) : m.segments.slice(1);
    for (const [i, seg] of body.entries()) m.errors.push(...checkEdifactSegment(seg, i + 2));
    const t = translateEdifactMessage(m.type, m.segments);
    const charset = checkCharset(m.segments, ic!.unb ? c(ic!.unb, 1) : "UNOY");
    if (charset) t.warnings.push(charset);
    m.errors.push(...t.errors);
    if (ic!.fatal && !m.errors.some((x) => x.code === "UNB_MISSING")) {
      m.errors.push(e("UNB_MISSING", "message outside an interchange is not processed"));
    }
    const result: TransactionResult = {
      type: m.type,
      controlNumber: m.ref,
      groupControlNumber: grp?.ref ?? null,
      status: m.errors.length === 0 ? "accepted" : "rejected",
      errors: m.errors,
      warnings: t.warnings,
    };
    // Rejected sets keep their mapped content for the staff screen; intake only takes accepted ones.
    if (t.order) result.order = t.order;
    ic!.transactions.push(result);
    ic!.acks.push({ ref: m.ref, identifier: m.identifier, errors: m.errors });
  }

  function close(unz: Segment | null): InterchangeResult {
    const cur = ic!;
    if (msg) closeMessage(null);
    if (grp) {
      cur.errors.push(e("UNE_MISSING", `group ${grp.ref} has no UNE trailer`, { ackCode: "13" }));
      grp = null;
    }
    ic = null;
    const ref = cur.unb ? c(cur.unb, 5) : "";
    if (!cur.fatal) {
      if (!unz)
        cur.errors.push(
          e("UNZ_MISSING", "interchange has no UNZ trailer", { segment: "UNZ", ackCode: "13" }),
        );
      else {
        const expected = cur.groups > 0 ? cur.groups : cur.messages;
        if (c(unz, 1) !== String(expected)) {
          cur.errors.push(
            e(
              "UNZ_COUNT_MISMATCH",
              `UNZ says ${c(unz, 1)}, the interchange has ${expected} ${cur.groups > 0 ? "groups" : "messages"}`,
              { ackCode: "29" },
            ),
          );
        }
        if (c(unz, 2) !== ref)
          cur.errors.push(
            e("UNZ_REF_MISMATCH", `UNZ reference "${c(unz, 2)}" does not match UNB "${ref}"`, {
              ackCode: "28",
            }),
          );
      }
    }
    const unb = cur.unb;
    const key = unb ? `${c(unb, 2)}|${c(unb, 2, 1)}|${c(unb, 3)}|${c(unb, 3, 1)}|${ref}` : null;
    if (key && !cur.fatal && seen.has(key)) rejectDuplicate(cur, "26");
    if (key) seen.add(key);
    const sender = { qualifier: unb ? c(unb, 2, 1) : "", id: unb ? c(unb, 2) : "" };
    const receiver = { qualifier: unb ? c(unb, 3, 1) : "", id: unb ? c(unb, 3) : "" };
    // Never answer a CONTRL with a CONTRL; never answer when we do not know who sent it.
    const ackable = unb !== null && cur.transactions.some((t) => t.type !== "CONTRL");
    const acknowledgment = ackable
      ? buildContrl({
          unb,
          delimiters: cur.delimiters,
          messages: cur.acks.filter((a) => a.identifier[0] !== "CONTRL"),
          interchangeErrors: cur.errors,
          fatal: cur.fatal,
          controlRef: String(nextAck++),
          now,
        })
      : "";
    return {
      standard: "edifact",
      sender,
      receiver,
      controlNumber: ref,
      version: unb ? `${c(unb, 1)}:${c(unb, 1, 1)}` : null,
      test: unb ? c(unb, 11) === "1" : false,
      errors: cur.errors,
      warnings: cur.warnings,
      transactions: cur.transactions,
      acknowledgment,
    };
  }

  function checkUnb(o: OpenInterchange, s: Segment): void {
    const id = c(s, 1);
    const version = c(s, 1, 1);
    if (!/^UNO[A-Y]$/.test(id))
      o.errors.push(
        e("UNB_SYNTAX_INVALID", `UNB syntax identifier "${id}" is not UNOA–UNOY`, {
          segment: "UNB",
          ackCode: "2",
        }),
      );
    if (!/^[1-4]$/.test(version))
      o.errors.push(
        e("UNB_VERSION_INVALID", `UNB syntax version "${version}" is not 1–4`, {
          segment: "UNB",
          ackCode: "2",
        }),
      );
    if (!c(s, 2))
      o.errors.push(e("UNB_SENDER_MISSING", "UNB has no sender", { segment: "UNB", ackCode: "13" }));
    if (!c(s, 3))
      o.errors.push(e("UNB_RECIPIENT_MISSING", "UNB has no recipient", { segment: "UNB", ackCode: "13" }));
    if (!c(s, 5))
      o.errors.push(e("UNB_REF_MISSING", "UNB has no control reference", { segment: "UNB", ackCode: "13" }));
    else if (c(s, 5).length > 14)
      o.errors.push(
        e("UNB_REF_TOO_LONG", "UNB control reference is longer than 14", { segment: "UNB", ackCode: "39" }),
      );
  }

  function end(): InterchangeResult[] {
    return ic ? [close(null)] : [];
  }

  return { push, end, fileErrors };
}
