import { describe, expect, it } from "vitest";
import { type EdifactToken, tokenizeEdifact, tokenizeEdifactStream } from "./edifact-tokenizer.ts";
import type { Segment } from "./types.ts";

const segs = (t: EdifactToken[]): Segment[] => t.flatMap((x) => (x.kind === "segment" ? [x.segment] : []));
const codes = (t: EdifactToken[]) => t.flatMap((x) => (x.kind === "error" ? [x.error.code] : []));
const MSG = "UNH+1+ORDERS:D:96A:UN'BGM+220+PO1+9'QTY+21:5'UNT+4+1'UNZ+1+R1'";

describe("EDIFACT tokenizer", () => {
  it("uses default delimiters without UNA", () => {
    const t = tokenizeEdifact(`UNB+UNOA:3+S:14+R:14+260115:0930+R1'${MSG}`);
    expect(segs(t).map((s) => s.tag)).toEqual(["UNB", "UNH", "BGM", "QTY", "UNT", "UNZ"]);
    expect(segs(t)[0].elements[0]).toEqual([["UNOA", "3"]]);
  });

  it("reads a UNA that redefines every delimiter", () => {
    const text =
      "UNA=*.? ~UNB*UNOA=3*S=14*R=14*260115=0930*R1~UNH*1*ORDERS=D=96A=UN~QTY*21=5~UNT*3*1~UNZ*1*R1~";
    const t = tokenizeEdifact(text);
    expect(segs(t).find((s) => s.tag === "QTY")?.elements[0]).toEqual([["21", "5"]]);
    const first = t[0];
    expect(first.kind === "segment" && first.delimiters).toMatchObject({
      component: "=",
      element: "*",
      segment: "~",
      repetition: null,
    });
  });

  it("honours the release character for every delimiter and for itself", () => {
    const t = tokenizeEdifact(
      "UNB+UNOA:3+S+R+260115:0930+R1'UNH+1+ORDERS:D:96A:UN'FTX+AAI+++a?+b?:c?'d??e'UNT+3+1'UNZ+1+R1'",
    );
    expect(segs(t).find((s) => s.tag === "FTX")?.elements[3]).toEqual([["a+b:c'd?e"]]);
  });

  it("treats a space in UNA4 as 'no release character'", () => {
    const t = tokenizeEdifact(
      "UNA:+.  'UNB+UNOA:3+S+R+260115:0930+R1'UNH+1+X:D:96A:UN'FTX+AAI+++a?b'UNT+3+1'UNZ+1+R1'",
    );
    expect(segs(t).find((s) => s.tag === "FTX")?.elements[3]).toEqual([["a?b"]]);
  });

  it("splits repetitions in syntax version 4 (UNA5 or the default '*')", () => {
    const withUna = tokenizeEdifact(
      "UNA:+.?*'UNB+UNOC:4+S+R+20260115:0930+R1'UNH+1+X:D:03B:UN'RFF+A*B'UNT+3+1'UNZ+1+R1'",
    );
    expect(segs(withUna).find((s) => s.tag === "RFF")?.elements[0]).toEqual([["A"], ["B"]]);
    const noUna = tokenizeEdifact(
      "UNB+UNOC:4+S+R+20260115:0930+R1'UNH+1+X:D:03B:UN'RFF+A*B'UNT+3+1'UNZ+1+R1'",
    );
    expect(segs(noUna).find((s) => s.tag === "RFF")?.elements[0]).toEqual([["A"], ["B"]]);
    const v3 = tokenizeEdifact("UNB+UNOC:3+S+R+260115:0930+R1'UNH+1+X:D:96A:UN'RFF+A*B'UNT+3+1'UNZ+1+R1'");
    expect(segs(v3).find((s) => s.tag === "RFF")?.elements[0]).toEqual([["A*B"]]);
  });

  it("reads delimiters off the UNB when there is no UNA and they are not the defaults", () => {
    const t = tokenizeEdifact(
      'UNB"UNOB=1"S"R"000101=1050"R1;UNH"1"ORDERS=D=96A=UN;QTY"21=2;UNT"3"1;UNZ"1"R1;',
    );
    expect(codes(t)).toContain("EDIFACT_DELIMITERS_GUESSED");
    expect(segs(t).find((s) => s.tag === "QTY")?.elements[0]).toEqual([["21", "2"]]);
  });

  it("ignores line breaks between segments and joins hard-wrapped lines", () => {
    const t = tokenizeEdifact(
      "UNB+UNOA:3+S+R+260115:0930+R1'\r\n  UNH+1+X:D:96A:UN'\nIMD+F++:::LONG DESC\nRIPTION'UNT+3+1'UNZ+1+R1'",
    );
    expect(segs(t).find((s) => s.tag === "IMD")?.elements[2]).toEqual([["", "", "", "LONG DESCRIPTION"]]);
    expect(codes(t)).toEqual(["SEGMENT_WRAPPED"]);
  });

  it("reports empty segments", () => {
    expect(codes(tokenizeEdifact("UNB+UNOA:3+S+R+260115:0930+R1''UNZ+0+R1'"))).toContain("EMPTY_SEGMENT");
  });

  it("streams with the same result for any chunking", async () => {
    const text =
      "UNA:+,? 'UNB+UNOC:3+S+R+260115:0930+R1'UNH+1+ORDERS:D:96A:UN'FTX+AAI+++Grüße?'s'QTY+21:1,5'UNT+4+1'UNZ+1+R1'";
    const whole = segs(tokenizeEdifact(text));
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 2, 5, 13]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      const got: EdifactToken[] = [];
      for await (const x of tokenizeEdifactStream(chunks)) got.push(x);
      expect(segs(got)).toEqual(whole);
    }
  });
});

describe("EDIFACT interchange boundaries", () => {
  it("a UNA after an interchange without UNZ brings the next interchange's delimiters", () => {
    const a = "UNB+UNOA:3+S+R+260115:0930+R1'UNH+1+X:D:96A:UN'QTY+21:1'UNT+3+1'";
    const b = "UNA=*.? ~UNB*UNOA=3*S*R*260115=0930*R2~UNH*1*X=D=96A=UN~QTY*21=2~UNT*3*1~UNZ*1*R2~";
    const segs = tokenizeEdifact(`${a}\n${b}`).flatMap((x) => (x.kind === "segment" ? [x.segment] : []));
    expect(segs.filter((s) => s.tag === "QTY").map((s) => s.elements[0])).toEqual([
      [["21", "1"]],
      [["21", "2"]],
    ]);
  });
});
