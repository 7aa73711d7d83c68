// Every file of the shared corpus (never copied into the repository): valid files translate,
// malformed ones are rejected with a specific error and the right acknowledgment. The table below
// is the reviewed outcome per file (see docs/edi.md for the reasons); it skips cleanly without the corpus.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tokenizeEdifact } from "./edifact-tokenizer.ts";
import { translateFile } from "./translate.ts";
import type { InterchangeResult, OrderRequest, Segment, TranslateResult } from "./types.ts";
import { tokenizeX12 } from "./x12-tokenizer.ts";

const corpusDir = path.resolve(process.cwd(), "../shared/edi-corpus");
const hasCorpus = existsSync(path.join(corpusDir, "SOURCES.tsv"));
const now = new Date("2026-01-01T00:00:00Z");

interface Expected {
  top?: string;
  /** One letter per transaction in file order: A accepted, R rejected. */
  statuses?: string;
  /** Every error code on interchanges and transactions, sorted, unique. */
  codes?: string[];
  /** Malformed files we read anyway: the warning that says what we tolerated. */
  warning?: string;
}

const EXPECTED: Record<string, Expected> = {
  "edifact-INVOIC/bad-staedi-d97b.edi": { statuses: "R", codes: ["ELEMENT_INVALID"] },
  "edifact-INVOIC/edinet-mixed-iftmin-invoic.edi": {
    statuses: "RRRR",
    codes: ["UNH_REF_DUPLICATE", "UNT_COUNT_MISMATCH", "UNT_REF_MISMATCH", "UNZ_COUNT_MISMATCH"],
  },
  "edifact-INVOIC/pydifact-d97a-trailing-colon.edi": { statuses: "A", codes: [] },
  "edifact-INVOIC/pydifact-d97a.edi": { statuses: "A", codes: [] },
  "edifact-INVOIC/smooks-d03b-una.edi": { statuses: "R", codes: ["UNT_COUNT_MISMATCH"] },
  "edifact-INVOIC/smooks-d96a-no-envelope.edi": { top: "EDIFACT_UNB_MISSING" },
  "edifact-INVOIC/smooks-edg-d03b.edi": { statuses: "A", codes: [] },
  "edifact-INVOIC/staedi-d93a-una.edi": { statuses: "A", codes: [] },
  "edifact-INVOIC/staedi-d97b-custom-una.edi": { statuses: "A", codes: [] },
  "edifact-INVOIC/staedi-d97b-wrapped.edi": { statuses: "A", codes: [], warning: "SEGMENT_WRAPPED" },
  "edifact-INVOIC/staedi-d97b.edi": { statuses: "A", codes: [], warning: "CHARSET_VIOLATION" },
  "edifact-INVOIC/underware-eancom-d96a-unod.edi": { statuses: "A", codes: [] },
  "edifact-ORDERS/apfelfrisch-fragment-d09b.edi": {
    statuses: "R",
    codes: ["BGM_MISSING", "DTM_MISSING", "NO_LINES", "UNB_MISSING", "UNT_MISSING"],
  },
  "edifact-ORDERS/bad-oboe-bad-unb.edi": { statuses: "R", codes: ["EMPTY_SEGMENT", "UNZ_REF_MISMATCH"] },
  "edifact-ORDERS/bad-oboe-escape.edi": { statuses: "R", codes: ["UNT_COUNT_MISMATCH", "UNT_REF_MISMATCH"] },
  "edifact-ORDERS/bad-oboe-missing-elements.edi": {
    statuses: "R",
    codes: ["ELEMENT_INVALID", "UNZ_REF_MISMATCH"],
  },
  "edifact-ORDERS/bad-oboe-missing-segments.edi": {
    statuses: "R",
    codes: ["BGM_MISSING", "DTM_MISSING", "UNT_COUNT_MISMATCH", "UNZ_REF_MISMATCH"],
  },
  "edifact-ORDERS/bad-smooks-eancom-d03b.edi": { statuses: "R", codes: ["UNT_COUNT_MISMATCH"] },
  "edifact-ORDERS/ballerina-d03a-bad-unt.edi": { statuses: "R", codes: ["UNT_COUNT_MISMATCH"] },
  "edifact-ORDERS/ballerina-d03a-batch-3msgs.edi": { statuses: "AAR", codes: ["BGM_MISSING", "NO_LINES"] },
  "edifact-ORDERS/ballerina-kramp-d96a.edi": { statuses: "R", codes: ["UNT_MISSING", "UNZ_MISSING"] },
  "edifact-ORDERS/oboe-milyn-ean008.edi": { statuses: "A", codes: ["UNZ_REF_MISMATCH"] },
  "edifact-ORDERS/oboe-new-delimiters.edi": {
    statuses: "A",
    codes: ["UNZ_REF_MISMATCH"],
    warning: "EDIFACT_DELIMITERS_GUESSED",
  },
  "edifact-ORDERS/pydifact-d96a-simple.edi": { statuses: "A", codes: ["UNZ_MISSING"] },
  "edifact-ORDERS/pydifact-eancom-d96a-decimal-comma.edi": { statuses: "A", codes: ["UNZ_MISSING"] },
  "edifact-ORDERS/pydifact-wikipedia-de.edi": { statuses: "A", codes: ["UNZ_REF_MISMATCH"] },
  "edifact-ORDERS/smooks-eancom-d03b.edi": { statuses: "A", codes: [] },
  "edifact-ORDERS/staedi-eancom-ung-group.edi": { statuses: "R", codes: ["UNT_COUNT_MISMATCH"] },
  "edifact-ORDERS/underware-eancom-d93a.edi": { statuses: "A", codes: [] },
  "edifact-ORDRSP/edinet-d10a-formatted.edi": {
    statuses: "R",
    codes: ["UNT_COUNT_MISMATCH", "UNT_REF_MISMATCH", "UNZ_REF_MISMATCH"],
  },
  "edifact-ORDRSP/edinet-d10a.edi": {
    statuses: "R",
    codes: ["UNT_COUNT_MISMATCH", "UNT_REF_MISMATCH", "UNZ_REF_MISMATCH"],
  },
  "edifact-other/pydifact-aperak-d96a.edi": { statuses: "R", codes: ["UNT_COUNT_MISMATCH"] },
  "edifact-other/smooks-recadv-eancom.edi": { statuses: "A", codes: [] },
  "malformed/enginetest-control-numbers-mismatch.edi": {
    statuses: "R",
    codes: ["GE_CONTROL_MISMATCH", "IEA_CONTROL_MISMATCH", "SE_CONTROL_MISMATCH"],
  },
  "malformed/enginetest-multi-isa-unpadded-iea02.edi": {
    statuses: "AAAAAA",
    codes: ["IEA_CONTROL_MISMATCH"],
  },
  "malformed/enginetest-non-edi.edi": { top: "NOT_EDI" },
  "malformed/enginetest-se01-wrong.edi": { statuses: "R", codes: ["SE_COUNT_MISMATCH"] },
  "malformed/enginetest-wrong-group-and-tran-count.edi": {
    statuses: "A",
    codes: ["GE_COUNT_MISMATCH", "IEA_CONTROL_MISMATCH", "IEA_COUNT_MISMATCH"],
  },
  "malformed/gozer-missing-isa.txt": { top: "X12_ISA_MISSING" },
  "malformed/gozer-no-linebreak-no-delim.txt": {
    statuses: "",
    codes: ["DATA_OUTSIDE_INTERCHANGE", "X12_NO_TERMINATOR"],
  },
  "malformed/gozer-odd-char-terminator.txt": {
    statuses: "RRRR",
    codes: ["GE_COUNT_MISMATCH", "SEGMENT_ID_INVALID", "SE_COUNT_MISMATCH", "ST_TYPE_INVALID"],
  },
  "malformed/gozer-wrong-gs.txt": {
    statuses: "RRR",
    codes: [
      "GE_WITHOUT_GS",
      "GS_MISSING",
      "IEA_COUNT_MISMATCH",
      "SEGMENT_ID_INVALID",
      "SEGMENT_OUTSIDE_SET",
      "SE_COUNT_MISMATCH",
      "ST_TYPE_INVALID",
    ],
  },
  "malformed/gozer-wrong-isa.txt": { top: "X12_ISA_MISSING" },
  "malformed/staedi-210-wrapped-80col.edi": { statuses: "A", codes: [], warning: "SEGMENT_WRAPPED" },
  "malformed/staedi-214-ellipsis-term.edi": { statuses: "A", codes: [], warning: "DELIMITER_NONSTANDARD" },
  "malformed/vscode-837-odd-separators-no-iea.edi": {
    statuses: "R",
    codes: ["GE_MISSING", "IEA_MISSING", "SE_MISSING"],
  },
  "x12-810/edinet-ariba-a.edi": { statuses: "A", codes: [] },
  "x12-810/edinet-ariba-b-tax.edi": { statuses: "A", codes: [] },
  "x12-810/edinet-ariba-c-header.edi": { statuses: "A", codes: [] },
  "x12-810/staedi-buysnacks-2sets.edi": { statuses: "AA", codes: [] },
  "x12-810/stupidedi-aero-x348-basic.edi": { statuses: "A", codes: [] },
  "x12-810/stupidedi-books-pipe.edi": { statuses: "A", codes: [] },
  "x12-850/bad-enginetest-syntaxnotes.edi": { statuses: "R", codes: ["ELEMENT_INVALID"] },
  "x12-850/bad-gozer-se-count.txt": { statuses: "R", codes: ["SE_COUNT_MISMATCH"] },
  "x12-850/ballerina-x12-sender-small.edi": { statuses: "A", codes: [] },
  "x12-850/edinet-barsan-issue135.edi": {
    statuses: "AR",
    codes: ["ST_CONTROL_DUPLICATE"],
    warning: "ISA16_MISSING",
  },
  "x12-850/edinet-dropship-bom.edi": { statuses: "A", codes: ["IEA_CONTROL_MISMATCH"] },
  "x12-850/edinet-textile-transplace-indented.edi": { statuses: "A", codes: ["IEA_CONTROL_MISMATCH"] },
  "x12-850/enginetest-sln-composites.edi": { statuses: "A", codes: [] },
  "x12-850/nodex12-petco-redacted.edi": { statuses: "A", codes: [] },
  "x12-850/nodex12-xyzretail-lf-terminator.edi": { statuses: "A", codes: [] },
  "x12-850/nodex12-xyzretail-two-interchanges.edi": { statuses: "AR", codes: ["DUPLICATE_INTERCHANGE"] },
  "x12-850/nodex12-xyzretail-vics.edi": { statuses: "A", codes: [] },
  "x12-850/oboe-sa-gov-3040-ctrlchars.x12": { statuses: "A", codes: [] },
  "x12-850/staedi-810-850-mixed-groups.edi": { statuses: "AAA", codes: [] },
  "x12-850/stupidedi-aerospace-x357-basic.edi": { statuses: "A", codes: [] },
  "x12-850/stupidedi-aerospace-x357-taxexempt.edi": { statuses: "A", codes: [] },
  "x12-850/stupidedi-minimal-isa08-16chars.edi": { statuses: "A", codes: [] },
  "x12-850/stupidedi-nissan-3010-bang.edi": { statuses: "R", codes: ["SE_COUNT_MISMATCH"] },
  "x12-850/stupidedi-nissan-3050-isa-linebreak.edi": { statuses: "A", codes: [], warning: "ISA_LINE_BREAK" },
  "x12-850/x12types-buysnacks-po4.edi": { statuses: "A", codes: [] },
  "x12-855/nodex12-poack-4010.edi": { statuses: "A", codes: [] },
  "x12-855/oboe-12sets-tilde-elem.edi": { statuses: "AAAAAAAAAAAA", codes: [] },
  "x12-855/staedi-two-sets-caret.edi": { statuses: "AA", codes: [] },
  "x12-855/stedi-demo-5010.edi": { statuses: "A", codes: [] },
  "x12-855/stupidedi-aero-x358-accepted.edi": { statuses: "A", codes: [] },
  "x12-855/stupidedi-aero-x358-minor-changes.edi": { statuses: "A", codes: [] },
  "x12-855/stupidedi-aero-x358-rejected.edi": { statuses: "A", codes: [] },
  "x12-855/stupidedi-aero-x358-ship-details.edi": { statuses: "A", codes: [] },
  "x12-855/stupidedi-officesupply-isa-wrapped.edi": { statuses: "A", codes: [], warning: "ISA_LINE_BREAK" },
  "x12-855/stupidedi-toyota-shrader.edi": { statuses: "A", codes: [] },
  "x12-856/bad-gozer-iea-mismatch.txt": { statuses: "A", codes: ["IEA_CONTROL_MISMATCH"] },
  "x12-856/enginetest-crossdock.edi": { statuses: "A", codes: [] },
  "x12-856/nodex12-1edisource-4060.edi": { statuses: "A", codes: [] },
  "x12-856/stupidedi-nissan-2001-twosets.edi": { statuses: "AA", codes: [] },
  "x12-856/stupidedi-toyota-dollar-term.edi": {
    statuses: "A",
    codes: [],
    warning: "SEGMENT_TERMINATOR_MISSING",
  },
  "x12-856/vscode-amerisource-pipe.edi": { statuses: "A", codes: [] },
  "x12-860/stupidedi-nissan-3010.edi": { statuses: "A", codes: [] },
  "x12-997-999/bad-staedi-997-extra-delim.edi": { statuses: "R", codes: ["ELEMENT_INVALID"] },
  "x12-997-999/bad-staedi-997-invalid.edi": { statuses: "R", codes: ["ELEMENT_INVALID"] },
  "x12-997-999/bad-staedi-997-min-ge02.edi": {
    statuses: "R",
    codes: ["ELEMENT_INVALID", "GE_CONTROL_MISMATCH"],
  },
  "x12-997-999/bad-staedi-999-se-count.edi": {
    statuses: "R",
    codes: ["ELEMENT_INVALID", "SE_COUNT_MISMATCH"],
  },
  "x12-997-999/staedi-997-5010.edi": { statuses: "A", codes: [] },
  "x12-997-999/staedi-997-empty.edi": { statuses: "A", codes: [] },
  "x12-997-999/staedi-997-multi-interchange.edi": { statuses: "AAA", codes: [] },
  "x12-997-999/staedi-997-optional-isa.edi": { statuses: "A", codes: [] },
  "x12-997-999/staedi-999-5010.edi": { statuses: "A", codes: [] },
  "x12-997-999/stupidedi-997-4010-backtick.edi": { statuses: "A", codes: [] },
  "x12-997-999/stupidedi-997-5010-x230.edi": { statuses: "A", codes: [] },
  "x12-997-999/stupidedi-999-5010-x231.edi": { statuses: "A", codes: [] },
};

