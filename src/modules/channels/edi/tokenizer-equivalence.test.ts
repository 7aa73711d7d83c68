// The scanners give identical tokens — segments, errors, offsets — however the input is chunked: on the
// fixtures, the shared corpus, fuzzed and mutated input, and streams split anywhere (every byte offset of
// corpus-like documents, random chunkings). The scanners were rewritten for speed against a frozen copy
// of the old ones (removed afterwards; see git history before the removal commit).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEdifactScanner, tokenizeEdifact, tokenizeEdifactBatches } from "./edifact-tokenizer.ts";
import { decodeBytes } from "./translate.ts";
import { createX12Scanner, tokenizeX12, tokenizeX12Batches } from "./x12-tokenizer.ts";

interface Scanner {
  push(text: string): unknown[];
  end(): unknown[];
}

const corpusDir = path.resolve(process.cwd(), "../shared/edi-corpus");
const fixtureDir = new URL("./fixtures/", import.meta.url);

function files(): { name: string; bytes: Buffer }[] {
  const out = readdirSync(fixtureDir, { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => ({ name: f.name, bytes: readFileSync(new URL(f.name, fixtureDir)) }));
  if (existsSync(corpusDir)) {
    for (const sub of readdirSync(corpusDir, { withFileTypes: true })) {
      if (!sub.isDirectory()) continue;
      for (const f of readdirSync(path.join(corpusDir, sub.name), { withFileTypes: true }))
        if (f.isFile())
          out.push({
            name: `${sub.name}/${f.name}`,
            bytes: readFileSync(path.join(corpusDir, sub.name, f.name)),
          });
    }
  }
  return out;
}

/** Feed `text` in pieces cut at `cuts` (offsets into the text) and collect every token. */
function scan(make: () => Scanner, text: string, cuts: number[] = []): unknown[] {
  const s = make();
  const out: unknown[] = [];
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= from || c >= text.length) continue;
    out.push(...s.push(text.slice(from, c)));
    from = c;
  }
  out.push(...s.push(text.slice(from)), ...s.end());
  return out;
}

/** Reading `text` whole and cut at `cuts` give the same tokens, for both scanners; neither throws. */
function same(text: string, cuts: number[] = []): void {
  for (const make of [createX12Scanner, createEdifactScanner]) {
    const whole = scan(make, text);
    if (cuts.length > 0) expect(scan(make, text, cuts)).toStrictEqual(whole);
  }
}

async function streamed<T>(
  batches: (chunks: Uint8Array[]) => AsyncGenerator<T[]>,
  chunks: Uint8Array[],
): Promise<T[]> {
  const out: T[] = [];
  for await (const b of batches(chunks)) out.push(...b);
  return out;
}

// Corpus-like documents with every layout quirk the scanners tolerate.
const X12_DOC = [
  "\uFEFFISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260115*0930*U*00403*000000001*0*P*>~\r\n",
  "  GS*PO*S*R*20260115*0930*1*X*004030~\r\n",
  "\tST*850*0001~\n",
  "BEG*00*SA*PO-1**20260115~\n",
  "REF*DP*A^B*C>D~\n",
  "N1*ST*CAFÉ GRÜN 東京*92*DC12~\n",
  "PO1*1*24*CA*18.5000**UP*012345678905*VN*WS-1001>X~\n",
  "PID*F****OLIVE OIL 1L WITH A LINE THAT WAS\n WRAPPED AT A FIXED WIDTH~\n",
  "CTT*1\nSE*8*0001~~\n",
  "GE*1*1~\n",
  "IEA*1*000000001~\n",
  "junk between interchanges\n",
  "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |260115|0930|U|00401|000000002|0|P|:\n",
  "GS|PO|S|R|20260115|0930|2|X|004010\n",
  "ST|850|0002\r\n",
  "PO1|1|2|EA|1.5||VN|A:B\n",
  "SE|3|0002\n",
  "GE|1|2\n",
  "IEA|1|000000002\n",
  "ISA*00*          *00*          *ZZ*S              *ZZ*R              *260115*0930*U*00401*000000003*0*P*:\u001c",
  "GS*PO*S*R*20260115*0930*3*X*004010\u001cST*850*0003\u001cSE*2*0003\u001cGE*1*3\u001cIEA*1*000000003\u001c",
  "trailing",
].join("");

