import { describe, expect, it } from "vitest";
import { translateFile } from "./translate.ts";
import type { Segment } from "./types.ts";
import { tokenizeX12, tokenizeX12Stream, type X12Token } from "./x12-tokenizer.ts";

const ISA =
  "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260115*0930*U*00401*000000001*0*P*>~";
const BODY =
  "GS*PO*S*R*20260115*0930*1*X*004010~ST*850*0001~BEG*00*SA*P1**20260115~PO1*1*2*EA*1.5**VN*A>B~SE*4*0001~GE*1*1~IEA*1*000000001~";

const segs = (tokens: X12Token[]): Segment[] =>
  tokens.flatMap((t) => (t.kind === "segment" || t.kind === "isa" ? [t.segment] : []));
const tags = (tokens: X12Token[]) => segs(tokens).map((s) => s.tag);
const codes = (tokens: X12Token[]) =>
  tokens.flatMap((t) => (t.kind === "error" || t.kind === "bad-isa" ? [t.error.code] : []));

describe("X12 delimiters from the ISA", () => {
  it("reads a standard padded ISA", () => {
    const t = tokenizeX12(ISA + BODY);
    expect(tags(t)).toEqual(["ISA", "GS", "ST", "BEG", "PO1", "SE", "GE", "IEA"]);
    const isa = t[0];
    expect(isa.kind === "isa" && isa.delimiters).toEqual({
      element: "*",
      component: ">",
      repetition: null,
      segment: "~",
    });
    expect(codes(t)).toEqual([]);
  });

  it("counts separators instead of using fixed offsets (unpadded fields, 16-char ISA08)", () => {
    const unpadded = "ISA*00**00**ZZ*S*ZZ*RECEIVER_SIXTEEN*260115*0930*U*00401*000000001*0*P*>~";
    const t = tokenizeX12(unpadded + BODY);
    expect(tags(t)[0]).toBe("ISA");
    expect(segs(t)[0].elements[7][0][0]).toBe("RECEIVER_SIXTEEN");
    expect(tags(t)).toContain("IEA");
  });

  it("splits components and, from 00402 on, repetitions (ISA11)", () => {
    const isa = ISA.replace("*U*00401*", "*^*00501*").replace("P*>~", "P*:~");
    const t = tokenizeX12(
      `${isa}GS*PO*S*R*20260115*0930*1*X*005010~ST*850*0001~REF*ZZ*A^B*C:D~SE*3*0001~GE*1*1~IEA*1*000000001~`,
    );
    const ref = segs(t).find((s) => s.tag === "REF")!;
    expect(ref.elements[1]).toEqual([["A"], ["B"]]);
    expect(ref.elements[2]).toEqual([["C", "D"]]);
    const po1 = segs(tokenizeX12(ISA + BODY)).find((s) => s.tag === "PO1")!;
    expect(po1.elements[6]).toEqual([["A", "B"]]);
  });

  it("skips a UTF-8 BOM, CR/LF, tabs and indentation between segments", () => {
    const text = `\uFEFF${ISA}\r\n${BODY.replace(/~/g, "~\r\n\t  ")}`;
    const t = tokenizeX12(text);
    expect(tags(t)).toEqual(["ISA", "GS", "ST", "BEG", "PO1", "SE", "GE", "IEA"]);
    expect(codes(t)).toEqual([]);
  });

  it("accepts a newline as segment terminator", () => {
    const text = `${ISA.replace(/~$/, "\n")}${BODY.replace(/~/g, "\r\n")}`;
    const t = tokenizeX12(text);
    expect(tags(t)).toEqual(["ISA", "GS", "ST", "BEG", "PO1", "SE", "GE", "IEA"]);
    expect(segs(t)[1].elements.at(-1)).toEqual([["004010"]]);
  });

  it("accepts any terminator, including non-printable ones", () => {
    for (const [el, term] of [
      ["|", "!"],
      ["\u001d", "\u001c"],
      ["~", "\n"],
    ]) {
      const text = (ISA + BODY).replace(/~/g, term).replace(/\*/g, el);
      expect(tags(tokenizeX12(text))).toEqual(["ISA", "GS", "ST", "BEG", "PO1", "SE", "GE", "IEA"]);
    }
  });

  it("sees a missing ISA16 when every line ends with the would-be component separator", () => {
    const isa = `${ISA.slice(0, -2)}~\n`; // "…*P*~\n"
    const t = tokenizeX12(isa + BODY.replace(/~/g, "~\n"));
    expect(codes(t)).toContain("ISA16_MISSING");
    expect(segs(t)[1].elements.at(-1)).toEqual([["004010"]]);
  });

  it("joins an ISA wrapped over two lines and reports it", () => {
    const wrapped = ISA.replace("*260115*0930", "*260115*09\n30");
    const t = tokenizeX12(wrapped + BODY);
    expect(segs(t)[0].elements[9][0][0]).toBe("0930");
    expect(codes(t)).toContain("ISA_LINE_BREAK");
  });

  it("rejects a letter as segment terminator (no terminator at all)", () => {
    const t = tokenizeX12(ISA.slice(0, -1) + BODY.replace(/~/g, ""));
    expect(codes(t)).toContain("X12_NO_TERMINATOR");
  });

  it("reads several interchanges with different delimiters in one file", () => {
    const second = (ISA + BODY).replace(/\*/g, "|").replace(/~/g, "\n");
    const t = tokenizeX12(`${ISA}${BODY}\n${second}`);
    expect(tags(t).filter((x) => x === "ISA")).toHaveLength(2);
    expect(tags(t).filter((x) => x === "IEA")).toHaveLength(2);
  });

  it("reports data outside an interchange instead of dropping it", () => {
    const t = tokenizeX12(`hello${ISA}${BODY}trailing`);
    expect(codes(t).filter((c) => c === "DATA_OUTSIDE_INTERCHANGE")).toHaveLength(2);
  });

  it("streams with the same result for any chunking, even 1 character", async () => {
    const text = `\uFEFF${ISA}\n${BODY.replace("PO1*1", "PO1*1*é")}`;
    const whole = tokenizeX12(text);
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      const got: X12Token[] = [];
      for await (const tok of tokenizeX12Stream(chunks)) got.push(tok);
      expect(segs(got)).toEqual(segs(whole));
    }
  });

  it("keeps memory bounded: a 20 MB stream never holds more than one chunk plus one segment", async () => {
    const set = "ST*850*0001~BEG*00*SA*P1**20260115~PO1*1*2*EA*1.5**VN*A~SE*4*0001~";
    const chunk = set.repeat(1000);
    async function* source() {
      yield ISA;
      yield "GS*PO*S*R*20260115*0930*1*X*004010~";
      for (let i = 0; i < 300; i++) yield chunk;
    }
    let count = 0;
    for await (const t of tokenizeX12Stream(source())) if (t.kind === "segment") count++;
    expect(count).toBe(1 + 300 * 1000 * 4);
  });
});

describe("translateFile on X12 edge cases", () => {
  it("never throws and explains input that is not EDI", () => {
    expect(translateFile("hello world").error?.code).toBe("NOT_EDI");
    expect(translateFile("").error?.code).toBe("EMPTY_INPUT");
    expect(translateFile("GS*PO*A*B~ST*850*1~").error?.code).toBe("X12_ISA_MISSING");
    expect(translateFile("BGM+220+1'").error?.code).toBe("EDIFACT_UNB_MISSING");
  });
});

describe("interchange boundaries without trailers", () => {
  it("a new ISA while the previous interchange has no IEA starts a new interchange", () => {
    const first = (ISA + BODY).replace("IEA*1*000000001~", "");
    const second = (ISA + BODY).replace(/000000001/g, "000000002").replace(/\*/g, "|");
    const t = tokenizeX12(`${first}\n${second}`);
    expect(t.filter((x) => x.kind === "isa")).toHaveLength(2);
    const r = translateFile(`${first}\n${second}`);
    expect(r.interchanges).toHaveLength(2);
    expect(r.interchanges[0].errors.map((e) => e.code)).toEqual(["IEA_MISSING"]);
    expect(r.interchanges[1].errors).toEqual([]);
  });
});