function listCorpus(): { file: string; notes: string }[] {
  const notes = new Map(
    readFileSync(path.join(corpusDir, "SOURCES.tsv"), "utf8")
      .split("\n")
      .slice(1)
      .filter(Boolean)
      .map((l) => {
        const cols = l.split("\t");
        return [cols[0], cols[5] ?? ""] as const;
      }),
  );
  const files: { file: string; notes: string }[] = [];
  for (const sub of readdirSync(corpusDir, { withFileTypes: true })) {
    if (!sub.isDirectory()) continue;
    for (const f of readdirSync(path.join(corpusDir, sub.name))) {
      const file = `${sub.name}/${f}`;
      files.push({ file, notes: notes.get(file) ?? "" });
    }
  }
  return files.sort((a, b) => a.file.localeCompare(b.file));
}

const isMalformed = (file: string, notes: string) =>
  file.startsWith("malformed/") || path.basename(file).startsWith("bad-") || /MALFORMED/.test(notes);

function allCodes(r: TranslateResult): string[] {
  const codes = new Set<string>();
  for (const ic of r.interchanges) {
    for (const e of ic.errors) codes.add(e.code);
    for (const t of ic.transactions) for (const e of t.errors) codes.add(e.code);
  }
  return [...codes].sort();
}

/** The acknowledgment says what the result says: every rejected set/message is rejected in it. */
function checkAcknowledgment(ic: InterchangeResult): void {
  if (ic.acknowledgment === "") {
    // Only acknowledgments themselves, and messages whose sender we cannot know, go unanswered.
    const unanswerable =
      ic.transactions.every((t) => ["997", "999", "CONTRL"].includes(t.type)) ||
      ic.errors.some((e) => e.code === "UNB_MISSING");
    expect(unanswerable).toBe(true);
    return;
  }
  const ack = ic.acknowledgment;
  const v = (s: Segment, n: number, k = 0) => s.elements[n - 1]?.[0]?.[k] ?? "";
  if (ic.standard === "x12") {
    const segs = tokenizeX12(ack).flatMap((t) => (t.kind === "segment" ? [t.segment] : []));
    const ta1Error = ic.errors.find((e) => e.ackCode && /^\d{3}$/.test(e.ackCode));
    if (ta1Error) {
      const ta1 = segs.find((s) => s.tag === "TA1");
      const fatal = ic.errors.find(
        (e) => e.code === "X12_NO_TERMINATOR" || e.code === "DUPLICATE_INTERCHANGE",
      );
      expect(ta1 && [v(ta1, 1), v(ta1, 4), v(ta1, 5)]).toEqual([
        ic.controlNumber.padStart(9, "0").slice(-9),
        fatal ? "R" : "E",
        (fatal ?? ta1Error).ackCode,
      ]);
    }
    const acked: string[] = [];
    for (const s of segs) {
      if (s.tag === "AK2") acked.push(`${v(s, 1)} ${v(s, 2)}`);
      if (s.tag === "AK5" || s.tag === "IK5") acked[acked.length - 1] += ` ${v(s, 1)}`;
    }
    // A rejected interchange (duplicate, unreadable) is answered by the TA1 alone.
    const rejectedWhole = ic.errors.some(
      (e) => e.code === "DUPLICATE_INTERCHANGE" || e.code === "X12_NO_TERMINATOR",
    );
    const expected = ic.transactions
      .filter((t) => !rejectedWhole && t.groupControlNumber !== null && !["997", "999"].includes(t.type))
      .map((t) => `${t.type} ${t.controlNumber} ${t.status === "accepted" ? "A" : "R"}`);
    expect(acked).toEqual(expected);
  } else {
    const segs = tokenizeEdifact(ack).flatMap((t) => (t.kind === "segment" ? [t.segment] : []));
    const uci = segs.find((s) => s.tag === "UCI")!;
    expect(v(uci, 1)).toBe(ic.controlNumber);
    if (v(uci, 4) !== "4") {
      const acked = segs.filter((s) => s.tag === "UCM").map((s) => `${v(s, 1)} ${v(s, 3)}`);
      const expected = ic.transactions
        .filter((t) => t.type !== "CONTRL")
        .map((t) => `${t.controlNumber} ${t.status === "accepted" ? "7" : "4"}`);
      expect(acked).toEqual(expected);
    }
  }
  // What we write re-reads through our own reader without a single error.
  const back = translateFile(ack, { now });
  expect(back.error).toBeUndefined();
  for (const b of back.interchanges) {
    expect(b.errors).toEqual([]);
    for (const t of b.transactions) expect(t.errors).toEqual([]);
  }
}