const EDIFACT_DOC = [
  "\uFEFFUNA:+.? '\r\n",
  "UNB+UNOC:4+SENDER:14+RECEIVER:14+260115:0930+REF1'\r\n",
  "  UNH+1+ORDERS:D:96A:UN:EAN008'\r\n",
  "BGM+220+ORD?+5521+9'\n",
  "FTX+AAI+++Grüße?: call ?'2h?' before?? delivery'\n",
  "NAD+BY+4012345000009::9++Grossmarkt Nord Gmb\nH+Hafenstrasse 7'\n",
  "RFF+ON:1*ON:2'\n",
  "QTY+21:12,5:KGM''\n",
  "UNT+7+1'\n",
  "UNZ+1+REF1'\n",
  "UNA=*,! ~UNB*UNOA=3*S*R*260115=0930*R2~UNH*1*X=D=96A=UN~FTX*AAI***a!~b!!c~UNT*3*1~UNZ*1*R2~\n",
  'UNB"UNOB=1"S"R"260115=0930"R3;UNH"1"X=D=96A=UN;QTY"21=2;UNT"3"1;UNZ"1"R3;',
  "UNH+9+X:D:96A:UN'QTY+21",
].join("");

describe("scanners give the same tokens however the input is chunked", () => {
  it("on every fixture and corpus file, whole and in 64 KB, 4 KB and 7-character pieces", () => {
    for (const { name, bytes } of files()) {
      const text = decodeBytes(bytes);
      try {
        same(text);
        for (const size of [1 << 16, 4096, 7]) {
          const cuts: number[] = [];
          for (let i = size; i < text.length; i += size) cuts.push(i);
          same(text, cuts);
        }
      } catch (e) {
        throw new Error(`${name}: ${e instanceof Error ? e.message : e}`);
      }
    }
  });

  it("on the quirky documents, split at every character", () => {
    for (const doc of [X12_DOC, EDIFACT_DOC]) {
      same(doc);
      for (let k = 1; k < doc.length; k++) same(doc, [k]);
    }
  });

  it("on random EDI-like text, random chunkings", () => {
    const alphabet = fc.constantFrom(
      ..."ISAGSTEUNABHZ0123456789 *~:^>|!+'?\n\r\t\u001c\u00e9\uFEFF".split(""),
      "ISA*",
      "UNA:+.? '",
      "UNB+UNOC:4+",
      "IEA*1*1~",
      "UNZ+1+1'",
      "~\r\n",
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 300 }).map((a) => a.join("")),
        fc.array(fc.nat({ max: 400 }), { maxLength: 5 }),
        (text, cuts) => same(text, cuts),
      ),
      { numRuns: 500 },
    );
  });

  it("on mutations of the quirky documents and the fixtures, random chunkings", () => {
    const seeds = [
      X12_DOC,
      EDIFACT_DOC,
      ...files()
        .slice(0, 40)
        .map((f) => decodeBytes(f.bytes)),
    ];
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(
          fc.record({
            at: fc.nat(),
            cut: fc.nat({ max: 20 }),
            insert: fc.string({
              unit: fc.constantFrom(..."*~:^>|+'?\n\r \u001cISAUN".split("")),
              maxLength: 6,
            }),
          }),
          { maxLength: 6 },
        ),
        fc.array(fc.nat({ max: 5000 }), { maxLength: 4 }),
        (i, muts, cuts) => {
          let text = seeds[i];
          for (const m of muts) {
            const at = text.length === 0 ? 0 : m.at % text.length;
            text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
          }
          same(text, cuts);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("streaming equals whole-string reading", () => {
  it("X12: a document split into two byte chunks at every offset", async () => {
    const bytes = new TextEncoder().encode(X12_DOC);
    // The stream decoder drops a leading BOM, so the whole string to compare with is decoded the same way.
    const whole = tokenizeX12(new TextDecoder().decode(bytes));
    for (let k = 0; k <= bytes.length; k++) {
      const got = await streamed(tokenizeX12Batches, [bytes.subarray(0, k), bytes.subarray(k)]);
      if (JSON.stringify(got) !== JSON.stringify(whole)) expect({ k, got }).toStrictEqual({ k, got: whole });
    }
  });

  it("EDIFACT: a document split into two byte chunks at every offset", async () => {
    const bytes = new TextEncoder().encode(EDIFACT_DOC);
    const whole = tokenizeEdifact(new TextDecoder().decode(bytes));
    for (let k = 0; k <= bytes.length; k++) {
      const got = await streamed(tokenizeEdifactBatches, [bytes.subarray(0, k), bytes.subarray(k)]);
      if (JSON.stringify(got) !== JSON.stringify(whole)) expect({ k, got }).toStrictEqual({ k, got: whole });
    }
  });
});
