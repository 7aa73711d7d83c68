// fast-check: tokenize(write(x)) = x for generated documents, X12 and EDIFACT.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenizeEdifact } from "./edifact-tokenizer.ts";
import { writeEdifactInterchange } from "./edifact-writer.ts";
import type { EdifactDelimiters, Segment, X12Delimiters } from "./types.ts";
import { tokenizeX12 } from "./x12-tokenizer.ts";
import { writeX12Interchange } from "./x12-writer.ts";

const tag = fc
  .stringMatching(/^[A-Z][A-Z0-9]{2}$/)
  .filter((t) => !/^(IS[AEB]|IEA|GS|GE|ST|SE|TA1|UN[ABGEHTZ])/.test(t));
// X12 values: printable, no delimiters, no leading whitespace (between-segment whitespace is skipped).
const x12Value = fc.stringMatching(/^[A-Za-z0-9 .,\-/#&()%@!']{0,12}$/).filter((v) => !/^\s/.test(v));
const x12Element = fc.array(fc.array(x12Value, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 2,
});
const x12Segment = fc.record({ tag, elements: fc.array(x12Element, { minLength: 1, maxLength: 6 }) });

const x12Delims = fc.constantFrom<X12Delimiters>(
  { element: "*", component: ">", repetition: "^", segment: "~" },
  { element: "|", component: ":", repetition: "{", segment: "\n" },
  { element: "\u001d", component: "\u001f", repetition: "\u001e", segment: "\u001c" },
);

// EDIFACT values may contain the delimiters themselves: the writer escapes them with '?'.
const efValue = fc
  .stringMatching(/^[A-Za-z0-9 .,\-/+:'?*]{0,12}$/)
  .filter((v) => !/^\s/.test(v) && !/[\r\n]/.test(v));
const efElement = fc.array(fc.array(efValue, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 });
const efSegment = fc.record({ tag, elements: fc.array(efElement, { minLength: 1, maxLength: 6 }) });

function x12Bodies(text: string): Segment[][] {
  const sets: Segment[][] = [];
  let cur: Segment[] | null = null;
  for (const t of tokenizeX12(text)) {
    if (t.kind !== "segment") continue;
    if (t.segment.tag === "ST") cur = [];
    else if (t.segment.tag === "SE") {
      sets.push(cur!);
      cur = null;
    } else cur?.push(t.segment);
  }
  return sets;
}

describe("property: tokenize(write(x)) = x", () => {
  it("X12, any delimiters, with components and repetitions", () => {
    fc.assert(
      fc.property(
        x12Delims,
        fc.array(fc.array(x12Segment, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        (d, sets) => {
          const text = writeX12Interchange(
            {
              sender: { qualifier: "ZZ", id: "A" },
              receiver: { qualifier: "ZZ", id: "B" },
              controlNumber: 1,
              date: new Date(0),
              isaVersion: "00501",
            },
            [
              {
                functionalId: "PO",
                appSender: "A",
                appReceiver: "B",
                controlNumber: 1,
                version: "005010",
                sets: sets.map((body, i) => ({ type: "850", controlNumber: i + 1, body })),
              },
            ],
            { delimiters: d },
          );
          expect(x12Bodies(text)).toEqual(sets);
          expect(tokenizeX12(text).filter((t) => t.kind === "error" || t.kind === "bad-isa")).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("EDIFACT, syntax 3 and 4, values containing delimiters", () => {
    const delims = fc.constantFrom<EdifactDelimiters>(
      { component: ":", element: "+", decimal: ".", release: "?", repetition: "*", segment: "'" },
      { component: "=", element: "*", decimal: ",", release: "!", repetition: "^", segment: "~" },
    );
    fc.assert(
      fc.property(delims, fc.array(efSegment, { minLength: 1, maxLength: 10 }), (d, body) => {
        const text = writeEdifactInterchange(
          {
            sender: { id: "A", qualifier: "14" },
            receiver: { id: "B", qualifier: "14" },
            controlRef: "1",
            date: new Date(0),
            syntax: { id: "UNOC", version: "4" },
          },
          [{ ref: "1", identifier: ["ORDERS", "D", "96A", "UN"], body }],
          { delimiters: d },
        );
        const segs = tokenizeEdifact(text).flatMap((t) => (t.kind === "segment" ? [t.segment] : []));
        expect(segs.slice(2, -2)).toEqual(body);
      }),
      { numRuns: 150 },
    );
  });
});