describe.skipIf(!hasCorpus)("shared EDI corpus (../shared/edi-corpus)", () => {
  const files = hasCorpus ? listCorpus() : [];

  it("has an expectation for every corpus file and no stale ones", () => {
    expect(files.map((f) => f.file)).toEqual(Object.keys(EXPECTED).sort((a, b) => a.localeCompare(b)));
  });

  for (const { file, notes } of files) {
    it(file, () => {
      const r = translateFile(readFileSync(path.join(corpusDir, file)), { now });
      const exp = EXPECTED[file] ?? {};
      if (exp.top) {
        expect(r.error?.code).toBe(exp.top);
        expect(r.interchanges).toEqual([]);
        return;
      }
      expect(r.error).toBeUndefined();
      const statuses = r.interchanges
        .flatMap((ic) => ic.transactions.map((t) => (t.status === "accepted" ? "A" : "R")))
        .join("");
      expect(statuses).toBe(exp.statuses);
      expect(allCodes(r)).toEqual(exp.codes);
      if (exp.warning) {
        const warnings = r.interchanges.flatMap((ic) => [
          ...ic.warnings,
          ...ic.transactions.flatMap((t) => t.warnings),
        ]);
        expect(warnings.map((w) => w.code)).toContain(exp.warning);
      }
      // A malformed file is never silently fine: a specific error, or a named tolerance.
      if (isMalformed(file, notes)) expect(allCodes(r).length > 0 || exp.warning !== undefined).toBe(true);
      for (const ic of r.interchanges) checkAcknowledgment(ic);
      // Accepted orders carry the canonical fields.
      for (const t of r.interchanges.flatMap((ic) => ic.transactions)) {
        if (t.status !== "accepted" || (t.type !== "850" && t.type !== "ORDERS")) continue;
        const o = t.order as OrderRequest;
        expect(o.poNumber).toBeTruthy();
        expect(o.lines.length).toBeGreaterThan(0);
        for (const l of o.lines) {
          if (l.quantity !== null) expect(l.quantity).toMatch(/^-?\d*\.?\d+$/);
          if (l.unitPrice !== null) expect(l.unitPrice).toMatch(/^-?\d*\.?\d*$/);
        }
        for (const d of [o.poDate, o.requestedDeliveryDate, o.requestedShipDate])
          if (d) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    });
  }
});

describe.skipIf(hasCorpus)("shared EDI corpus", () => {
  it.skip(`skipped: ${corpusDir} is not present (the corpus is not part of this repository)`, () => {});
});
